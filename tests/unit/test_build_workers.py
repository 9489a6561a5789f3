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
