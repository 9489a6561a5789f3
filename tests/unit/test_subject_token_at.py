"""``SubjectFinder._token_at`` (a binary search) gives what the walk from the sentence's start it
replaced gave: the first token of the sentence at or after a position (a walk made a sentence of
a million characters quadratic: 200 s in tests/robustness/test_corpus_input.py)."""

from __future__ import annotations

import random

from nkterm.claims.scan import tokenize
from nkterm.claims.subjects import SubjectFinder


def _walk(finder: SubjectFinder, pos: int) -> int:
    k = finder.lo
    while k < finder.hi and finder.starts[k] < pos:
        k += 1
    return k


def test_token_at_equals_the_walk_at_every_position_of_sentences_inside_a_text() -> None:
    rng = random.Random(4)
    words = [
        "The",
        "minister",
        "said",
        "42",
        "Kim",
        "Jong",
        "Un,",
        "told",
        "reporters",
        "-",
        "on",
        "Tuesday.",
    ]
    text = " ".join(rng.choice(words) for _ in range(300))
    toks = tokenize(text)
    n = len(toks.starts)
    for lo, hi in [(0, n), (0, 1), (5, 40), (n - 3, n), (17, 17), (100, 230)]:
        finder = SubjectFinder(text, toks.lows, toks.starts, toks.ends, lo, hi)
        for pos in range(-1, len(text) + 2):
            assert finder._token_at(pos) == _walk(finder, pos), (lo, hi, pos)
