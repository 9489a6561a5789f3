"""A build worker's chunk (``nkterm.prepare.prepare_chunk``) runs the cyclic collector itself,
once after each file, instead of letting it run every few hundred allocations: what a document
leaves as garbage in cycles is gone before the next document starts, the collector is on again
after the chunk, and the chunk's documents are the ones ``prepare`` gives with the collector on."""

from __future__ import annotations

import gc
import pickle
import weakref
from pathlib import Path
from typing import Any

import pytest

import nkterm.prepare as prepare_module
from nkterm.claims import pipeline
from nkterm.corpus import scan
from nkterm.spool import take

TEXT = (
    "Talks resume\n\n"
    "The minister, Jane Holt, said on Monday that 40 tonnes of grain had arrived. "
    '"We expect more," she said. Mr Holt\'s office told reporters the port was open.\n'
)


def _jobs(corpus: Path) -> list[tuple[Path, Any, dict[str, str | None], frozenset[str]]]:
    entries, _ = scan(corpus)
    return [(corpus, e, {}, frozenset()) for e in entries]


def test_a_documents_garbage_is_collected_before_the_next_and_the_collector_is_on_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"d{i}.txt").write_text(TEXT.replace("40", str(40 + i)), "utf-8")
    jobs = _jobs(corpus)
    plain = [prepare_module.prepare(*job) for job in jobs]  # the collector on, as it runs by default

    resolvers: list[weakref.ref[object]] = []
    made = pipeline.Resolver

    class Recorded(made):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            resolvers.append(weakref.ref(self))

    monkeypatch.setattr(pipeline, "Resolver", Recorded)
    alive_at_start: list[int] = []
    prepare = prepare_module.prepare

    def recording(*args: Any) -> Any:
        alive_at_start.append(sum(r() is not None for r in resolvers))
        return prepare(*args)

    monkeypatch.setattr(prepare_module, "prepare", recording)
    assert gc.isenabled()
    spool = prepare_module.prepare_chunk(jobs, str(tmp_path / "chunk.pickle"))
    assert gc.isenabled()
    assert len(resolvers) == 4 and alive_at_start == [0, 0, 0, 0]
    assert _written(take(spool)) == _written(plain)


def _written(files: list[prepare_module.PreparedFile]) -> list[tuple[Any, ...]]:
    """What the writer takes of each document: its id, each field's bytes (postings have no
    ``__eq__``), its catalog row and its manifest entry."""
    return [
        (d.id, {k: pickle.dumps(v) for k, v in (d.fields or {}).items()}, d.record, d.manifest)
        for f in files
        for d in f.documents
    ]
