"""The document list at start-up and under the filter: shown from the manifest before the
index is opened (and corrected when the manifest was wrong), and filtered key by key to
exactly what filtering and sorting every row again would give."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nkterm.index import META_FILE, Index
from nkterm.listing import sort_summaries
from nkterm.manifest import LIST_FILE
from nkterm.synthetic.text import synthetic_summaries
from nkterm.tui.messages import SummariesLoaded
from nkterm.tui.view.listing import filter_summaries
from tests.tui.conftest import SIZE, make_app, press, settle, wait_until


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], threading.Event]]:
    """``gate("summaries")``: that ``Index`` method waits until the returned event is set."""
    events: list[threading.Event] = []

    def close(name: str) -> threading.Event:
        event = threading.Event()
        events.append(event)
        original = getattr(Index, name)

        def waiting(self: Index, *args: Any, **kwargs: Any) -> Any:
            event.wait(30)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Index, name, waiting)
        return event

    yield close
    for event in events:
        event.set()  # never leave a worker waiting


async def test_the_list_shows_from_the_manifest_before_the_index_opens(
    seeds_env: tuple[Path, Path], gate: Callable[[str], threading.Event]
) -> None:
    opened = gate("summaries")  # the index's own list (opening Whoosh) waits
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        doc_list = app.main_screen.documents.list_view
        assert await wait_until(pilot, lambda: len(doc_list.rows) == 2)
        assert app.library is None  # nothing opened yet: the rows came from the list file
        await pilot.press(
            "enter"
        )  # choosing a document now opens it once the index is there (not `press`: it waits for the gated worker)
        opened.set()
        await settle(pilot)
        assert app.library is not None
        assert app.main_screen.reader.doc_id == doc_list.rows[0].id


async def test_a_wrong_manifest_is_corrected(
    seeds_env: tuple[Path, Path], tmp_path: Path, gate: Callable[[str], threading.Event]
) -> None:
    corpus, index_dir = seeds_env
    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy)
    listed = json.loads((copy / LIST_FILE).read_text("utf-8"))
    listed["rows"].append(["ghost", "A ghost document", "", 5, 0, 0, "ghost.txt", [], "", "", ""])
    (copy / LIST_FILE).write_text(json.dumps(listed), "utf-8")  # same generation: shown first
    meta = json.loads((copy / META_FILE).read_text("utf-8"))
    meta["schema_version"] = 1  # an index this nkterm cannot read: rebuilt by the update
    (copy / META_FILE).write_text(json.dumps(meta), "utf-8")
    updated = gate("update")
    app = make_app((corpus, copy))
    async with app.run_test(size=SIZE) as pilot:
        doc_list = app.main_screen.documents.list_view
        assert await wait_until(pilot, lambda: len(doc_list.rows) == 3)  # the list file, as it is
        updated.set()
        await settle(pilot)
        assert sorted(s.id for s in doc_list.rows) == sorted(s.id for s in Index(corpus, copy).summaries())
        assert "ghost" not in {s.id for s in doc_list.rows} and len(doc_list.rows) == 2
        assert app.library is not None


async def test_filtering_and_sorting_key_by_key_match_the_whole_list(tmp_path: Path) -> None:
    summaries = synthetic_summaries(3000)
    app = make_app((tmp_path / "corpus", tmp_path / "index"))
    (tmp_path / "corpus").mkdir()
    app.main_screen.feed.start_index = lambda: None  # type: ignore[method-assign]  # the list only
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main_screen.post_message(SummariesLoaded(summaries, None, final=True))
        await settle(pilot)
        pane = app.main_screen.documents
        box = pane.query_one("#documents-filter")

        def expected() -> list[str]:
            return [s.id for s in sort_summaries(filter_summaries(summaries, box.value), pane.sort_key)]

        assert [s.id for s in pane.list_view.rows] == expected()
        await press(pilot, "f")
        for key in [*"report 9", "backspace", "1", "2", "backspace", "7"]:
            await press(pilot, key)
            assert [s.id for s in pane.list_view.rows] == expected(), box.value
        assert box.value == "report 17" and 0 < len(pane.list_view.rows) < len(summaries)
        await press(pilot, "down", "s")  # by date, newest first, the filter kept
        assert pane.sort_key == "date"
        assert [s.id for s in pane.list_view.rows] == expected()
        await press(pilot, "s", "s")  # oldest first, then by words
        assert pane.sort_key == "words"
        assert [s.id for s in pane.list_view.rows] == expected()
        await press(pilot, "f", "backspace", "backspace", "e")
        assert [s.id for s in pane.list_view.rows] == expected()
        assert "Documents (" in str(pane.query_one("#documents-title").render())
