"""The build with several worker processes (``nkterm.build.WORKERS``) writes the same index as
one process alone: the same Whoosh postings word by word, the same catalog and list."""

from __future__ import annotations

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


def test_each_batch_has_fresh_workers_ended_before_its_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large build starts new workers for each batch and ends them before the batch's last
    documents are handed over, so no worker is alive while the batch commits (the main
    process's peak); the index is the one a single process writes."""
    import multiprocessing

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        (corpus / f"d{i:02}.txt").write_text(
            f"Report {i}\n\nThe envoy said {i} tonnes of rice arrived.\n", "utf-8"
        )
    monkeypatch.setattr(build, "PREPARE_CHUNK", 2)
    monkeypatch.setattr(build, "PARALLEL_MIN", 5)
    monkeypatch.setattr(build, "WORKERS", 2)
    monkeypatch.setattr(build, "BATCH", 8)
    monkeypatch.setattr(build, "RECYCLE_MIN", 8)
    seen: list[set[int]] = []
    commits: list[int] = []
    index = Index(corpus, tmp_path / "p")
    writer = index.writer

    def counting_writer(lock_timeout: float) -> object:
        made = writer(lock_timeout)
        commit = made.commit

        def traced(*, merge: bool) -> None:
            commits.append(len(multiprocessing.active_children()))
            commit(merge=merge)

        made.commit = traced  # type: ignore[method-assign]
        return made

    monkeypatch.setattr(index, "writer", counting_writer)

    def progress(done: int, total: int) -> None:
        seen.append({p.pid for p in multiprocessing.active_children() if p.pid is not None})

    assert index.update(progress).added == 24
    assert commits == [0, 0, 0]  # three batches of 8, each committed with no worker alive
    pids = set().union(*seen)
    assert len(pids) >= 4  # two workers per batch at least twice: fresh ones after a commit
    monkeypatch.setattr(build, "PARALLEL_MIN", 10**9)
    serial = Index(corpus, tmp_path / "s")
    serial.update()
    assert index.summaries() == serial.summaries()
    assert all(index.load(f"d{i:02}") == serial.load(f"d{i:02}") for i in range(24))
