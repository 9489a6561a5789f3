"""The build's spool: a private temp folder where worker processes leave what they prepared
(pickles of a chunk of documents each) until the writing process takes it, so that documents
prepared ahead (while it commits) wait on disk, not in its memory (``nkterm.build``). Owns the
folder's name, making it, writing and reading its files, and removing the folders of builds
that were killed; and handing the heap a chunk freed back to the system (``release_memory``,
in the workers and the writing process alike). Must not import Whoosh or Textual.
"""

from __future__ import annotations

import functools
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PREFIX = "nkterm-build-"  # + the building process's id + a random part


@contextmanager
def spool_folder() -> Iterator[Path]:
    """A new spool folder (``tempfile.mkdtemp``: only this user can write it), removed at the
    end; first the folders of killed builds (``clear_stale``) are removed."""
    tmp = Path(tempfile.gettempdir())
    clear_stale(tmp)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=tmp))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def clear_stale(tmp: Path) -> None:
    """Remove the spool folders in ``tmp`` whose build process is gone (a SIGKILL runs no
    clean-up); another live process's, or another user's, are left alone."""
    try:
        folders = [p for p in tmp.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return
    for folder in folders:
        pid = folder.name[len(PREFIX) :].partition("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:  # gone: its build was killed
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, another user's: not ours to touch
            continue


def put(path: str, value: Any) -> str:
    """Pickle ``value`` into the spool file ``path`` (in a worker); returns ``path``."""
    with open(path, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def take(path: str) -> Any:
    """What ``put`` wrote to ``path``; the file is removed."""
    try:
        with open(path, "rb") as fh:
            # our own worker's pickle, in a folder only this user can write (mkdtemp: 0700)
            return pickle.load(fh)  # noqa: S301
    finally:
        os.unlink(path)


def release_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing where
    there is none). Python's strings and lists over 512 bytes live in that heap, and freed
    ones between live ones keep their pages: 20k build, the recurring-lines pass left 47 MB
    of free heap in this process; a trim costs ~0.1 ms, ~30 ms when it frees that much."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc (macOS, musl)
        return None
