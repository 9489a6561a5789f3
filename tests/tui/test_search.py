"""Search in the reader: results as you type, open with the hits, walk them with n/N across
documents, errors and "did you mean".

Most checks read what one app run saw (``searching``: one search after the other, each from a
cleared bar, as a person searches again), each test its own part of it: one app start instead
of eight. The debounce test (it watches the bar's timers) and the 120/80-column test have
their own."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.timer import Timer
from textual.widget import Widget

from nkterm.tui.screens.search import SearchScreen
from nkterm.tui.widgets.search_bar import DEBOUNCE, SearchBar
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import (
    SIZE,
    Seen,
    drive_once,
    make_app,
    press,
    screen_text,
    searched,
    send_keys,
    settle,
    type_text,
)


async def _search(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "slash")
    await type_text(pilot, text)
    await searched(pilot)


async def _search_again(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """/ and ``text`` in place of the last query (the bar reopens with it)."""
    await press(pilot, "slash", "ctrl+u")
    await type_text(pilot, text)
    await searched(pilot)


@pytest.fixture(scope="module")
def searching(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """One reader over the seeds, searched again and again: what each search showed, by name."""

    async def drive(seen: Seen) -> None:
        app = make_app(seeds_env)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for step in (_syntax_error, _did_you_mean, _clicked_suggestion, _fields, _as_you_type):
                await step(pilot, app, seen)
                await press(pilot, "escape")
            await _hits_in_a_document(pilot, app, seen)
            await _hits_across_documents(pilot, app, seen)
            await _another_result(pilot, app, seen)

    return drive_once(tmp_path_factory, drive)


async def _syntax_error(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, '"north korea')
    seen["syntax.text"] = screen_text(app)
    seen["syntax.hits"] = app.screen.bar.results.hits


async def _did_you_mean(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "badmintn")
    seen["mean.text"] = screen_text(app)
    await press(pilot, "enter")
    await searched(pilot)
    bar = app.screen.bar
    seen["mean.applied"] = (bar.query_text, [h.id for h in bar.results.hits])


async def _clicked_suggestion(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "gelman")
    await pilot.click("#search-status", offset=(30, 0))
    await searched(pilot)
    seen["click.applied"] = (app.screen.bar.query_text, len(app.screen.bar.results.hits))


async def _fields(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "title:photos")
    seen["fields.title"] = [h.id for h in app.screen.bar.results.hits]
    await press(pilot, "escape")
    await _search(pilot, "")  # the bar reopens with the last text
    await press(pilot, "ctrl+u")
    await type_text(pilot, "kind:quantity")
    await searched(pilot)
    seen["fields.kind"] = len(app.screen.bar.results.hits)


async def _as_you_type(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "gellman")
    seen["type.screen"] = type(app.screen)
    results = app.screen.bar.results
    seen["type.hits"] = [h.id for h in results.hits]
    seen["type.text"] = screen_text(app)
    await type_text(pilot, "xyz")  # typing on: "gellmanxyz" matches nothing
    await searched(pilot)
    seen["type.more hits"] = results.hits
    seen["type.more text"] = screen_text(app)


async def _hits_in_a_document(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "gellman")
    await press(pilot, "enter")
    reader = app.screen.reader
    seen["inside.hits"] = len(reader.hits)
    starts = []
    for _ in range(3):
        starts.append(reader.hits[reader.current_hit].start)
        await press(pilot, "n")
    seen["inside.starts"] = starts
    seen["inside.n"] = reader.current_hit
    await press(pilot, "N")
    seen["inside.N"] = (reader.current_hit, reader.cursor, reader.hits[2])
    # every hit is highlighted: the current one differently from the others
    on_screen = [reader.render_line(y) for y in range(reader.scrollable_content_region.height)]
    seen["inside.styles"] = {
        seg.style for strip in on_screen for seg in strip if seg.text.lower() == "gellman"
    }
    await press(pilot, "escape")  # clears the search
    seen["inside.cleared"] = (reader.hits, screen_text(app))


async def _hits_across_documents(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "koryo")  # one hit in each document
    order = [h.id for h in app.screen.bar.results.hits]
    seen["across.order"] = order
    await press(pilot, "enter")
    reader = app.screen.reader
    seen["across.enter"] = (reader.doc_id, reader.hits, reader.current_hit, reader.cursor)
    seen["across.text"] = reader.prepared.display
    seen["across.status"] = screen_text(app)
    await press(pilot, "n")  # past the last hit: the next document of the results
    seen["across.n"] = (reader.doc_id, reader.current_hit, screen_text(app))
    await press(pilot, "N")  # before the first hit: back to the previous document, last hit
    seen["across.N"] = (reader.doc_id, reader.current_hit, len(reader.hits))


async def _another_result(pilot: Any, app: Any, seen: Seen) -> None:
    await _search_again(pilot, "pyongyang")
    second = app.screen.bar.results.hits[1].id
    await press(pilot, "down", "enter")
    seen["down.doc"] = (app.screen.reader.doc_id, second)
    await _search(pilot, "")
    seen["down.reopened"] = (type(app.screen), app.screen.bar.query_text)
    await type_text(pilot, "gellman")  # the old query is selected: typing replaces it
    seen["down.typed"] = app.screen.bar.query_text
    await press(pilot, "escape")
    seen["down.closed"] = type(app.screen)


def test_results_appear_as_you_type_with_title_score_and_snippet(searching: Seen) -> None:
    assert searching["type.screen"] is SearchScreen
    assert searching["type.hits"] == [PHOTO]
    text = searching["type.text"]
    assert "1 document(s) match" in text
    assert "1. PHOTOS: A Glimpse Of Ordinary Life In North Korea" in text
    assert "score" in text and "18 hits" in text
    assert "Gellman told The World" in text  # the snippet, around the hits
    assert searching["type.more hits"] == (), "typing on: gellmanxyz matches nothing"
    assert "no matches" in searching["type.more text"]


async def test_typing_does_not_run_a_query_per_keystroke(
    seeds_env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # When the bar (re)started its debounce timer: one start per change of the text. A query may
    # run only after DEBOUNCE seconds without a change, so a loaded machine that stalls the app
    # that long between two keys may run one more (counted below), never one per key.
    starts: list[float] = []

    def set_timer(bar: SearchBar, delay: float, callback: Callable[[], object]) -> Timer:
        starts.append(time.monotonic())
        return Widget.set_timer(bar, delay, callback)

    monkeypatch.setattr(SearchBar, "set_timer", set_timer)
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await send_keys(pilot, *"pyongyang")  # faster than the debounce (on a machine that keeps up)
        await settle(pilot, delay=DEBOUNCE + 0.1)
        assert len(starts) == len("pyongyang"), "the debounce restarts with each key"
        stalls = sum(1 for a, b in itertools.pairwise(starts) if b - a >= DEBOUNCE)
        assert 1 <= screen._request <= 1 + stalls, "one query for the settled text, not one per key"
        assert len(screen.bar.results.hits) == 2


def test_enter_opens_the_document_on_the_first_hit_and_n_walks_into_the_next(searching: Seen) -> None:
    order = searching["across.order"]
    assert sorted(order) == sorted([PHOTO, BLOGGER])
    doc, hits, current, cursor = searching["across.enter"]
    assert doc == order[0]
    assert len(hits) == 1 and current == 0
    hit = hits[0]
    assert searching["across.text"][hit.start : hit.end].lower() == "koryo"
    assert cursor.start <= hit.start < cursor.end, "the cursor is on the hit"
    assert "hit 1/1, result 1/2" in searching["across.status"]

    doc, current, text = searching["across.n"]
    assert (doc, current) == (order[1], 0), "n past the last hit: the next document of the results"
    assert "result 2/2" in text
    doc, current, count = searching["across.N"]
    assert (doc, current) == (order[0], count - 1), "N before the first hit: the previous document's last"


def test_n_and_N_walk_the_hits_inside_a_document(searching: Seen) -> None:
    assert searching["inside.hits"] == 18
    starts = searching["inside.starts"]
    assert searching["inside.n"] == 3
    assert starts == sorted(starts) and len(set(starts)) == 3
    current, cursor, third = searching["inside.N"]
    assert current == 2
    assert cursor.start <= third.start < cursor.end
    assert len(searching["inside.styles"]) >= 2, "the current hit is highlighted differently"
    hits, text = searching["inside.cleared"]
    assert hits == (), "escape clears the search"
    assert "search" not in text.splitlines()[-2]


def test_a_syntax_error_is_shown_in_the_bar(searching: Seen) -> None:
    assert 'query error: unbalanced quote: every " needs a closing "' in searching["syntax.text"]
    assert searching["syntax.hits"] == ()


def test_did_you_mean_is_offered_and_enter_applies_it(searching: Seen) -> None:
    assert "Did you mean: badminton" in searching["mean.text"]
    assert searching["mean.applied"] == ("badminton", [PHOTO])


def test_clicking_the_suggestion_applies_it(searching: Seen) -> None:
    assert searching["click.applied"] == ("gellman", 1)


def test_field_and_kind_queries_go_through_the_index(searching: Seen) -> None:
    assert searching["fields.title"] == [PHOTO]
    assert searching["fields.kind"] == 2


def test_escape_closes_the_bar_and_down_chooses_another_result(searching: Seen) -> None:
    doc, second = searching["down.doc"]
    assert doc == second, "down, enter: the second result"
    screen, query = searching["down.reopened"]
    assert screen is SearchScreen
    assert query == "pyongyang"  # the last query comes back
    assert searching["down.closed"] is not SearchScreen


def test_reopening_search_selects_the_old_query(searching: Seen) -> None:
    assert searching["down.typed"] == "gellman", "typing replaces the old query"


async def test_a_long_query_error_is_read_whole_at_120_and_80_columns(seeds_env: tuple[Path, Path]) -> None:
    """The range refusal was cut at 120 columns ("… ([a TO z])"): its advice, "use word*
    instead", was lost. An error wraps onto more lines; the next answer takes one line again."""
    for size in (SIZE, (80, 24)):
        app = make_app(seeds_env)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await _search(pilot, "kim [a TO z]")
            text = " ".join(screen_text(app).replace("│", " ").split())
            assert "query error: ranges work on dates only" in text
            assert "use word* instead" in text, text
            await press(pilot, *["backspace"] * 9)
            await searched(pilot)
            status = app.screen.bar.query_one("#search-status")
            assert status.size.height == 1 and "match" in screen_text(app)
