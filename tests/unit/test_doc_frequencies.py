"""The search backend's batch term statistics (``doc_frequencies``, ``idfs``; issue 17's
first-comparison speed): real Whoosh indexes in temp folders, checked against the per-term
``idf`` that the batch replaces."""

from __future__ import annotations

from pathlib import Path

from nkterm.catalog import record_of
from nkterm.manifest import entry_of
from nkterm.models import Document
from nkterm.search.api import Upsert
from nkterm.search.whoosh.backend import WhooshBackend
from nkterm.search.whoosh.stored import encode


def _upsert(doc_id: str, text: str) -> Upsert:
    doc = Document(id=doc_id, text=text, title=doc_id, path=f"{doc_id}.txt")
    return Upsert(doc.id, encode(doc, []), new=True, record=record_of(doc, [], entry_of(doc, [], None)))


def _backend(tmp_path: Path) -> WhooshBackend:
    backend = WhooshBackend(tmp_path / "corpus", tmp_path / "ix")
    backend.reset()
    return backend


TERMS = ["river", "froze", "rice", "harvest", "pyongyang", "nowhere", "river"]


def test_batch_counts_and_idf_match_the_per_term_lookup_over_several_segments(tmp_path: Path) -> None:
    backend = _backend(tmp_path)
    backend.apply([_upsert("a", "The Taedong river runs through Pyongyang.")], [], merge=False)
    backend.apply([_upsert("b", "The river froze over in January.")], [], merge=False)
    backend.apply([_upsert("c", "Rice harvests in South Hwanghae were poor.")], [], merge=False)
    assert backend.segment_count() >= 2  # the counts are summed over segments
    counts = backend.doc_frequencies(TERMS)
    assert set(counts) == set(TERMS)
    assert counts["river"] == 2 and counts["pyongyang"] == 1 and counts["nowhere"] == 0
    idfs = backend.idfs(TERMS)
    for term in TERMS:
        assert abs(idfs[term] - backend.idf(term)) < 1e-12, term
    assert idfs["nowhere"] > idfs["pyongyang"] > idfs["river"]


def test_counts_follow_the_index_when_it_changes(tmp_path: Path) -> None:
    backend = _backend(tmp_path)
    backend.apply([_upsert("a", "The Taedong river runs through Pyongyang.")], [])
    assert backend.doc_frequencies(["river"]) == {"river": 1}
    backend.apply([_upsert("b", "A second river crossing opened in Pyongyang.")], [])
    assert backend.doc_frequencies(["river", "cross"])["river"] == 2  # not the cached 1
    assert abs(backend.idfs(["river"])["river"] - backend.idf("river")) < 1e-12


def test_an_empty_index_and_an_unknown_field_count_nothing(tmp_path: Path) -> None:
    backend = _backend(tmp_path)
    assert backend.doc_frequencies(["river"]) == {"river": 0}
    backend.apply([_upsert("a", "The Taedong river runs through Pyongyang.")], [])
    assert backend.doc_frequencies(["river"], fieldname="no_such_field") == {"river": 0}
    assert backend.doc_frequencies([]) == {}


def test_align_with_the_batch_idf_equals_align_with_the_per_term_idf(tmp_path: Path) -> None:
    from nkterm.compare import align, clear_caches, corpus_idf
    from nkterm.compare.params import MIN_CORPUS_DOCS

    backend = _backend(tmp_path)
    towns = ["Sinuiju", "Wonsan", "Hamhung", "Kaesong", "Nampo"]
    filler = [
        _upsert(f"f{i}", f"Market prices in {towns[i % 5]} rose again in week {i} of the harvest season.")
        for i in range(MIN_CORPUS_DOCS)
    ]
    a = Document(
        id="a",
        path="a.txt",
        title="a",
        text="Floods hit Sinuiju on Monday. About 4,000 people left their homes near the Yalu river.",
    )
    b = Document(
        id="b",
        path="b.txt",
        title="b",
        text="Some 4,000 residents of Sinuiju fled rising water from the Yalu river on Monday.",
    )
    backend.apply([*filler, _upsert("a", a.text), _upsert("b", b.text)], [])
    spec = corpus_idf(backend)  # type: ignore[arg-type]
    assert spec is not None
    batched = align(a, b, idf=spec)
    clear_caches()
    one_by_one = align(a, b, idf=(backend.idf, backend.doc_count()))
    assert batched.pairs and repr(batched.pairs) == repr(one_by_one.pairs)


def test_the_hash_file_read_gives_whoosh_counts_for_every_term_of_every_segment(tmp_path: Path) -> None:
    from nkterm.search.whoosh import termstats

    backend = _backend(tmp_path)
    words = [f"w{n}x" for n in range(400)] + ["pyŏngyang", "chŏngju", "straße", "kimchi"]
    for seg in range(3):  # three segments: the counts add up across them
        docs = [
            _upsert(f"s{seg}d{d}", " ".join(words[(seg * 37 + d * k) % len(words)] for k in range(1, 40)))
            for d in range(12)
        ]
        backend.apply(docs, [], merge=False)
    assert backend.segment_count() >= 2
    searcher = backend._searcher()
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    probe = [*words, "absent", "w400x", "ŭnknown"]
    for leaf in leaves:  # each segment's table is read from its buffer, not through Whoosh
        got: dict[str, int] = dict.fromkeys(probe, 0)
        assert termstats._read_hashed(leaf._terms, "body", [(t, t.encode()) for t in probe], got)
        for term in probe:
            want = leaf.doc_frequency("body", term) if (("body", term.encode()) in leaf._terms) else 0
            assert got[term] == want, term
    counts = termstats.read_doc_frequencies(searcher, probe, "body")
    assert counts == {t: searcher.doc_frequency("body", t) for t in probe}
    assert sum(counts.values()) > 400 and counts["absent"] == 0
