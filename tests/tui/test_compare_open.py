"""Opening the comparison as a person does: ``c`` and the picker (escape cancels), the palette's
compare commands, ``nkterm compare A B``. The picker and the palette are checked on what one app
run saw (``picked``). Expected pairs come from ``nkterm.compare`` on the same real index."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from nkterm.tui.screens.compare import CompareScreen
from nkterm.tui.screens.compare_picker import ComparePicker
from nkterm.tui.screens.main import MainScreen
from nkterm.tui.widgets.pair_list import SYMBOLS, WORDS, CompareItem
from tests.conftest import BLOGGER, PHOTO
from tests.tui.compare_fixtures import (
    align_docs,
    assert_item_shown,
    open_comparison,
    pairs_in_a_order,
)
from tests.tui.conftest import (
    SIZE,
    Seen,
    drive_steps,
    make_app,
    press,
    screen_text,
    settle,
    type_text,
)

# -- opening ---------------------------------------------------------------------------------------


def _not_shown(app: Any, screen: CompareScreen, item: CompareItem) -> str | None:
    """Why ``item`` is not shown as ``assert_item_shown`` wants it (None: it is)."""
    try:
        assert_item_shown(app, screen, item)
    except AssertionError as error:
        return repr(error)
    return None


@pytest.fixture(scope="module")
def picked(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """One reader over the seeds: c with nothing open and escape; the photo essay, c, the
    picker filtered, the comparison and escape; then the palette's compare commands: what each
    step showed."""
    return drive_steps(tmp_path_factory, seeds_env, _picker, _palette_compare)


async def _picker(pilot: Any, app: Any, seen: Seen) -> None:
    await press(pilot, "c")  # nothing open: the document under the list's cursor
    seen["c nothing open"] = type(app.screen)
    await press(pilot, "escape")
    seen["c escape"] = type(app.screen)
    await press(pilot, "enter")  # the photo essay
    seen["enter"] = app.screen.reader.doc_id
    await press(pilot, "c")
    picker = app.screen
    seen["c"] = (type(picker), screen_text(app), [s.id for s in picker.list_view.rows])
    await type_text(pilot, "zzz")  # filter: nothing matches
    seen["zzz"] = (list(picker.list_view.rows), screen_text(app))
    await press(pilot, "backspace", "backspace", "backspace")
    await type_text(pilot, "binsky")
    seen["binsky"] = [s.id for s in picker.list_view.rows]
    await press(pilot, "enter")
    await settle(pilot)
    screen = app.screen
    seen["opened"] = (
        type(screen),
        getattr(screen, "alignment", None) is not None,
        (screen.a_id, screen.b_id),
        (screen.view("a").doc_id, screen.view("b").doc_id),
        list(screen.pair_list.rows),
        screen_text(app),
    )
    seen["first shown"] = _not_shown(app, screen, screen.pair_list.rows[0])
    await press(pilot, "escape")
    seen["opened escape"] = (type(app.screen), app.screen.reader.doc_id)


async def _palette_compare(pilot: Any, app: Any, seen: Seen) -> None:
    """From the photo essay open in the reader (as ``_picker`` leaves it)."""
    await press(pilot, "ctrl+p")
    await type_text(pilot, "compare with travel")
    await settle(pilot)  # the palette's matching is a worker: waited for
    seen["palette.text"] = screen_text(app)
    await press(pilot, "enter")
    await settle(pilot)
    seen["palette.opened"] = (type(app.screen), (app.screen.a_id, app.screen.b_id))
    await press(pilot, "escape")
    seen["palette.escape"] = type(app.screen)
    await press(pilot, "ctrl+p")
    await type_text(pilot, "another document")
    await settle(pilot)  # the palette's matching is a worker: waited for
    await press(pilot, "enter")
    seen["palette.another"] = type(app.screen)


def test_c_and_the_picker_open_the_comparison_and_escape_cancels(
    seeds_env: tuple[Path, Path], picked: Seen
) -> None:
    expected = align_docs(seeds_env, PHOTO, BLOGGER)
    assert picked["c nothing open"] is ComparePicker, "c with nothing open: the picker"
    assert picked["c escape"] is MainScreen, "escape in the picker cancels"
    assert picked["enter"] == PHOTO
    screen, text, rows = picked["c"]
    assert screen is ComparePicker
    assert "Compare PHOTOS: A Glimpse Of Ordinary Life In North Korea with…" in text
    assert rows == [BLOGGER], "every other document, not itself"
    rows, text = picked["zzz"]
    assert rows == [] and "no documents" in text, "filter: nothing matches"
    assert picked["binsky"] == [BLOGGER]

    screen, aligned, ids, views, pairs_shown, text = picked["opened"]
    assert screen is CompareScreen
    assert aligned, "the alignment arrived"
    assert ids == (PHOTO, BLOGGER)
    assert views == (PHOTO, BLOGGER)
    pairs = pairs_in_a_order(expected)
    assert pairs_shown == pairs
    count = {r: sum(1 for p in expected.pairs if p.relation == r) for r in ("agrees", "differs", "related")}
    assert (
        f"pairs: {len(pairs)} listed (f) · {len(expected.pairs)} pairs: {count['agrees']} agree, "
        f"{count['differs']} differ, {count['related']} related" in text
    )
    first = pairs[0].pair
    assert first is not None
    head = f"1. {SYMBOLS[pairs[0].kind]} {WORDS[pairs[0].kind].upper()}  {first.similarity:.2f}  "
    assert head + first.reason[:30] in text, "every pair says why"
    assert picked["first shown"] is None, "the first pair is shown at once"
    assert picked["opened escape"] == (MainScreen, PHOTO)


def test_the_palette_offers_compare_with(picked: Seen) -> None:
    assert "Compare with: Travel blogger Drew Binsky" in picked["palette.text"]
    assert picked["palette.opened"] == (CompareScreen, (PHOTO, BLOGGER))
    assert picked["palette.escape"] is MainScreen
    assert picked["palette.another"] is ComparePicker, "the command that opens the picker"


async def test_run_app_compare_opens_on_the_comparison(seeds_env: tuple[Path, Path]) -> None:
    expected = align_docs(seeds_env, BLOGGER, PHOTO)
    app = make_app(seeds_env, compare=(BLOGGER, PHOTO))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_comparison(pilot, seeds_env)
        assert (screen.a_id, screen.b_id) == (BLOGGER, PHOTO)
        assert screen.pair_list.rows == pairs_in_a_order(expected)
        a, b = screen.panes["a"].region, screen.panes["b"].region
        assert a.y == b.y and a.right <= b.x, "side by side at 120 columns"
        assert a.width >= 55 and b.width >= 55 and a.height >= 20, (a, b)
        assert app.focused is screen.view("a")
        text = screen_text(app)
        assert "A  Travel blogger Drew Binsky" in text and "B  PHOTOS: A Glimpse" in text
        assert "sync on (s)" in text
        await press(pilot, "escape")  # on to the reader
        assert isinstance(app.screen, MainScreen)

        # the other way round, from the reader: the same screen, pointed at the new pair
        await press(pilot, "enter")
        assert app.screen.reader.doc_id == PHOTO
        await press(pilot, "c", "enter")
        again = await open_comparison(pilot, seeds_env)
        assert again is screen
        assert (again.a_id, again.b_id) == (PHOTO, BLOGGER)
        assert again.view("a").doc_id == PHOTO and again.view("b").doc_id == BLOGGER
        reverse = pairs_in_a_order(align_docs(seeds_env, PHOTO, BLOGGER))
        assert again.pair_list.rows == reverse and again.current == reverse[0]
        assert_item_shown(app, again, reverse[0])
        assert "A  PHOTOS: A Glimpse" in screen_text(app)


def test_the_command_line_hands_over_to_the_screen(
    seeds_env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal `nkterm compare A B` runs the TUI with compare=(A, B)."""
    import nkterm.tui.app
    from nkterm.cli import main
    from nkterm.tui.services import ReaderServices

    calls: list[dict[str, Any]] = []

    def fake_run_app(services: ReaderServices, doc_id: str | None = None, compare: Any = None) -> int:
        calls.append({"corpus": services.corpus, "index_dir": services.index_dir, "compare": compare})
        return 0

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(nkterm.tui.app, "run_app", fake_run_app)
    monkeypatch.setattr(sys, "stdout", Terminal())
    corpus, index_dir = seeds_env
    assert main(["compare", BLOGGER, PHOTO, "--corpus", str(corpus), "--index", str(index_dir)]) == 0
    assert calls == [{"corpus": corpus, "index_dir": index_dir, "compare": (BLOGGER, PHOTO)}]
    assert sys.stdout.getvalue() == ""  # no text report as well
