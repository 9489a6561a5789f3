"""Search in the reader: results as you type, open with the hits, walk them with n/N across
documents, errors and "did you mean"."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.timer import Timer
from textual.widget import Widget

from nkterm.tui.screens.search import SearchScreen
from nkterm.tui.widgets.search_bar import DEBOUNCE, SearchBar
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import SIZE, make_app, press, screen_text, send_keys, settle


async def _search(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash", *text)
    await settle(pilot, delay=DEBOUNCE + 0.1)


async def test_results_appear_as_you_type_with_title_score_and_snippet(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "gellman")
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.bar.results
        assert [h.id for h in results.hits] == [PHOTO]
        text = screen_text(app)
        assert "1 document(s) match" in text
        assert "1. PHOTOS: A Glimpse Of Ordinary Life In North Korea" in text
        assert "score" in text and "18 hits" in text
        assert "Gellman told The World" in text  # the snippet, around the hits

        await pilot.press(*"xyz")  # typing on: "gellmanxyz" matches nothing
        await settle(pilot, delay=DEBOUNCE + 0.1)
        assert results.hits == ()
        assert "no matches" in screen_text(app)


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


async def test_enter_opens_the_document_on_the_first_hit_and_n_walks_into_the_next(
    seeds_env: tuple[Path, Path],
) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "koryo")  # one hit in each document
        order = [h.id for h in app.screen.bar.results.hits]
        assert sorted(order) == sorted([PHOTO, BLOGGER])
        await press(pilot, "enter")
        main = app.screen
        reader = main.reader
        assert reader.doc_id == order[0]
        assert len(reader.hits) == 1 and reader.current_hit == 0
        hit = reader.hits[0]
        text = reader.prepared.display  # type: ignore[union-attr]
        assert text[hit.start : hit.end].lower() == "koryo"
        assert reader.cursor.start <= hit.start < reader.cursor.end, "the cursor is on the hit"
        assert "hit 1/1, result 1/2" in screen_text(app)

        await press(pilot, "n")  # past the last hit: the next document of the results
        assert reader.doc_id == order[1]
        assert reader.current_hit == 0
        assert "result 2/2" in screen_text(app)

        await press(pilot, "N")  # before the first hit: back to the previous document, last hit
        assert reader.doc_id == order[0]
        assert reader.current_hit == len(reader.hits) - 1


async def test_n_and_N_walk_the_hits_inside_a_document(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "gellman")
        await press(pilot, "enter")
        reader = app.screen.reader
        assert len(reader.hits) == 18
        starts = []
        for _ in range(3):
            starts.append(reader.hits[reader.current_hit].start)  # type: ignore[index]
            await press(pilot, "n")
        assert reader.current_hit == 3
        assert starts == sorted(starts) and len(set(starts)) == 3
        await press(pilot, "N")
        assert reader.current_hit == 2
        assert reader.cursor.start <= reader.hits[2].start < reader.cursor.end
        # every hit is highlighted: the current one differently from the others
        on_screen = [reader.render_line(y) for y in range(reader.scrollable_content_region.height)]
        styles = {seg.style for strip in on_screen for seg in strip if seg.text.lower() == "gellman"}
        assert len(styles) >= 2
        await press(pilot, "escape")  # clears the search
        assert reader.hits == ()
        assert "search" not in screen_text(app).splitlines()[-2]


async def test_a_syntax_error_is_shown_in_the_bar(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, '"north korea')
        text = screen_text(app)
        assert 'query error: unbalanced quote: every " needs a closing "' in text
        assert app.screen.bar.results.hits == ()


async def test_did_you_mean_is_offered_and_enter_applies_it(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "badmintn")
        assert "Did you mean: badminton" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, delay=DEBOUNCE + 0.1)
        bar = app.screen.bar
        assert bar.query_text == "badminton"
        assert [h.id for h in bar.results.hits] == [PHOTO]


async def test_clicking_the_suggestion_applies_it(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "gelman")
        await pilot.click("#search-status", offset=(30, 0))
        await settle(pilot, delay=DEBOUNCE + 0.1)
        assert app.screen.bar.query_text == "gellman"
        assert len(app.screen.bar.results.hits) == 1


async def test_field_and_kind_queries_go_through_the_index(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "title:photos")
        assert [h.id for h in app.screen.bar.results.hits] == [PHOTO]
        await pilot.press("escape")
        await _search(pilot, "")  # the bar reopens with the last text
        await pilot.press("ctrl+u", *"kind:quantity")
        await settle(pilot, delay=DEBOUNCE + 0.1)
        assert len(app.screen.bar.results.hits) == 2


async def test_escape_closes_the_bar_and_down_chooses_another_result(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _search(pilot, "pyongyang")
        second = app.screen.bar.results.hits[1].id
        await press(pilot, "down", "enter")
        assert app.screen.reader.doc_id == second
        await _search(pilot, "")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.bar.query_text == "pyongyang"  # the last query comes back
        await press(pilot, "escape")
        assert not isinstance(app.screen, SearchScreen)


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
            await pilot.press(*["backspace"] * 9)
            await settle(pilot, delay=DEBOUNCE + 0.1)
            status = app.screen.bar.query_one("#search-status")
            assert status.size.height == 1 and "match" in screen_text(app)
