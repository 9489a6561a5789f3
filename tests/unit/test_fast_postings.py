"""The build's own postings (``schema.FastText``, ``schema.postings_of``): a real Whoosh index
written from them holds exactly what Whoosh's ``TEXT`` fields, analysing the same documents
with the same analyzer, write: every word, frequency, weight, encoded position list and
field length, compared word by word between two real temp indexes."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as windex
from whoosh.fields import TEXT, Schema

from nkterm.analysis.words import has_hangul
from nkterm.corpus import load_documents, scan
from nkterm.models import Document
from nkterm.search.whoosh import pool
from nkterm.search.whoosh.schema import FastText, make_schema, with_fast_fields
from nkterm.search.whoosh.segwriter import PoolSegmentWriter
from nkterm.search.whoosh.spelling import words_of
from nkterm.search.whoosh.stored import WORDS, encode
from nkterm.search.whoosh.textpostings import Postings
from tests.conftest import SEEDS

# written to catch each special case of the analysis: repeated words, stop words, possessives,
# joined given names (which share a position with their first syllable), Hangul bigrams and
# single syllables, folded accents, an empty title, digits
TEXTS = [
    (
        "t1",
        "Kim Il Sung's Pyongyang",
        "Kim Il Sung met Kim Il-sung's envoys in P'yŏngyang. Kim Jong Un and "
        "Kim Jong Il spoke; the envoys spoke again and again, and again.",
    ),
    ("t2", "", "김정은 위원장 and 한 delegation: 평양 평양 평양. The the THE of and 2024 2,500 tonnes."),
    ("t3", "Économie", "Économie, economy, economies and economic growth; growth grows. Ri Sol Ju's dress."),
    ("t4", "A", "a"),
]


def _documents() -> list[Document]:
    docs = [
        Document(
            id=i,
            text=body,
            title=title,
            path=f"{i}.txt",
            authors=("Ri Sol Ju", "Jane Doe"),
            people=("Kim Yo Jong",),
            source="KCNA",
            tags=("politics",),
            date=dt.date(2024, 5, 1),
        )
        for i, title, body in TEXTS
    ]
    entries, _problems = scan(SEEDS)
    for entry in entries:
        found, _ = load_documents(SEEDS, entry)
        docs.extend(found)
    return docs


def _whoosh_schema() -> Schema:
    """make_schema() with Whoosh's own TEXT in place of every FastText field."""
    schema = make_schema()
    fields: dict[str, Any] = {}
    for name in schema.names():
        field = schema[name]
        if isinstance(field, FastText):
            field = TEXT(
                analyzer=field.analyzer,
                field_boost=field.format.field_boost,
                stored=field.stored,
                phrase=True,
            )
        fields[name] = field
    return Schema(**fields)


def _build(path: Path, schema: Schema, payloads: list[dict[str, Any]]) -> Any:
    path.mkdir()
    ix = windex.create_in(str(path), schema)
    writer = ix.writer()
    for fields in payloads:
        writer.add_document(**fields)
    writer.commit()
    return ix


def _contents(ix: Any) -> dict[str, Any]:
    """Every text field's terms with their postings (doc id, weight, value bytes), and each
    document's field lengths, by document id."""
    out: dict[str, Any] = {"terms": {}, "lengths": {}, "totals": {}}
    with ix.reader() as reader:
        ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        names = [n for n in ix.schema.names() if isinstance(ix.schema[n], TEXT)]
        for name in names:
            out["totals"][name] = reader.field_length(name)
            for docnum, doc_id in ids.items():
                out["lengths"][(name, doc_id)] = reader.doc_field_length(docnum, name)
            for term in reader.lexicon(name):
                m = reader.postings(name, term)
                out["terms"][(name, term)] = sorted(
                    (ids[docnum], weight, value) for docnum, weight, value in _items(m)
                )
    return out


def _items(matcher: Any) -> list[tuple[int, float, bytes]]:
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def _compare(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert a["totals"] == b["totals"]
    assert a["lengths"] == b["lengths"]
    assert a["terms"].keys() == b["terms"].keys()
    for key, postings in a["terms"].items():
        assert postings == b["terms"][key], key


@pytest.fixture(scope="module")
def whoosh_way(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    payloads = []
    for doc in _documents():
        fields = encode(doc, [])
        fields.pop(WORDS)
        for name in ("title", "body", "authors", "people", "source", "sections", "speaker"):
            fields[name] = _text_value(doc, name, fields[name])
        payloads.append(fields)
    ix = _build(tmp_path_factory.mktemp("w") / "ix", _whoosh_schema(), payloads)
    return _contents(ix)


def _text_value(doc: Document, name: str, value: Any) -> str:
    """The string ``encode`` analysed into ``value``'s postings (Whoosh analyses it itself)."""
    assert isinstance(value, Postings)
    return {
        "title": doc.title,
        "body": doc.text,
        "authors": " ; ".join(doc.authors),
        "people": " ; ".join(doc.people),
        "source": doc.source,
        "sections": " ; ".join(f"{s.kind} {s.voice or ''} {s.label}" for s in doc.sections),
        "speaker": "",
    }[name]


def test_postings_from_the_worker_write_what_whoosh_writes(
    tmp_path: Path, whoosh_way: dict[str, Any]
) -> None:
    payloads = []
    for doc in _documents():
        fields = encode(doc, [])
        fields.pop(WORDS)
        assert isinstance(fields["body"], Postings)
        payloads.append(fields)
    ours = _contents(_build(tmp_path / "ix", make_schema(), payloads))
    assert len(ours["terms"]) > 500  # the seeds and the texts above: a real vocabulary
    assert ("body", b"ilsung") in ours["terms"]  # a joined given name
    assert ("body", "평양".encode()) in ours["terms"]
    _compare(ours, whoosh_way)


def test_strings_given_to_the_fast_field_write_what_whoosh_writes(
    tmp_path: Path, whoosh_way: dict[str, Any]
) -> None:
    payloads = []
    for doc in _documents():
        fields = encode(doc, [])
        fields.pop(WORDS)
        for name in ("title", "body", "authors", "people", "source", "sections", "speaker"):
            fields[name] = _text_value(doc, name, fields[name])
        payloads.append(fields)
    _compare(_contents(_build(tmp_path / "ix", make_schema(), payloads)), whoosh_way)


def test_a_changed_position_length_or_word_is_caught(tmp_path: Path, whoosh_way: dict[str, Any]) -> None:
    """The comparison can fail: a position off by one, a word dropped, a length changed."""

    def payloads() -> list[dict[str, Any]]:
        out = []
        for doc in _documents():
            fields = encode(doc, [])
            fields.pop(WORDS)
            out.append(fields)
        return out

    shifted = payloads()
    word, n, weight, value = shifted[0]["body"].items[-1]
    deltas = pickle.loads(value[4:])
    deltas[-1] += 1
    shifted[0]["body"].items[-1] = (word, n, weight, value[:4] + pickle.dumps(deltas, 2))
    dropped = payloads()
    del dropped[0]["body"].items[-1]
    longer = payloads()
    word, n, weight, value = longer[0]["body"].items[-1]
    longer[0]["body"].items[-1] = (word, n + 1, weight, value)
    for name, changed in (("shifted", shifted), ("dropped", dropped), ("longer", longer)):
        with pytest.raises(AssertionError):
            _compare(_contents(_build(tmp_path / name, make_schema(), changed)), whoosh_way)


def test_an_index_from_before_fast_fields_takes_the_workers_postings(
    tmp_path: Path, whoosh_way: dict[str, Any]
) -> None:
    """An index whose table of contents names Whoosh's TEXT (written before FastText) is
    updated with Postings through ``with_fast_fields`` and ends up as Whoosh would write it."""
    (tmp_path / "ix").mkdir()
    ix = windex.create_in(str(tmp_path / "ix"), _whoosh_schema())
    writer = ix.writer()
    with pytest.raises(ValueError, match="not unicode"):
        writer.add_document(**{**_payload(_documents()[0]), "id": "x"})
    writer.cancel()
    writer = PoolSegmentWriter(ix)
    with_fast_fields(writer.schema)
    for doc in _documents():
        writer.add_document(**_payload(doc))
    writer.commit()
    assert isinstance(windex.open_dir(str(tmp_path / "ix")).schema["body"], FastText)
    _compare(_contents(ix), whoosh_way)


def _payload(doc: Document) -> dict[str, Any]:
    fields = encode(doc, [])
    fields.pop(WORDS)
    return fields


def test_the_term_pool_spills_and_merges_runs_as_whoosh_does(
    tmp_path: Path, whoosh_way: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool too small for the documents spills many runs of several blocks each; the index
    written from them is Whoosh's, word by word."""
    (tmp_path / "ix").mkdir()
    ix = windex.create_in(str(tmp_path / "ix"), make_schema())
    writer = PoolSegmentWriter(ix, limitmb=1)
    writer.pool.limit = 15_000  # bytes: a run every document or two
    monkeypatch.setattr(pool, "RUN_BLOCK", 7)  # several blocks of words in each run
    for doc in _documents():
        writer.add_document(**_payload(doc))
    assert len(writer.pool.runs) > 3
    writer.commit()
    _compare(_contents(ix), whoosh_way)


def test_the_spelling_words_come_from_the_same_analysis() -> None:
    """``encode``'s spelling words (from the body's one analysis) are ``words_of``'s."""
    docs = _documents()
    assert any(has_hangul(d.text) for d in docs)
    for doc in docs:
        assert encode(doc, [])[WORDS] == words_of(doc.text), doc.id
