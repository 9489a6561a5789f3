"""Run ``nkterm`` in the test's own process: ``nkterm.cli.main`` with the arguments, the
environment and the output streams a command line would give it (stdout and stderr are not a
terminal, as under ``subprocess.run(capture_output=True)``).

A new ``python -m nkterm`` costs ~0.7 s of CPU for its imports alone; tests whose subject is
what a command says or does (not the process: exit by signal, a pseudo-terminal, a killed
build, two processes at once) call it here. Each suite keeps real ``python -m nkterm``
processes where the process is what is tested.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping


@contextlib.contextmanager
def _environment(env: Mapping[str, str], unset: tuple[str, ...]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(env)
    for name in unset:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def run_nkterm(
    *args: str, env: Mapping[str, str] | None = None, unset: tuple[str, ...] = (), stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``nkterm ARGS`` run in this process with ``env`` added to the environment (``unset``
    taken out of it) and ``stdin`` as its input; the answer as ``subprocess.run`` gives it."""
    from nkterm.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        _environment(env or {}, unset),
        _stdin(stdin),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(["nkterm", *args], code, out.getvalue(), err.getvalue())
