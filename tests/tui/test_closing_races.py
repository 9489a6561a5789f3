"""Answers that come after the widgets they were for are gone, outside the search screen (see
test_search_closing.py for its own): a worker's call from its thread to a dismissed panel, and
a comparison's answers to a screen whose parts are being removed. Each is dropped, or does
only what still has a place to land, never a crash."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget

from nkterm.models import Span
from nkterm.tui.app import NktermApp
from nkterm.tui.screens.bookmarks import BookmarksScreen
from nkterm.tui.screens.compare import CompareScreen
from nkterm.tui.screens.compare_load import ComparisonBookmarks, ComparisonFailed, ComparisonReady
from nkterm.tui.view.marks import BOOKMARK_GUTTER
from nkterm.tui.widgets.compare_view import PaneMoved
from nkterm.tui.widgets.status import StatusBar
from tests.conftest import BLOGGER, PHOTO
from tests.tui.bookmark_fixtures import bookmark_sentence, gutter_marks, saved
from tests.tui.conftest import (
    SIZE,
    make_app,
    notifications,
    post_keys,
    press,
    searched,
    settle,
    type_text,
    wait_until,
)


async def _write_as_the_panel_closes(pilot: Pilot[Any], app: NktermApp, key: str) -> None:
    """``key`` in the bookmarks panel while another nkterm holds the file's lock (its write
    waits), then esc: the panel is gone before the write is done; then the lock is freed."""
    panel = app.screen
    assert isinstance(panel, BookmarksScreen)
    with FileLock(app.bookmarks.lock_path):
        post_keys(pilot, key)
        assert await wait_until(pilot, lambda: any(w.group == "bookmarks-write" for w in app.workers))
        post_keys(pilot, "escape")
        assert await wait_until(pilot, lambda: app.screen is app.main_screen and not panel.children)


async def test_a_delete_that_ends_after_the_panel_closed_still_unmarks_the_reader(
    seeds_env: tuple[Path, Path],
) -> None:
    """x in the bookmarks panel deletes in a worker, which then calls the panel from its thread
    to redraw the list and tell the reader. With esc pressed before the write was done (the
    file locked by another nkterm for a moment, or a slow disk) the panel was gone: its redraw
    raised ``NoMatches`` and the reader kept the deleted bookmark's mark."""
    bookmark_sentence(seeds_env, PHOTO, 1, "to delete")
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.main_screen.reader
        assert BOOKMARK_GUTTER in gutter_marks(reader).values()
        await press(pilot, "B")  # x deletes; the write waits for another nkterm's lock
        await _write_as_the_panel_closes(pilot, app, "x")
        # the lock is free: the delete is written, and its answer comes to the closed panel
        assert await wait_until(pilot, lambda: any(m.startswith("deleted") for m in notifications(app)))
        await settle(pilot)
        assert saved() == []
        assert BOOKMARK_GUTTER not in gutter_marks(reader).values()
    assert app.return_code in (None, 0)


async def test_an_undo_that_ends_after_the_panel_closed_still_marks_the_reader(
    seeds_env: tuple[Path, Path],
) -> None:
    """The same for u (and e): the write's answer is a message to the panel, which tells the
    reader; a panel esc closed meanwhile takes no message, and the reader never showed the
    bookmark brought back."""
    bookmark_sentence(seeds_env, PHOTO, 1, "to bring back")
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.main_screen.reader
        await press(pilot, "B", "x")
        assert saved() == []
        assert BOOKMARK_GUTTER not in gutter_marks(reader).values()
        await _write_as_the_panel_closes(pilot, app, "u")  # u brings it back, as the panel closes
        # the lock is free: the bookmark is written back, and the reader is told
        assert await wait_until(pilot, lambda: bool(saved()))
        assert await wait_until(pilot, lambda: BOOKMARK_GUTTER in gutter_marks(reader).values())
    assert app.return_code in (None, 0)


@pytest.mark.parametrize(
    ("gone", "answer"),
    [
        ("#compare-status", "bookmarks"),
        ("#pairs-title", "failed"),
        ("#compare-pane-b > .compare-pane-title", "ready"),
        ("#compare-status", "moved"),
    ],
)
async def test_an_answer_to_a_comparison_whose_parts_are_going_is_dropped(
    seeds_env: tuple[Path, Path], gone: str, answer: str
) -> None:
    """The comparison's workers (its alignment, its bookmarks) answer with messages that its
    handlers draw from (the status line, the list's title, the panes' titles), as does a
    pane's move (its echo, after the screen placed it). At exit the
    screen, installed and kept, is closed widget by widget in no set order: an answer
    handled after one of those was removed raised ``NoMatches``."""
    app = make_app(seeds_env, compare=(PHOTO, BLOGGER))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.alignment is not None
        removed: Widget = screen.query(gone).first()
        await removed.remove()  # the teardown has begun
        a, b = screen.view("a").prepared, screen.view("b").prepared
        assert a is not None and b is not None
        messages: dict[str, Message] = {
            "bookmarks": ComparisonBookmarks(screen._request, {"a": (), "b": ()}),
            "failed": ComparisonFailed("the index was closed"),
            "ready": ComparisonReady(screen._request, a, b, screen.alignment, 1.0),  # a second answer
            "moved": PaneMoved("b", Span(0, 1)),  # pane B's cursor moved (to its first words)
        }
        screen.post_message(messages[answer])
        await settle(pilot)
        await press(pilot, "escape")
        assert app.screen is app.main_screen
    assert app.return_code in (None, 0)


async def test_a_page_of_results_that_arrives_as_the_reader_closes_is_dropped(
    seeds_env: tuple[Path, Path],
) -> None:
    """n past the last loaded result reads the next page in a thread, which hands it to the main
    screen (``call_from_thread``) to open the next result there. Arriving as the app exits, after
    the status line was removed, it raised ``NoMatches`` (on "opening…"), and the worker failed."""
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "koryo")
        await searched(pilot)
        await press(pilot, "enter")
        main = app.main_screen
        choice = main.walk.choice
        assert choice is not None and choice.rank == 0 and len(choice.result.hits) == 2
        opened = main.reader.doc_id
        await main.query_one(StatusBar).remove()  # the teardown has begun
        library = app.library
        assert library is not None
        page = library.search("koryo", limit=2, start=1)  # the page the worker read

        def arrive() -> None:  # the worker's thread hands the page over
            app.call_from_thread(main.walk._more_arrived, choice.result, page)

        await asyncio.to_thread(arrive)
        await settle(pilot)
        assert main.reader.doc_id == opened, "nothing opened on a closing screen"
    assert app.return_code in (None, 0)
