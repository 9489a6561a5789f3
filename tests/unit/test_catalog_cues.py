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
