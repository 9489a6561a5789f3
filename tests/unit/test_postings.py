"""Posting lists read as numpy arrays (nkterm.search.whoosh.postings) and the vectorised scoring
built on them (collect.match_scores): every posting list of a real multi-segment index with
deleted documents reads back exactly as Whoosh's own matchers read it, and every score equals
the score Whoosh's collector gives the same document."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import wrappers

from nkterm.index import Index
from nkterm.search.query import prepare
from nkterm.search.whoosh import collect, vectorised
from nkterm.search.whoosh.names import expand_names
from nkterm.search.whoosh.postings import _decode, block_ids_weights, field_lengths
from nkterm.synthetic.archive import write_archive
from tests.counts import examples


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """An archive indexed in two updates: the second changes and deletes documents, so the
    index has more than one segment and deleted documents inside the first."""
    root = tmp_path_factory.mktemp("postings")
    corpus = root / "corpus"
    write_archive(corpus, 400)
    index = Index(corpus, root / "index")
    index.update()
    files = sorted(p for p in corpus.rglob("*.txt"))
    for path in files[:60]:
        path.write_text(path.read_text("utf-8") + "\n\nFlood warnings were repeated in Pyongyang.\n", "utf-8")
    for path in files[60:75]:
        path.unlink()
    index.update()
    searcher = index._searcher()
    assert len(searcher.leaf_searchers()) >= 2, "the second update should add a segment"
    assert any(sub.reader().has_deletions() for sub, _o in searcher.leaf_searchers())
    yield index
    index.close()


def _leaf(matcher: object) -> object:
    while isinstance(matcher, wrappers.WrappingMatcher):
        matcher = matcher.child
    return matcher


def _whoosh_postings(matcher: object) -> tuple[list[int], list[float]]:
    ids, weights = [], []
    m: object = matcher
    while m.is_active():  # type: ignore[attr-defined]
        ids.append(m.id())  # type: ignore[attr-defined]
        weights.append(m.weight())  # type: ignore[attr-defined]
        m.next()  # type: ignore[attr-defined]
    return ids, weights


def test_every_posting_list_reads_as_whooshs_matcher_reads_it(archive: Index) -> None:
    searcher = archive._searcher()
    kinds: set[str] = set()
    multi_block = 0
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        for fieldname in ("body", "title"):
            for text in list(reader.lexicon(fieldname)):
                fresh = query.Term(fieldname, text).matcher(sub, sub.context())
                leaf = _leaf(fresh)
                kinds.add(type(leaf).__name__)
                expected = _whoosh_postings(_leaf(query.Term(fieldname, text).matcher(sub, sub.context())))
                if isinstance(leaf, W3LeafMatcher) and not leaf._lastblock:
                    multi_block += 1
                got = block_ids_weights(leaf)
                assert got is not None, (fieldname, text)
                ids, weights = got
                # a deleted-documents filter may have moved the leaf past deleted ones only
                deleted = set(reader.deleted_docs_set)
                assert [d for d in expected[0] if d not in deleted] == [
                    d for d in ids.tolist() if d not in deleted
                ]
                pairs = dict(zip(expected[0], expected[1], strict=True))
                assert all(pairs[d] == w for d, w in zip(ids.tolist(), weights.tolist(), strict=True))
                assert not leaf.is_active()
    assert kinds == {"W3LeafMatcher"}
    assert multi_block > 10  # lists of several blocks (the header parsing) were read


def test_weights_read_as_whoosh_reads_them_uniform_ones_through_float32(tmp_path: Path) -> None:
    """A block whose postings share one weight stores it once; Whoosh reads it through an
    array("f") (0.1 -> 0.10000000149...), a block of differing weights as they are."""
    from whoosh import fields
    from whoosh import index as whoosh_index

    ix = whoosh_index.create_in(str(tmp_path), fields.Schema(body=fields.TEXT(field_boost=0.1)))
    writer = ix.writer()
    for i in range(300):
        writer.add_document(body="alpha beta" + (" gamma gamma" if i % 2 else "") + (" delta" * (i % 3)))
    writer.commit()
    with ix.searcher() as searcher:
        for word, expected_weights in (("alpha", {float(np.float32(0.1))}), ("delta", None)):
            got = block_ids_weights(query.Term("body", word).matcher(searcher, searcher.context()))
            assert got is not None
            ids, weights = _whoosh_postings(query.Term("body", word).matcher(searcher, searcher.context()))
            assert got[0].tolist() == ids and got[1].tolist() == weights
            if expected_weights is not None:
                assert set(weights) == expected_weights
            else:
                assert len(set(weights)) == 2  # 0.1 and 0.2 (x float32), kept per posting


@settings(max_examples=examples(300), deadline=None)
@given(
    deltas=st.lists(st.integers(0, 2**31 - 1), min_size=1, max_size=140),
    weights=st.one_of(st.none(), st.floats(0.5, 1000, width=32), st.just("each")),
    values=st.one_of(st.none(), st.just("bytes"), st.just("joined")),
    data=st.data(),
)
def test_a_blocks_ids_and_weights_are_cut_from_its_pickle_exactly(
    deltas: list[int], weights: object, values: object, data: st.DataObject
) -> None:
    """Any block Whoosh can write (ids of any size, weights none/uniform/each, values as a
    tuple of bytes of any length and content, joined bytes, or none) gives the ids and weights
    a whole unpickling gives."""
    n = len(deltas)
    if weights == "each":
        weights = tuple(data.draw(st.lists(st.floats(0.5, 1000), min_size=n, max_size=n)))
    if values == "bytes":
        values = tuple(data.draw(st.lists(st.binary(max_size=40), min_size=n, max_size=n)))
    elif values == "joined":
        values = data.draw(st.binary(max_size=200))
    block = pickle.dumps((tuple(deltas), weights, values), 2)
    assert _decode(block, n) == (tuple(deltas), weights)


def test_an_empty_value_before_others_does_not_hide_where_the_values_start() -> None:
    # found by hypothesis: bytes() pickles as __builtin__.bytes, not _codecs.encode
    for values in ((b"", b"x"), (b"", b"", b"", b"x"), (b"",), b""):
        block = pickle.dumps(((0, 0), (1.0, 1.0), values), 2)
        assert _decode(block, 2) == ((0, 0), (1.0, 1.0))


def test_lengths_equal_whooshs_field_length_of_every_document(archive: Index) -> None:
    for sub, _offset in archive._searcher().leaf_searchers():
        reader = sub.reader()
        for fieldname in ("body", "title"):
            lengths = field_lengths(reader, fieldname)
            assert lengths is not None
            assert lengths.tolist() == [
                reader.doc_field_length(d, fieldname, 1) for d in range(reader.doc_count_all())
            ]


QUERIES = (
    "flood",
    "flood rain",
    "flood OR missile",
    "flood OR missile OR rain OR pyongyang",
    "(flood OR rain) AND pyongyang",
    "greetings NOT president",
    "title:greetings",
    "missile -test",
    "title:flood^3 OR body:rain",
    "kim jong un",
    "warnings repeated",  # words of the changed documents: the second segment
    # three and more children: sums grouped as Whoosh's weighted matcher tree groups them
    "flood rain pyongyang warnings",
    "(flood OR rain) AND (missile OR test) AND pyongyang NOT president",
    "flood NOT rain NOT missile",
    "greetings -president -pyongyang kim",
    # prefix and wildcard words: the Or of each segment's own terms, as MultiTerm.matcher
    "flo*",
    "war* OR missile",
    "pyong* AND flood",
    "mis* -test",
    "title:gree* OR rain",
    "flo?d OR rep*^2",
)


def _whoosh_scores(index: Index, q: object) -> dict[int, float]:
    searcher = index._searcher()
    collector = collect._Top(1_000_000, True, None)
    searcher.search_with_collector(q, collector)
    return {-neg: score for score, neg in collector.items}


@pytest.mark.parametrize("text", QUERIES)
def test_every_score_is_the_one_whoosh_gives(archive: Index, text: str) -> None:
    searcher = archive._searcher()
    request = prepare(text)
    assert not isinstance(request, str)
    run, _names = expand_names(archive._translate(request), archive.name_table())
    found = vectorised.match_scores(searcher, run)
    assert found is not None, "terms joined by AND/OR/NOT (prefixes too) take the vectorised path"
    docs, values = found
    assert docs.tolist() == sorted(set(docs.tolist()))
    expected = _whoosh_scores(archive, run)
    assert expected, text
    assert dict(zip(docs.tolist(), values.tolist(), strict=True)) == expected  # bit for bit
    deleted = {o + d for sub, o in searcher.leaf_searchers() for d in sub.reader().deleted_docs_set}
    assert not deleted & set(docs.tolist())


@pytest.mark.parametrize(
    "text", ["flood OR missile OR rain OR pyongyang", "(flood OR rain OR test) AND pyongyang"]
)
def test_an_or_scored_as_a_tree_of_unions_in_a_large_segment(archive: Index, text: str) -> None:
    """Whoosh pairs an OR's children by size in segments of more than 5,000 documents (a
    tree of unions, as the benchmarks' 20k indexes); here forced on every OR."""
    request = prepare(text)
    assert not isinstance(request, str)
    run = archive._translate(request)
    ors = [
        q
        for q in [run, *run.children(), *(c for q in run.children() for c in q.children())]
        if isinstance(q, query.Or)
    ]
    assert ors
    for q in ors:
        q.matcher_type = query.Or.DEFAULT_MATCHER
    found = vectorised.match_scores(archive._searcher(), run)
    assert found is not None
    assert dict(zip(found[0].tolist(), found[1].tolist(), strict=True)) == _whoosh_scores(archive, run)


def test_the_top_is_ordered_by_score_then_document_number() -> None:
    docs = np.array([1, 2, 3, 4, 5, 6], dtype=np.int64)
    values = np.array([1.0, 3.0, 2.0, 3.0, 2.0, 0.5])
    assert vectorised.top_of(docs, values, 3) == [(3.0, 2), (3.0, 4), (2.0, 3)]
    assert vectorised.top_of(docs, values, 10)[-1] == (0.5, 6)
    assert vectorised.top_of(docs[:0], values[:0], 3) == []


def test_a_copied_index_reads_the_same_after_a_reopen(archive: Index, tmp_path: Path) -> None:
    """Cached lengths live on the segment readers: a new searcher (another index object on a
    copy) computes the same scores."""
    copy = tmp_path / "index"
    shutil.copytree(archive.directory, copy)
    other = Index(archive.corpus, copy)
    try:
        assert other.search("flood OR rain", limit=30).hits == archive.search("flood OR rain", limit=30).hits
    finally:
        other.close()


def test_blocks_left_to_whooshs_reader_read_the_same(archive: Index) -> None:
    """When the headers cannot be parsed from one read (here: the extent is hidden, so the
    one read is empty), every following block is read by Whoosh's own ``_goto``."""
    searcher = archive._searcher()
    checked = 0
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        common = sorted(reader.lexicon("body"), key=lambda t: -reader.doc_frequency("body", t))[:8]
        for text in common:
            expected = _whoosh_postings(_leaf(query.Term("body", text).matcher(sub, sub.context())))
            leaf = _leaf(query.Term("body", text).matcher(sub, sub.context()))
            if leaf._lastblock:
                continue
            leaf._length = 0  # type: ignore[attr-defined]
            got = block_ids_weights(leaf)
            assert got is not None
            deleted = set(sub.reader().deleted_docs_set)
            assert [d for d in got[0].tolist() if d not in deleted] == [
                d for d in expected[0] if d not in deleted
            ]
            checked += 1
    assert checked >= 2


def test_lengths_of_documents_past_the_last_one_with_the_field_read_as_whoosh_reads_them(
    tmp_path: Path,
) -> None:
    # a segment whose last documents have no title: its length column stops before them
    from whoosh import fields
    from whoosh import index as whoosh_index

    schema = fields.Schema(id=fields.ID(stored=True), title=fields.TEXT, body=fields.TEXT)
    ix = whoosh_index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        writer.add_document(id="a", title="flood warnings", body="rain " * 300)
        writer.add_document(id="b", title="a b c d e f g", body="rain")
        for n in range(5):
            writer.add_document(id=f"none{n}", body="dry " * (n + 1))
    with ix.searcher() as searcher:
        (reader,) = [sub.reader() for sub, _offset in searcher.leaf_searchers()]
        for fieldname in ("title", "body"):
            lengths = field_lengths(reader, fieldname)
            assert lengths is not None and len(lengths) == 7
            # whoosh3 answers None for a length byte of 0 (no term of the field): read as 1,
            # as the existing reads do; no term of the field is ever scored there
            whooshs = [reader.doc_field_length(d, fieldname, 1) for d in range(7)]
            assert lengths.tolist() == [1 if v is None else v for v in whooshs]
            assert whooshs.count(None) >= (5 if fieldname == "title" else 0)
