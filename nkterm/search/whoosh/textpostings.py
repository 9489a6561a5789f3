"""A text field's postings as Whoosh's ``TEXT`` field with positions writes them, made without
Whoosh (so the build's worker process, which runs ``stored.encode``, never imports it): for
each distinct word its UTF-8 bytes, frequency, weight and encoded positions (Whoosh's
``Positions`` format: the count as a 4-byte unsigned int, then the pickled position deltas).
``TEXT_FIELDS`` says how each text field of the schema is analysed; ``schema.make_schema``
builds its fields from it, and ``schema.FastText`` writes these postings as they are."""

from __future__ import annotations

import functools
import operator
import pickle
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, repeat

from nkterm.analysis import stem, tokens
from nkterm.analysis.words import plain_words

_pack_count = struct.Struct("!I").pack  # whoosh.system.pack_uint


@dataclass(frozen=True)
class TextField:
    """How a text field is analysed (``schema.FoldingAnalyzer``'s options) and its boost."""

    field_boost: float = 1.0
    stem: bool = True
    stop: bool = True


_NAMES = TextField(stem=False, stop=False)  # names: every word as written (folded)
TEXT_FIELDS: dict[str, TextField] = {
    "title": TextField(field_boost=2.0),
    "body": TextField(),
    "authors": _NAMES,
    "people": _NAMES,
    "source": _NAMES,
    "sections": _NAMES,
    "speaker": _NAMES,
}


class Postings:
    """A text field's postings as Whoosh's ``TEXT.index`` would give them: (word as UTF-8,
    frequency, weight, encoded positions) for each distinct word, in first-seen order. Made in
    the build's worker process so that the process writing Whoosh does not analyse the text
    again; picklable."""

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[bytes, int, float, bytes]]) -> None:
        self.items = items

    def __getstate__(self) -> list[tuple[bytes, int, float, bytes]]:
        return self.items

    def __setstate__(self, state: list[tuple[bytes, int, float, bytes]]) -> None:
        self.items = state


def postings_of(text: str, *, field_boost: float = 1.0, stem: bool = True, stop: bool = True) -> Postings:
    """``text``'s postings for a field analysed with these options: exactly what Whoosh's
    ``Positions.word_values`` writes (the same words, frequencies, weights and position
    encoding), from one pass of ``nkterm.analysis.tokens`` and no Token objects
    (tests/unit/test_fast_postings.py compares real indexes built both ways)."""
    if not text:  # most documents' authors, people, source and sections
        return Postings([])
    if stem == stop:  # the schema's two kinds of text field: words stemmed without stop words, names
        infos = plain_words(text)
        if infos is not None:  # no Hangul, no given name to join: one token per kept word
            at = 0 if stem else 2  # its index term, else its folded form (None: not indexed)
            terms: list[str] = [i[at] for i in infos if i[at] is not None]  # type: ignore[misc]
            return _postings(enumerate_terms(terms), field_boost)
    return _postings(((t.term, t.pos) for t in tokens(text, stem_words=stem, stop=stop)), field_boost)


def body_postings_and_words(text: str) -> tuple[Postings, list[str]]:
    """The body field's postings of ``text`` and its words as the spelling list keeps them
    (``spelling.words_of``: folded, not stemmed), from one analysis: the stemmed term of a word
    is the stem of its unstemmed one (Hangul bigrams are never stemmed)."""
    spec = TEXT_FIELDS["body"]
    assert spec.stem and spec.stop
    infos = plain_words(text)
    if infos is not None:  # most texts: each kept word is one token, its stem the term
        # the kept words (an index term: not None) and their terms and folded forms, in C
        kept = list(compress(infos, map(operator.is_not, map(_TERM, infos), repeat(None))))
        terms: list[str] = list(map(_TERM, kept))  # type: ignore[arg-type]
        words: list[str] = sorted(set(map(_FOLDED, kept)))  # type: ignore[arg-type]
        return _postings(enumerate_terms(terms), spec.field_boost), words
    found = tokens(text, stem_words=False)
    words = sorted({t.term for t in found})
    stemmed = {w: w if "\uac00" <= w[0] <= "\ud7a3" else _stem_of(w) for w in words}
    return _postings(((stemmed[t.term], t.pos) for t in found), spec.field_boost), words


_TERM, _FOLDED = operator.itemgetter(0), operator.itemgetter(2)  # of ``plain_words``' entries

_STEMS: dict[str, str] = {}  # folded word -> ``stem``, for the build's worker
_STEMS_MAX = 20_000  # emptied when full (~3 MB): ``stem``'s own cache of 100,000 grew a worker by ~20 MB


def _stem_of(word: str) -> str:
    """``stem(word)`` through a smaller cache than ``stem``'s (the words of a corpus follow
    Zipf's law: the frequent ones stay found)."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        found = _STEMS[word] = stem.__wrapped__(word)
    return found


def enumerate_terms(terms: list[str]) -> Iterable[tuple[str, int]]:
    """(term, position) for terms at positions 0, 1, 2, ..."""
    return zip(terms, range(len(terms)), strict=True)


# One position as Whoosh encodes it: the count 1, then ``pickle.dumps([p], 2)``, which is this head,
# the int (BININT1 "K" + one byte below 256, BININT2 "M" + two bytes little-endian below 65,536)
# and APPEND + STOP (tests/unit/test_fast_analysis.py compares every p below 70,000)
_ONE_HEAD = _pack_count(1) + b"\x80\x02]q\x00"


@functools.lru_cache(maxsize=8_192)
def _one_tail(pos: int) -> bytes:
    return (b"K" + bytes((pos,)) if pos < 256 else b"M" + pos.to_bytes(2, "little")) + b"a."


# the tails of the first positions, read by index (a document's words are mostly below 4,096;
# ~150 KB per process): cheaper than the cached call
_TAILS = tuple(map(_one_tail.__wrapped__, range(4_096)))


def _postings(terms: Iterable[tuple[str, int]], field_boost: float) -> Postings:
    """Postings from (term, position) pairs in text order."""
    positions: dict[str, list[int]] = {}
    get = positions.get
    for term, pos in terms:
        found = get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    dumps, tails, head = pickle.dumps, _TAILS, _ONE_HEAD
    items: list[tuple[bytes, int, float, bytes]] = []
    append = items.append
    one = 1.0 * field_boost  # float(n) * field_boost for n = 1
    for word, poslist in positions.items():
        if len(poslist) == 1:  # most words: the bytes written out, a new object each time
            first = poslist[0]
            if 0 <= first < 4_096:
                append((word.encode(), 1, one, head + tails[first]))
                continue
            if 0 <= first < 65_536:
                append((word.encode(), 1, one, head + _one_tail(first)))
                continue
            deltas = poslist
        else:
            deltas = [poslist[0]]
            deltas += map(operator.sub, poslist[1:], poslist)  # b - a of each pair (a, b) in order
        # (each value a new bytes object: the block writer pickles values, and one object shared
        # by two postings would be pickled once and referred to, not written twice)
        n = len(poslist)
        append((word.encode(), n, float(n) * field_boost, _pack_count(n) + dumps(deltas, 2)))
    return Postings(items)


def field_postings(name: str, text: str) -> Postings:
    """``text``'s postings in the schema's text field ``name``."""
    spec = TEXT_FIELDS[name]
    return postings_of(text, field_boost=spec.field_boost, stem=spec.stem, stop=spec.stop)
