"""Reading and writing nkterm's files safely. ``read_file`` reads only regular files, without
blocking (a FIFO or a device in a file's place cannot hang anything) and up to a size limit;
``write_atomic`` replaces a file so that a crash at any moment leaves the old file or the new
one, never half of one. Used for documents, sidecars, the config, the index's metadata, the
reader's positions and the bookmarks file. Must not import Textual, Whoosh or YAML."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

_SPECIAL_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def why_unusable(st: os.stat_result, limit: int) -> str:
    """Why a file with this ``stat`` is not read (empty string if it is fine)."""
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _SPECIAL_FILES if test(st.st_mode)), "a special file")
        return f"not a regular file ({kind}): only plain files are read"
    if st.st_size > limit:
        return f"too large ({st.st_size / 2**20:.1f} MB; the limit is {limit / 2**20:g} MB): split it into smaller files"
    return ""


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``OSError`` (with a readable
    ``strerror``) for anything else. Opened without blocking and checked on the open file, so
    a file swapped for a FIFO after ``scan`` cannot hang the load."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        unusable = why_unusable(os.fstat(fd), limit)
        if unusable:
            raise OSError(errno.EINVAL, unusable)
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew after it was looked at
        raise OSError(errno.EFBIG, f"too large (over {limit / 2**20:g} MB): split it into smaller files")
    return data


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


def write_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself, or the file its link leads to.
    A user who keeps a file in a synced folder and links it here must keep one file: replacing
    the link by a regular file would silently send every later write to a local copy.
    Raises ``OSError`` for a link that loops."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # a dangling link: the write creates the file it leads to
        target = Path(os.path.realpath(path))
    except OSError as exc:
        raise OSError(exc.errno or errno.ELOOP, f"{path} is a link that loops") from exc
    if target.is_symlink():
        raise OSError(errno.ELOOP, f"{path} is a link that loops")
    return target


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: beside the file a write replaces (``write_target``), so two
    links to one file share one lock; beside ``path`` when the link loops or leads into a
    folder that does not exist (no folder is created there)."""
    try:
        target = write_target(path)
    except OSError:
        target = path
    if not target.parent.is_dir():
        target = path
    return target.with_name(target.name + ".lock")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file beside it, fsync, ``os.replace``, fsync of the
    folder. Keeps the old file's permissions. Raises ``OSError`` with the old file intact and
    no temp file left behind. When ``path`` is a link, the file it leads to is replaced (in
    that file's folder), and the link stays a link (``write_target``)."""
    target = write_target(path)
    folder = target.parent
    if target == path:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():  # never create folders where a dangling link points
        raise OSError(errno.ENOENT, f"{path} is a link to {target}, in a folder that does not exist")
    path = target
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
