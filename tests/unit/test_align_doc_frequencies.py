"""The batched document-frequency read that a first comparison makes (issue 17, item 8):
``termstats._read_hashed_batch`` (numpy, every term's probe sequence at once) must count what
Whoosh's own term table counts, over several segments of a real index in a temp folder, for
words in every segment, some, none, and keys longer than the bytes it compares at once; and a
process without numpy in memory reads them without importing it (its import costs more than the
batch saves), hashing each key once for all segments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy  # noqa: F401  (in memory: ``read_doc_frequencies`` takes the batched path)

from nkterm.catalog import record_of
from nkterm.manifest import entry_of
from nkterm.models import Document
from nkterm.search.api import Upsert
from nkterm.search.whoosh import termstats
from nkterm.search.whoosh.backend import WhooshBackend
from nkterm.search.whoosh.stored import encode

LONG = "counterrevolutionarinessesxyz"  # > the 24 key bytes compared together


def _upsert(doc_id: str, text: str) -> Upsert:
    doc = Document(id=doc_id, text=text, title=doc_id, path=f"{doc_id}.txt")
    return Upsert(doc.id, encode(doc, []), new=True, record=record_of(doc, [], entry_of(doc, [], None)))


def _index(tmp_path: Path) -> WhooshBackend:
    backend = WhooshBackend(tmp_path / "corpus", tmp_path / "ix")
    backend.reset()
    for seg in range(3):  # one segment a batch, the words spread unevenly over them
        texts = [
            f"Report {seg}-{k}: harvest{k % 7} river{(k * seg) % 11} town{k} market prices "
            + (f"{LONG} {LONG}{k % 3}" if (k + seg) % 4 == 0 else "quiet")
            for k in range(30)
        ]
        backend.apply([_upsert(f"d{seg}-{k}", t) for k, t in enumerate(texts)], [], merge=False)
    assert backend.segment_count() >= 3
    return backend


def _terms() -> list[str]:
    words = [f"harvest{k}" for k in range(9)] + [f"river{k}" for k in range(13)]
    words += [f"town{k}" for k in range(35)] + ["market", "price", "quiet", "report", "nowhere"]
    words += [LONG, f"{LONG}0", f"{LONG}1", f"{LONG}2", f"{LONG}9", "x" * 40, "한국"]
    return words


def _per_term(backend: WhooshBackend, terms: list[str]) -> dict[str, int]:
    """Whoosh's own answer, one term at a time."""
    with backend._ix.searcher() as searcher:
        return {t: int(searcher.doc_frequency("body", t)) for t in terms}


def test_the_batched_read_counts_what_whoosh_counts(tmp_path: Path) -> None:
    backend = _index(tmp_path)
    terms = _terms()
    assert len(terms) >= termstats.BATCH_FROM  # the batched path is the one taken
    expected = _per_term(backend, terms)
    assert expected[LONG] > 0 and expected[f"{LONG}1"] > 0 and expected["nowhere"] == 0
    with backend._ix.searcher() as searcher:
        batched = termstats.read_doc_frequencies(searcher, terms, "body")
        one_by_one = termstats.read_doc_frequencies(searcher, terms[: termstats.BATCH_FROM - 1], "body")
    assert batched == expected
    assert one_by_one == {t: expected[t] for t in terms[: termstats.BATCH_FROM - 1]}


def test_each_segment_batched_equals_the_scalar_probe(tmp_path: Path) -> None:
    backend = _index(tmp_path)
    terms = _terms()
    with backend._ix.searcher() as searcher:
        tables = [leaf._terms for leaf, _offset in searcher.reader().leaf_readers()]
        to_bytes = searcher.schema["body"].to_bytes
        encoded = [(t, to_bytes(t)) for t in terms]
        for table in tables:
            scalar, batched = dict.fromkeys(terms, 0), dict.fromkeys(terms, 0)
            assert termstats._read_hashed(table, "body", encoded, scalar)
            assert termstats._read_hashed_batch(table, "body", encoded, batched, {})
            assert batched == scalar
            assert any(batched.values())


_FRESH = """
import json, sys
from pathlib import Path
from nkterm.search.whoosh import termstats
from nkterm.search.whoosh.backend import WhooshBackend
backend = WhooshBackend(Path(sys.argv[1]) / "corpus", Path(sys.argv[1]) / "ix")
terms = json.loads(sys.argv[2])
with backend._open().searcher() as searcher:
    counts = termstats.read_doc_frequencies(searcher, terms, "body")
print(json.dumps({"numpy": "numpy" in sys.modules, "counts": counts}))
"""


def test_a_process_without_numpy_counts_the_same_without_importing_it(tmp_path: Path) -> None:
    backend = _index(tmp_path)
    terms = _terms()
    expected = _per_term(backend, terms)
    backend.close()
    run = subprocess.run(
        [sys.executable, "-c", _FRESH, str(tmp_path), json.dumps(terms)],
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(run.stdout)
    assert answer["numpy"] is False
    assert answer["counts"] == expected
