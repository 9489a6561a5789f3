"""The word pattern (``nkterm.analysis.words.WORD``, possessive, the joint required) held to the
plain pattern it replaced: the same words at the same offsets on the seeds, on texts written to
hit its joints (dots, apostrophes, wildcards, diacritics, Hangul) and on random strings."""

from __future__ import annotations

import random
import re

from nkterm.analysis.words import _MARKS, _WORD_LATIN1, APOSTROPHES, WORD, analyze, find_words, tokens
from tests.conftest import seed_texts

# the form used before session 10: backtracking quantifiers and an optional joint
PLAIN_WORD = re.compile(rf"[\w*{_MARKS}]+(?:[.{APOSTROPHES}]?[\w*{_MARKS}]+)*")

JOINTS = [
    "U.S. e.g. 3.5% 4,200 1.2.3. a..b a.'b .x x. ..",
    "Kim Il-sung's P'yŏngyang Chuch'e rock'n'roll o’clock ʻokina ‘quoted’ `tick` it's'",
    "wild*card *x x* ** *.* a*b.c*d 'a' '' ’’ x'.'y x.'y x'.y",
    "Cafe\u0301 naï\u0308ve e\u0301.e\u0301 \u0301alone 평양에서 평양.com 김정은's",
    "snake_case __init__ 12_000 x_.y",
    "",
    "   ",
    ".",
    "a",
]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(10)
    alphabet = [
        "a",
        "b",
        "Z",
        "1",
        "_",
        "*",
        ".",
        " ",
        "\n",
        ",",
        "-",
        "\u0301",
        "é",
        "평",
        "양",
        *APOSTROPHES,
    ]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_word_pattern_finds_the_plain_patterns_words() -> None:
    texts = JOINTS + seed_texts() + _random_texts(20_000)
    joined = 0
    for text in texts:
        want = _found(PLAIN_WORD, text)
        assert _found(WORD, text) == want, text
        assert WORD.findall(text) == [w for w, _s, _e in want], text
        joined += sum(1 for w, _s, _e in want if any(c in w for c in "." + APOSTROPHES))
    assert joined > 1_000  # the joints were exercised, not only plain runs


def test_analysis_of_joint_words_is_unchanged() -> None:
    # the words' analysis as the plain pattern cuts them
    text = "U.S. officials' e-mail said Kim Il-sung's P'yŏngyang rock'n'roll wild*card a..b"
    assert [w for w, _s, _e in _found(WORD, text)] == [
        "U.S",
        "officials",
        "e",
        "mail",
        "said",
        "Kim",
        "Il",
        "sung's",
        "P'yŏngyang",
        "rock'n'roll",
        "wild*card",
        "a",
        "b",
    ]
    assert [t for t, _s, _e in analyze(text)] == [t.term for t in tokens(text)]


def _latin1_texts(count: int) -> list[str]:
    rng = random.Random(12)
    alphabet = [chr(i) for i in range(256)] + list("ab.'` ") * 20
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_the_latin1_pattern_finds_the_plain_patterns_words() -> None:
    # every Latin-1 character, next to word characters and joints
    texts = JOINTS + seed_texts() + _random_texts(5_000) + _latin1_texts(20_000)
    latin1 = 0
    for text in texts:
        want = _found(PLAIN_WORD, text)
        assert find_words(text) == [w for w, _s, _e in want], text
        if max(text, default="a") <= "\xff":
            latin1 += not text.isascii()
            assert _found(_WORD_LATIN1, text) == want, text
    assert latin1 > 10_000  # the non-ASCII Latin-1 texts took the written-out pattern
