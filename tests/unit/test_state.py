"""Reading positions: kept per document, written atomically, merged, corrupt files survived."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

from nkterm.paths import state_dir
from nkterm.state import MAX_ENTRIES, Position, PositionStore


def test_positions_round_trip_through_the_state_dir() -> None:
    store = PositionStore()
    assert store.path == state_dir() / "positions.json"
    store.load()
    assert store.get("doc") is None
    store.set("doc", 120, 40)
    assert store.dirty
    store.save()
    assert not store.dirty
    again = PositionStore().load()
    position = again.get("doc")
    assert position is not None and (position.cursor, position.top) == (120, 40)


def test_saving_merges_with_what_another_reader_wrote(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    first, second = PositionStore(path).load(), PositionStore(path).load()
    first.set("a", 1, 0)
    first.save()
    second.set("b", 2, 0)
    second.save()
    data = json.loads(path.read_text())
    assert set(data) == {"a", "b"}


def test_a_corrupt_file_is_reported_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    path.write_text("{half a file")
    store = PositionStore(path).load()
    assert store.problem and "not a positions file" in store.problem
    store.set("a", 5, 0)
    store.save()
    assert json.loads(path.read_text())["a"]["cursor"] == 5


def test_bad_entries_are_skipped() -> None:
    assert Position.from_dict({"cursor": -1, "top": 0}) is None
    assert Position.from_dict({"cursor": "x", "top": 0}) is None
    assert Position.from_dict([1, 2]) is None
    assert Position.from_dict({"cursor": 3, "top": 1}) == Position(3, 1, 0.0)


def test_the_file_keeps_the_most_recent_documents(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    path.write_text(json.dumps({f"old{i}": {"cursor": 1, "top": 0, "seen": i} for i in range(MAX_ENTRIES)}))
    store = PositionStore(path).load()
    store.set("new", 9, 0)
    store.save()
    data = json.loads(path.read_text())
    assert len(data) == MAX_ENTRIES and "new" in data and "old0" not in data


def test_a_failed_write_keeps_the_changes_for_the_next_try(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    store = PositionStore(blocker / "positions.json")
    store.set("a", 1, 0)
    with contextlib.suppress(OSError):
        store.save()
    assert store.dirty
    store.path = tmp_path / "positions.json"
    store.save()
    assert json.loads(store.path.read_text())["a"]["cursor"] == 1


def test_no_temp_files_are_left_behind_by_concurrent_saves(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    stores = [PositionStore(path) for _ in range(4)]

    def work(n: int) -> None:
        for i in range(20):
            stores[n].set(f"d{n}-{i}", i, 0)
            stores[n].save()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = json.loads(path.read_text())  # always a whole file
    assert set(saved) == {f"d{n}-{i}" for n in range(4) for i in range(20)}  # none lost
    # the lock file stays (deleting it would let a third process lock another file)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["positions.json", "positions.json.lock"]


def test_deeply_nested_json_is_reported_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    store = PositionStore(path).load()
    assert store.problem and "not a positions file" in store.problem and str(path) in store.problem
    store.set("a", 5, 0)
    store.save()
    assert json.loads(path.read_text())["a"]["cursor"] == 5


def test_a_fifo_in_place_of_the_file_does_not_hang_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "positions.json"
    os.mkfifo(path)
    store = PositionStore(path).load()
    assert store.problem and "not a regular file" in store.problem and str(path) in store.problem
