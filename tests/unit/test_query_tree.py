"""nkterm's query tree: the parser (precedence, field scoping, phrases, errors that name the bad
part), its round trip through ``to_text``, random text never crashing it, and one parse per
query through the public path (a real Library on a real index: search, suggest, hits)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import nkterm
from nkterm.search import query as query_module
from nkterm.search.query import prepare
from nkterm.search.querytree import (
    And,
    DateRange,
    Every,
    Fuzzy,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Request,
    Required,
    Term,
    Wildcard,
    leaves,
    to_text,
    walk,
)
from tests.counts import examples
from tests.robustness.test_queries import QUERIES, readable


def tree(text: str) -> Node | None:
    request = prepare(text)
    assert isinstance(request, Request), (text, request)
    return request.node


def shape(node: Any) -> Any:
    """``node`` without offsets (two parses of the same meaning compare equal)."""
    if isinstance(node, And | Or):
        return (type(node).__name__, tuple(shape(c) for c in node.children), node.boost)
    if isinstance(node, Not | Required):
        return (type(node).__name__, shape(node.child))
    if node is None:
        return None
    return dataclasses.replace(node, start=0, end=0)


def t(text: str, field: str | None = None) -> Term:
    return Term(text, 0, 0, field)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words side by side bind loosest, then OR, then AND, then NOT (Whoosh's order, as always)
        ("a b OR c", And((t("a"), Or((t("b"), t("c")))))),
        ("a OR b c", And((Or((t("a"), t("b"))), t("c")))),
        ("a AND b OR c", Or((And((t("a"), t("b"))), t("c")))),
        ("a OR b AND c", Or((t("a"), And((t("b"), t("c")))))),
        ("-x", Not(t("x"))),
        ("!x", Not(t("x"))),
        ("NOT x", Not(t("x"))),
        ("a AND NOT b", And((t("a"), Not(t("b"))))),
        ("a ANDNOT b", And((t("a"), Not(t("b"))))),
        ("market -oil", And((t("market"), Not(t("oil"))))),
        ("+oil gas", And((Required(t("oil")), t("gas")))),
        ("oil || gas", Or((t("oil"), t("gas")))),
        ("oil && gas", And((t("oil"), t("gas")))),
        ("a AND b c", And((t("a"), t("b"), t("c")))),
        ("((a (b OR (c d))))", And((t("a"), Or((t("b"), And((t("c"), t("d")))))))),
        ("-(a OR b) c", And((Not(Or((t("a"), t("b")))), t("c")))),
        ("NOT NOT a", Not(Not(t("a")))),
        # a hyphen inside a word, and operators where none can stand, are words
        ("anti-nuclear", t("anti-nuclear")),
        ("AND koryo", And((t("AND"), t("koryo")))),
        ("koryo AND", And((t("koryo"), t("AND")))),
        ("ANDROID ORBIT", And((t("ANDROID"), t("ORBIT")))),
        ("title:-x", t("-x", "title")),
    ],
)
def test_precedence_and_operators(text: str, expected: Node) -> None:
    assert shape(tree(text)) == shape(expected)


def test_phrases_prefixes_fuzzy_words_and_boosts() -> None:
    assert shape(tree('"koryo tours"~4')) == shape(Phrase("koryo tours", 0, 0, slop=4))
    assert shape(tree('"koryo tours"')) == shape(Phrase("koryo tours", 0, 0, slop=1))
    assert shape(tree("propag*")) == shape(Prefix("propag", 0, 0))
    assert shape(tree("kor?o")) == shape(Wildcard("kor?o", 0, 0))
    assert shape(tree("goverment~")) == shape(Fuzzy("goverment", 0, 0, edits=1))
    assert shape(tree("pyongyng~2/3")) == shape(Fuzzy("pyongyng", 0, 0, edits=2, prefix=3))
    assert shape(tree("koryo^2")) == shape(Term("koryo", 0, 0, boost=2.0))
    assert shape(tree('"a b"~2^3')) == shape(Phrase("a b", 0, 0, slop=2, boost=3.0))
    assert shape(tree("id:*")) == shape(Wildcard("*", 0, 0, "id"))
    assert shape(tree("*:*")) == shape(Every(0, 0))  # Lucene's every document
    assert shape(tree("koryo^")) == shape(t("koryo"))  # a caret without a number is no boost
    # offsets index the text as parsed: what "did you mean" replaces
    request = prepare('tours "koryo tours"~3')
    assert isinstance(request, Request) and isinstance(request.node, And)
    phrase = request.node.children[1]
    assert isinstance(phrase, Phrase) and request.source[phrase.start : phrase.end] == "koryo tours"


def test_a_field_scopes_a_group_and_user_names_map_to_the_index() -> None:
    assert shape(tree("title:(a b)")) == shape(And((t("a", "title"), t("b", "title"))))
    assert shape(tree("title:(a body:b)")) == shape(And((t("a", "title"), t("b", "body"))))
    assert shape(tree("title:(a OR -b)")) == shape(Or((t("a", "title"), Not(t("b", "title")))))
    assert shape(tree("author:smith voice:binsky")) == shape(
        And((t("smith", "authors"), t("binsky", "sections")))
    )
    assert shape(tree("Kim Il Sung")) == shape(And((t("Kim"), t("IlSung"))))  # joined as indexed


def test_filters_come_off_the_top_level_only() -> None:
    request = prepare("flood date:2024-02 source:kcna tag:north_korea kind:quantity")
    assert isinstance(request, Request)
    assert shape(request.node) == shape(t("flood")) and request.words == "flood"
    f = request.filters
    assert (f.date_from, f.date_to) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert (f.sources, f.tags, f.kinds) == (("kcna",), ("north korea",), ("quantity",))
    assert prepare("date:[2024-07 TO]").filters.date_from == dt.date(2024, 7, 1)  # type: ignore[union-attr]
    assert prepare("market date:>2014").filters.date_from == dt.date(2015, 1, 1)  # type: ignore[union-attr]
    assert prepare("market date:<=2014").filters.date_to == dt.date(2014, 12, 31)  # type: ignore[union-attr]
    for stays in ("flood OR date:2024", "-date:2024 flood", "(flood date:2024)", "x (source:kcna)"):
        request = prepare(stays)
        assert isinstance(request, Request) and not request.filters, stays
        assert any(
            isinstance(n, DateRange) or (isinstance(n, Term) and n.field == "source")
            for n in walk(request.node)
        ), stays
    inside = prepare("flood OR date:2024")
    assert isinstance(inside, Request) and isinstance(inside.node, Or)
    assert isinstance(inside.node.children[1], DateRange)
    assert prepare("date:2024").node is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ko*", "at least 3 letters before '*' (got 'ko*')"),
        ("*", "'*' alone would match everything"),
        ("title:*", "'*' alone would match everything"),
        ("[a TO z]", "ranges work on dates only"),
        ("body:>a", "ranges work on dates only"),
        ("oil OR title:[a TO b]", "ranges work on dates only"),
        ("koryo~3", "at most 2 edits"),
        ("a~ b~ c~ d~ e~", "at most 4 fuzzy words"),
        ("date:2024-13", "not a date: '2024-13'"),
        ("date:yesterday", "not a date: 'yesterday'"),
        ("date:[now TO 2024]", "cannot understand this query"),
        ("koryo~1/99", "cannot run this query"),
        ("nofield:koryo", "unknown field 'nofield'"),
        ('"unclosed', "unbalanced quote"),
        ("(a b", "unbalanced brackets"),
        ("(a " * 300 + ")" * 300, "nests too deeply"),
        ("NOT " * 300 + "a", "nests too deeply"),
        ("title:" + "(a " * 450 + ")" * 450, "nests too deeply"),
        ("   ", "type a query"),
        ("koryo ( NOT )", "cannot understand this query at ')'"),
    ],
)
def test_errors_name_the_bad_part(text: str, message: str) -> None:
    found = prepare(text)
    assert isinstance(found, str) and message in found, (text, found)
    assert readable(found)


def test_deep_brackets_around_one_word_are_the_word() -> None:
    assert shape(tree("(" * 900 + "koryo" + ")" * 900)) == shape(t("koryo"))


# -- round trip: a tree printed and parsed again is the same tree

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8).filter(
    lambda w: w.upper() not in ("AND", "OR", "NOT", "ANDNOT")
)
_FIELD = st.sampled_from([None, "title", "body", "people", "speaker"])
_LEAF = st.one_of(
    st.builds(lambda w, f: Term(w, 0, 0, f), _WORD, _FIELD),
    st.builds(
        lambda ws, f, s: Phrase(" ".join(ws), 0, 0, f, slop=s),
        st.lists(_WORD, min_size=1, max_size=3),
        _FIELD,
        st.integers(1, 9),
    ),
    st.builds(lambda w, f: Prefix(w, 0, 0, f), _WORD, _FIELD),
    st.builds(lambda w, f, e: Fuzzy(w, 0, 0, f, edits=e), _WORD, _FIELD, st.integers(1, 2)),
)
_TREES = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.builds(
            lambda cs, b: And(tuple(cs), bracketed=b), st.lists(inner, min_size=2, max_size=3), st.booleans()
        ),
        st.builds(
            lambda cs, b: Or(tuple(cs), bracketed=b), st.lists(inner, min_size=2, max_size=3), st.booleans()
        ),
        st.builds(Not, inner),
    ),
    max_leaves=8,
)


def _flat(node: Any) -> Any:
    """``shape`` with nested unbracketed groups of one kind merged, as the parser merges them."""
    if isinstance(node, And | Or):
        kids: list[Any] = []
        for child in node.children:
            if type(child) is type(node) and not child.bracketed:
                kids.extend(_flat(child)[1])
            else:
                kids.append(_flat(child))
        return (type(node).__name__, tuple(kids), node.boost)
    if isinstance(node, Not | Required):
        return (type(node).__name__, _flat(node.child))
    return shape(node)


@pytest.mark.slow
@settings(max_examples=examples(300), deadline=None)
@given(_TREES)
def test_a_printed_tree_parses_back_to_itself(node: Node) -> None:
    assume(sum(isinstance(leaf, Fuzzy) for leaf in leaves(node, negated=True)) <= 4)  # the limit
    text = to_text(node)
    again = tree(text)
    assert _flat(again) == _flat(node), text
    assert to_text(again) == to_text(tree(to_text(again)))


# -- random text: a tree or a message, never an exception


@pytest.mark.slow
@settings(max_examples=examples(500), deadline=None)
@given(st.one_of(QUERIES, st.text(max_size=80)))
def test_random_text_never_crashes_the_parser(text: str) -> None:
    found = prepare(text)
    if isinstance(found, str):
        assert readable(found), (text, found)
    else:
        assert isinstance(found, Request) and found.text == " ".join(text.split())
        prepare(to_text(found.node))  # what it prints parses too (or says why not)


def test_a_long_bad_value_is_quoted_short() -> None:
    """Found by hypothesis: a 360-character date value was quoted whole in the message."""
    for text in ("DATE:00000" * 36, "date:" + "9" * 300, "a AND " + "b" * 300 + " AND"):
        found = prepare(text)
        if isinstance(found, str):
            assert readable(found) and len(found) < 160, found


# -- one parse per query through the public path


def test_a_query_is_parsed_once_for_search_suggest_and_hits(
    seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = nkterm.open(seed_corpus, tmp_path / "index")
    calls: list[str] = []
    real = query_module.parse_tree

    def counting(source: str) -> Node | None:
        calls.append(source)
        return real(source)

    monkeypatch.setattr(query_module, "parse_tree", counting)
    query_module._prepare.cache_clear()
    missed = lib.search("koryo tourz pyongyangg", limit=5)  # no hit: "did you mean" runs inside
    assert missed.error is None and not missed.hits and missed.suggestion
    assert lib.suggest("koryo tourz pyongyangg") == missed.suggestion
    found = lib.search("koryo tours", limit=5)
    assert found.hits
    spans = lib.hits_in(found.hits[0].id, "koryo tours")
    assert spans == found.hits[0].hits  # n/N marks what the list showed
    assert lib.suggest("koryo -pyongyangg") == "koryo -pyongyang"  # excluded words are corrected too
    text = lib.document(found.hits[0].id).text
    assert {text[s.start : s.end].lower() for s in spans} <= {"koryo", "tours", "tour"}
    assert calls == ["koryo tourz pyongyangg", "koryo tours", "koryo -pyongyangg"]
    lib.close()


def test_the_backend_takes_the_tree(seed_corpus: Path, tmp_path: Path) -> None:
    lib = nkterm.open(seed_corpus, tmp_path / "index")
    request = prepare("koryo -zebra")
    assert isinstance(request, Request)
    backend = lib._backend
    by_tree = backend.search(request, limit=5)
    assert by_tree.hits and [h.id for h in by_tree.hits] == [
        h.id for h in lib.search("koryo -zebra", limit=5).hits
    ]
    assert backend.hits_in(by_tree.hits[0].id, request) == by_tree.hits[0].hits
    assert re.search("koryo", by_tree.hits[0].snippet, re.I)
    lib.close()


def test_lark_is_loaded_by_the_first_parse_only() -> None:
    # the build (and its workers), `nkterm index` and the comparison never parse a query
    code = (
        "import sys\nimport nkterm.build, nkterm.library, nkterm.search.api, nkterm.search.query\n"
        "before = 'lark' in sys.modules\nnkterm.search.query.prepare('koryo')\n"
        "print(before, 'lark' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.split() == ["False", "True"]


# --- Lark's analysis of the grammar, kept in the cache folder ---------------------------------------


def _parse_in_a_fresh_process(query: str) -> subprocess.CompletedProcess[str]:
    code = f"from nkterm.search.queryparse import parse_tree\nprint(parse_tree({query!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_the_grammar_tables_are_kept_and_a_damaged_file_is_made_again() -> None:
    from nkterm import paths
    from nkterm.search.queryparse import GRAMMAR_CACHE

    kept = paths.cache_dir() / GRAMMAR_CACHE
    first = _parse_in_a_fresh_process('kim AND "prime minister" date:2024')
    assert kept.is_file() and kept.stat().st_size > 1000
    assert _parse_in_a_fresh_process('kim AND "prime minister" date:2024').stdout == first.stdout
    kept.write_bytes(kept.read_bytes()[:200])  # cut short, as a process killed while writing leaves it
    again = _parse_in_a_fresh_process('kim AND "prime minister" date:2024')
    assert again.stdout == first.stdout and again.stderr == ""
    assert kept.stat().st_size > 1000  # made again
