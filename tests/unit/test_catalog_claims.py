"""A document's claims are kept in its catalog row, compressed (issue 18: the build's writing
process only inserts the row the worker made): claims read back exactly as written, in order,
replaced or removed with their document, a recurring cue costs little room, a damaged value
is damage, and a catalog of an older layout is refused (the index is rebuilt)."""

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


def _sql(directory: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    con = sqlite3.connect(directory / CATALOG_FILE)
    try:
        rows = con.execute(sql, params).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def test_claims_come_back_as_written_and_go_with_their_document(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    a = [
        Claim(0, 21, ("quantity", "fact"), 0.9, "He", (SAID, 'number with unit: "2,500 tonnes"')),
        Claim(22, 43, ("quote",), 0.5, None, ()),  # no cue at all
        Claim(22, 43, ("quote",), 0.4, "she", ('quote: "« Ça va »"', SAID)),  # order kept
    ]
    _write(catalog, _doc("a"), a, 1)
    b = [Claim(0, 21, ("quantity",), 0.8, None, (SAID, SAID, "learned: [k:quote] -0.52"))]
    _write(Catalog(tmp_path), _doc("b"), b, 2)  # another writer
    _write(Catalog(tmp_path), _doc("c"), [], 3)
    fresh = Catalog(tmp_path)
    assert fresh.claims("a") == a
    assert fresh.load("b")[1] == b
    assert fresh.load("c") == (fresh.document("c"), [])
    assert fresh.claims("unknown") == []
    assert fresh.check() == 3
    # the score is kept to 4 decimals, as before
    _write(fresh, _doc("a"), [Claim(1, 2, ("fact",), 0.123456789)], 4)  # replaced, not added
    assert Catalog(tmp_path).claims("a") == [Claim(1, 2, ("fact",), 0.1235)]
    _write(fresh, _doc("a"), [], 5)
    assert Catalog(tmp_path).claims("a") == [] and Catalog(tmp_path).check() == 3
    writer = fresh.writer()
    writer.delete("b")
    writer.commit(6)
    assert Catalog(tmp_path).claims("b") == [] and len(Catalog(tmp_path)) == 2
    with pytest.raises(KeyError):
        Catalog(tmp_path).load("b")


def test_a_recurring_cue_takes_little_room(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    claims = [
        Claim(i, i + 5, ("quote",), 0.5, "she", (SAID, f"learned: [k:quote] -0.{i}")) for i in range(300)
    ]
    _write(catalog, _doc("a"), claims, 1)
    ((stored,),) = _sql(tmp_path, "SELECT length(claims) FROM documents WHERE id = 'a'")
    written = sum(len(c) for claim in claims for c in claim.cues)
    assert isinstance(stored, int) and stored < written / 5
    assert Catalog(tmp_path).claims("a") == claims


@pytest.mark.parametrize("value", [b"not zlib", b"x\x9c\x03\x00\x00\x00\x00\x01", "text"])
def test_a_damaged_claims_value_is_damage(tmp_path: Path, value: object) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    _write(catalog, _doc("a"), [Claim(0, 21, ("quantity",), 0.9, None, (SAID,))], 1)
    _sql(tmp_path, "UPDATE documents SET claims = ? WHERE id = 'a'", (value,))
    with pytest.raises(CatalogDamaged, match="cannot be read"):
        Catalog(tmp_path).claims("a")
    with pytest.raises(CatalogDamaged, match="cannot be read"):
        Catalog(tmp_path).load("a")


def test_a_catalog_of_an_older_layout_is_refused(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    catalog.create(0)
    _sql(tmp_path, "UPDATE meta SET value = '2' WHERE key = 'version'")
    with pytest.raises(CatalogDamaged, match="another version"):
        Catalog(tmp_path).generation()
