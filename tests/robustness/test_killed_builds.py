"""Killed builds (issue 15): ``nkterm index`` SIGKILLed leaves no process behind, and the next
command says it is finishing the build.

A build of 400 documents or more prepares them in a worker process started through
multiprocessing's forkserver, which also starts a resource tracker. Killing only the main
process (as the OOM killer or ``kill -9 PID`` does) left the worker waiting forever, and the
worker kept the forkserver and the tracker alive: 10 of 22 kills left ~60 MB running for good.
Here the build runs in a session of its own; after the kill, every process of that session
must be gone within a few seconds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.robustness.conftest import nkterm_env, record, run_piped, scale

DOCUMENTS = 600  # over PARALLEL_MIN (400): the build has its worker process; the kill lands when the
# worker appears, seconds before a build of 600 documents can end (the next command finishes it)


def _session(sid: int) -> list[tuple[int, str]]:
    """The live processes of session ``sid``: (pid, command line)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
            cmdline = Path(f"/proc/{name}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            found.append((int(name), cmdline))
    return found


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("orphans") / "corpus"
    root.mkdir()
    for i in range(DOCUMENTS):
        paragraphs = [
            f"Report {i}, part {k}: officials said on Monday that {i * 7 + k} tonnes of rice were "
            f'shipped. "We expect more," a minister said. The price rose by {k} percent.'
            for k in range(6)
        ]
        (root / f"doc{i:04d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return root


@pytest.mark.slow
def test_sigkill_of_nkterm_index_leaves_no_helper_process(big_corpus: Path, tmp_path: Path) -> None:
    rng = random.Random(15)
    kills = scale(3, 22)
    survivors: list[str] = []
    for n in range(kills):
        env = nkterm_env(big_corpus, tmp_path / f"index-{n}", tmp_path / "home")
        proc = subprocess.Popen(
            [sys.executable, "-m", "nkterm", "index", "-q"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its session id is its pid: every helper it starts is in it
        )
        try:
            deadline = time.monotonic() + 120
            # the main process, the resource tracker, the forkserver and the worker
            while len(_session(proc.pid)) < 4 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert proc.poll() is None, "the build ended before its worker started: make the corpus larger"
            time.sleep(rng.uniform(0.0, 1.0))
            proc.send_signal(signal.SIGKILL)  # the main process only, not its group
            proc.wait()
            deadline = time.monotonic() + 10
            while _session(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = _session(proc.pid)
            survivors.extend(cmd for _pid, cmd in left)
        finally:
            for pid, _cmd in _session(proc.pid):  # never leave them running, even on failure
                os.kill(pid, signal.SIGKILL)
    assert not survivors, f"{len(survivors)} process(es) outlived a killed build: {survivors[:3]}"
    record("index: nkterm index SIGKILLed with its worker running, no process left", kills)


def test_the_command_after_a_killed_build_says_it_is_finishing_it(big_corpus: Path, tmp_path: Path) -> None:
    # Issue 15: the next `search` finished a killed build silently (6.9 s at BBC size).
    index = tmp_path / "index"
    env = nkterm_env(big_corpus, index, tmp_path / "home")
    proc = subprocess.Popen(
        [sys.executable, "-m", "nkterm", "index", "-q"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len(_session(proc.pid)) < 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the worker runs: the build is under way
        assert proc.poll() is None, "the build ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        for pid, _cmd in _session(proc.pid):
            os.kill(pid, signal.SIGKILL)
    first = run_piped(["search", "report"], env)
    assert first.returncode == 0, first.stderr
    assert "nkterm: an index build was interrupted: finishing it first" in first.stderr
    assert f"of {DOCUMENTS} result(s)" in first.stderr  # and it did finish it
    second = run_piped(["search", "report"], env)
    assert second.returncode == 0 and "interrupted" not in second.stderr
    record("index: the command after a killed build says it finishes it")
