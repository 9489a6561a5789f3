"""Reading a file of a rich format in a child process, with a time and a memory cap.

One child per process that reads such files (the build's worker, or the CLI or reader when
they read a document themselves) serves one file at a time. A file that takes longer than
``TIMEOUT_S`` gets the child killed (and a new one for the next file); the child's heap is
capped at ``MEMORY_MB`` (``RLIMIT_DATA``), so a decompression bomb fails with ``MemoryError``
there, not in the build. Either way the caller gets a ``ReaderError`` naming the cause, and the
build goes on. Both caps can be changed with ``NKTERM_READER_TIMEOUT`` (seconds) and
``NKTERM_READER_MEMORY_MB``. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm.corpus.readers.base import FileResult, ReaderError
from nkterm.corpus.readers.registry import format_for
from nkterm.files import read_file

if TYPE_CHECKING:
    from multiprocessing.connection import Connection


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def timeout_s() -> float:
    return _env_number("NKTERM_READER_TIMEOUT", 120.0)


def memory_mb() -> int:
    return int(_env_number("NKTERM_READER_MEMORY_MB", 2048))


def read_uncapped(path: Path, name: str) -> FileResult:
    """Run the reader for ``name`` on ``path`` in this process. Raises ``ReaderError``."""
    fmt = format_for(name)
    if fmt is None:
        raise ReaderError("not a format nkterm reads")
    if fmt.read_path is not None:
        try:
            return fmt.read_path(path, name)
        except OSError as exc:
            raise ReaderError(f"cannot read: {exc.strerror or exc}") from None
    assert fmt.read_bytes is not None
    try:
        raw = read_file(path, fmt.max_bytes)
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}") from None
    return fmt.read_bytes(raw, name)


def _serve(conn: Connection, memory: int) -> None:
    """The child: read files as asked until the parent closes the pipe."""
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (memory * 1024 * 1024, memory * 1024 * 1024))
    while True:
        try:
            path, name = conn.recv()
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]
        try:
            answer = ("ok", read_uncapped(Path(path), name))
        except ReaderError as exc:
            answer = ("error", str(exc))
        except MemoryError:
            answer = ("exit", f"reading it needs more than {memory} MB of memory: skipped")
        except RecursionError:
            answer = ("error", "nested too deeply to read")
        except Exception as exc:  # noqa: BLE001 - a reader library's bug on odd input: this file only
            answer = ("error", f"the reader failed on it ({type(exc).__name__}: {exc})"[:300])
        try:
            conn.send(answer)
        except MemoryError:
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            conn.send(("error", f"the reader's result could not be passed on ({type(exc).__name__})"))
        if answer[0] == "exit":  # after a MemoryError the heap may be in pieces: start afresh
            return


@contextlib.contextmanager
def stderr_with_a_file() -> Iterator[None]:
    """Starting a child passes ``sys.stderr``'s file descriptor to multiprocessing's helper
    processes; inside the reader, Textual has replaced ``sys.stderr`` with an object whose
    ``fileno()`` is -1, and the start fails ("bad value(s) in fds_to_keep"). For the start,
    the helpers get /dev/null instead (nothing of theirs may reach the reader's screen)."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = saved


class _Child:
    def __init__(self) -> None:
        # forkserver, not fork: the reader calls this from threads, and forking a threaded
        # process can deadlock
        import multiprocessing  # here: a process that reads no PDF or archive never loads it

        context = multiprocessing.get_context("forkserver")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, memory_mb()), daemon=True)
        with stderr_with_a_file():
            self.process.start()
        theirs.close()

    def stop(self) -> int | None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        return self.process.exitcode


_lock = threading.Lock()
_child: _Child | None = None
_no_child = False  # a process that cannot start children reads in-process (no caps)


def read_capped(path: Path, name: str) -> FileResult:
    """The documents of one file, read in the capped child. Raises ``ReaderError`` for a file
    that cannot be read, including one that hit a cap or crashed the reader."""
    global _child, _no_child
    with _lock:
        if _no_child:
            return read_uncapped(path, name)
        for attempt in (1, 2):
            if _child is None:
                try:
                    _child = _Child()
                except (OSError, ValueError, AssertionError):  # e.g. a daemonic process
                    _no_child = True
                    return read_uncapped(path, name)
            child = _child
            try:
                child.conn.send((str(path), name))
                break
            except OSError:  # the child died between files: once more with a new one
                child.stop()
                _child = None
                if attempt == 2:
                    raise ReaderError("the reader process could not be started") from None
        limit = timeout_s()
        try:
            ready = child.conn.poll(limit)
        except OSError:
            ready = True
        if not ready:
            child.stop()
            _child = None
            raise ReaderError(
                f"reading it took longer than {limit:g} s (a damaged or hostile file?): skipped"
            )
        try:
            status, value = child.conn.recv()
        except (EOFError, OSError):
            code = child.stop()
            _child = None
            raise ReaderError(f"the reader crashed on it (exit code {code}): skipped") from None
        if status == "exit":
            child.stop()
            _child = None
    if status == "ok":
        assert isinstance(value, FileResult)
        return value
    raise ReaderError(str(value))
