"""The build pauses Python's cyclic collector while the main thread writes (the unpickled
documents and the postings pool are ~10^6 containers without cycles: the collector's passes
over them were a quarter of the writing process's CPU), collects after each commit (the
committed writer is garbage in cycles), and always turns it back on; a build from another
thread (the reader's) never touches it."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path
from typing import Any

import pytest

import nkterm.build as build
from nkterm.index import Index
from nkterm.search.whoosh import segwriter


def _corpus(root: Path, count: int) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(count):
        (corpus / f"d{i:02}.txt").write_text(
            f"Report {i}\n\nThe envoy said {i * 7} tonnes of rice arrived.\n"
        )
    return corpus


def test_the_collector_is_paused_while_writing_and_on_again_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "BATCH", 4)  # three commits
    writers: list[weakref.ref[object]] = []
    made = segwriter.PoolSegmentWriter.__init__

    def init(self: segwriter.PoolSegmentWriter, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        writers.append(weakref.ref(self))

    monkeypatch.setattr(segwriter.PoolSegmentWriter, "__init__", init)
    seen: list[tuple[bool, int]] = []

    def progress(done: int, total: int) -> None:
        # the writers committed so far: gone (collected after their commit) although paused
        seen.append((gc.isenabled(), sum(w() is not None for w in writers)))

    assert gc.isenabled()
    report = Index(_corpus(tmp_path, 10), tmp_path / "index").update(progress)
    assert report.added == 10 and gc.isenabled()
    assert [enabled for enabled, _alive in seen] == [False] * 10
    assert len(writers) == 3
    assert [alive for _enabled, alive in seen][4:] == [1] * 6  # only the open writer


def test_a_failed_build_turns_the_collector_back_on(tmp_path: Path) -> None:
    def progress(done: int, total: int) -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        Index(_corpus(tmp_path, 3), tmp_path / "index").update(progress)
    assert gc.isenabled()


def test_a_build_in_another_thread_leaves_the_collector_alone(tmp_path: Path) -> None:
    seen: list[bool] = []
    index = Index(_corpus(tmp_path, 3), tmp_path / "index")
    thread = threading.Thread(target=lambda: index.update(lambda done, total: seen.append(gc.isenabled())))
    thread.start()
    thread.join()
    assert seen == [True] * 3 and len(index) == 3
