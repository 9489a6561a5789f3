"""The catalog keeps each claim cue's text once (issue 18: 60 MB of cue text at 20k): claims
read back exactly as written, in order, across writers, and a catalog of the old layout is
refused (the index is rebuilt)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nkterm.catalog import Catalog, CatalogDamaged, record_of
from nkterm.catalog.store import CATALOG_FILE
from nkterm.manifest import entry_of
from nkterm.models import Claim, Document

SAID = 'reporting verb: "said"'


def _doc(doc_id: str) -> Document:
    return Document(
        id=doc_id, text="He said 2,500 tonnes. « Ça va », she said.", title=doc_id, path=f"{doc_id}.txt"
    )


def _write(catalog: Catalog, doc: Document, claims: list[Claim], generation: int) -> None:
    writer = catalog.writer()
    writer.upsert(record_of(doc, claims, entry_of(doc, claims, None)))
    writer.commit(generation)


def _cue_rows(directory: Path) -> list[str]:
    con = sqlite3.connect(directory / CATALOG_FILE)
    try:
        return [t for (t,) in con.execute("SELECT text FROM cues ORDER BY id")]
    finally:
        con.close()


def test_each_cue_is_kept_once_and_claims_come_back_as_written(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    a = [
        Claim(0, 21, ("quantity",), 0.9, "He", (SAID, 'number with unit: "2,500 tonnes"')),
        Claim(22, 43, ("quote",), 0.5, None, ()),  # no cue at all
        Claim(22, 43, ("quote",), 0.4, "she", ('quote: "« Ça va »"', SAID)),  # order kept
    ]
    _write(catalog, _doc("a"), a, 1)
    b = [Claim(0, 21, ("quantity",), 0.8, None, (SAID, SAID, "learned: [k:quote] -0.52"))]
    _write(Catalog(tmp_path), _doc("b"), b, 2)  # another writer: reads the ids already there
    assert _cue_rows(tmp_path) == [
        SAID,
        'number with unit: "2,500 tonnes"',
        'quote: "« Ça va »"',
        "learned: [k:quote] -0.52",
    ]
    fresh = Catalog(tmp_path)
    assert fresh.claims("a") == a
    assert fresh.load("b")[1] == b
    assert fresh.check() == 2
    writer = fresh.writer()
    writer.delete("a")
    writer.commit(3)
    assert Catalog(tmp_path).claims("b") == b and Catalog(tmp_path).claims("a") == []


def test_a_claim_pointing_at_a_missing_cue_is_damage(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    _write(catalog, _doc("a"), [Claim(0, 21, ("quantity",), 0.9, None, (SAID,))], 1)
    con = sqlite3.connect(tmp_path / CATALOG_FILE)
    con.execute("DELETE FROM cues")
    con.commit()
    con.close()
    with pytest.raises(CatalogDamaged, match="cannot be read"):
        Catalog(tmp_path).claims("a")


def test_a_catalog_of_the_old_layout_is_refused(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    con = sqlite3.connect(tmp_path / CATALOG_FILE)
    con.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    con.commit()
    con.close()
    with pytest.raises(CatalogDamaged, match="another version"):
        Catalog(tmp_path).generation()


def test_cues_past_the_writers_cache_are_found_in_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer keeps at most ``CUE_CACHE`` cue ids in memory (all of them was 38 MB at 20k
    documents): past that, a cue already written is found in the table, never stored twice,
    and a cue new in a document is stored once even when it recurs in that document."""
    from nkterm.catalog import store

    monkeypatch.setattr(store, "CUE_CACHE", 2)
    catalog = Catalog(tmp_path)
    catalog.create(0)
    cues = [f"cue {i}" for i in range(7)]
    written: dict[str, list[Claim]] = {}
    writer = catalog.writer()
    for n in range(12):  # each document: two cues met before, one new one twice
        claims = [
            Claim(0, 21, ("quantity",), 0.9, None, (cues[n % 7], cues[(n * 3) % 7])),
            Claim(22, 43, ("quote",), 0.5, None, (f"new {n}", cues[(n + 1) % 7], f"new {n}")),
        ]
        doc = _doc(f"d{n}")
        writer.upsert(record_of(doc, claims, entry_of(doc, claims, None)))
        written[doc.id] = claims
    writer.commit(1)
    rows = _cue_rows(tmp_path)
    assert sorted(rows) == sorted({*cues, *(f"new {n}" for n in range(12))})  # each once
    fresh = Catalog(tmp_path)
    assert {doc_id: fresh.claims(doc_id) for doc_id in written} == written
    later = fresh.writer()  # a second writer: its ids continue after the table's
    claims = [Claim(0, 21, ("quantity",), 0.9, None, ("cue 3", "newest"))]
    later.upsert(record_of(_doc("e"), claims, entry_of(_doc("e"), claims, None)))
    later.commit(2)
    assert _cue_rows(tmp_path) == [*rows, "newest"]
    assert Catalog(tmp_path).claims("e") == claims


@pytest.mark.parametrize("bits", [None, 8])
def test_a_new_catalogs_writer_looks_up_only_cues_it_may_have_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bits: int | None
) -> None:
    """On an empty cues table the writer knows which cues it wrote (``CueFilter``): a new cue
    costs no look-up (statements counted on the writer's own connection). With a filter of
    8 bits (soon every text a "maybe") the look-ups come back and nothing is stored twice."""
    from nkterm.catalog import store

    monkeypatch.setattr(store, "CUE_CACHE", 3)
    if bits is not None:
        monkeypatch.setattr(store.CueFilter, "BITS", bits)
    catalog = Catalog(tmp_path)
    catalog.create(0)
    writer = catalog.writer()
    statements: list[str] = []
    writer._con.set_trace_callback(statements.append)
    written: dict[str, list[Claim]] = {}
    looked_up_new = 0  # look-ups of the document's new cue
    for n in range(60):  # a new cue in each document, and two met before (past the cache)
        claims = [Claim(0, 21, ("quote",), 0.5, None, (f"new {n}", f"new {n // 2}", f"new {n // 3}"))]
        doc = _doc(f"d{n}")
        statements.clear()
        writer.upsert(record_of(doc, claims, entry_of(doc, claims, None)))
        looked_up_new += f"SELECT id FROM cues WHERE text = 'new {n}'" in statements
        written[doc.id] = claims
    writer.commit(1)
    if bits is None:
        assert looked_up_new <= 1  # the old writer looked each one up: 60 (~0 false "maybe"s)
    else:
        assert looked_up_new >= 50
    assert sorted(_cue_rows(tmp_path)) == sorted(f"new {n}" for n in range(60))
    assert {doc_id: Catalog(tmp_path).claims(doc_id) for doc_id in written} == written


def test_the_cue_filter_never_forgets_a_text() -> None:
    from nkterm.catalog.store import CueFilter

    seen = CueFilter()
    texts = [f'learned: sentence meaning {i / 7:.3f} (most: "w{i}")' for i in range(30_000)]
    for text in texts:
        seen.add(text)
    assert all(seen.maybe(t) for t in texts)
    others = sum(seen.maybe(f"other {i}") for i in range(30_000))
    assert others < 30  # 2**23 bits, 3 probes, 30,000 texts: ~0.001% expected
