from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage

from nkterm.index import MANIFEST_FILE, META_FILE, Index, IndexError, IndexLocked
from nkterm.models import Span
from nkterm.querytext import lint_query, make_snippet
from tests.conftest import BLOGGER, PHOTO
from tests.counts import examples


def _ids(index: Index, q: str) -> list[str]:
    result = index.search(q)
    assert result.error is None, result.error
    return [h.id for h in result.hits]


def test_phrase_finds_both_seeds_with_exact_offsets(seed_index: Index) -> None:
    result = seed_index.search('"Koryo Tours"')
    assert {h.id for h in result.hits} == {BLOGGER, PHOTO}
    for hit in result.hits:
        text = seed_index.document(hit.id).text
        words = [text[s.start : s.end] for s in hit.hits]
        assert words == ["Koryo", "Tours"]  # the phrase only, not every "tour"
        assert "Koryo Tours" in hit.snippet
        assert [hit.snippet[s.start : s.end] for s in hit.snippet_spans] == ["Koryo", "Tours"]


def test_and_query_finds_only_the_photo_essay(seed_index: Index) -> None:
    assert _ids(seed_index, "Gellman AND badminton") == [PHOTO]
    assert _ids(seed_index, "Gellman badminton") == [PHOTO]  # words are ANDed by default


def test_query_language(seed_index: Index) -> None:
    assert _ids(seed_index, "photograph") == [PHOTO]  # stemming: photographs, photographing
    assert set(_ids(seed_index, "Gellman OR Binsky")) == {BLOGGER, PHOTO}
    assert _ids(seed_index, "korea NOT badminton") == [BLOGGER]
    assert _ids(seed_index, "propag*") != []
    assert set(_ids(seed_index, "koryo~")) == {BLOGGER, PHOTO}
    assert _ids(seed_index, '"skewed controlled"~4') == [BLOGGER]
    assert _ids(seed_index, '"skewed controlled"') == []
    (hit,) = seed_index.search('"skewed controlled"~4').hits
    text = seed_index.document(BLOGGER).text
    assert [text[s.start : s.end] for s in hit.hits] == ["skewed", "controlled"]
    assert _ids(seed_index, "title:photos") == [PHOTO]
    assert _ids(seed_index, "people:gellman") == [PHOTO]
    assert _ids(seed_index, "person:binsky") == [BLOGGER]
    assert _ids(seed_index, "source:business") == [PHOTO]
    assert _ids(seed_index, "tag:arirang") == [PHOTO]
    assert _ids(seed_index, "voice:binsky") == [BLOGGER]


def test_stemmed_hits_cover_every_form(seed_index: Index) -> None:
    (hit,) = seed_index.search("photograph").hits
    text = seed_index.document(PHOTO).text
    assert {text[s.start : s.end].lower() for s in hit.hits} >= {"photographing", "photograph"}
    assert seed_index.hits_in(PHOTO, "badminton") == (
        Span(text.index("badminton"), text.index("badminton") + 9),
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unclosed', "unbalanced quote"),
        ("(a OR b", "unbalanced brackets"),
        ("a)", "unbalanced brackets"),
        ("nosuchfield:x", "unknown field 'nosuchfield'"),
        ("co*", "at least 3 letters"),
        ("*", "match everything"),
        ("the", "no searchable words"),
        ("", "type a query"),
    ],
)
def test_bad_queries_give_readable_messages(seed_index: Index, query: str, message: str) -> None:
    result = seed_index.search(query)
    assert result.hits == ()
    assert result.error is not None and message in result.error


def test_did_you_mean(seed_index: Index) -> None:
    result = seed_index.search("pyongyng")
    assert result.hits == () and result.suggestion == "pyongyang"
    assert seed_index.search("pyongyang").suggestion is None


@pytest.mark.slow
@settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(list('ab koryo"()[]*~:^-+ANDORNOTtitle:kind:')), max_size=40))
def test_random_queries_never_raise(seed_index: Index, query: str) -> None:
    result = seed_index.search(query)
    if result.error is None:  # a query that parses finds only documents of the index
        assert len(result.hits) <= result.total and all(
            seed_index.document(h.id).id == h.id for h in result.hits
        )
    else:  # a readable message instead of hits, never a traceback
        assert result.hits == () and result.error.strip() and "Traceback" not in result.error


def test_lint_ignores_colons_inside_phrases() -> None:
    assert lint_query('"note: this"') is None


def test_snippet_centres_on_distinct_hits() -> None:
    body = "alpha " * 60 + "beta gamma " + "alpha " * 60
    spans = (*tuple(Span(i, i + 5) for i in range(0, 360, 6)), Span(360, 364))
    text, marks = make_snippet(body, spans)
    assert "beta" in text and len(text) <= 200
    assert all(text[m.start : m.end] in ("alpha", "beta") for m in marks)


# -- incremental updates --------------------------------------------------------------------------


def test_no_change_rerun_reads_no_document(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    first = index.update()
    assert (first.added, first.rebuilt) == (2, "new index")
    again = Index(seed_corpus, tmp_path / "ix").update()
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 2)


def test_add_change_delete(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    (seed_corpus / "new.md").write_text("# Fresh\n\nA zeppelin landed.\n", "utf-8")
    (seed_corpus / f"{PHOTO}.txt").write_text("Replaced text about a walrus.\n", "utf-8")
    (seed_corpus / f"{BLOGGER}.txt").unlink()
    report = index.update()
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert _ids(index, "zeppelin") == ["new"]
    assert _ids(index, "walrus") == [PHOTO]
    assert _ids(index, "badminton") == []
    assert _ids(index, "binsky") == []
    assert sorted(s.id for s in index.summaries()) == [PHOTO, "new"]


def test_touched_but_unchanged_file_is_not_reindexed(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    path = seed_corpus / f"{PHOTO}.txt"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    report = index.update()
    assert (report.changed, report.unchanged) == (0, 2)
    assert index.update().unchanged == 2


def test_sidecar_change_reindexes_metadata(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    sidecar = seed_corpus / f"{PHOTO}.yaml"
    sidecar.write_text(
        sidecar.read_text("utf-8").replace("Business Insider Australia", "Walrus Weekly"), "utf-8"
    )
    assert index.update().changed == 1
    assert _ids(index, "source:walrus") == [PHOTO]


def test_corrupt_index_rebuilds_with_a_message(seed_corpus: Path, tmp_path: Path) -> None:
    Index(seed_corpus, tmp_path / "ix").update()
    for path in (tmp_path / "ix").iterdir():
        if path.suffix in (".toc", ".seg"):
            path.write_bytes(b"garbage")
    report = Index(seed_corpus, tmp_path / "ix").update()
    assert report.rebuilt is not None and "rebuilding" in report.rebuilt
    assert report.added == 2


def test_stale_manifest_is_rebuilt_from_the_index(seed_corpus: Path, tmp_path: Path) -> None:
    Index(seed_corpus, tmp_path / "ix").update()
    (tmp_path / "ix" / MANIFEST_FILE).write_text("{not json", "utf-8")
    index = Index(seed_corpus, tmp_path / "ix")
    assert len(index.summaries()) == 2
    report = index.update()
    # no stamps in a rebuilt manifest: files are re-read, hashes match, nothing re-indexed
    assert (report.added, report.changed, report.unchanged) == (0, 0, 2)


def test_locked_index_gives_a_clear_error(seed_corpus: Path, tmp_path: Path) -> None:
    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    (seed_corpus / "new.txt").write_text("another\n", "utf-8")
    holder = Index(seed_corpus, tmp_path / "ix")._writer(0.1)
    try:
        with pytest.raises(IndexLocked, match="another nkterm process"):
            Index(seed_corpus, tmp_path / "ix").update(lock_timeout=0.2)
    finally:
        holder.cancel()
    assert Index(seed_corpus, tmp_path / "ix").update().added == 1


def test_rebuild_never_deletes_files_that_are_not_the_index(seed_corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(IndexError, match="refusing to clear it"):
        Index(seed_corpus, folder).update()
    assert (folder / "thesis.docx").read_bytes() == b"precious"


def test_rebuild_waits_for_a_running_writer(seed_corpus: Path, tmp_path: Path) -> None:
    Index(seed_corpus, tmp_path / "ix").update()
    (tmp_path / "ix" / META_FILE).write_text(json.dumps({"schema_version": 0}), "utf-8")
    holder = FileStorage(str(tmp_path / "ix")).lock("MAIN_WRITELOCK")
    assert holder.acquire(blocking=False)
    try:
        with pytest.raises(IndexLocked):
            Index(seed_corpus, tmp_path / "ix").update()
        assert any(p.suffix == ".seg" for p in (tmp_path / "ix").iterdir())  # nothing deleted
    finally:
        holder.release()
    assert Index(seed_corpus, tmp_path / "ix").update().added == 2


@pytest.mark.parametrize(("chunk", "ahead"), [(32, 16), (2, 2), (1, 1)])
def test_parallel_preparation_gives_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, ahead: int
) -> None:
    """The worker prepares documents a window ahead of the indexer (PREPARE_AHEAD chunks of
    PREPARE_CHUNK): small windows refill many times, and every document arrives, in order."""
    import nkterm.build as nkindex  # the build reads its settings

    monkeypatch.setattr(nkindex, "PREPARE_CHUNK", chunk)
    monkeypatch.setattr(nkindex, "PREPARE_AHEAD", ahead)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"d{i:02}.txt").write_text(f"Doc {i}: the mayor said 3{i} people came.\n", "utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01binary")
    monkeypatch.setattr(nkindex, "PARALLEL_MIN", 5)
    parallel = Index(corpus, tmp_path / "p")
    report = parallel.update()
    monkeypatch.setattr(nkindex, "PARALLEL_MIN", 10**9)
    serial = Index(corpus, tmp_path / "s")
    serial.update()
    assert report.added == 12 and [p.path for p in report.problems] == ["bad.txt"]
    assert parallel.summaries() == serial.summaries()
    assert parallel.claims("d07") == serial.claims("d07") != []


def test_suggestion_can_be_asked_separately(seed_index: Index) -> None:
    quick = seed_index.search("pyongyng", suggest=False)
    assert quick.hits == () and quick.suggestion is None
    assert seed_index.suggest("pyongyng") == "pyongyang"
    assert seed_index.suggest('"broken') is None


def test_load_gives_document_and_claims_in_one_read(seed_index: Index) -> None:
    doc, claims = seed_index.load(PHOTO)
    assert doc == seed_index.document(PHOTO)
    assert claims == seed_index.claims(PHOTO) and claims


@pytest.mark.slow
@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ İıßﬁ.*_-'’ 09\n\té€ŉǅΣσς")) | st.characters(), max_size=300))
def test_plain_analyze_matches_the_whoosh_chain(text: str) -> None:
    from nkterm import index as nkindex

    analyzer = nkindex.make_schema()["body"].analyzer
    chain = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
    assert nkindex.analyze(text) == chain
    assert all(text[s:e] for _t, s, e in chain)


def test_plain_analyze_matches_on_the_seeds() -> None:
    from nkterm import index as nkindex

    for path in sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        analyzer = nkindex.make_schema()["body"].analyzer
        chain = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
        assert nkindex.analyze(text) == chain


def test_fuzzy_total_counts_every_match(seed_index: Index) -> None:
    result = seed_index.search("toors~", limit=1)  # more matches than the limit
    assert result.error is None and len(result.hits) == 1
    assert result.total == len(seed_index.search("toors~", limit=1000).hits) == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Pyongyng tourz", "Pyongyang tours"),  # words as written (not stems), capitals kept
        ('"mass gams"', '"mass games"'),  # inside a phrase
        ("title:pyongyng", "title:pyongyang"),
        ("kind:quote childen", "kind:quote children"),  # filters left alone
        ("tour guidez", "tour guides"),  # only the word that is in no document changes
    ],
)
def test_suggestions_are_real_words_of_the_corpus(seed_index: Index, typed: str, meant: str) -> None:
    assert seed_index.search(typed).total == 0
    assert seed_index.suggest(typed) == meant
    assert seed_index.search(meant).total > 0


def test_no_suggestion_when_nothing_is_close(seed_index: Index) -> None:
    assert seed_index.suggest("zzzqqxv") is None
    assert seed_index.suggest("kind:quote") is None


def test_searchers_of_all_threads_share_one_term_dictionary_and_map_nothing(
    seed_corpus: Path, tmp_path: Path
) -> None:
    """One searcher per thread must not mean one copy of the index per thread (with mmap,
    Whoosh copied every segment part a searcher opened: ~410 MB per thread at 20k)."""
    import threading

    index = Index(seed_corpus, tmp_path / "ix")
    index.update()
    term_buffers: list[object] = []
    found: list[int] = []
    mapped: list[object] = []

    def read() -> None:
        found.append(len(index.search("pyongyan~").hits) + len(index.search("kory*").hits))
        for leaf, _offset in index._searcher().reader().leaf_readers():
            compound = leaf._storage.a  # OverlayStorage(the segment's compound file, the folder)
            mapped.append(compound._source)  # None: the segment is read, not mapped
            term_buffers.append(leaf._terms._dbfile._buf)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
        thread.join()
    assert found == [found[0]] * 3 and found[0] >= 2
    assert mapped == [None] * 3
    assert len(term_buffers) == 3 and isinstance(term_buffers[0], bytes)
    assert all(buf is term_buffers[0] for buf in term_buffers)  # one copy, shared
    names = list(index._ix.storage._shared)
    assert any(n.endswith(".trm") for n in names) and any(n.endswith("_len.col") for n in names)
    assert all(n.endswith((".trm", "_len.col")) for n in names)  # never the postings or stored fields


def _small_index(tmp_path: Path, texts: dict[str, str]) -> Index:
    corpus = tmp_path / "small"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_text(text, "utf-8")
    index = Index(corpus, tmp_path / "small-ix")
    index.update()
    return index


def test_a_fuzzy_word_matches_words_close_to_it_as_typed_not_to_its_stem(tmp_path: Path) -> None:
    # Whoosh alone stems "goverment" to "gover" first, and "over"/"cover" are one edit from that
    index = _small_index(
        tmp_path,
        {
            "a": "Notes\n\nThe government met on Monday and governments abroad listened.\n",
            "b": "Diary\n\nIt is over now. We took cover from the rain; a lover of walks.\n",
        },
    )
    result = index.search("goverment~")
    assert result.error is None
    assert [h.id for h in result.hits] == ["a"]
    body = index.document("a").text
    assert [body[s.start : s.end] for s in result.hits[0].hits] == ["government", "governments"]
    assert index.search("governmnt~1 AND monday").total == 1
    assert index.search("xqzvw~").total == 0  # nothing close: no hits, no error
    assert index.hits_in("a", "goverment~") == result.hits[0].hits


def test_totals_are_exact_when_there_are_more_matches_than_the_limit(tmp_path: Path) -> None:
    texts = {f"d{i:02}": f"Report {i}\n\nThe alpha committee met today.\n" for i in range(30)}
    texts |= {f"e{i:02}": f"Memo {i}\n\nAlpha and beta teams met in the beta hall.\n" for i in range(7)}
    index = _small_index(tmp_path, texts)
    for q, expected in (("alpha", 37), ("alpha beta", 7), ("alpha AND NOT beta", 30), ("alph*", 37)):
        result = index.search(q, limit=3)
        assert (len(result.hits), result.total) == (3, expected), q


def test_negated_and_other_field_words_are_not_highlighted(tmp_path: Path) -> None:
    index = _small_index(tmp_path, {"a": "Title words\n\nAlpha beta gamma, and alphabet soup.\n"})
    result = index.search("alph* AND NOT delta AND NOT title:beta")
    body = index.document("a").text
    assert [body[s.start : s.end] for s in result.hits[0].hits] == ["Alpha", "alphabet"]
    result = index.search("gamma NOT beta")
    assert result.total == 0
    result = index.search("gamma AND title:words")
    assert [body[s.start : s.end] for s in result.hits[0].hits] == ["gamma"]


def test_a_prefix_matches_as_typed_even_where_the_stemmer_would_change_it(seed_index: Index) -> None:
    # Whoosh stems the letters before '*' like a word: "kory" -> "kori", "pyongy" -> "pyongi"
    for q in ("kory*", "Pyongy*", "kory* NOT zzzq"):
        result = seed_index.search(q)
        assert result.error is None and result.total == 2, q
    hit = seed_index.search("kory*").hits[0]
    body = seed_index.document(hit.id).text
    assert {body[s.start : s.end] for s in hit.hits} == {"Koryo"}
    assert seed_index.search("photograph*").total == 1  # prefixes the stemmer keeps still work
    assert seed_index.hits_in(hit.id, "kory*") == hit.hits
