"""Hit offsets and snippets without tokenising the whole body (nkterm.search.whoosh.matching
``match_spans``): for many queries on a real index of the seeds plus a small written corpus
(names, Hangul, possessives, apostrophes, dotted abbreviations, phrases broken by stop words
and long separators), every document's offsets equal those of tokenising the whole body
(``match_spans_full``), and every hit's snippet and first offsets equal those made from them."""

from __future__ import annotations

import random
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.analysis import tokens
from nkterm.analysis.words import WORD
from nkterm.index import Index
from nkterm.models import Span
from nkterm.querytext import _Collapsed, make_snippet
from nkterm.search.query import prepare
from nkterm.search.whoosh.matching import _Vocabulary, body_terms, expand_fuzzy, match_spans, match_spans_full
from nkterm.search.whoosh.names import expand_names
from tests.conftest import SEEDS
from tests.counts import examples

WRITTEN = {
    "names.txt": (
        "Kim Il Sung met Kim Jong Il in Pyongyang. Later Kim Il-sung's portrait hung beside "
        "Kim Jong-un's. KIM JONG UN spoke; kim il sung (lower case) is not a name here. "
        "Kim's Il Sung is odd. Ri Sol Ju and Choe Ryong Hae attended. Kim\nIl\nSung on three lines."
    ),
    "hangul.txt": "평양에서 열린 회의. 김정은 위원장은 평양 시민들에게 말했다. Pyongyang 평양 P'yŏngyang Chuch'e juche.",
    "phrases.txt": (
        "The prime minister of the country said that the minister for trade, the prime one, "
        "would visit. Prime\n\n==========================================================\n"
        "minister again. prime the the the the the and of of minister. Tours of Koryo Tours "
        "and koryo tour's; U.S. officials and the U.S.A. said U.S-led talks. It's its it's."
    ),
    "repeats.txt": " ".join(["missile launch test", "missile", "launching", "tests", "tested"] * 40)
    + " economy economic economies. ECONOMY Economy's growth grows growing.",
    "mixed.txt": (
        "Kim Jong Un's sister, Kim Yo Jong, and KIm Il Sung. Park Geun-hye; Moon Jae-in; "
        "Yun Suk Yeol. The Workers' Party of Korea (WPK) and the DPRK's KCNA reported it."
    ),
}

QUERIES = (
    "korea",
    "pyongyang",
    "koryo tours",
    '"koryo tours"',
    '"Koryo Tours"~3',
    "kim il sung",
    '"kim il sung"',
    "kim jong un",
    "kim jong il OR kim yo jong",
    "kim",
    "ilsung",
    '"kim jong"~2',
    "평양",
    "평양 OR 김정은",
    '"prime minister"',
    '"prime minister"~2',
    '"prime minister"~8',
    "prime minister",
    "prime OR minister",
    "minister -prime",
    "missile AND launch",
    "missile NOT economy",
    '"missile launch"',
    '"launch test"~3 missile',
    "missil*",
    "econ*",
    "tour*",
    "koryo~",
    "pyongyng~",
    "economy growth",
    "title:koryo",
    "tag:arirang korea",
    "u.s",
    "u.s. officials",
    "it's",
    "party of korea",
    '"workers party"',
    "photograph OR photographs",
    "gellman badminton",
    '"skewed controlled"~4',
    "park geun hye",
    "choe ryong hae",
    "juche",
    "p'yŏngyang",
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    root = tmp_path_factory.mktemp("fastspans")
    shutil.copytree(SEEDS, root / "corpus")
    for name, text in WRITTEN.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    index = Index(root / "corpus", root / "index")
    index.update()
    return index


def _run(index: Index, text: str) -> tuple[object, set[tuple[str, bytes]]]:
    """The query the backend runs for ``text`` and the body terms its hits can match by."""
    request = prepare(text)
    assert not isinstance(request, str), request
    searcher = index._searcher()
    run, _names = expand_names(
        expand_fuzzy(index._translate(request), searcher, request.source, index.spelling), index.name_table()
    )
    return run, body_terms(run, searcher.reader())


def test_every_document_has_the_offsets_of_whole_tokenisation(index: Index) -> None:
    ids = sorted(index.catalog.hashes())
    assert len(ids) >= 6  # the seeds and the written files
    bodies = {i: index.catalog.text(i) for i in ids}
    compared = with_hits = 0
    for text in QUERIES:
        run, matchable = _run(index, text)
        for doc_id, body in bodies.items():
            full = match_spans_full(body, matchable, run)
            assert match_spans(body, matchable, run) == full, (text, doc_id)
            compared += 1
            with_hits += bool(full)
    assert compared == len(QUERIES) * len(bodies)
    assert with_hits > len(QUERIES)  # most queries hit something: the comparison means something


def test_hits_snippets_and_first_spans_are_those_of_whole_tokenisation(index: Index) -> None:
    checked = 0
    for text in QUERIES:
        run, matchable = _run(index, text)
        result = index.search(text, limit=20)
        assert result.error is None, (text, result.error)
        for hit in result.hits:
            body = index.catalog.text(hit.id)
            full = match_spans_full(body, matchable, run)
            assert hit.hits == full, text
            assert hit.hits[:3] == full[:3]
            assert (hit.snippet, hit.snippet_spans) == make_snippet(body, full), text
            matched = {" ".join(body[s.start : s.end].split()) for s in full}
            assert {hit.snippet[s.start : s.end] for s in hit.snippet_spans} <= matched, text
            assert index.hits_in(hit.id, text) == full
            checked += 1
    assert checked > 40


def test_a_phrase_across_a_long_separator_is_found(index: Index) -> None:
    """Prime, a blank line, a line of '=' and minister are adjacent positions, and so are
    prime and minister with only stop words between them."""
    run, matchable = _run(index, '"prime minister"')
    body = index.catalog.text("phrases")
    words = [body[s.start : s.end] for s in match_spans(body, matchable, run)]
    assert words == ["prime", "minister", "Prime", "minister", "prime", "minister"]
    assert match_spans(body, matchable, run) == match_spans_full(body, matchable, run)


def test_random_bodies_match_whole_tokenisation(index: Index) -> None:
    """Bodies shuffled from the written corpus's words and separators."""
    rng = random.Random(18)
    pieces = [*" ".join(WRITTEN.values()).split(" "), "\n", "====", "the", "of", "'s", "U.S.", "-"]
    queries = [_run(index, q) for q in QUERIES]
    for _ in range(150):
        body = "".join(rng.choice(pieces) + rng.choice([" ", "  ", "\n", "-", ". ", ""]) for _ in range(60))
        for run, matchable in queries:
            assert match_spans(body, matchable, run) == match_spans_full(body, matchable, run), body


def _collapse_reference(raw: str) -> list[int]:
    """The index map make_snippet used to build character by character."""
    out: list[int] = []
    pos = -1
    in_space = True
    for ch in raw:
        if ch.isspace():
            if not in_space:
                pos += 1
                in_space = True
            out.append(max(pos, 0))
        else:
            pos += 1
            in_space = False
            out.append(pos)
    return out


@pytest.mark.slow
@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\n", "\t", "\u00a0", "\x1c", "평"]), max_size=40))
def test_whitespace_collapsing_maps_every_index_as_before(raw: str) -> None:
    collapsed = _Collapsed(raw)
    assert [collapsed.index(i) for i in range(len(raw))] == _collapse_reference(raw)


def test_snippet_marks_the_matched_words() -> None:
    body = "  Leading   space.\n\nThe   missile\tlaunch  was   a test of the missile. " + "word " * 60
    first, launch, last = body.find("missile"), body.find("launch"), body.rfind("missile")
    spans = (Span(first, first + 7), Span(launch, launch + 6), Span(last, last + 7))
    text, marks = make_snippet(body, spans)
    assert [text[m.start : m.end] for m in marks] == ["missile", "launch", "missile"]
    assert text.startswith("Leading space. The missile launch")


def test_the_vocabulary_finds_the_same_words_after_it_is_cleared() -> None:
    """Past its limit the per-process vocabulary starts again; what it answers stays exact."""
    vocabulary = _Vocabulary()
    vocabulary.LIMIT = 40
    bodies = [*WRITTEN.values(), *(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))]
    for terms in (
        {"korea"},
        {"kim", "ilsung", "평양"},
        {"missil", "launch", "minist"},
        {"pyongyang", "tour"},
    ):
        for body in bodies * 2:
            distinct = set(WORD.findall(body))
            wanted, surnames = vocabulary.words(distinct, terms)
            assert sorted(wanted) == sorted(
                w for w in distinct if {t.term for t in tokens(w, joins=False)} & terms
            )
            has_names = any(tok.joined for tok in tokens(body)) or bool(surnames)
            assert set(surnames) <= distinct
            if has_names:
                assert surnames  # a joined given name needs its surname
    assert len(vocabulary._known) <= 40 + max(len(set(WORD.findall(b))) for b in bodies)
