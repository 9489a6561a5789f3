"""The claims speed-ups give what the plain forms they replace give (session 8, issue #16/#18).

Each fast path is held to a reference written the slow way, on the seeds and on texts made to
hit its edge: the possessive token pattern, the capitalised-word-before-a-name scan, the
two-largest meaning words, the combined word table, the quote-mark and comments-heading
patterns, and the number reader's lower-cased, prefiltered scan.
"""

from __future__ import annotations

import json
import math
import random
import re
from itertools import repeat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.claims import furniture, quotes
from nkterm.claims.model import DocScorer, _two_largest, load_model, shaped
from nkterm.claims.pipeline import _after_capital, _token_ranges
from nkterm.claims.scan import TOKEN_RE, tokenize
from nkterm.numbers import _ONES, _TENS, quantities
from nkterm.text import sentences
from tests.counts import examples

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]

# the token pattern as it was before its word part became possessive
_PLAIN_TOKEN = re.compile(
    r"[$£€¥%©]|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}(?![\w,.]\d))+(?![\w])(?:\.\d+)?"
    r"|\w+(?:[.'\-]\w+|(?<=\d)[,:]\d+)*"
)
_TRICKY = [
    "wasn't year-old news.com.au 1.13bn 30,000 10:30 13 000 4\u00a0200 a.-b 1,2,3 x'-y",
    "O'Brien's 2004-05 $9.37bn £5 5% ©BBC don''t e.g. U.K. 1.5.6 ab'' -- 12,000,000.5",
    "123 456 789 1 234 567.25 1234 567 €3\u2009000 ¥12 ٣٤ _x_ Été 12 3456 99 999,5 x2 000",
]


_PLAIN_SPLIT = re.compile(f"({_PLAIN_TOKEN.pattern})")


def test_the_token_pattern_finds_the_same_tokens() -> None:
    """The pattern written for the engine (a first-character set, ASCII ranges before the
    Unicode classes) splits texts as the plain one: tokens and the gaps between them."""
    for text in [*SEED_TEXTS, *_TRICKY]:
        low = text.lower()
        assert TOKEN_RE.findall(low) == _PLAIN_TOKEN.findall(low)
        toks = tokenize(text)
        parts = _PLAIN_SPLIT.split(toks.low)
        assert toks.lows == parts[1::2]
        assert toks.starts == [sum(map(len, parts[:k])) for k in range(1, len(parts), 2)]


@given(st.text(alphabet="ab1 .,'-:\u00a0", max_size=40))
@settings(max_examples=examples(300), deadline=None)
def test_the_possessive_token_pattern_on_any_text(text: str) -> None:
    assert TOKEN_RE.findall(text) == _PLAIN_TOKEN.findall(text)


@given(st.text(alphabet="aZ19٣_é ,.:'-\u00a0\u2009$£%©€x", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_token_pattern_on_signs_digits_and_letters_of_any_script(text: str) -> None:
    """Signs, spaced digit groups, underscores, non-ASCII letters and digits ("é", "٣"):
    where the ASCII ranges and the first-character set could part from the plain pattern."""
    assert TOKEN_RE.findall(text) == _PLAIN_TOKEN.findall(text)
    assert re.compile(f"({TOKEN_RE.pattern})").split(text) == _PLAIN_SPLIT.split(text)


def test_a_capitalised_word_before_a_name_as_the_whole_text_scan_finds_it() -> None:
    text = " ".join(SEED_TEXTS) + " Mark Cueto's effort. O'Brien-Smith Cueto said. the Cueto, One Cueto-x"
    words = {w for w in re.findall(r"[A-Z][\w'’-]*", text)} | {"Cueto", "Nobody", "x"}
    for word in sorted(words):
        slow = re.finditer(rf"\b([A-Z][\w'’-]+) {re.escape(word)}(?![\w-])", text)
        assert list(_after_capital(text, word)) == [m.span(1) for m in slow], word


def test_a_capitalised_word_before_a_name_on_random_texts() -> None:
    """``_after_capital`` (str.find) against the regex on texts of apostrophes, hyphens,
    underscores, digits, capitals after them, words repeated and run together."""
    rng = random.Random(16)
    parts = ["Kim", "kim", "O'Brien", "O’Neil", "x-Kim", "_Kim", "K", "KIM", "Kimx", "Kim-", "Kim_", "9Kim",
             "Éva", "Kim's", "A", "ab", "Ab", "'", "-", "’", " ", "  ", ".", ",", "Kim Kim", "Lee"]  # fmt: skip
    for _ in range(3000):
        text = "".join(
            rng.choice(parts) + rng.choice(["", " ", " ", "-", "'"]) for _ in range(rng.randint(1, 14))
        )
        for word in ("Kim", "Kim's", "Lee", "A", "ab", "O'Brien"):
            slow = re.finditer(rf"\b([A-Z][\w'’-]+) {re.escape(word)}(?![\w-])", text)
            assert list(_after_capital(text, word)) == [m.span(1) for m in slow], (text, word)


def test_the_two_largest_meaning_words_are_those_of_the_full_sort() -> None:
    rng = random.Random(18)
    for _ in range(2000):
        words = [f"w{k}" for k in range(rng.randint(0, 12))]
        # few distinct values, so ties of |share| are common
        shares = {w: rng.choice([-0.5, -0.25, 0.0, 0.25, 0.5, 1.0]) for w in words}
        for sign in (1.0, -1.0):
            ranked = sorted([(-abs(v), w, v) for w, v in shares.items() if v * sign > 0])
            assert _two_largest(shares, sign) == [(v, w) for _, w, v in ranked[:2]]


def test_the_combined_word_table_gives_the_ids_and_meaning_of_the_two_tables() -> None:
    model = load_model()
    assert model.meaning is not None, "the shipped model has a meaning table"
    for text in [*SEED_TEXTS, *_TRICKY]:
        lows = tokenize(text).lows
        scorer = DocScorer(model, lows)
        assert scorer.word_ids == [model.word_id.get(w) for w in shaped(lows)]
        assert scorer.parts == model.meaning.words(lows)


def test_quote_marks_as_the_plain_pattern_finds_them() -> None:
    plain = re.compile(r"''|[\"“”‘’']")
    for text in [*SEED_TEXTS, "''Binsky'' \"'x'\" ’' ‘'' '''' a'b \"\""]:
        assert [m.span() for m in quotes._MARK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    "tail",
    [
        "Comments (12)",
        "READERS' COMMENTS",
        "Have your say",
        "Leave a reply",
        "Join the discussion",
        "Your views",
        "Add your comment here",
        "Responses:",
        "Nothing of the kind",
        "Commentary",
    ],
)
def test_the_comments_heading_shortcut_finds_what_the_full_search_finds(tail: str) -> None:
    body = "A first paragraph of the article.\n\nAnother one, long enough to count.\n\n"
    for text in (body + tail + "\n\nGreat piece!", body + tail + "\n\nCafé au lait!", body):
        full = furniture._COMMENTS_HEADING.search(text)
        fast = furniture._comments_heading(text)
        assert (fast and fast.span()) == (full and full.span()), text


_NUMBER_WORDS = [*_ONES, *_TENS]


@pytest.mark.parametrize("word", _NUMBER_WORDS)
def test_every_number_word_is_read_in_any_case(word: str) -> None:
    """The lower-cased scan of ASCII text reads what the case-blind pattern reads; the prefilter
    lets every number word through (a word missing from it would be lost here)."""
    found = []
    for form in (word, word.title(), word.upper()):
        for text in (f"About {form} thousand people came.", f"Ab\u00e9ut {form} thousand people came."):
            (q,) = quantities(text)
            found.append((q.value, q.unit, q.precision, q.written.lower()))
    assert len(set(found)) == 1, found
    assert found[0][0] == (_ONES[word] if word in _ONES else _TENS[word]) * 1000


def test_numbers_on_the_seeds_are_those_of_the_non_ascii_path() -> None:
    """ASCII text takes the lower-cased path; the same text after a non-ASCII sentence takes the
    case-blind one: they must give the same quantities."""
    checked = 0
    made = "In 2004 200 people came. Prices rose 76% IN A YEAR; TWENTY-ONE Years; It cost $9.37BN and 1.55bn Euros."
    for text in [*SEED_TEXTS, made, made.upper(), "13 000 Children, Two Million People, five-years-old"]:
        for line in text.splitlines():
            if not line.isascii():
                continue
            ascii_path = [(q.start + 3, q.end + 3, q.value, q.unit, q.written) for q in quantities(line)]
            other = [(q.start, q.end, q.value, q.unit, q.written) for q in quantities("\u00e9. " + line)]
            assert ascii_path == other, line
            checked += len(other)
    assert checked > 25


def _plain_tables(names: list[str]) -> tuple[dict[str, int], dict[tuple[int, int], int]]:
    """``Model``'s word and pair tables as the loop before session 10 made them."""
    word_id: dict[str, int] = {}
    pairs: list[tuple[str, int]] = []
    for i, g in enumerate(names):
        if " " in g:
            pairs.append((g, i))
        else:
            word_id[g] = i
    pair_id: dict[tuple[int, int], int] = {}
    for g, i in pairs:
        left, right = g.split(" ", 1)
        if left in word_id and right in word_id:
            pair_id[word_id[left], word_id[right]] = i
    return word_id, pair_id


def test_the_model_tables_are_those_of_the_plain_loop(tmp_path: Path) -> None:
    model = load_model()
    word_id, pair_id = _plain_tables(model.names)
    assert list(model.word_id.items()) == list(word_id.items())  # the same order too
    assert list(model.pair_id.items()) == list(pair_id.items())
    names = ["a b", "b", "a", "c a", "a b c", "b  a", "a"]  # unknown word, a triple, two spaces, twice
    data = {"format": 3, "bias": 0.0, "cues": {}, "ngrams": names, "weight": [1] * 7, "idf2": [0.5] * 7}
    small = tmp_path / "small.json"
    small.write_text(json.dumps(data), encoding="utf-8")
    got = load_model(small)
    assert not got.fallback and (got.word_id, got.pair_id) == _plain_tables(names)
    assert list(got.weight) == [1.0] * 7 and all(type(w) is float for w in got.weight)
    for k, bad in enumerate((["a", 5], ["a", None], [["a"], "b"], ["a", "b"])):
        path = tmp_path / f"bad{k}.json"  # (load_model keeps a model per path)
        path.write_text(json.dumps({**data, "ngrams": bad, "weight": [1.0] * 2, "idf2": [1.0] * 2}))
        assert load_model(path).fallback == (k < 3), bad


def test_words_spelt_out_once_give_the_tables_ids_and_meaning_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``DocScorer`` keeps the words of neither table (numbers, mostly) as it spelt them out: the
    second text that has them, and a text after the keep was emptied, get the same ids and parts."""
    from nkterm.claims import model as model_module

    model = load_model()
    assert model.meaning is not None
    rng = random.Random(10)
    numbers = [
        "2004",
        "2",
        "1",
        "10",
        "3g",
        "4's",
        "10,000",
        "$5",
        "1.5",
        "zzqx",
        "-7",
        "½",
        "2,004",
        "20:30",
    ]
    texts = [
        *SEED_TEXTS[:3],
        *(" ".join(rng.choice([*numbers, "the", "rise"]) for _ in range(40)) for _ in range(30)),
    ]
    monkeypatch.setattr(model_module, "_SPELT_MAX", 5)  # emptied often
    for _ in range(2):
        for text in texts:
            lows = tokenize(text).lows
            scorer = DocScorer(model, lows)
            assert scorer.word_ids == [model.word_id.get(w) for w in shaped(lows)], text
            assert scorer.parts == model.meaning.words(lows), text
            assert len(model.spelt) <= 5


def test_a_sentence_score_is_that_of_the_plain_sums() -> None:
    """The two sums read by one ``itemgetter`` add the same numbers in the same order as
    ``sum(map(array.__getitem__, ids))``: the very same score, bit for bit (sentences of one and
    two words too, where the getter gives no tuple)."""
    model = load_model()
    assert model.meaning is not None
    checked = 0
    for text in [*SEED_TEXTS, "Yes. Hello there. Zzqx. 2004."]:
        toks = tokenize(text)
        scorer = DocScorer(model, toks.lows)
        for lo, hi in _token_ranges(toks, sentences(text)):
            if hi <= lo:
                continue
            p, c = scorer.score(lo, hi, ["[q:number]"], ["fact"], hi - lo < 3)
            norm2 = sum(map(model.idf2.__getitem__, c.ids))
            inv = 1.0 / math.sqrt(norm2) if norm2 > 0 else 0.0
            z = model.bias + sum(map(model.weight.__getitem__, c.ids)) * inv
            z += math.fsum(map(model.cues.get, c.cues, repeat(0.0)))
            z = max(-30.0, min(30.0, z + c.part))
            assert (p, c.inv) == (1.0 / (1.0 + math.exp(-z)), inv)
            checked += len(c.ids) <= 1
    assert checked >= 2
