"""The reader at 80x24, as a person used it in tmux (session 12): what a screen says is read whole,
not cut at the right edge. One reader over the seeds (``narrow``) serves the screen tests; each
looks at what one step of it showed.

Seen in tmux at 80x24 before the fixes: the "did you mean" line lost its end ("(enter or click to
search"), the help cut the binding ids a config file needs ("reader.previous-sent…"), the
corroboration's title lost its keys ("· e…") and the list below it said the title's verdict
again, the comparison's counts lost "only in B" and its status line lost "tab: next pane", and a
pair's row said its terms twice ("same topic: North Korea, people, korea  shared: North Korea,
people, korea")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from rich.text import Text

from nkterm.models import SearchResult
from nkterm.render import explanation
from nkterm.tui.screens.compare import CompareScreen
from nkterm.tui.screens.corroborate import CorroborateScreen
from nkterm.tui.screens.help import HelpScreen
from tests.conftest import BLOGGER
from tests.tui.compare_fixtures import claim_with_results, walk_to_claim
from tests.tui.conftest import (
    SIZE,
    Seen,
    build_index,
    drive_steps,
    make_app,
    press,
    screen_text,
    searched,
    settle,
    type_text,
    wait_until,
)

NARROW = (80, 24)


@pytest.fixture(scope="module")
def narrow(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    i, claim, _results = claim_with_results(seeds_env, BLOGGER)

    async def typo(pilot: Any, app: Any, seen: Seen) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "title:pyongyng")
        await searched(pilot)
        result: SearchResult | None = app.screen.bar.result
        seen["typo"] = (result.suggestion if result else None, screen_text(app))
        await press(pilot, "escape")

    async def keys(pilot: Any, app: Any, seen: Seen) -> None:
        await press(pilot, "question_mark")
        screen = app.screen
        pages = [screen_text(app)]
        box = screen.query_one("#help-box")
        while box.scroll_y < box.max_scroll_y and len(pages) < 100:
            # a page less a line at a time: each row is seen whole on some page
            box.scroll_to(y=box.scroll_y + box.scrollable_content_region.height - 2, animate=False)
            await settle(pilot)
            pages.append(screen_text(app))
        ids = [i for _title, rows in getattr(screen, "sections", ()) for _k, _d, i in rows if i]
        seen["help"] = (type(screen), pages, ids)
        await press(pilot, "escape")

    async def corroborate(pilot: Any, app: Any, seen: Seen) -> None:
        await walk_to_claim(pilot, claim, i)
        await press(pilot, "o")
        screen = app.screen
        await settle(pilot)
        seen["corroborate"] = (type(screen), getattr(screen, "report", None), screen_text(app))
        await press(pilot, "escape")

    async def compare(pilot: Any, app: Any, seen: Seen) -> None:
        await press(pilot, "c", "enter")  # the picker lists the other seed: compare with it
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert await wait_until(pilot, lambda: screen.alignment is not None and screen.current is not None)
        await settle(pilot)
        seen["compare"] = (screen.alignment, screen.current, screen_text(app))

    return drive_steps(
        tmp_path_factory, seeds_env, typo, keys, corroborate, compare, doc_id=BLOGGER, size=NARROW
    )


def test_did_you_mean_is_read_whole(narrow: Seen) -> None:
    suggestion, text = narrow["typo"]
    assert suggestion == "title:pyongyang"
    assert "Did you mean: title:pyongyang ?" in text
    assert "for it)" in text, "the line wraps: its end is on screen\n" + text


def test_the_help_shows_every_binding_id_whole(narrow: Seen) -> None:
    screen, pages, ids = narrow["help"]
    assert screen is HelpScreen
    assert len(pages) > 3 and "reader.toggle-check-worthy" in ids
    text = "\n".join(pages)
    shown = set(text.split())
    assert [i for i in ids if i not in shown] == [], "every id is on some page, whole"
    assert "…" not in text, "nothing in the help is cut\n" + text


def test_the_corroboration_title_is_read_whole_and_said_once(narrow: Seen) -> None:
    screen, report, text = narrow["corroborate"]
    assert screen is CorroborateScreen and report is not None
    assert report.weak and not report.found, "the seeds: weak matches only"
    verdict = "no passage in the corpus discusses this"
    assert text.count(verdict) == 1, text
    assert "w lists them" in text and "esc back" in text, "the title wraps: its end is on screen\n" + text


def test_the_comparison_counts_and_keys_are_read_whole(narrow: Seen) -> None:
    alignment, current, text = narrow["compare"]
    assert f"{len(alignment.only_b)} only in B" in " ".join(text.split()), text
    status = [line for line in text.splitlines() if line.startswith(" sync on (s)")]
    assert status and "tab: next pane" in status[0], text
    assert "(1 of " in status[0], "the place in the list comes before the reason"
    reason = current.pair.reason
    for term in current.pair.shared_terms:
        assert text.count(term) >= 1
    first = [line for line in text.splitlines() if line.startswith("  1. ")]
    assert first and reason[:30] in first[0]
    assert "shared: " + ", ".join(current.pair.shared_terms) not in text, "the reason's terms, not again"


def test_a_pairs_shared_terms_are_said_once() -> None:
    style = Style()

    def said(reason: str, *terms: str) -> str:
        return explanation(Text(), reason, terms, reason_style=style, meta=style, joint="  ").plain

    reason = "same topic: North Korea, people, korea"
    assert said(reason, "North Korea", "people", "korea") == reason
    assert said(reason, "North Korea", "people", "korea", "tours") == reason + "  also shared: tours"
    assert said("identical text", "budget", "brown") == "identical text  shared: budget, brown"
    # a term inside another is not named by it: "korea" is not "North Korea"
    assert said("same topic: North Korea", "korea") == "same topic: North Korea  shared: korea"


async def test_results_without_date_or_source_say_which_document(tmp_path: Path) -> None:
    """Two BBC stories with one title ("Brown names 16 March for Budget", politics/077 and 354)
    looked the same in the results: a document with no date or source shows its id."""
    corpus = tmp_path / "corpus"
    for folder, name, extra in (("politics", "077", ""), ("business", "354", " It is his ninth.")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / f"{name}.txt").write_text(
            "Brown names 16 March for Budget\n\nThe chancellor will deliver his Budget on 16 March."
            + extra
            + "\n"
        )
    app = make_app((corpus, build_index(corpus, tmp_path / "index")))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "chancellor")
        await searched(pilot)
        hits = app.screen.bar.result.hits
        assert {hit.id for hit in hits} == {"politics/077", "business/354"}
        assert not any(hit.date or hit.source for hit in hits)
        rows = [line for line in screen_text(app).splitlines() if ". Brown names 16 March" in line]
        assert len(rows) == 2  # the title lines ("  1. ..."), not the snippets
        assert any("politics/077" in row for row in rows) and any("business/354" in row for row in rows), rows


async def test_a_reader_narrowed_and_widened_keeps_the_text(seeds_env: tuple[Path, Path]) -> None:
    """A terminal resized from 120 to 80 columns while reading showed the document list (one
    pane at a time) and gave it the focus: j then moved the list, and esc from a comparison
    opened there came back to the list. The pane the user was in stays; widened again, the
    list is beside the text as before."""
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        await press(pilot, "j")
        assert app.focused is main.reader and "Documents (2)" in screen_text(app)
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        text = screen_text(app)
        assert app.focused is main.reader, "the text keeps the focus"
        assert "Documents (2)" not in text and text.splitlines()[-1].startswith(" [ ] claim"), text
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert "Documents (2)" in screen_text(app), "the list beside the text again"
        assert app.focused is main.reader

        await press(pilot, "shift+tab")  # the list: narrowed now, the list is what shows
        assert app.focused is main.documents.list_view
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        assert app.focused is main.documents.list_view and "Documents (2)" in screen_text(app)


async def test_the_first_list_at_80_columns_says_how_to_open_a_document(seeds_env: tuple[Path, Path]) -> None:
    """First run at 80x24: the list filled the screen and only the footer's "⏎ open" said what
    to do (the reader's welcome, "Choose a document in the list (enter)…", is in the hidden
    pane). A line above the list says it until a document has been opened; at 120 columns the
    welcome beside the list says it."""
    hint = "enter opens it · / searches the text · ? every key"
    app = make_app(seeds_env)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert lines[1].startswith(" Documents (2)") and lines[2].startswith(" j k choose a document"), lines[
            :4
        ]
        assert lines[2].rstrip().endswith(hint), "whole, on one line"
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen.reader.doc_id is not None and hint not in screen_text(app)
        await press(pilot, "l")  # back to the list: the user knows how now
        await settle(pilot)
        text = screen_text(app)
        assert "Documents (2)" in text and hint not in text, text
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert hint not in screen_text(app)


async def test_the_first_list_narrowed_says_how_to_open_a_document(seeds_env: tuple[Path, Path]) -> None:
    """At 120 columns the reader's welcome beside the list says it; narrowed before a document
    is opened, the list fills the screen and the line above it says it."""
    hint = "enter opens it · / searches the text · ? every key"
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Choose a document in the list (enter)" in text and hint not in text
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        assert hint in screen_text(app)
