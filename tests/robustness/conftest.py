"""Shared pieces of the robustness suite: the long-run switch, the figures it reports, and
helpers to run nkterm as a user does (a real process, on a real pseudo-terminal when it matters).

Every test runs in the default suite with small counts. ``NKTERM_LONG=1`` raises the counts
(more kills, thousands of queries, the full 50 MB file): see docs/robustness.md. At the end of a
run the figures (how many bad inputs of each class were tried, crashes, data lost) are printed,
and written as JSON to ``$NKTERM_FIGURES`` when that is set.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
import tty
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

LONG = os.environ.get("NKTERM_LONG", "") not in ("", "0")


def scale(default: int, long: int) -> int:
    """A count for this run: small by default, large under NKTERM_LONG=1."""
    return long if LONG else default


# -- figures ---------------------------------------------------------------------------------------

_FIGURES: dict[str, dict[str, float]] = defaultdict(
    lambda: {"tried": 0, "crashes": 0, "lost": 0, "seconds": 0.0}
)


_RECORDED: list[str] = []  # the kinds recorded by the running test


def record(kind: str, tried: int = 1, *, crashes: int = 0, lost: int = 0) -> None:
    """Count bad inputs of one class. Tests assert no crash and no loss before they record,
    so a failing test records nothing: the figures describe runs that passed. The test's
    duration is added to each class it records."""
    row = _FIGURES[kind]
    row["tried"] += tried
    row["crashes"] += crashes
    row["lost"] += lost
    if kind not in _RECORDED:
        _RECORDED.append(kind)


def record_slowest(kind: str, seconds: float) -> None:
    """Keep the largest single-case time of a class (e.g. the slowest query)."""
    row = _FIGURES[kind]
    row["slowest"] = max(row.get("slowest", 0.0), seconds)


@pytest.fixture(autouse=True)
def _time_figures() -> Iterator[None]:
    _RECORDED.clear()
    started = time.perf_counter()
    yield
    for kind in _RECORDED:
        _FIGURES[kind]["seconds"] += time.perf_counter() - started


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _FIGURES:
        return
    terminalreporter.section(f"robustness figures ({'NKTERM_LONG' if LONG else 'default'} run)")
    for kind, row in sorted(_FIGURES.items()):
        slowest = f"  slowest {row['slowest'] * 1000:.0f} ms" if "slowest" in row else ""
        terminalreporter.write_line(
            f"{kind:<44} tried {int(row['tried']):>7}  crashes {int(row['crashes'])}  "
            f"lost {int(row['lost'])}  {row['seconds']:.1f} s{slowest}"
        )
    target = os.environ.get("NKTERM_FIGURES")
    if target:
        Path(target).write_text(json.dumps({"long": LONG, "figures": _FIGURES}, indent=2), "utf-8")


# -- terminal output -------------------------------------------------------------------------------

SGR = re.compile(r"\x1b\[[0-9;]*m")
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def terminal_controls(output: str) -> list[str]:
    """Everything in ``output`` that a terminal would act on, except the SGR colour/style
    sequences nkterm itself emits: escape sequences, other C0 and C1 controls, DEL, bidi
    controls. Newline, carriage return (a pty turns \\n into \\r\\n) and tab are text."""
    rest = SGR.sub("", output)
    return [
        f"U+{ord(c):04X}"
        for c in rest
        if (ord(c) < 0x20 and c not in "\n\r\t") or 0x7F <= ord(c) <= 0x9F or c in BIDI_CONTROLS
    ]


def cells(text: str) -> int:
    """Terminal columns of ``text`` by the Unicode tables (what wcwidth does), independently of
    Rich: combining marks and format characters take none, East Asian wide/fullwidth take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


# -- running nkterm --------------------------------------------------------------------------------


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def nkterm_env(corpus: Path, index: Path, home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NKTERM_")}
    env.update(
        NKTERM_CORPUS=str(corpus),
        NKTERM_INDEX=str(index),
        NKTERM_DATA=str(home / "data"),
        NKTERM_CONFIG=str(home / "config"),
        NKTERM_STATE=str(home / "state"),
        NKTERM_CACHE=str(home / "cache"),
        PYTHONIOENCODING="utf-8",
        **extra,
    )
    return env


def run_piped(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> Run:
    """``nkterm ARGS`` with stdout and stderr to pipes (as in ``nkterm ... > file``)."""
    proc = subprocess.run(
        [sys.executable, "-m", "nkterm", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    return Run(
        proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def run_on_terminal(args: list[str], env: dict[str, str], columns: int = 120, rows: int = 40) -> Run:
    """``nkterm ARGS`` with stdout on a pseudo-terminal (``isatty()`` is true, Rich colours
    on), in raw mode so the bytes read back are exactly the bytes written; stderr to a pipe."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    tty.setraw(slave)
    term_env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
    term_env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkterm", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=term_env,
        cwd=ROOT,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break  # exited and nothing left to read
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        proc.wait(timeout=30)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return Run(
        proc.returncode, b"".join(chunks).decode("utf-8", "replace"), stderr.decode("utf-8", "replace")
    )
