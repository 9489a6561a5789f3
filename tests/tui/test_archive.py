"""The reader on an agency archive (issue 20): dates and sources in the list and the header, date
sort, the timeline, date-filtered searches, every result reachable, a search typed before the
index is ready, and the rough edges (the explanation, ``a`` at 80x24; ``/`` again: test_search; the restart:
test_robustness's ``restarted``).

The list, the timeline and the search of every result are checked on what one app run saw
(``browsing``), each test its own part of it: one app start on the archive instead of three."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from nkterm.synthetic.archive import ArchiveSummary, write_archive
from nkterm.tui.app import NktermApp
from nkterm.tui.screens.search import RESULT_LIMIT, SearchScreen
from nkterm.tui.widgets.status import ClaimDetail
from nkterm.tui.widgets.timeline import TimelineBars
from tests.conftest import BLOGGER, built_once
from tests.tui.conftest import (
    SIZE,
    Seen,
    build_index,
    drive_steps,
    make_app,
    press,
    press_at_once,
    screen_text,
    searched,
    settle,
    type_text,
    wait_until,
)

N = 240


def _build_archive(root: Path) -> None:
    write_archive(root / "corpus", N, seed=3)
    build_index(root / "corpus", root / "index")


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Path, Path], ArchiveSummary]:
    """The generated archive and its index, built once per run (``built_once``); its summary
    is the generator's, made again here (the same seed writes the same archive)."""
    root = built_once(tmp_path_factory, "archive", _build_archive)
    summary = write_archive(tmp_path_factory.mktemp("archive-again") / "corpus", N, seed=3)
    return (root / "corpus", root / "index"), summary


def _month_of_row(row: object) -> str:
    return getattr(row, "date", "")[:7]


@pytest.fixture(scope="module")
def browsing(archive: tuple, tmp_path_factory: pytest.TempPathFactory) -> Seen:  # type: ignore[type-arg]
    """One reader over the archive at 120x40: the list (sorts, a filter, cleared), the
    timeline (keys, a click), then a search of every result: what each step showed."""
    env, _summary = archive
    return drive_steps(tmp_path_factory, env, _list, _timeline, _every_result)


async def _list(pilot: Any, app: Any, seen: Seen) -> None:
    rows = app.screen.documents.list_view.rows
    seen["list.rows"] = list(rows)
    seen["list.text"] = screen_text(app)
    copies = [r for r in rows if r.duplicate_of]
    await press(pilot, "s")  # newest first
    seen["list.newest"] = ([r.date for r in app.screen.documents.list_view.rows], screen_text(app))
    await press(pilot, "s")  # oldest first
    seen["list.oldest"] = [r.date for r in app.screen.documents.list_view.rows]
    # a duplicate is marked where it is listed
    await press(pilot, "f")
    await type_text(pilot, f"date:{copies[0].date}")
    seen["list.duplicate"] = screen_text(app)
    await press(pilot, "escape")  # the filter cleared
    seen["list.cleared"] = len(app.screen.documents.list_view.rows)


async def _timeline(pilot: Any, app: Any, seen: Seen) -> None:
    documents = app.screen.documents
    bars = documents.query_one(TimelineBars)
    seen["timeline.bars"] = (bars.display, bars.timeline.total, bars.timeline.months, bars.timeline.counts)
    await press(pilot, "t")
    seen["timeline.t"] = (bars.has_focus, screen_text(app))
    await press(pilot, "right", "enter")
    seen["timeline.enter"] = (
        list(documents.list_view.rows),
        screen_text(app),
        documents.query_one("#documents-filter").value,
    )
    # a click on a bar does the same
    await pilot.click(TimelineBars, offset=(0, 0))
    await settle(pilot)
    seen["timeline.click"] = (bars.timeline.months[0], {_month_of_row(r) for r in documents.list_view.rows})


async def _every_result(pilot: Any, app: Any, seen: Seen) -> None:
    await press(pilot, "slash", "ctrl+u")
    await type_text(pilot, "date:[2023 TO 2024]")
    await searched(pilot)
    bar = app.screen.bar
    total = bar.result.total
    seen["all.first"] = (total, screen_text(app))
    for _ in range(total // 5 + 10):
        await press_at_once(pilot, *["pagedown"] * 4)
        if len(bar.result.hits) == total and bar.results.cursor == total - 1:
            break
    seen["all.walked"] = (list(bar.result.hits), bar.results.cursor)


def test_list_has_dates_sources_duplicates_and_sorts_by_date(
    archive: tuple,  # type: ignore[type-arg]
    browsing: Seen,
) -> None:
    _env, summary = archive
    rows = browsing["list.rows"]
    assert len(rows) == N and all(r.date and r.source for r in rows)
    first = rows[0]
    assert first.date in browsing["list.text"] and first.source in browsing["list.text"]
    copies = [r for r in rows if r.duplicate_of]
    assert len(copies) == len(summary.duplicates) > 0
    dates, text = browsing["list.newest"]
    assert dates == sorted(dates, reverse=True), "s: newest first"
    assert "newest first" in text
    dates = browsing["list.oldest"]
    assert dates == sorted(dates), "s again: oldest first"
    assert "≡ duplicate" in browsing["list.duplicate"], "a duplicate is marked where it is listed"
    assert browsing["list.cleared"] == N, "escape clears the filter"


def test_the_timeline_filters_the_list_to_a_month(archive: tuple, browsing: Seen) -> None:  # type: ignore[type-arg]
    _env, summary = archive
    display, total, months, counts = browsing["timeline.bars"]
    assert display and total == N
    assert dict(zip(months, counts, strict=True)) == {m: summary.months.get(m, 0) for m in months}
    focused, text = browsing["timeline.t"]
    assert focused, "t: the timeline takes the focus"
    busiest = max(summary.months.values())
    assert f": {busiest} documents" in text  # the busiest month is picked first
    rows, text, value = browsing["timeline.enter"]
    chosen = {_month_of_row(r) for r in rows}
    assert len(chosen) == 1
    (month,) = chosen
    assert len(rows) == summary.months[month]
    assert f"Documents ({len(rows)} of {N})" in text
    assert value == f"date:{month}"
    first, clicked = browsing["timeline.click"]
    assert clicked == {first}, "a click on a bar filters the list to its month"


def test_every_result_is_reachable_and_the_count_is_exact(browsing: Seen) -> None:
    total, text = browsing["all.first"]
    assert total > RESULT_LIMIT * 2
    assert f"{total:,} document(s) match" in text and "shown" not in text
    hits, cursor = browsing["all.walked"]
    assert len(hits) == total
    assert len({h.id for h in hits}) == total  # pages neither overlap nor skip
    assert all(h.date[:4] in ("2023", "2024") for h in hits)
    assert cursor == total - 1


async def test_floods_in_august_by_whom_with_a_date_filter_and_the_search_timeline_and_the_status_fits(
    archive: tuple,  # type: ignore[type-arg]
) -> None:
    env, summary = archive
    year_month = max((m for m in summary.flood_months if m.endswith("-08")), key=summary.flood_months.get)
    app = make_app(env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "flood")
        await searched(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await _the_search_screens_status_fits_80_and_120_columns(app, pilot, screen)
        timeline = screen.bar.query_one(TimelineBars)
        assert timeline.display and timeline.timeline.total == screen.bar.result.total
        # choose the August bar on the hits' timeline: the query gets the date filter
        await press(pilot, "tab")
        assert timeline.has_focus
        steps = timeline.timeline.months.index(year_month) - timeline.timeline.months.index(
            max(timeline.timeline.months, key=lambda m: timeline.timeline.count_of((m,)))
        )
        await press(pilot, *(["right"] * steps if steps > 0 else ["left"] * -steps))
        await press(pilot, "enter")
        await searched(pilot)
        assert screen.bar.query_text == f"flood date:{year_month}"
        result = screen.bar.result
        assert result is not None and result.total > 0
        assert all(h.date.startswith(year_month) and h.source for h in result.hits)
        text = screen_text(app)
        assert f"{result.total} document(s) match" in text
        assert result.hits[0].source in text and result.hits[0].date in text  # by whom, when
        top, n = result.sources[0]
        assert sum(k for _s, k in result.sources) == result.total
        assert f"{result.total} document(s) match · {top} {n}" in text  # who reported most
        await press(pilot, "enter")  # opens the first: its header says where the date came from
        header = _shown_in(app, app.screen.reader)
        assert re.search(rf"{year_month}-\d\d, from the (file name|folder names)", header), header
        assert "from the dateline" in header


async def test_a_query_typed_before_the_index_is_ready_runs_when_it_is(
    archive: tuple,  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    env, _summary = archive
    corpus = tmp_path / "corpus"
    shutil.copytree(env[0], corpus)
    app = make_app((corpus, tmp_path / "fresh-index"))  # no index: it is built at start
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Pilot.press, not `press`: that waits for the workers, the build among them
        await pilot.press("slash", *"flood")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # the typing settles (DEBOUNCE: later on a loaded machine than any fixed pause), then
        # the query waits for the index, saying so (the build nearly always runs still), or
        # runs at once if the build is done
        waiting = "your search runs when it is ready"
        assert await wait_until(pilot, lambda: waiting in screen_text(app) or screen.bar.result is not None)
        await settle(pilot)
        await wait_until(
            pilot, lambda: app.screen.bar.result is not None and bool(app.screen.bar.result.hits)
        )
        result = app.screen.bar.result
        assert result is not None and result.error is None and result.total > 0
        assert "document(s) match" in screen_text(app)


async def test_the_whole_explanation_is_readable(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        detail = app.screen.query_one(ClaimDetail)
        longest = max(reader.prepared.claims, key=lambda c: len("; ".join(c.cues)))
        reader.goto_claim(longest)
        await settle(pilot)
        cues = " ".join("; ".join(longest.cues).split())
        assert len(cues) > SIZE[0] - 10  # it would not fit one line
        if cues not in _shown_in(app, detail):  # more than the few lines the area grows to: E shows it all
            await press(pilot, "E")
        assert cues in _shown_in(app, detail)


def _shown_in(app: object, widget: object) -> str:
    """The text on screen inside ``widget``'s region, lines joined by spaces."""
    region = widget.content_region  # type: ignore[attr-defined]
    lines = screen_text(app).splitlines()  # type: ignore[arg-type]
    return " ".join(
        " ".join(line[region.x : region.right].split()) for line in lines[region.y : region.bottom]
    )


async def test_claims_panel_at_80x24_keeps_the_cursor_sentence_on_screen(
    seeds_env: tuple[Path, Path],
) -> None:
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        await press_at_once(pilot, *["j"] * 12)
        await press(pilot, "a")
        assert app.screen.claims.display
        assert reader._cursor_visible()


async def test_the_list_is_wider_on_a_wide_screen_and_keys_widen_it(archive: tuple) -> None:  # type: ignore[type-arg]
    env, _summary = archive
    app = make_app(env)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        documents = app.screen.documents
        wide = documents.outer_size.width
        assert wide > 50
        await press(pilot, "greater_than_sign")
        assert documents.outer_size.width > wide
        await press(pilot, "less_than_sign", "less_than_sign")
        assert documents.outer_size.width < wide
        rows = documents.list_view.rows
        assert rows[0].title in screen_text(app)  # titles of this archive fit whole


async def test_n_and_shift_n_walk_every_result_and_the_search_list_shows_the_pages_walked(
    archive: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """n past the last loaded result reads the next page and opens the result after it (it
    stopped at "result 40/40" with 158 matching); the status counts every result.

    n past the loaded results read the next page for the walk only: reopening ``/`` showed
    the pages the list had loaded, and scrolling read the walked ones again. Now the list and
    the walk share the pages: ``/`` shows the walked results with the cursor on the one open,
    and scrolling on reads the page after them."""
    import nkterm.tui.screens.search as search

    monkeypatch.setattr(search, "RESULT_LIMIT", 3)  # small pages: the walk leaves them at once
    monkeypatch.setattr(search, "PAGE", 2)
    env, _summary = archive
    app = make_app(env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "date:2024")
        await searched(pilot)
        await press(pilot, "enter")
        walk = app.main_screen.walk
        assert walk.choice is not None and walk.choice.rank == 0
        total = walk.choice.result.total
        loaded = len(walk.choice.result.hits)  # the pages the search list had drawn
        assert total > loaded + 2
        for _ in range(loaded + 1):  # a filter-only query has no hits in the text: each n is the next result
            await press(pilot, "n")
        choice = walk.choice
        assert choice is not None and choice.rank == loaded + 1
        ids = [h.id for h in choice.result.hits]
        assert len(ids) >= loaded + 2 and len(set(ids)) == len(ids)  # pages neither overlap nor skip
        assert app.main_screen.reader.doc_id == ids[loaded + 1]
        assert f"result {loaded + 2}/{total}" in screen_text(app)
        await press(pilot, "N")
        assert walk.choice is not None and walk.choice.rank == loaded
        assert app.main_screen.reader.doc_id == ids[loaded]

        # the search list shows the pages the walk read
        await press(pilot, "n")  # again into the page after those the list loaded
        walked = walk.choice
        assert walked is not None and walked.rank == loaded + 1
        walked_ids = [h.id for h in walked.result.hits]
        await press(pilot, "slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.bar.results
        # (drawing the loading row after them may read the next page already)
        assert [h.id for h in results.hits][: len(walked_ids)] == walked_ids
        assert results.cursor == loaded + 1
        title = walked.result.hits[loaded + 1].title
        assert f"{loaded + 2}. {title[:30]}" in screen_text(app)
        # scrolling on reads the pages after the walked ones, no result twice
        shown = len(results.hits)
        for _ in range(3):
            await press(pilot, "pagedown")
        ids = [h.id for h in results.hits]
        assert len(ids) > shown and ids[: len(walked_ids)] == walked_ids
        assert len(set(ids)) == len(ids)
        # and the walk goes on through the pages the list read, without reading them again
        await press(pilot, "escape")
        assert walk.choice is not None
        at = walk.choice.rank
        await press(pilot, "n")
        assert walk.choice.rank == at + 1 and walk.choice.result.hits[at + 1].id == ids[at + 1]
        assert app.main_screen.reader.doc_id == ids[at + 1]


async def test_the_timeline_marker_is_drawn_at_80_columns(archive: tuple) -> None:  # type: ignore[type-arg]
    """The marker was only a background colour, which a full bar (█) hides: at 80 columns
    nothing showed which month was chosen. A ▲ under the marked bar says it by its shape."""
    env, _summary = archive
    app = make_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bars = app.screen.documents.query_one(TimelineBars)
        await press(pilot, "t")
        assert bars.has_focus
        for step in ("", "right", "right", "end", "home"):
            if step:
                await press(pilot, step)
            rows = screen_text(app).splitlines()
            y = bars.content_region.y
            bar_row, caption = rows[y], rows[y + 1]
            column = bars.content_region.x + bars._groups.index(bars._groups[bars.marker])
            assert caption[column] == "▲", (step, bar_row, caption)
            month = bars._groups[bars.marker][0]
            assert f"{month}: " in caption


def _status_row(app: object) -> str:
    return screen_text(app).splitlines()[-2]  # type: ignore[arg-type]  # above the footer


async def test_the_search_status_fits_80_columns_result_first(archive: tuple) -> None:  # type: ignore[type-arg]
    """At 80x24 the status line was cut during a search ("… result 3/…"): it says the result
    first now, in short words ("result 3/95 · hit 1/2 · 'flood' · n/N esc"), the query cut to
    what is left; at 120 columns the full wording, and it follows a resize. A short query and
    a long one, one after the other in the same reader (esc clears the first)."""
    env, _summary = archive
    app = make_app(env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("date:2024", "date:2024 (flood OR rain OR river OR harvest OR anything)"):
            if app.main_screen.walk.choice is not None:  # the first query's walk: esc clears it
                await pilot.resize_terminal(*SIZE)
                await settle(pilot)
                await press(pilot, "escape")
                assert app.main_screen.walk.choice is None, "esc cleared the search"
            await press(pilot, "slash")
            await type_text(pilot, query)
            await searched(pilot)
            await press(pilot, "enter", "n", "n")
            walk = app.main_screen.walk
            assert walk.choice is not None, query
            where = f"result {walk.choice.rank + 1}/{walk.choice.result.total:,}"
            wide = _status_row(app)
            assert where in wide, (query, wide)
            if len(query) < 20:
                assert f"search {query!r}: " in wide and "(n/N, esc clears)" in wide, wide
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            row = _status_row(app).strip()
            assert row.startswith(where), (query, row)
            assert row.endswith(("n/N esc", "docs")), (query, row)  # not cut
            assert f" · {query!r} · " in row if len(query) < 20 else f" · {query[:20]!r}"[:-1] in row, row


async def _the_search_screens_status_fits_80_and_120_columns(
    app: NktermApp, pilot: Pilot[Any], screen: SearchScreen
) -> None:
    """The search screen's own status line was cut at 80 columns ("132 document(s) match · AFP
    30, Xinhua 23, Yonhap 22, +3 more · enter"): it says the count, who reported most and every
    key, in shorter words when the full ones do not fit, at 120x40, 80x24 and after a resize."""
    result = screen.bar.result
    assert result is not None and len(result.sources) > 3  # "+k more" is said
    top, n = result.sources[0]
    status = screen.bar.query_one("#search-status")
    wide = _shown_in(app, status)
    assert wide.startswith(f"{result.total} document(s) match · {top} {n}, "), wide
    assert wide.endswith("enter opens · tab: timeline · esc closes"), wide  # 120 columns: ↑↓ go first
    for size in ((80, 24), SIZE, (80, 24)):
        await pilot.resize_terminal(*size)
        await settle(pilot)
        row = _shown_in(app, status)
        assert row.startswith(f"{result.total} document(s) match · {top} {n}, "), (size, row)
        assert row.endswith(("tab: timeline · esc closes", "enter · ↑↓ · tab · esc")), (
            size,
            row,
        )  # not cut
        assert "more" in row and "…" not in row, (size, row)
        assert row == wide if size == SIZE else len(row) <= size[0] - 2, (size, row)
    await pilot.resize_terminal(*SIZE)  # back to 120x40 for the rest of the test
    await settle(pilot)
