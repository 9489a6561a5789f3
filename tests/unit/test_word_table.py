"""The table of words already analysed (``nkterm.analysis.words._WORDS``): bounded, the words
that came first kept when it fills (a corpus's frequent words), and what it gives always what
a word's analysis makes."""

from __future__ import annotations

import pytest

from nkterm.analysis import words as W
from tests.conftest import seed_texts


def test_a_full_table_keeps_its_first_words_and_analyses_as_an_unbounded_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = seed_texts()
    first = "The government said the minister would meet the president"
    monkeypatch.setattr(W, "_WORDS", {})
    want = [W.tokens(text) for text in [first, *texts]]
    assert len(W._WORDS) > 5 * 100  # the small table below fills many times over
    table: dict[str, W._WordInfo] = {}
    monkeypatch.setattr(W, "_WORDS", table)
    monkeypatch.setattr(W, "_WORDS_MAX", 100)
    assert W.tokens(first) == want[0]
    early = list(table)
    for text, tokens in zip(texts, want[1:], strict=True):
        assert W.tokens(text) == tokens
        assert len(table) <= 100
    assert all(w in table for w in early)  # the first words were never made again
