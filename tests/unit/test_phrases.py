"""Phrases without Whoosh's matcher tree (nkterm.search.whoosh.phrases): the same documents and
bit for bit the same scores as Whoosh's phrase matcher, on a real index of two segments with
deleted documents, and the chaining of positions equal to SpanNear2's on any positions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query
from whoosh.query.spans import Span, SpanNear2

from nkterm.index import Index
from nkterm.search.query import prepare
from nkterm.search.whoosh import collect, vectorised
from nkterm.search.whoosh.names import expand_names
from nkterm.search.whoosh.phrases import _chains
from nkterm.synthetic.archive import write_archive
from tests.counts import examples

PHRASES = (
    '"kim jong un"',  # a name: its spellings joined by the name expansion
    '"heavy rain"',
    '"flood warnings"',
    '"warnings were repeated"',  # words of the second segment only
    '"rain flood"~3',
    '"greetings kim"~3',
    '"flood pyongyang"~4',  # the appended sentence: "Flood warnings were repeated in Pyongyang"
    '"pyongyang flood"~5 OR "missile test"',
    '"korean central news agency" AND flood',
    'title:"kim jong"',
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    root = tmp_path_factory.mktemp("phrases")
    corpus = root / "corpus"
    write_archive(corpus, 300)
    index = Index(corpus, root / "index")
    index.update()
    files = sorted(corpus.rglob("*.txt"))
    for path in files[:40]:
        path.write_text(path.read_text("utf-8") + "\n\nFlood warnings were repeated in Pyongyang.\n", "utf-8")
    for path in files[40:50]:
        path.unlink()
    index.update()
    searcher = index._searcher()
    assert len(searcher.leaf_searchers()) >= 2
    assert any(sub.reader().has_deletions() for sub, _o in searcher.leaf_searchers())
    yield index
    index.close()


@pytest.mark.parametrize("text", PHRASES)
def test_a_phrase_matches_and_scores_as_whooshs_phrase_matcher(archive: Index, text: str) -> None:
    searcher = archive._searcher()
    request = prepare(text)
    assert not isinstance(request, str)
    run, _names = expand_names(archive._translate(request), archive.name_table())
    assert "Phrase" in repr(run) or "SpanNear" in repr(run)
    found = vectorised.match_scores(searcher, run)
    assert found is not None, "phrases take the vectorised path"
    collector = collect._Top(1_000_000, True, None)
    searcher.search_with_collector(run, collector)
    expected = {-neg: score for score, neg in collector.items}
    assert dict(zip(found[0].tolist(), found[1].tolist(), strict=True)) == expected
    # and through the search: the same total and ranking as scoring every match
    fast = collect.scored(searcher, run, 10, record=True)
    assert fast.total == collector.total
    assert fast.top == sorted(((s, d) for d, s in expected.items()), key=lambda sd: (-sd[0], sd[1]))[:10]


def test_phrases_that_match_were_found(archive: Index) -> None:
    totals = {text: archive.search(text, limit=1).total for text in PHRASES}
    assert totals['"warnings were repeated"'] >= 30  # the appended sentence (stop word "were" kept or not)
    assert totals['"kim jong un"'] > 0 and totals['"heavy rain"'] >= 0


def _whoosh_chains(positions: list[list[int]], slop: int) -> bool:
    class Leaf:
        def __init__(self, at: list[int]) -> None:
            self.at = at

        def spans(self) -> list[Span]:
            return [Span(p) for p in self.at]

    class Chain:
        def __init__(self) -> None:
            self.ms = [Leaf(p) for p in positions]
            self.slop, self.ordered, self.mindist = slop, True, 1

    return bool(SpanNear2.SpanNear2Matcher._get_spans(Chain()))


@settings(max_examples=examples(500), deadline=None)
@given(
    positions=st.lists(
        st.lists(st.integers(0, 40), min_size=1, max_size=8, unique=True).map(sorted), min_size=2, max_size=4
    ),
    slop=st.integers(1, 5),
)
def test_positions_chain_as_spannear2_chains_them(positions: list[list[int]], slop: int) -> None:
    assert _chains(positions, slop) == _whoosh_chains(positions, slop)


def test_a_phrase_on_a_field_without_positions_is_left_to_whoosh(archive: Index) -> None:
    searcher = archive._searcher()
    # "tags" is indexed without positions: Whoosh's own matcher decides (error or degrade),
    # whether or not the words are there
    assert not searcher.schema["tags"].format.supports("positions")
    for words in (["korean", "central"], ["flood", "rain"]):
        assert vectorised.match_scores(searcher, query.Phrase("tags", words)) is None
