"""SVG snapshots of bookmarks at 120x40: the B panel, and the reader with bookmarked passages
and a selection in progress. Deterministic: bookmarks made with the store, then their times
fixed in the file; every worker finished before the picture is taken.

Regenerate after a deliberate change with ``--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from nkterm.bookmarks import BookmarkStore
from nkterm.index import Index
from nkterm.models import Document
from tests.conftest import BLOGGER, PHOTO
from tests.tui.bookmark_fixtures import bookmark_sentence, document, fix_times, sentence_spans
from tests.tui.conftest import SIZE, make_app, press, settle


def _some_bookmarks(env: tuple[Path, Path]) -> None:
    index = Index(*env)
    try:
        claims = index.claims(PHOTO)
    finally:
        index.close()
    doc = document(env, PHOTO)
    third = sentence_spans(env, PHOTO)[2]
    claim = next(c for c in claims if (c.start, c.end) == (third.start, third.end))
    store = BookmarkStore()
    store.add(
        doc, third.start, third.end, "why he went: a habit of unusual places", ("motive", "intro"), claim
    )
    bookmark_sentence(env, PHOTO, 5, "")
    bookmark_sentence(env, BLOGGER, 1, "the blogger's surprise: people like everyone else", ("travel",))
    gone = Document(
        id="old-report",
        text="An old report.\n\nThe mayor promised 40 new buses by spring.\n",
        title="An old report",
    )
    store.add(gone, 16, 59, "removed from the corpus since", ("transport",))
    fix_times()


def test_bookmarks_panel(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """Grouped by document title, notes and tags, the claim tag, the orphan at the end."""
    _some_bookmarks(seeds_env)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "B")
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=SIZE, run_before=run_before)


def test_reader_with_bookmarks_and_a_selection(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """Two bookmarked passages (▌ in the gutter, tinted) and a selection being made (┃)."""
    _some_bookmarks(seeds_env)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "j", "j", "j", "j", "j", "j", "j", "v", "j")
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=SIZE, run_before=run_before)
