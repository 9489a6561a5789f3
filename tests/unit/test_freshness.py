"""``nkterm.freshness.changed_since``: the walk that tells a current index from a stale one
without a full scan, on real folders (every kind of change it must see, the ones it must not)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from nkterm.freshness import changed_since


def _tree(root: Path) -> Path:
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "top.txt").write_text("top\n", "utf-8")
    (root / "a" / "b" / "deep.md").write_text("deep\n", "utf-8")
    (root / "a" / "page.html").write_text("<p>page</p>", "utf-8")
    (root / "a" / "page.yaml").write_text("title: Page\n", "utf-8")
    (root / "a" / "notes.json").write_text("{}", "utf-8")
    (root / ".hidden" / "secret.txt").write_text("x\n", "utf-8")
    target = root.parent / f"{root.name}-target.txt"
    target.write_text("target\n", "utf-8")
    (root / "link.txt").symlink_to(target)
    (root / "broken.txt").symlink_to(root.parent / "nowhere.txt")
    return target


def _append(path: Path) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write("more\n")


SEEN: dict[str, Callable[[Path, Path], object]] = {
    "a document deep below, edited in place": lambda r, t: _append(r / "a" / "b" / "deep.md"),
    "an HTML document edited in place": lambda r, t: _append(r / "a" / "page.html"),
    "a sidecar edited in place": lambda r, t: _append(r / "a" / "page.yaml"),
    "a linked document's target edited": lambda r, t: _append(t),
    "a file added to a subfolder": lambda r, t: (r / "a" / "b" / "new.txt").write_text("n\n", "utf-8"),
    "a document removed": lambda r, t: (r / "top.txt").unlink(),
    "a document touched": lambda r, t: os.utime(r / "top.txt"),
}
NOT_SEEN: dict[str, Callable[[Path, Path], object]] = {
    "a file that is no document edited": lambda r, t: _append(r / "a" / "notes.json"),
    "a file in a hidden folder edited": lambda r, t: _append(r / ".hidden" / "secret.txt"),
}


def _since_now() -> int:
    since = time.time_ns()
    time.sleep(0.05)  # file times come from a coarser clock: changes made after this are later
    return since


@pytest.mark.parametrize("change", list(SEEN), ids=list(SEEN))
def test_every_change_to_a_document_or_folder_is_seen(tmp_path: Path, change: str) -> None:
    root = tmp_path / "corpus"
    target = _tree(root)
    since = _since_now()
    assert not changed_since(root, since)  # the broken link is no change
    SEEN[change](root, target)
    assert changed_since(root, since)


@pytest.mark.parametrize("change", list(NOT_SEEN), ids=list(NOT_SEEN))
def test_changes_the_scan_does_not_read_are_not_seen(tmp_path: Path, change: str) -> None:
    root = tmp_path / "corpus"
    target = _tree(root)
    since = _since_now()
    NOT_SEEN[change](root, target)
    assert not changed_since(root, since)


def test_a_missing_folder_counts_as_changed(tmp_path: Path) -> None:
    assert changed_since(tmp_path / "missing", 0)
    root = tmp_path / "corpus"
    _tree(root)
    since = _since_now()
    (root / "a" / "b" / "deep.md").unlink()
    (root / "a" / "b").rmdir()
    assert changed_since(root, since)
