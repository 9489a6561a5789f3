"""A no-change update told from the scan's digest alone (``nkterm.freshness.recorded_scan`` and
``same_scan``, used by ``Library.update``): on a real seed index, nothing changed is answered
without opening the index (nor reading the manifest), and every change to a document, a
sidecar or the index folder still takes the full update, which finds it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from nkterm.freshness import SCAN_FILE
from nkterm.library import Library
from nkterm.manifest import META_FILE
from nkterm.report import UpdateReport


@pytest.fixture
def recorded(seed_corpus: Path, tmp_path: Path, _seed_template: tuple[Path, Path]) -> tuple[Path, Path]:
    """The seed corpus and a copy of its index, after one full update recorded its scan."""
    index = tmp_path / "index"
    shutil.copytree(_seed_template[1], index)
    library = Library(seed_corpus, index)
    first = library.update()
    assert first.touched == 0 and library._index is not None  # the full update, opened the index
    assert json.loads((index / SCAN_FILE).read_text("utf-8"))["scan"]["documents"] == 2
    return seed_corpus, index


def _update(corpus: Path, index: Path) -> tuple[Library, UpdateReport]:
    library = Library(corpus, index)
    return library, library.update()


def test_nothing_changed_is_told_without_opening_the_index(recorded: tuple[Path, Path]) -> None:
    corpus, index = recorded
    for _ in range(2):  # the record is carried on by the quick answer
        library, report = _update(corpus, index)
        assert (report.touched, report.unchanged, report.rebuilt) == (0, 2, None)
        assert library._index is None  # neither the backend nor the manifest was opened
        assert len(library) == 2
    assert [d.id for d in library.documents()] == sorted(p.stem for p in corpus.glob("*.txt"))


def _first(corpus: Path, suffix: str = ".txt") -> Path:
    return sorted(corpus.glob(f"*{suffix}"))[0]


def _later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 3_000_000_000))


CHANGES: dict[str, tuple[Callable[[Path], object], dict[str, int]]] = {
    "a document edited": (
        lambda c: _first(c).write_text(_first(c).read_text("utf-8") + "\nOne more line.\n", "utf-8"),
        {"changed": 1, "unchanged": 1},
    ),
    "a document added": (
        lambda c: (c / "new.txt").write_text("A new account of the border.\n", "utf-8"),
        {"added": 1, "unchanged": 2},
    ),
    "a document removed": (lambda c: _first(c).unlink(), {"removed": 1, "unchanged": 1}),
    "a document touched": (lambda c: _later(_first(c)), {"unchanged": 2}),
    "a sidecar touched": (lambda c: _later(_first(c, ".yaml")), {"unchanged": 2}),
    "a sidecar edited": (
        lambda c: _first(c, ".yaml").write_text(_first(c, ".yaml").read_text("utf-8") + "\n# x\n", "utf-8"),
        {"changed": 1, "unchanged": 1},  # the sidecar's bytes are part of the content hash
    ),
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_every_change_takes_the_full_update(recorded: tuple[Path, Path], change: str) -> None:
    corpus, index = recorded
    make, expected = CHANGES[change]
    make(corpus)
    library, report = _update(corpus, index)
    assert library._index is not None  # compared file by file
    counts = {k: getattr(report, k) for k in ("added", "changed", "removed", "unchanged")}
    assert counts == {"added": 0, "changed": 0, "removed": 0, **expected}
    library, report = _update(corpus, index)  # and then nothing is left to do: quick again
    assert library._index is None and report.touched == 0


def test_an_index_file_changed_since_takes_the_full_update(recorded: tuple[Path, Path]) -> None:
    corpus, index = recorded
    segment = next(index.glob("*.seg"))
    with segment.open("r+b") as fh:
        fh.truncate(segment.stat().st_size // 2)
    library, report = _update(corpus, index)
    assert library._index is not None
    assert report.rebuilt and "rebuilding the index" in report.rebuilt
    assert report.added == 2


def test_an_outdated_index_takes_the_full_update(recorded: tuple[Path, Path]) -> None:
    corpus, index = recorded
    meta = json.loads((index / META_FILE).read_text("utf-8"))
    (index / META_FILE).write_text(json.dumps({**meta, "claims_version": "0000"}), "utf-8")
    library, report = _update(corpus, index)
    assert library._index is not None
    assert report.rebuilt and "claim detector changed" in report.rebuilt


def test_files_that_failed_are_never_answered_quickly(recorded: tuple[Path, Path]) -> None:
    """A file that gave no document is in the manifest's failed list, whose problems each update
    repeats: no digest is recorded, and every run compares in full and says it again."""
    corpus, index = recorded
    (corpus / "empty.md").write_text("", "utf-8")
    for _ in range(2):
        library, report = _update(corpus, index)
        assert library._index is not None
        assert [str(p) for p in report.problems] == ["empty.md: skipped: empty document (no text)"]
        assert "scan" not in json.loads((index / SCAN_FILE).read_text("utf-8"))
    (corpus / "empty.md").unlink()
    _update(corpus, index)
    library, report = _update(corpus, index)
    assert library._index is None and report.problems == []
