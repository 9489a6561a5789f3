"""Helper processes end when the process that started them dies.

A worker of ``nkterm index`` is forked by multiprocessing's forkserver, not by nkterm, and it
holds the forkserver's and the resource tracker's pipes open: when nkterm is SIGKILLed, the
worker waited forever for work, and kept both helpers alive with it (~60 MB, 10 of 22 kills).
``exit_with(pid)``, run first in each worker (a ``ProcessPoolExecutor`` initializer), ends the
worker when process ``pid`` ends: a pidfd (Linux 5.3+) tells at once, else the process is
polled twice a second. Where Linux has one, a parent-death signal also ends the worker when
its own parent (the forkserver) dies. Once the worker is gone, the forkserver and the resource
tracker see their pipes close and exit by themselves. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5


def exit_with(pid: int) -> None:
    """End this process (at once, without cleanup) when process ``pid`` has ended."""
    _parent_death_signal()
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)  # it died before we started
    except (AttributeError, OSError):  # no pidfd here: poll
        fd = -1
    thread = threading.Thread(target=_watch, args=(pid, fd), name=f"exit-with-{pid}", daemon=True)
    thread.start()


def _watch(pid: int, fd: int) -> None:
    if fd >= 0:
        select.select([fd], [], [])  # readable once the process has ended
        os._exit(1)
    while _alive(pid):
        time.sleep(POLL_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's (the pid was reused): ours is gone
        return False
    return True


def _parent_death_signal() -> None:
    """SIGKILL this process when its parent dies (Linux ``prctl``; nothing elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes.util  # here: the processes that import this module but start no worker skip it

    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the signal was asked for
            os._exit(1)
