"""The bookmark file between real processes: concurrent adds lose nothing, SIGKILL breaks nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from nkterm.bookmarks import BookmarkStore
from nkterm.models import Document
from tests.conftest import ROOT

# A child process: wait for "go" on stdin, then add N bookmarks one by one (each one its own
# locked read-modify-write), printing the count after each one is saved.
WRITER = """
import sys, time
from pathlib import Path
from nkterm.bookmarks import BookmarkStore
from nkterm.models import Document

path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
doc = Document(id="doc", text="The quick brown fox jumps over the lazy dog. " * 20, title="Fox")
store = BookmarkStore(path, lock_timeout=60)
print("ready", flush=True)
sys.stdin.readline()
print("start", time.monotonic(), flush=True)
i = 0
while count < 0 or i < count:
    store.add(doc, i % 300, i % 300 + 12, note=f"{name}-{i}", tags=[name])
    i += 1
    print(i, flush=True)
print("end", time.monotonic(), flush=True)
"""


def _writer(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(count)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    procs = [_writer(path, name, 200) for name in ("left", "right")]
    for proc in procs:  # both are loaded and waiting: start them together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    spans = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        lines = out.split("\n")
        assert lines[0].startswith("start ") and lines[-2].startswith("end ")
        spans.append((float(lines[0].split()[1]), float(lines[-2].split()[1])))
    # both were adding at the same time (else this test proves nothing about the lock)
    (start_a, end_a), (start_b, end_b) = spans
    assert start_a < end_b and start_b < end_a

    store = BookmarkStore(path)
    assert store.problems == ()
    notes = [b.note for b in store.bookmarks]
    assert len(notes) == 400
    assert set(notes) == {f"{name}-{i}" for name in ("left", "right") for i in range(200)}
    assert len({b.id for b in store.bookmarks}) == 400
    # each writer's own bookmarks are in the order it added them
    for name in ("left", "right"):
        assert [n for n in notes if n.startswith(name)] == [f"{name}-{i}" for i in range(200)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_write_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    rng = random.Random(1234)
    committed = 0
    for _round in range(5):
        proc = _writer(path, f"k{_round}", -1)  # writes until killed
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith("start ")
        assert proc.stdout.readline().strip() == "1"  # at least one write done: now kill mid-loop
        time.sleep(rng.uniform(0.02, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read().split()
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        done = int(rest[-1]) if rest else 1
        committed += done

        # The file always parses as a whole, and holds every write that was reported done:
        # at most the one in flight is extra (saved, but killed before it could say so).
        data = yaml.safe_load(path.read_text("utf-8"))
        assert isinstance(data, dict) and data["version"] == 1, "the file is not a whole bookmarks file"
        store = BookmarkStore(path)
        assert store.problems == () and store.read_only_reason is None
        assert committed <= len(store.bookmarks) <= committed + 1
        committed = len(store.bookmarks)
    assert committed > 5
    # temp files of killed writers are swept by the next save
    BookmarkStore(path).add(Document(id="doc", text="The quick brown fox", title="Fox"), 0, 5)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
