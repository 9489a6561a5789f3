"""nkterm's segment writer (``segwriter.PoolSegmentWriter`` with ``pool.TermPool``) writes the
same segment files, byte for byte, as Whoosh's own ``SegmentWriter``: the same documents
written by both into two real indexes (two commits, then a merge of both segments), with a
pool large enough for everything and one that spills a run every few documents."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as windex
from whoosh.filedb.filetables import md5_hash
from whoosh.writing import SegmentWriter

from nkterm.models import Document
from nkterm.search.whoosh.schema import make_schema
from nkterm.search.whoosh.segwriter import PoolSegmentWriter, _md5_hash
from nkterm.search.whoosh.stored import WORDS, encode
from tests.unit.test_fast_postings import _documents


def _corpus() -> list[Document]:
    """The seeds and test texts, and 300 documents of their words in a seeded random order and
    number (common words in more documents than a postings block holds, of many lengths)."""
    docs = _documents()
    words = " ".join(d.text for d in docs).split()
    rng = random.Random(18)
    for i in range(170):
        text = " ".join(rng.choices(words, k=rng.randint(1, 400)))
        docs.append(dataclasses.replace(docs[i % len(docs)], id=f"r{i:03d}", text=text, title=words[i % 50]))
    return docs


def _payloads() -> list[dict[str, Any]]:
    out = []
    for doc in _corpus():
        fields = encode(doc, [])
        fields.pop(WORDS)
        out.append(fields)
    return out


def _build(path: Path, cls: type, payloads: list[dict[str, Any]], *, spill: bool) -> dict[str, list[bytes]]:
    """Two commits of half the documents each, then a merge; the segment files by kind after
    each step (file names hold a random segment id: compared by content)."""
    path.mkdir()
    ix = windex.create_in(str(path), make_schema())
    half = len(payloads) // 2
    steps: dict[str, list[bytes]] = {}
    for step, part in enumerate((payloads[:half], payloads[half:], [])):
        writer = cls(ix, compound=False, limitmb=1)
        if spill:
            writer.pool.limit = 200_000
        for fields in part:
            writer.add_document(**fields)
        if part and spill and isinstance(writer, PoolSegmentWriter):
            assert len(writer.pool.runs) > 2
        writer.commit(optimize=not part, merge=False)
        for f in sorted(path.iterdir()):
            if f.name.startswith("MAIN_") and f.suffix != "" and "LOCK" not in f.name:
                steps.setdefault(f"{step}{f.suffix}", []).append(f.read_bytes())
    return {k: sorted(v) for k, v in steps.items()}


@pytest.fixture(scope="module")
def whoosh_way(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[bytes]]:
    path = tmp_path_factory.mktemp("whoosh") / "ix"
    found = _build(path, SegmentWriter, _payloads(), spill=False)
    with windex.open_dir(str(path)).reader() as reader:  # a word in several postings blocks
        assert max(reader.doc_frequency("body", w) for w in reader.lexicon("body")) > 128
    return found


@pytest.mark.parametrize("spill", [False, True])
def test_segments_are_whooshs_byte_for_byte(
    tmp_path: Path, spill: bool, whoosh_way: dict[str, list[bytes]]
) -> None:
    payloads = _payloads()
    assert len(payloads) > 170
    whoosh = whoosh_way
    ours = _build(tmp_path / "ours", PoolSegmentWriter, payloads, spill=spill)
    assert {k.split(".")[1] for k in ours} >= {"pst", "trm", "col"}
    assert ours.keys() == whoosh.keys()
    for kind, files in whoosh.items():
        assert ours[kind] == files, kind


def test_the_comparison_sees_a_changed_weight(tmp_path: Path, whoosh_way: dict[str, list[bytes]]) -> None:
    """The byte comparison can fail: one posting's weight changed in one document."""
    changed = _payloads()
    word, n, weight, value = changed[0]["body"].items[0]
    changed[0]["body"].items[0] = (word, n, weight + 1.0, value)
    whoosh = whoosh_way
    ours = _build(tmp_path / "ours", PoolSegmentWriter, changed, spill=False)
    assert any(ours[k] != whoosh[k] for k in whoosh if k.endswith(".pst"))


def test_term_hash_is_whooshs() -> None:
    """The term table's hash of a key (``segwriter._md5_hash``, from the digest's bytes) is
    Whoosh's ``md5_hash`` (from its hex string), for keys of every length and byte."""
    rng = random.Random(7)
    keys = [b"", b"\x00\x01body", *(rng.randbytes(rng.randint(1, 40)) for _ in range(2000))]
    assert [_md5_hash(k) for k in keys] == [md5_hash(k) for k in keys]
