"""The document list's filter: sorted once, narrowed key by key, always equal to filtering and
sorting everything again (``sort_summaries(filter_summaries(...))``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.listing import sort_summaries
from nkterm.models import DocSummary
from nkterm.tui.view.listing import ListFilter, Listing, filter_summaries
from tests.counts import examples

LETTERS = list("abAB ßsSİi9é ")

summary = st.builds(
    DocSummary,
    id=st.text(alphabet="ab9/", min_size=1, max_size=6),
    title=st.text(alphabet=LETTERS, max_size=10),
    source=st.text(alphabet=LETTERS, max_size=6),
    words=st.integers(0, 5),
    claims=st.integers(0, 3),
    check_worthy=st.integers(0, 3),
)


@pytest.mark.slow
@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(summary, max_size=30, unique_by=lambda s: s.id),
    st.lists(st.tuples(st.sampled_from(["title", "words", "claims"]), st.text(alphabet=LETTERS, max_size=6))),
)
def test_filter_matches_the_brute_force_filter_and_sort(
    summaries: list[DocSummary], steps: list[tuple[str, str]]
) -> None:
    listing = Listing(summaries)
    filters: dict[str, ListFilter] = {}
    for key, text in steps:
        got = filters.setdefault(key, ListFilter(listing, key)).apply(text)
        assert got == sort_summaries(filter_summaries(summaries, text), key)


def test_typing_narrows_and_deleting_widens() -> None:
    rows = [
        DocSummary("a", "Oil prices rise", "BBC", 10, 1, 0),
        DocSummary("b", "Oil report", "Reuters", 20, 2, 1),
        DocSummary("c", "Film awards", "BBC", 30, 3, 2),
    ]
    f = ListFilter(Listing(rows), "title")
    assert [s.id for s in f.apply("o")] == ["a", "b"]
    assert [s.id for s in f.apply("oil")] == ["a", "b"]
    assert [s.id for s in f.apply("oil r")] == ["a", "b"]
    assert [s.id for s in f.apply("oil re")] == ["b"]  # "report", "Reuters"
    assert [s.id for s in f.apply("oil re bbc")] == []
    assert [s.id for s in f.apply("oil")] == ["a", "b"]
    assert [s.id for s in f.apply("")] == ["c", "a", "b"]


@pytest.mark.slow
@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(summary, max_size=30, unique_by=lambda s: s.id),
    st.sampled_from(["title", "words", "claims"]),
    st.lists(st.one_of(st.sampled_from(LETTERS), st.just("\b")), max_size=20),
)
def test_typing_and_deleting_key_by_key(summaries: list[DocSummary], key: str, keys: list[str]) -> None:
    f = ListFilter(Listing(summaries), key)
    text = ""
    for char in keys:
        text = text[:-1] if char == "\b" else text + char
        assert f.apply(text) == sort_summaries(filter_summaries(summaries, text), key), text
