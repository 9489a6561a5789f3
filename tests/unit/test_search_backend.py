"""The search layer's seams (issue 18): the ``SearchBackend`` protocol the library talks to, the
Whoosh backend behind it (real indexes in temp folders), nkterm's query handling that is no
backend's, and the build writing through the protocol."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from nkterm.catalog import Catalog, record_of
from nkterm.errors import IndexLocked
from nkterm.index import Index
from nkterm.library import Library
from nkterm.manifest import entry_of
from nkterm.models import Claim, Document, Hit, SearchResult, Span
from nkterm.search.api import SearchBackend, Upsert
from nkterm.search.query import Request, one_line, prepare, query_text
from nkterm.search.whoosh.backend import WhooshBackend
from nkterm.search.whoosh.stored import encode
from tests.conftest import BLOGGER, PHOTO, ROOT


def _doc(doc_id: str, text: str, title: str = "") -> Document:
    return Document(id=doc_id, text=text, title=title or doc_id, path=f"{doc_id}.txt")


def _upsert(doc: Document, *, new: bool = False) -> Upsert:
    return Upsert(doc.id, encode(doc, []), new=new, record=record_of(doc, [], entry_of(doc, [], None)))


def test_the_index_and_the_bare_backend_are_search_backends(seed_index: Index, tmp_path: Path) -> None:
    assert isinstance(seed_index, SearchBackend)
    assert isinstance(WhooshBackend(tmp_path, tmp_path / "bare"), SearchBackend)
    assert not isinstance(object(), SearchBackend)


def test_apply_adds_replaces_and_deletes_through_the_protocol(tmp_path: Path) -> None:
    backend: SearchBackend = WhooshBackend(tmp_path / "corpus", tmp_path / "ix")
    backend.reset()
    a = _doc("a", "The Taedong river runs through Pyongyang.")
    b = _doc("b", "Rice harvests in South Hwanghae were poor.")
    backend.apply([_upsert(a, new=True), _upsert(b, new=True)], [])
    assert [h.id for h in backend.search("river").hits] == ["a"]
    assert backend.document("a").text == a.text
    # a replacement: the old text is gone, found once
    a2 = _doc("a", "The Taedong river froze over in January.")
    backend.apply([_upsert(a2)], ["b"])
    result = backend.search("taedong")
    assert [h.id for h in result.hits] == ["a"] and result.total == 1
    assert backend.document("a").text == a2.text
    assert backend.search("harvests").hits == ()
    with pytest.raises(KeyError):
        backend.document("b")
    assert backend.doc_count() == 1


def test_a_second_writer_is_refused_with_index_locked(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "corpus", tmp_path / "ix")
    backend.reset()
    holder = backend.writer(0.1)
    try:
        with pytest.raises(IndexLocked, match="another nkterm process"):
            WhooshBackend(tmp_path / "corpus", tmp_path / "ix").writer(0.1)
    finally:
        holder.cancel()
    backend.apply([_upsert(_doc("x", "Kaesong"), new=True)], [], lock_timeout=0.1)
    assert [h.id for h in backend.search("kaesong").hits] == ["x"]


def test_no_whoosh_object_crosses_the_protocol(seed_index: Index) -> None:
    result = seed_index.search('"Koryo Tours"')
    assert isinstance(result, SearchResult) and result.hits
    for hit in result.hits:
        assert isinstance(hit, Hit)
        assert all(isinstance(s, Span) for s in (*hit.hits, *hit.snippet_spans))
        for f in dataclasses.fields(hit):
            assert not type(getattr(hit, f.name)).__module__.startswith("whoosh")
    doc, claims = seed_index.load(PHOTO)
    assert isinstance(doc, Document) and all(isinstance(c, Claim) for c in claims)
    assert all(isinstance(i, str) and isinstance(s, float) for i, s in seed_index.more_like(doc.text[:2000]))


def test_the_library_asks_the_backend(seed_corpus: Path, tmp_path: Path) -> None:
    with Library(seed_corpus, tmp_path / "ix") as lib:
        lib.update()
        assert isinstance(lib._backend, SearchBackend)
        assert [h.id for h in lib.search("badminton").hits] == [PHOTO]
        assert lib.hits_in(BLOGGER, "koryo") == lib._backend.hits_in(BLOGGER, "koryo") != ()


def test_the_catalog_gives_back_the_document_its_sentences_and_claims(tmp_path: Path) -> None:
    doc = Document(
        id="d1",
        text="One. Two sentences here.",
        title="T",
        path="d1.txt",
        source="KCNA",
        authors=("A. Writer",),
        tags=("food",),
        extra={"when": {"nested": [1, 2]}},
    )
    claim = Claim(5, 24, ("quote", "fact"), 0.71, "A. Writer", ('reporting verb: "said"',))
    entry = entry_of(doc, [claim], (1, 2))
    catalog = Catalog(tmp_path)
    catalog.create(0)
    writer = catalog.writer()
    writer.upsert(record_of(doc, [claim], entry))
    writer.commit(7)
    back, claims = Catalog(tmp_path).load("d1")  # a fresh connection: what was committed
    assert (back.id, back.text, back.title, back.source, back.authors, back.tags) == (
        "d1",
        doc.text,
        "T",
        "KCNA",
        ("A. Writer",),
        ("food",),
    )
    assert back.sentences == doc.sentences and back.extra == {"when": {"nested": [1, 2]}}
    assert claims == [claim]
    assert entry["stamp"] == [1, 2] and entry["title"] == "T" and entry["claims"] == 1
    assert catalog.entries() == {"d1": entry} and catalog.generation() == 7
    with pytest.raises(KeyError):
        catalog.load("d2")


def test_query_handling_without_a_backend() -> None:
    assert one_line("  a\n b ") == "a b"
    request = prepare("korea   date:2015 kind:quantity")
    assert isinstance(request, Request)
    assert request.words == "korea" and request.filters and request.text == "korea date:2015 kind:quantity"
    assert prepare("   ") == "type a query"
    bad = prepare("date:2015-13")
    assert isinstance(bad, str) and "date" in bad
    assert prepare('"unclosed') == 'unbalanced quote: every " needs a closing "'  # lint_query
    assert query_text("Kim Il Sung") == "Kim IlSung"


def test_only_the_backend_package_loads_whoosh() -> None:
    code = (
        "import sys\nimport nkterm.search.api, nkterm.search.query, nkterm.search.whoosh.stored\n"
        "print(any(m == 'whoosh' or m.startswith('whoosh.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_the_catalog_answers_a_date_range_newest_first_from_its_date_index(tmp_path: Path) -> None:
    import datetime as dt

    catalog = Catalog(tmp_path)
    catalog.create(0)
    writer = catalog.writer()
    for doc_id, day in (("a", "2024-08-16"), ("b", None), ("c", "2024-07-30"), ("d", "2023-01-02")):
        doc = Document(
            id=doc_id,
            text=f"Text {doc_id}.",
            title=doc_id,
            path=f"{doc_id}.txt",
            date=dt.date.fromisoformat(day) if day else None,
        )
        writer.upsert(record_of(doc, [], entry_of(doc, [], None)))
    writer.commit(1)
    assert catalog.ids(dated=True) == ["a", "c", "d"]
    assert catalog.ids(date_from=dt.date(2024, 1, 1), newest_first=False) == ["c", "a"]
    assert catalog.ids(date_to=dt.date(2024, 7, 31), limit=1) == ["c"]
    assert set(catalog.ids()) == {"a", "b", "c", "d"} and len(catalog) == 4
    plan = " ".join(
        str(r)
        for r in catalog._reader().execute(
            "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE date >= '2024' ORDER BY date"
        )
    )
    assert "documents_date" in plan
