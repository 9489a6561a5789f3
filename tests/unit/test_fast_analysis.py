"""The build worker's fast analysis path held to the plain form it replaces: the body's and the
other text fields' postings and the body's spelling words from ``plain_words`` (no Token
objects) against ``tokens``, one document at a time and many pickled together."""

from __future__ import annotations

import itertools
import pickle
import random
import struct
from collections.abc import Iterable

from nkterm.analysis import tokens
from nkterm.analysis import words as W
from nkterm.analysis.words import plain_words
from nkterm.corpus import load_documents, scan
from nkterm.search.whoosh.textpostings import (
    Postings,
    _postings,
    _stem_of,
    body_postings_and_words,
    postings_of,
)
from tests.conftest import SEEDS

SPECIAL = [
    "Kim Il Sung met Kim Il-sung's envoys in P'yŏngyang; KIM Jong Un spoke.",  # joined given names
    "김정은 위원장 and 한 delegation: 평양 평양 평양.",  # Hangul bigrams
    "Économie, economy, economies and economic growth; growth grows. Naïve café’s owner's dog.",
    "The the THE of and a I 2024 2,500 tonnes 3.5% U.S. e-mail x* wild*card rock'n'roll",
    "",
    "a",
    "Mr Ri said: 'We will.' Ri's view. Pak Pong Ju and pak pong ju",
]


def _plain_postings(terms: Iterable[tuple[str, int]], field_boost: float) -> Postings:
    """``textpostings._postings`` as it was before session 9 (Whoosh's encoding, written out)."""
    positions: dict[str, list[int]] = {}
    for term, pos in terms:
        positions.setdefault(term, []).append(pos)
    items = []
    for word, poslist in positions.items():
        n = len(poslist)
        deltas = [poslist[0]] + [b - a for a, b in itertools.pairwise(poslist)]
        items.append(
            (word.encode("utf-8"), n, float(n) * field_boost, struct.pack("!I", n) + pickle.dumps(deltas, 2))
        )
    return Postings(items)


def _plain(text: str) -> tuple[Postings, list[str]]:
    """The body's postings and words as the worker made them before the fast path."""
    found = tokens(text, stem_words=False)
    words = sorted({t.term for t in found})
    stemmed = {w: w if "\uac00" <= w[0] <= "\ud7a3" else _stem_of(w) for w in words}
    return _plain_postings(((stemmed[t.term], t.pos) for t in found), 1.0), words


def _texts() -> list[str]:
    out = list(SPECIAL)
    entries, _problems = scan(SEEDS)
    for entry in entries:
        docs, _ = load_documents(SEEDS, entry)
        out.extend(d.text for d in docs)
    rng = random.Random(18)
    vocab = [w for t in out for w in t.split()] + ["Kim", "Jong", "Un", "Il", "Sung", "평양", "the", "of"]
    out.extend(" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 400))) for _ in range(300))
    return out


def test_body_postings_are_those_of_the_plain_analysis() -> None:
    texts = _texts()
    fast = 0
    for text in texts:
        got, want = body_postings_and_words(text), _plain(text)
        assert pickle.dumps((got[0].items, got[1])) == pickle.dumps((want[0].items, want[1])), text[:80]
        fast += plain_words(text) is not None
    assert 0 < fast < len(texts)  # both paths ran


def test_field_postings_are_those_of_the_plain_analysis() -> None:
    texts = [*_texts()[:60], "Ri Sol Ju ; Jane Doe", "KCNA", "speech  Kim Yo Jong", "The Guardian ; the BBC"]
    for text in texts:
        for stem, stop, boost in (
            (True, True, 2.0),
            (False, False, 1.0),
            (True, False, 1.0),
            (False, True, 1.0),
        ):
            got = postings_of(text, field_boost=boost, stem=stem, stop=stop)
            want = _plain_postings(((t.term, t.pos) for t in tokens(text, stem_words=stem, stop=stop)), boost)
            assert pickle.dumps(got.items) == pickle.dumps(want.items), (text[:80], stem, stop)


def test_plain_words_declines_hangul_and_surnames() -> None:
    assert plain_words("김정은 위원장") is None
    assert plain_words("Then Kim Il Sung spoke") is None  # a given name joins
    assert plain_words("Kim Jong-un's sister") is None
    assert plain_words("Then Kim spoke") is not None  # a surname alone: nothing to join
    assert plain_words("Lee and Park spoke to Kim") is not None
    assert plain_words("kim chi and rice") is not None  # lower case: no name
    infos = plain_words("The cats' owners, the owner")
    assert infos is not None
    assert [i[0] for i in infos if i[0] is not None] == [
        t.term for t in tokens("The cats' owners, the owner")
    ]


def test_postings_of_many_documents_pickle_as_the_plain_ones() -> None:
    """Pickled together (as the worker sends a chunk, and as Whoosh's block writer stores
    values), the fast postings give the plain postings' bytes: no value object is shared
    between documents (a shared one is pickled once and then referred to: other bytes in the
    index; a cache of lone positions' encodings did that, found by a BBC build's md5)."""
    texts = _texts()
    fast = [body_postings_and_words(t)[0].items for t in texts]
    fast += [postings_of(t, field_boost=2.0).items for t in texts]
    plain = [_plain(t)[0].items for t in texts]
    plain += [
        _postings(((t.term, t.pos) for t in tokens(text, stem_words=True, stop=True)), 2.0).items
        for text in texts
    ]
    assert pickle.dumps(fast) == pickle.dumps(plain)


def test_a_lone_position_is_written_as_whoosh_pickles_it() -> None:
    for pos in [*range(70_000), 2**31 - 1, 2**31, 2**40]:
        (item,) = _postings([("word", pos)], 2.0).items
        assert item == (b"word", 1, 2.0, struct.pack("!I", 1) + pickle.dumps([pos], 2)), pos
    a, b = _postings([("x", 7)], 1.0).items[0][3], _postings([("y", 7)], 1.0).items[0][3]
    assert a == b and a is not b  # a new object for each posting (see the test above)


def test_plain_words_with_surnames_are_those_of_tokens() -> None:
    """Texts thick with surnames and syllables (joined given names or not, possessives,
    hyphens, line breaks, lower case): where ``plain_words`` answers, its kept words are
    ``tokens``' terms at positions 0, 1, 2 ...; where it declines, ``tokens`` joins a name."""
    rng = random.Random(7)
    vocab = ["Kim", "KIM", "kim", "Lee", "Ri", "Pak", "Il", "il", "Sung", "sung", "Jong", "Un", "un's",
             "Sung's", "-", "Yo", "the", "of", "said", "Ch'oe", "Ryong", "Hae", "\n", "  ", ",", "."]  # fmt: skip
    plain = declined = 0
    for _ in range(3000):
        text = "".join(
            rng.choice(vocab) + rng.choice([" ", " ", "-", "  ", ""]) for _ in range(rng.randint(1, 12))
        )
        for stem, stop in ((True, True), (False, False)):
            infos = plain_words(text)
            want = tokens(text, stem_words=stem, stop=stop)
            if infos is None:
                declined += 1
                assert any(t.joined for t in want) or any("\uac00" <= c <= "\ud7a3" for c in text), text
                continue
            plain += 1
            at = 0 if stem else 2
            got = [(i[at], n) for n, i in enumerate(i for i in infos if i[at] is not None)]
            assert got == [(t.term, t.pos) for t in want], text
    assert plain > 1000 and declined > 100


def test_the_given_name_check_at_surnames_is_the_whole_texts() -> None:
    """``_has_given_name`` (only the words at a surname and the two after it) says what
    ``_given_names`` over every word of the text says, on texts thick with surnames written
    every way (mixed case, possessives, curly apostrophes, hyphens) and with long stretches
    of other words between them."""
    rng = random.Random(19)
    vocab = ["Kim", "KiM", "KIM", "kim", "Kim's", "Kim’s", "Lee", "Ri", "Pak", "Ch'oe", "Ch’oe", "Ch`oe",
             "Il", "il", "Sung", "sung", "Sung's", "Sung’s", "Jong", "Un", "Yo", "Ryong", "Song", "son",
             "the", "of", "said", "-", ",", ".", "\n", "12"]  # fmt: skip
    found_names = 0
    for _ in range(4000):
        words = [rng.choice(vocab) for _ in range(rng.randint(1, 14))]
        filler = " ".join(["and the government said"] * rng.randint(0, 3))
        text = filler + " " + "".join(w + rng.choice([" ", " ", "-", "  ", "\n", ""]) for w in words)
        found = [W._WORDS.get(w) or W._word(w) for w in W.WORD.findall(text)]
        want = bool(W._given_names([(m.group(), m.start()) for m in W.WORD.finditer(text)], text, False))
        assert W._has_given_name(text, found) == want, text
        found_names += want
    assert found_names > 300
