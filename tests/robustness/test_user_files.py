"""The reader's own files between processes and behind links (issue 15, items 2 and 3).

Reading positions were lost when two processes saved at once (two processes saving 200
positions each kept 273 of 400); a linked ``bookmarks.yaml`` (a user keeping it in a synced
folder) was replaced by a regular file on the next write, and every later bookmark went to the
local copy only. Real processes, real files and real links.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nkterm.bookmarks import BookmarkStore
from nkterm.bookmarks.store import BookmarksError
from nkterm.config import load_config
from nkterm.models import Document
from nkterm.state import PositionStore
from tests.conftest import ROOT
from tests.robustness.conftest import record, scale

# A child process: wait for "go" on stdin, then set and save COUNT positions one by one (each
# save its own read-merge-write), as a reader does when it leaves each document.
SAVER = """
import sys
from pathlib import Path
from nkterm.state import PositionStore

path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = PositionStore(path).load()
print("ready", flush=True)
sys.stdin.readline()
for i in range(count):
    store.set(f"{name}-{i}", i, i)
    for attempt in range(10):  # as the reader does: a save that timed out is retried later
        try:
            store.save()
            break
        except OSError:
            assert store.dirty  # nothing dropped: kept for the next save
print("done", flush=True)
"""


@pytest.mark.parametrize("writers", [2, 3])
def test_processes_saving_positions_at_once_lose_none(tmp_path: Path, writers: int) -> None:
    path = tmp_path / "positions.json"
    count = scale(150, 400)
    procs = []
    for n in range(writers):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), f"w{n}", str(count)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        procs.append(proc)
    for proc in procs:  # all loaded and waiting: start them together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0 and out.strip() == "done"
    saved = json.loads(path.read_text("utf-8"))
    expected = {f"w{n}-{i}" for n in range(writers) for i in range(count)}
    lost = expected - set(saved)
    assert not lost, f"{len(lost)} of {len(expected)} positions lost"
    record("state: processes saving positions at once", writers * count)


def _linked(tmp_path: Path, name: str, content: bytes | None) -> tuple[Path, Path]:
    """``home/NAME``, a link to ``synced/NAME`` (a file there holding ``content``, if any)."""
    synced, home = tmp_path / "synced", tmp_path / "home"
    synced.mkdir()
    home.mkdir()
    target = synced / name
    if content is not None:
        target.write_bytes(content)
    link = home / name
    link.symlink_to(target)
    return link, target


DOC = Document(id="doc", text="The quick brown fox jumps over the lazy dog.", title="Fox")


def test_a_linked_bookmarks_file_is_written_through_the_link(tmp_path: Path) -> None:
    link, target = _linked(tmp_path, "bookmarks.yaml", None)
    first = BookmarkStore(link)
    first.add(DOC, 4, 9, note="first")
    assert link.is_symlink() and target.is_file()
    again = BookmarkStore(link)
    again.add(DOC, 10, 15, note="second")
    assert link.is_symlink(), "the link was replaced by a regular file"
    # whoever reads the file where it really is sees both
    assert {b.note for b in BookmarkStore(target).load()} == {"first", "second"}
    # the lock is beside the real file, so two links to it share it
    assert first.lock_path == target.with_name("bookmarks.yaml.lock")
    assert not list(link.parent.glob(".bookmarks.yaml.*"))  # no temp file left beside the link
    record("user files: linked bookmarks file written through", 2)


def test_a_linked_positions_file_is_written_through_the_link(tmp_path: Path) -> None:
    link, target = _linked(tmp_path, "positions.json", b'{"old":{"cursor":1,"top":0,"seen":1.0}}')
    store = PositionStore(link).load()
    store.set("new", 5, 2)
    store.save()
    assert link.is_symlink(), "the link was replaced by a regular file"
    assert set(json.loads(target.read_text("utf-8"))) == {"old", "new"}
    record("user files: linked positions file written through")


def test_a_linked_config_is_read_and_left_a_link(tmp_path: Path) -> None:
    link, _target = _linked(tmp_path, "config.yaml", b"documents:\n  sort: words\n")
    config, problems = load_config(link)
    assert problems == [] and config.sort == "words"
    assert link.is_symlink()
    record("user files: linked config read")


def test_a_link_that_loops_or_leads_nowhere_is_a_message_and_stays(tmp_path: Path) -> None:
    loop = tmp_path / "bookmarks.yaml"
    other = tmp_path / "other.yaml"
    loop.symlink_to(other)
    other.symlink_to(loop)
    with pytest.raises(BookmarksError, match="bookmarks"):
        BookmarkStore(loop).add(DOC, 4, 9)
    assert loop.is_symlink() and other.is_symlink()
    dangling = tmp_path / "positions.json"
    dangling.symlink_to(tmp_path / "unmounted" / "positions.json")
    store = PositionStore(dangling).load()
    store.set("a", 1, 1)
    with pytest.raises(OSError, match=r"does not exist|No such file"):
        store.save()
    assert dangling.is_symlink() and not (tmp_path / "unmounted").exists()
    assert store.dirty  # kept for the next save
    record("user files: links that loop or dangle", 2)


def test_a_dangling_link_in_an_existing_folder_creates_the_target(tmp_path: Path) -> None:
    link, target = _linked(tmp_path, "positions.json", None)
    store = PositionStore(link).load()
    store.set("a", 1, 1)
    store.save()
    assert link.is_symlink() and "a" in json.loads(target.read_text("utf-8"))
    assert os.readlink(link) == str(target)
