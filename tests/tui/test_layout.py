"""Layout at 80x24 and 200x60, the claims panel, the document list's sort and filter, the
command palette.

The claims panel, the palette and the list's sort and filter are checked on what one app run
saw (``panels``), each test its own part of it: one app start instead of three."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nkterm.index import Index
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import (
    SIZE,
    Seen,
    build_index,
    drive_once,
    make_app,
    press,
    screen_text,
    settle,
    type_text,
)


async def test_80x24_shows_one_pane_at_a_time(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.documents.list_view.size.width >= 78, "the list takes the width"
        assert not screen.reader.is_on_screen
        await press(pilot, "enter")
        assert screen.reader.doc_id == PHOTO
        assert screen.reader.size.width >= 78, "the reader takes the width"
        assert screen.reader.size.height >= 15
        assert not screen.documents.list_view.is_on_screen
        text = screen_text(app)
        assert "While American photographer Sam Gellman" in text
        footer = text.splitlines()[-1]
        assert "l list" in footer and "? help" in footer  # the way back is on screen

        await press(pilot, "l")  # back to the list
        assert screen.documents.list_view.is_on_screen and app.focused is screen.documents.list_view
        await press(pilot, "j", "enter")
        assert screen.reader.doc_id == BLOGGER
        await press(pilot, "tab")  # from the reader, tab goes to the list (no claims panel)
        assert app.focused is screen.documents.list_view
        await press(pilot, "tab")
        assert app.focused is screen.reader

        await press(pilot, "a")  # the claims panel stacks under the reader
        claims = screen.claims
        assert claims.list_view.is_on_screen and screen.reader.is_on_screen
        assert claims.region.y > screen.reader.region.y


async def test_200x60_uses_the_width_for_three_panes(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        list_region, reader_region, claims_region = (
            screen.documents.region,
            screen.reader.region,
            screen.claims.region,
        )
        assert list_region.right <= reader_region.x < reader_region.right <= claims_region.x
        assert reader_region.width >= 80 and claims_region.width >= 50
        assert reader_region.height >= 50
        count = len(app.library.claims(screen.reader.doc_id))
        assert count > 10 and f"Claims {count} of {count}" in screen_text(app)


def _photo_claims(env: tuple[Path, Path]) -> list:  # type: ignore[type-arg]
    index = Index(*env)
    try:
        return sorted(index.claims(PHOTO), key=lambda c: (c.start, c.end))
    finally:
        index.close()


@pytest.fixture(scope="module")
def panels(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """One reader over the seeds at 120x40: the palette (from the start, no document open), the
    document list's sort and filter (the list focused again; its filter opens the photo
    essay), then the claims panel of that document: what each step showed."""

    async def drive(seen: Seen) -> None:
        app = make_app(seeds_env)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _palette(pilot, app, seen)
            app.screen.documents.list_view.focus()  # as at start
            await settle(pilot)
            await _sort_and_filter(pilot, app, seen)
            app.screen.reader.focus()  # on the document the filter opened, as after enter
            await press(pilot, "w")  # every claim again (the palette chose check-worthy only)
            seen["claims.every claim"] = not app.screen.check_worthy_only
            await _claims_panel(pilot, app, seen)

    return drive_once(tmp_path_factory, drive)


async def _claims_panel(pilot: Any, app: Any, seen: Seen) -> None:
    await press(pilot, "a")
    screen = app.screen
    panel = screen.claims
    seen["claims.open"] = (screen.reader.doc_id, app.focused is panel.list_view, list(panel.list_view.rows))
    await press(pilot, "j", "j")
    seen["claims.j j"] = screen.reader.current_claim
    await press(pilot, "enter")
    seen["claims.enter reader focused"] = app.focused is screen.reader
    await press(pilot, "tab")  # to the claims panel
    seen["claims.tab panel focused"] = app.focused is panel.list_view
    await press(pilot, "t")  # first kind: quantity
    seen["claims.t"] = (panel.kind, list(panel.list_view.rows), screen_text(app))
    await press(pilot, "w")  # check-worthy only reaches the panel too
    seen["claims.w"] = list(panel.list_view.rows)


async def _palette(pilot: Any, app: Any, seen: Seen) -> None:
    await press(pilot, "ctrl+p")
    await type_text(pilot, "travel")
    await settle(pilot)  # the palette's matching is a worker: waited for
    await press(pilot, "enter")
    seen["palette.travel"] = app.screen.reader.doc_id
    seen["palette.before"] = app.screen.check_worthy_only
    await press(pilot, "ctrl+p")
    await type_text(pilot, "worthy")
    await settle(pilot)  # the palette's matching is a worker: waited for
    await press(pilot, "enter")
    seen["palette.worthy"] = app.screen.check_worthy_only


async def _sort_and_filter(pilot: Any, app: Any, seen: Seen) -> None:
    documents = app.screen.documents
    ids = lambda: [s.id for s in documents.list_view.rows]  # noqa: E731
    seen["sort.start"] = ids()
    await press(pilot, "s")  # by date, newest first: the seeds have no dates, title order stays
    seen["sort.newest"] = (ids(), screen_text(app))
    await press(pilot, "s", "s")  # oldest first, then by words, longest first
    seen["sort.words"] = (ids(), screen_text(app))
    await press(pilot, "s")  # by claims
    seen["sort.claims"] = ids()
    await press(pilot, "f")
    await type_text(pilot, "insider")  # the photo essay's source
    seen["filter"] = (ids(), screen_text(app))
    await press(pilot, "enter")  # enter in the filter opens the document under the cursor
    seen["filter.enter"] = app.screen.reader.doc_id
    await press(pilot, "l", "l", "f", "escape")  # escape clears the filter
    seen["filter.escape"] = ids()


def test_claims_panel_lists_claims_in_order_filters_by_kind_and_moves_the_reader(
    seeds_env: tuple[Path, Path], panels: Seen
) -> None:
    claims = _photo_claims(seeds_env)
    assert panels["claims.every claim"]
    doc, focused, rows = panels["claims.open"]
    assert doc == PHOTO
    assert focused, "a: the claims panel takes the focus"
    assert rows == claims
    assert panels["claims.j j"] == claims[2], "the reader follows the panel"
    assert panels["claims.enter reader focused"]
    assert panels["claims.tab panel focused"], "tab: to the claims panel"
    kind, rows, text = panels["claims.t"]
    assert kind == "quantity"
    assert rows == [c for c in claims if "quantity" in c.kinds]
    assert f"Claims {len(rows)} of {len(claims)}" in text
    assert panels["claims.w"] == [c for c in claims if "quantity" in c.kinds and c.check_worthy], (
        "check-worthy only reaches the panel too"
    )


def test_document_list_sorts_and_filters(panels: Seen) -> None:
    assert panels["sort.start"] == [PHOTO, BLOGGER]  # by title
    ids, text = panels["sort.newest"]
    assert ids == [PHOTO, BLOGGER]  # by date, newest first: no dates, title order stays
    assert "Documents (2, undated) · newest first" in text
    ids, text = panels["sort.words"]
    assert ids == [BLOGGER, PHOTO]  # the blogger has 865 words
    assert "Documents (2) · by words" in text
    assert panels["sort.claims"] == [BLOGGER, PHOTO]  # by claims: the blogger has more
    ids, text = panels["filter"]
    assert ids == [PHOTO]
    assert "Documents (1 of 2)" in text
    assert panels["filter.enter"] == PHOTO, "enter in the filter opens the document under the cursor"
    assert panels["filter.escape"] == [BLOGGER, PHOTO], "escape clears the filter"


def test_command_palette_opens_documents_and_runs_commands(panels: Seen) -> None:
    assert panels["palette.travel"] == BLOGGER
    assert panels["palette.before"] is False
    assert panels["palette.worthy"] is True


@pytest.fixture(scope="module")
def sixty_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Sixty one-line documents and their index (read only: built once for both heights)."""
    root = tmp_path_factory.mktemp("sixty")
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"d{i:02}.txt").write_text(f"Title number {i:02}\n\nThe council said {i} roads closed.\n")
    return corpus, build_index(corpus, root / "index")


@pytest.mark.parametrize("height", [40, 41])
async def test_the_list_never_starts_with_half_a_row(sixty_env: tuple[Path, Path], height: int) -> None:
    app = make_app(sixty_env)
    async with app.run_test(size=(120, height)) as pilot:
        await settle(pilot)
        view = app.screen.documents.list_view
        for keys in (["G"], ["g", "pagedown", "pagedown"], ["s", "G", "s"], ["g", "j"] * 20):
            await press(pilot, *keys)
            assert view.scroll_offset.y % view.ROW_HEIGHT == 0, f"after {keys}"
            first = "".join(s.text for s in view.render_line(0)).strip()
            assert first.startswith("Title number"), f"after {keys}: {first!r}"
            assert view.cursor * view.ROW_HEIGHT >= view.scroll_offset.y  # and the cursor is on screen
            assert (view.cursor + 1) * view.ROW_HEIGHT <= view.scroll_offset.y + view.size.height
