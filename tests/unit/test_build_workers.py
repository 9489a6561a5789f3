"""The build with several worker processes (``nkterm.build.WORKERS``) writes the same index as
one process alone: the same Whoosh postings word by word, the same catalog and list."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from multiprocessing import forkserver
from pathlib import Path

import pytest

import nkterm.build as build
from nkterm.index import Index
from nkterm.search.whoosh.storage import Storage
from tests.unit.test_fast_postings import _compare, _contents


def test_three_workers_write_what_one_process_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        (corpus / f"d{i:02}.txt").write_text(
            f"Report {i}\n\nKim Il Sung's envoy said {i * 7} tonnes of rice arrived in P'yŏngyang. "
            f"평양 officials, the minister said, expect {i} more shipments.\n",
            "utf-8",
        )
    monkeypatch.setattr(build, "PREPARE_CHUNK", 2)
    monkeypatch.setattr(build, "PARALLEL_MIN", 5)
    monkeypatch.setattr(build, "WORKERS", 3)
    assert build.workers(15) == 3
    parallel = Index(corpus, tmp_path / "p")
    assert parallel.update().added == 30
    monkeypatch.setattr(build, "PARALLEL_MIN", 10**9)
    serial = Index(corpus, tmp_path / "s")
    serial.update()
    assert parallel.summaries() == serial.summaries()
    assert all(parallel.load(f"d{i:02}") == serial.load(f"d{i:02}") for i in range(30))
    assert parallel.search("ilsung").total == 30
    ours, theirs = (_contents(Storage(tmp_path / name).open_index("MAIN")) for name in ("p", "s"))
    _compare(ours, theirs)


def test_each_batch_has_fresh_workers_that_start_while_the_batch_before_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large build starts new workers for each batch and ends a batch's workers before its
    last documents are handed over; the next batch's workers start then and prepare while the
    batch commits (their results spooled to files, removed as they are read): at each commit
    the only workers alive are the next batch's, none at the last; the index is the one a
    single process writes."""
    import tempfile

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        (corpus / f"d{i:02}.txt").write_text(
            f"Report {i}\n\nThe envoy said {i} tonnes of rice arrived.\n", "utf-8"
        )
    spools = tmp_path / "tmp"
    spools.mkdir()
    # a killed build's spool folder (its process gone) is removed; a live process's is kept
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    killed = spools / f"nkterm-build-{int(gone.stdout)}-abc"
    killed.mkdir()
    (killed / "0.pickle").write_bytes(b"x")
    alive_one = spools / f"nkterm-build-{os.getppid()}-def"
    alive_one.mkdir()
    # the forkserver's socket goes in the system's temp folder, not in ``spools``: a path under
    # xdist's tmp_path can pass AF_UNIX's 108 characters, and the build then runs without workers
    multiprocessing.get_context("forkserver")
    forkserver.ensure_running()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    monkeypatch.setattr(build, "PREPARE_CHUNK", 2)
    monkeypatch.setattr(build, "PARALLEL_MIN", 5)
    monkeypatch.setattr(build, "WORKERS", 2)
    monkeypatch.setattr(build, "BATCH", 8)
    monkeypatch.setattr(build, "RECYCLE_MIN", 8)
    monkeypatch.setattr(build, "TAIL", 3)  # the last batch of 8 splits: 5, then 3 alone
    seen: list[set[int]] = []  # the workers alive at each document handed over
    commits: list[tuple[int, set[int]]] = []  # documents done, workers alive, at each commit
    spooled: list[int] = []  # spool folders at each commit
    index = Index(corpus, tmp_path / "p")
    writer = index.writer

    def children() -> set[int]:
        return {p.pid for p in multiprocessing.active_children() if p.pid is not None}

    # a child this test process had before (another test's, still ending) is not the build's
    earlier = children()

    def alive() -> set[int]:
        return children() - earlier

    def counting_writer(lock_timeout: float) -> object:
        made = writer(lock_timeout)
        commit = made.commit

        def traced(*, merge: bool) -> None:
            commits.append((len(seen), alive()))
            spooled.append(len(list(spools.glob("nkterm-build-*"))))
            commit(merge=merge)

        made.commit = traced  # type: ignore[method-assign]
        return made

    monkeypatch.setattr(index, "writer", counting_writer)

    def progress(done: int, total: int) -> None:
        seen.append(alive())

    assert index.update(progress).added == 24
    assert [done for done, _ in commits] == [8, 16, 21, 24]  # batches of 8, 8, 5 and a tail of 3
    at_commit = [workers for _done, workers in commits]
    # the next batch's two workers alive at each commit but the last (fresh: other processes
    # each time; the tail's prepare while the batch before commits), none then; never more
    # than two at once (a batch's end before the next start)
    assert [len(w) for w in at_commit] == [2, 2, 2, 0]
    assert at_commit[0].isdisjoint(at_commit[1]) and at_commit[1].isdisjoint(at_commit[2])
    assert max(len(w) for w in seen) == 2
    assert len(set().union(*seen, *at_commit)) >= 6  # batch 0 may be over before the first look
    # one spool folder while the batches go on; removed when the last documents were handed over
    assert spooled == [2, 2, 2, 1] and list(spools.glob("nkterm-build-*")) == [alive_one]
    monkeypatch.setattr(build, "PARALLEL_MIN", 10**9)
    serial = Index(corpus, tmp_path / "s")
    serial.update()
    assert index.summaries() == serial.summaries()
    assert all(index.load(f"d{i:02}") == serial.load(f"d{i:02}") for i in range(24))


def test_the_workers_start_while_the_recurring_lines_are_learned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build learns the corpus's recurring lines once, in this process, while the first
    batch's workers already start (imports, claims model); the jobs sent after carry the lines:
    the boilerplate line gives no claim, and the index is the one a single process writes."""

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    boiler = "Copyright 2024 Example Agency. The minister said all rights are reserved."
    for i in range(20):
        (corpus / f"d{i:02}.txt").write_text(
            f"Report {i}\n\nThe envoy said {i} tonnes of rice arrived in Nampo on Monday.\n\n{boiler}\n",
            "utf-8",
        )
    monkeypatch.setattr(build, "PREPARE_CHUNK", 2)
    monkeypatch.setattr(build, "PARALLEL_MIN", 5)
    monkeypatch.setattr(build, "WORKERS", 2)
    learned = build._recurring_lines
    alive_then: list[int] = []
    lines_then: list[frozenset[str]] = []
    # children an earlier test of this process left (a pool still being reaped) are not this build's
    before = {p.pid for p in multiprocessing.active_children()}

    def traced(*args: object, **kwargs: object) -> frozenset[str]:
        alive_then.append(sum(p.pid not in before for p in multiprocessing.active_children()))
        lines = learned(*args, **kwargs)  # type: ignore[arg-type]
        lines_then.append(lines)
        return lines

    monkeypatch.setattr(build, "_recurring_lines", traced)
    index = Index(corpus, tmp_path / "p")
    assert index.update().added == 20
    assert alive_then == [2]  # learned once, both workers started before
    assert any("rights are reserved" in line for line in lines_then[0])
    loaded = [index.load(f"d{i:02}") for i in range(20)]
    spans = [doc.text[c.start : c.end] for doc, claims in loaded for c in claims]
    assert any("tonnes" in span for span in spans) and not any("reserved" in span for span in spans)
    monkeypatch.setattr(build, "PARALLEL_MIN", 10**9)
    serial = Index(corpus, tmp_path / "s")
    serial.update()
    assert alive_then == [2, 0]
    assert index.summaries() == serial.summaries()
    assert all(index.load(f"d{i:02}") == serial.load(f"d{i:02}") for i in range(20))


def test_a_build_of_several_batches_ends_with_a_short_one() -> None:
    """The last commit runs with no worker beside it: a build of several batches ends with a
    batch of ``TAIL`` files, prepared while the batch before commits; one batch stays one."""
    assert build.batch_ends(2226, 5000) == [2226]
    assert build.batch_ends(5000, 5000) == [5000]
    assert build.batch_ends(20000, 5000) == [5000, 10000, 15000, 19000, 20000]
    assert build.batch_ends(7500, 5000) == [5000, 6500, 7500]
    assert build.batch_ends(7000, 5000) == [5000, 7000]  # 2,000: already short
    assert build.batch_ends(20001, 5000) == [5000, 10000, 15000, 20000, 20001]
