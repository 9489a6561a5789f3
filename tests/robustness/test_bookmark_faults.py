"""Bookmark faults: writers killed mid-write, a full disk, processes writing at once, a
hand-broken file, hostile imports. The file is never left broken and no bookmark is lost:
every test counts them.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkterm.bookmarks import (
    BookmarksReadOnly,
    BookmarkStore,
    BookmarksWriteError,
)
from nkterm.bookmarks.yamlfile import Serialiser, parse_yaml
from nkterm.cli import main
from nkterm.models import Document
from tests.conftest import ROOT
from tests.robustness.conftest import LONG, record, scale

TEXT = "The quick brown fox jumps over the lazy dog while the council counts its 3 million votes. " * 30
DOC = Document(id="doc", text=TEXT, title="Fox")

# A child: add, edit and remove its own bookmarks (tagged with its name) until told or killed,
# printing each operation once it is saved.
WORKER = """
import random, sys
from pathlib import Path
from nkterm.bookmarks import BookmarkStore
from nkterm.models import Document

path, name, seed, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
doc = Document(id="doc", text=sys.argv[5], title="Fox")
store = BookmarkStore(path, lock_timeout=120)
rng = random.Random(seed)
mine = [b.id for b in store.bookmarks if name in b.tags]
print("ready", flush=True)
sys.stdin.readline()
i = 0
while count < 0 or i < count:
    roll = rng.random()
    if mine and roll < 0.25:
        victim = mine.pop(rng.randrange(len(mine)))
        store.remove(victim)
        print("-", victim, flush=True)
    elif mine and roll < 0.45:
        target = rng.choice(mine)
        store.update(target, note=f"{name} edit {i}")
        print("~", target, f"{name} edit {i}", flush=True)
    else:
        start = rng.randrange(0, len(doc.text) - 20)
        bookmark = store.add(doc, start, start + 12, note=f"{name}-{i}", tags=[name])
        mine.append(bookmark.id)
        print("+", bookmark.id, flush=True)
    i += 1
print("end", flush=True)
"""


def _worker(path: Path, name: str, seed: int, count: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), name, str(seed), str(count), TEXT],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def _go(*procs: subprocess.Popen[str]) -> None:
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()


def _apply(lines: list[str], ids: set[str], notes: dict[str, str]) -> None:
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) < (3 if parts[0] == "~" else 2):
            continue  # a report cut short by the kill: its operation was the one in flight
        if parts[0] == "+":
            ids.add(parts[1])
        elif parts[0] == "-":
            ids.discard(parts[1])
        elif parts[0] == "~":
            notes[parts[1]] = parts[2]


def _preload(path: Path, count: int) -> None:
    """A file of ``count`` bookmarks (of nobody's tag), so each save writes a sizeable file."""
    from nkterm.bookmarks.model import Bookmark, TextPositionSelector, new_id, now, quote_at

    stamp = now()
    bookmarks = [
        Bookmark(
            id=new_id(),
            doc_id="doc",
            quote=quote_at(TEXT, i % 2000, i % 2000 + 10),
            position=TextPositionSelector(i % 2000, i % 2000 + 10),
            created=stamp,
            updated=stamp,
            note=f"preloaded {i}",
        )
        for i in range(count)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(Serialiser()(bookmarks, {}))
    assert len(BookmarkStore(path).bookmarks) == count


def _file_ids(path: Path) -> set[str]:
    store = BookmarkStore(path)
    assert store.read_only_reason is None, store.read_only_reason
    assert store.problems == (), store.problems
    return {b.id for b in store.bookmarks}


# -- killed mid-write -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_writers_killed_at_random_moments_never_break_the_file_or_lose_a_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    _preload(path, scale(300, 1500))  # every save rewrites ~100-500 KB: kills land mid-write
    rng = random.Random(None if LONG else 99)
    expected = _file_ids(path)
    preloaded = set(expected)
    rounds = scale(8, 60)
    lost = 0
    for round_number in range(rounds):
        proc = _worker(path, "k", rng.randrange(10**6), -1)
        _go(proc)
        time.sleep(rng.uniform(0.02, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.stdout is not None
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        _apply(out.splitlines(), expected, {})
        # The file parses as a whole, is not read-only, and holds every reported operation:
        # only the one in flight when the kill came may or may not have reached the disk (an
        # add not yet reported, or a remove of one of the writer's own bookmarks).
        actual = _file_ids(path)
        extra, missing = actual - expected, expected - actual
        assert len(extra) + len(missing) <= 1, (round_number, extra, missing)
        lost += len(preloaded - actual)  # never touched by the writer: must all be there
        assert lost == 0, preloaded - actual
        expected = actual
    BookmarkStore(path).add(DOC, 0, 5)  # the next save sweeps temp files left by killed writers
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    record("bookmarks: writer killed mid-write (SIGKILL)", rounds, lost=lost)


# -- several writers at once ---------------------------------------------------------------------


def test_three_processes_adding_editing_and_removing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    _preload(path, 50)
    preloaded = _file_ids(path)
    ops = scale(25, 250)
    procs = [_worker(path, name, seed, ops) for seed, name in enumerate(("ann", "bo", "cy"))]
    _go(*procs)
    ids, notes = set(preloaded), dict[str, str]()
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out
        lines = out.splitlines()
        assert lines[-1] == "end"
        _apply(lines[:-1], ids, notes)
    store = BookmarkStore(path)
    assert store.problems == () and store.read_only_reason is None
    assert {b.id for b in store.bookmarks} == ids  # every add, edit and remove of every writer
    by_id = {b.id: b for b in store.bookmarks}
    for bookmark_id, note in notes.items():
        if bookmark_id in by_id:
            assert by_id[bookmark_id].note == note
    record("bookmarks: 3 processes writing at once (operations)", 3 * ops)


# -- a full disk ----------------------------------------------------------------------------------


class _FullDisk:
    """A file object that writes ``room`` bytes, then fails like a full disk."""

    def __init__(self, real: Any, room: int) -> None:
        self._real, self._room = real, room

    def write(self, data: bytes) -> int:
        self._real.write(data[: self._room])
        self._real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _full_fdopen(room: int) -> Any:
    real_fdopen = os.fdopen
    return lambda fd, *args, **kwargs: _FullDisk(real_fdopen(fd, *args, **kwargs), room)


OPERATIONS = ["add", "update", "remove", "undo", "import"]


def _operate(store: BookmarkStore, op: str, rng: random.Random) -> None:
    ids = [b.id for b in store.bookmarks]
    if op == "add":
        store.add(DOC, 4, 15, note="added on a full disk")
    elif op == "update":
        store.update(rng.choice(ids), note="edited on a full disk", tags=["full"])
    elif op == "remove":
        store.remove(rng.choice(ids))
    elif op == "undo":
        store.undo_remove()
    else:
        annotation = {
            "type": "Annotation",
            "target": {"source": "doc", "selector": [{"type": "TextQuoteSelector", "exact": "quick brown"}]},
        }
        store.import_json(json.dumps([annotation]), {"doc"})


@pytest.mark.parametrize("op", OPERATIONS)
def test_a_full_disk_during_the_temp_file_write_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, op: str
) -> None:
    path = tmp_path / "bookmarks.yaml"
    store = BookmarkStore(path)
    for i in range(6):
        store.add(DOC, i * 20, i * 20 + 9, note=f"kept {i}", tags=["keep"])
    rng = random.Random(op)
    tries = scale(6, 60)
    for _ in range(tries):
        if len(store.bookmarks) < 3:  # removals (failed, then done) use them up: top up
            store.add(DOC, 40, 52, note="top-up")
        if op == "undo":
            store.remove(store.bookmarks[0].id)
        before_bytes = path.read_bytes()
        before = store.bookmarks
        room = rng.randrange(0, len(before_bytes) + 200)
        monkeypatch.setattr(os, "fdopen", _full_fdopen(room))
        with pytest.raises(
            BookmarksWriteError, match=r"No space left on device\. The previous file is unchanged"
        ):
            _operate(store, op, rng)
        monkeypatch.undo()
        assert path.read_bytes() == before_bytes
        assert store.bookmarks == before  # memory did not move ahead of the disk
        assert BookmarkStore(path).bookmarks == before
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
        _operate(store, op, rng)  # room again: the same operation now succeeds
        assert BookmarkStore(path).bookmarks == store.bookmarks
    record("bookmarks: disk full during the temp-file write", tries)


def test_no_room_for_even_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    path = tmp_path / "bookmarks.yaml"
    store = BookmarkStore(path)
    first = store.add(DOC, 0, 9)
    before = path.read_bytes()

    def no_room(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    with pytest.raises(BookmarksWriteError, match="No space left on device"):
        store.add(DOC, 10, 19)
    monkeypatch.undo()
    assert path.read_bytes() == before and BookmarkStore(path).bookmarks == (first,)
    record("bookmarks: disk full before the temp file exists")


def test_the_command_line_on_a_full_disk_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(TEXT + "A unique closing line.\n", "utf-8")
    args = ["bookmarks", "add", "doc", "--quote", "unique closing", "--corpus", str(corpus)]
    assert main(args) == 0
    path = Path(os.environ["NKTERM_DATA"]) / "bookmarks.yaml"
    before = path.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr(os, "fdopen", _full_fdopen(100))
    assert main(args) == 1
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("nkterm: could not save bookmarks to ") and "No space left on device" in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
    record("bookmarks: `nkterm bookmarks add` on a full disk")


def test_no_room_for_the_backup_of_a_broken_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bookmarks.yaml"
    path.write_text("version: 1\nbookmarks: [unclosed\n", "utf-8")
    before = path.read_bytes()
    real_open = open

    def full_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "x" in mode:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_open)
    store = BookmarkStore(path)
    reason = store.read_only_reason
    monkeypatch.undo()
    assert reason is not None and "no backup copy could be made (No space left on device)" in reason
    with pytest.raises(BookmarksReadOnly):
        store.add(DOC, 0, 9)
    assert path.read_bytes() == before
    record("bookmarks: disk full while backing up a broken file")


# -- hand-broken files ----------------------------------------------------------------------------


def _good_file(tmp_path: Path, count: int = 5) -> Path:
    path = tmp_path / "good" / "bookmarks.yaml"
    store = BookmarkStore(path)
    for i in range(count):
        store.add(DOC, i * 30, i * 30 + 14, note=f"note {i}\nsecond line", tags=[f"t{i}", "shared"])
    return path


def _bomb() -> str:
    lines = ["version: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines += ["bookmarks:", "- {id: x1, junk: *a9}"]
    return "\n".join(lines) + "\n"


BROKEN: dict[str, bytes] = {
    "unclosed-bracket": b"version: 1\nbookmarks: [\n",
    "unclosed-quote": b'version: 1\nbookmarks:\n- id: "abc\n',
    "tab-indent": b"version: 1\nbookmarks:\n\t- id: a\n",
    "binary": bytes(range(256)),
    "nul": b"version: 1\x00\nbookmarks: []\n",
    "utf16": "version: 1\nbookmarks: []\n".encode("utf-16"),
    "latin1": "version: 1\nbookmarks:\n- id: caf\u00e9\n".encode("latin-1"),
    "top-list": b"- version: 1\n",
    "top-scalar": b"just some words\n",
    "bookmarks-mapping": b"version: 1\nbookmarks: {a: 1}\n",
    "version-text": b"version: one\nbookmarks: []\n",
    "billion-laughs": _bomb().encode(),
    "merge-alias": b"version: 1\nbase: &b {doc_id: doc}\nbookmarks:\n- {<<: *b, id: x}\n",
    "deep-flow": b"version: 1\nbookmarks:\n- " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep-block": b"version: 1\nbookmarks:\n" + b"- " * 50_000 + b"x\n",
    "deep-flow-unclosed": b"version: 1\nbookmarks: " + b"[" * 200_000 + b"\n",
    "deep-cr-lines": b"version: 1\rbookmarks:\r" + b"".join(b" " * i + b"- \r" for i in range(0, 4000, 2)),
    "python-object": b"version: 1\nbookmarks:\n- !!python/object/apply:os.system ['touch PWNED']\n",
    "python-name": b"version: 1\nx: !!python/name:os.system\nbookmarks: []\n",
    "duplicate-anchor-junk": b"version: 1\na: &x 1\nb: &x 2\nbookmarks: []\n",
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_hand_broken_file_is_read_only_backed_up_and_never_overwritten(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bookmarks.yaml"
    path.write_bytes(BROKEN[name])
    started = time.process_time()  # CPU, not wall: a loaded machine must not fail it
    store = BookmarkStore(path)
    reason = store.read_only_reason
    assert reason is not None and str(path) in reason and "left unchanged" in reason, reason
    assert time.process_time() - started < 10  # a parser that blows up (an alias bomb) would not end
    backups = list(tmp_path.glob("bookmarks.yaml.broken-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == BROKEN[name]
    for attempt in (lambda: store.add(DOC, 0, 9), lambda: store.import_json("[]", {"doc"})):
        with pytest.raises(BookmarksReadOnly):
            attempt()
    assert path.read_bytes() == BROKEN[name]
    assert not (ROOT / "PWNED").exists() and not (tmp_path / "PWNED").exists()
    # the command line says why in one line and changes nothing
    monkeypatch.setenv("NKTERM_DATA", str(tmp_path))
    assert main(["bookmarks", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nkterm: bookmarks file ") and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == BROKEN[name]
    record("bookmarks: hand-broken file (read-only, backed up, untouched)")


def test_a_bookmarks_file_that_is_a_fifo_or_a_folder_is_an_error_not_a_hang(tmp_path: Path) -> None:
    from nkterm.bookmarks import BookmarksError

    fifo = tmp_path / "a" / "bookmarks.yaml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    folder = tmp_path / "b" / "bookmarks.yaml"
    folder.mkdir(parents=True)
    for path, what in ((fifo, "a named pipe"), (folder, "a folder")):
        with pytest.raises(BookmarksError, match=f"cannot read bookmarks file .*{what}"):
            BookmarkStore(path).load()
    record("bookmarks: file is a FIFO or a folder", 2)


def _mutate(data: str, rng: random.Random, steps: int) -> str:
    lines = data.splitlines(keepends=True)
    for _ in range(steps):
        kind = rng.randrange(7)
        if not lines:
            break
        i = rng.randrange(len(lines))
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif kind == 2:
            line = lines[i]
            j = rng.randrange(len(line) + 1)
            lines[i] = (
                line[:j]
                + rng.choice(["", " ", "  ", ":", "-", "'", '"', "#", "[", "{", "\t", "x", "\n"])
                + line[j:]
            )
        elif kind == 3:
            lines[i] = lines[i].replace(": ", ":", 1) if rng.random() < 0.5 else "  " + lines[i]
        elif kind == 4:
            lines = lines[: rng.randrange(len(lines) + 1)]  # truncated (a half-written file)
        elif kind == 5:
            lines[i] = rng.choice(
                ["start: -5\n", "end: many\n", "created: yesterday\n", "tags: 7\n", "id: ../x\n"]
            )
        else:
            lines[i] = lines[i].replace("doc", "../../etc/passwd", 1)
    return "".join(lines)


@settings(
    max_examples=scale(150, 1500),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32), steps=st.integers(1, 4))
def test_any_hand_edit_loses_no_bookmark_when_saved(tmp_path: Path, seed: int, steps: int) -> None:
    good = tmp_path / "good" / "bookmarks.yaml"
    if not good.exists():
        _good_file(tmp_path)
    edited = _mutate(good.read_text("utf-8"), random.Random(seed), steps)
    path = tmp_path / f"edit-{seed}" / "bookmarks.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(edited, "utf-8")
    store = BookmarkStore(path)
    loaded = store.bookmarks  # never raises
    if store.read_only_reason is not None:
        with pytest.raises(BookmarksReadOnly):
            store.add(DOC, 0, 9)
        assert path.read_text("utf-8") == edited  # a file that does not parse is never touched
        record("bookmarks: random hand edits (read-only)")
        return
    parsed, _node = parse_yaml(edited)
    entries_before = len((parsed or {}).get("bookmarks") or [])
    added = store.add(DOC, 0, 9, note="after the edit")
    again = BookmarkStore(path)
    assert again.read_only_reason is None
    # every bookmark that loaded is still there, with every field, and so is the new one
    assert set(loaded) | {added} == set(again.bookmarks)
    # entries that did not validate were written back as they were, not dropped; and the
    # saved file parses with PyYAML's pure-Python parser too, not only with libyaml
    data = yaml.safe_load(path.read_text("utf-8"))
    assert len(data["bookmarks"]) == entries_before + 1
    assert len(again.problems) == len(store.problems)
    record("bookmarks: random hand edits (saved without loss)")


# -- imports ------------------------------------------------------------------------------------------


class _Spy:
    """A known-ids container that remembers every id it was asked about."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.asked: list[object] = []

    def __contains__(self, doc_id: object) -> bool:
        self.asked.append(doc_id)
        return doc_id in self.known


HOSTILE_SOURCES = [
    "../secret",
    "../../etc/passwd",
    "/etc/passwd",
    "a/../../secret",
    "./doc",
    "doc/",
    "/doc",
    "~/secret",
    "~root/x",
    "file:///etc/passwd",
    "http://example.com/x",
    "C:\\Windows\\x",
    "C:/x",
    "\\\\server\\share\\x",
    "doc\x00.txt",
    "",
    "..",
    ".",
    "doc//x",
]


def test_import_refuses_ids_and_paths_that_leave_the_corpus_and_adds_the_rest(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.yaml")
    store.add(DOC, 0, 9, note="already here")
    items: list[Any] = [
        {
            "id": f"urn:nkterm:bookmark:{'../' * (i % 3)}bad{i}",
            "type": "Annotation",
            "target": {"source": source, "selector": [{"type": "TextQuoteSelector", "exact": "quick brown"}]},
        }
        for i, source in enumerate(HOSTILE_SOURCES)
    ]
    items += [
        {
            "id": "../../../evil-id",
            "target": {"source": "doc", "selector": {"type": "TextQuoteSelector", "exact": "lazy dog"}},
        },
        {"target": {"source": "missing", "selector": [{"type": "TextQuoteSelector", "exact": "x"}]}},
        {"target": {"source": ["doc"]}},
        {"target": "doc"},
        "not an object",
        {
            "target": {
                "source": "doc",
                "selector": [{"type": "TextQuoteSelector", "exact": "fox", "prefix": 5}],
            }
        },
    ]
    spy = _Spy({"doc"})
    report = store.import_json(json.dumps(items), spy)
    assert [b.doc_id for b in report.added] == ["doc"]
    assert report.added[0].id != "../../../evil-id" and "/" not in report.added[0].id
    assert len(report.rejected) == len(items) - 1
    for source in HOSTILE_SOURCES:
        assert source not in spy.asked, f"the path-like id {source!r} was looked up"
    assert all("not imported" in m for m in report.rejected)
    again = BookmarkStore(store.path)
    assert len(again.bookmarks) == 2 and {b.doc_id for b in again.bookmarks} == {"doc"}
    record("bookmarks: hostile import entries", len(items))


@settings(max_examples=scale(150, 3000), deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "type",
                        "target",
                        "source",
                        "selector",
                        "exact",
                        "prefix",
                        "suffix",
                        "start",
                        "end",
                        "body",
                        "value",
                        "purpose",
                        "items",
                        "first",
                        "created",
                        "nkterm",
                        "claim",
                        "extra",
                    ]
                ),
                inner,
                max_size=5,
            ),
        ),
        max_leaves=25,
    )
)
def test_import_of_any_json_shape_adds_or_rejects_never_raises_otherwise(data: object) -> None:
    from nkterm.bookmarks import InvalidBookmark
    from nkterm.bookmarks.exchange import parse_annotations

    spy = _Spy({"doc"})
    try:
        bookmarks, rejected = parse_annotations(data, spy)
    except InvalidBookmark:
        record("bookmarks: random import JSON shapes")
        return
    assert all(b.doc_id == "doc" for b in bookmarks)
    assert all(isinstance(m, str) and m for m in rejected)
    record("bookmarks: random import JSON shapes")


def test_serialiser_output_always_parses_back(tmp_path: Path) -> None:
    store = BookmarkStore(_good_file(tmp_path, 20))
    data = Serialiser()(list(store.bookmarks), {"other": {"keep": [1, 2]}})
    assert len(yaml.safe_load(data)["bookmarks"]) == 20
