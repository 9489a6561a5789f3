"""Writing files so that a crash at any moment leaves the old file or the new one, never half
of one. Used for the index's metadata, the reader's positions and the bookmarks file. Must not
import Textual or Whoosh."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def temp_prefix(path: Path) -> str:
    """The name every temp file for ``path`` starts with (``.name.``; hidden, findable)."""
    return f".{path.name}."


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; not every platform or file system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file beside it, fsync, ``os.replace``, fsync of the
    folder. Keeps the old file's permissions. Raises ``OSError`` with the old file intact and
    no temp file left behind."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    fsync_dir(folder)


def write_json(path: Path, data: Any, *, sort_keys: bool = False) -> None:
    """``write_atomic`` of compact UTF-8 JSON."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
    write_atomic(path, text.encode("utf-8"))
