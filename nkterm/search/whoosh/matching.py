"""Matching: fuzzy words expanded against the in-memory spelling list, the body terms a hit can
match by, and the character offsets of the matched words in a document's body (found without
tokenising the whole body; ``match_spans_full`` does, as the tests' reference)."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from whoosh import query

from nkterm.analysis import tokens
from nkterm.analysis.words import (
    _MARKS,
    APOSTROPHES,
    MIN_LENGTH,
    STOP_WORDS,
    SURNAMES,
    WORD,
    Token,
    _given_names,
    _has_surname,
    fold,
    stem,
)
from nkterm.models import Span
from nkterm.search.whoosh.parsing import walk_query
from nkterm.search.whoosh.spelling import Spelling

MAX_FUZZY_TERMS = 64  # index words a fuzzy word stands for, the most frequent first


def expand_fuzzy(parsed: Any, searcher: Any, source: str, spelling: Callable[[], Spelling]) -> Any:
    """``parsed`` with each fuzzy title/body word (``word~``) replaced by the words of the
    index within its edits, as typed: Whoosh matches the *stem* fuzzily ("goverment~" ->
    "gover", which finds "over" and "cover" but not "government") and walks every term
    of every segment for it. Here the typed word is matched against the in-memory spelling
    list (``spelling()``: unstemmed words), and the stems of the words found are searched.
    ``source``: the text the query's offsets index (``Request.source``)."""
    if not any(isinstance(sub, query.FuzzyTerm) for sub in walk_query(parsed)):
        return parsed
    rewritten = source
    reader = searcher.reader()
    schema = searcher.schema

    close: dict[tuple[str, int, int], set[str]] = {}  # the same word in title and body

    def expand(q: Any) -> Any:
        if not isinstance(q, query.FuzzyTerm):
            return q.apply(expand) if not q.is_leaf() else q
        start, end = getattr(q, "startchar", None), getattr(q, "endchar", None)
        if q.fieldname not in ("title", "body") or start is None or end is None:
            return q
        key = (rewritten[start:end].lower(), int(q.maxdist), int(q.prefixlength))
        if key not in close:
            close[key] = set(spelling().within(*key))
        words = close[key]
        analyzer = schema[q.fieldname].analyzer
        stems = {t.text for w in words for t in analyzer(w, mode="query")}
        found = sorted(((reader.doc_frequency(q.fieldname, stem), stem) for stem in stems), reverse=True)[
            :MAX_FUZZY_TERMS
        ]
        terms = [query.Term(q.fieldname, stem, boost=q.boost) for n, stem in found if n]
        return query.Or(terms) if terms else query.NullQuery

    return expand(parsed)


def body_terms(q: Any, reader: Any) -> set[tuple[str, bytes]]:
    """The body terms a document can match ``q`` by: its words, phrases included, with prefix
    and wildcard words expanded (per segment: Whoosh's expansion over the whole index is a
    brute-force walk), leaving out negated parts. A hit's matched words are those of its
    body that are in this set (what ``terms=True`` records, without recording it for every
    match)."""
    if isinstance(q, query.Not):
        return set()
    if isinstance(q, query.AndNot):
        return body_terms(q.a, reader)
    if q.is_leaf():
        if getattr(q, "fieldname", None) != "body":
            return set()
        readers = (
            [leaf for leaf, _offset in reader.leaf_readers()] if isinstance(q, query.MultiTerm) else [reader]
        )
        return {term for r in readers for term in q.existing_terms(r, phrases=True, expand=True)}
    return {term for child in q.children() for term in body_terms(child, reader)}


def _query_words(
    matched: Iterable[tuple[str, bytes]] | None, q: Any
) -> tuple[set[str], set[str], list[tuple[list[str], int]]]:
    """The matched body terms, the terms that count wherever they occur and the body phrases
    (words, slop) of ``q``."""
    terms = {t.decode("utf-8") if isinstance(t, bytes) else str(t) for f, t in (matched or ()) if f == "body"}
    phrases: list[tuple[list[str], int]] = []
    loose: set[str] = set()
    for sub in walk_query(q) if q is not None else ():
        if isinstance(sub, query.Phrase) and sub.fieldname == "body":
            phrases.append(([str(w) for w in sub.words], int(sub.slop)))
        elif isinstance(sub, query.Term) and sub.fieldname == "body":
            loose.add(str(sub.text))
    in_phrases = {w for words, _ in phrases for w in words}
    # terms from multi-term queries (prefix, fuzzy) are matched terms not named by a phrase
    loose |= terms - in_phrases
    return terms, loose, phrases


def match_spans(body: str, matched: Iterable[tuple[str, bytes]] | None, q: Any = None) -> tuple[Span, ...]:
    """Offsets of the body words a query matched. Words of a phrase count only where the
    whole phrase occurs (within its slop); other matched terms count everywhere.

    Exactly what tokenising the whole body gives (``match_spans_full``), without doing it:
    the body's distinct words are found by the word pattern (C), each distinct word's terms
    come from a per-process cache, and only the words whose terms the query matched (and
    the Korean surnames a joined given name starts with) are located, with ``str.find``.
    With no phrase, their tokens are the hits; with a phrase, only windows around them are
    tokenised (``_phrase_spans``)."""
    terms, loose, phrases = _query_words(matched, q)
    if not terms or not body:
        return ()
    wanted, surnames = _VOCABULARY.words(set(WORD.findall(body)), terms)
    if not wanted and not surnames:
        return ()
    joined: list[tuple[int, int, str]] = []  # (start, end, term) of the joined given names
    for w in surnames:
        for i in _occurrences(body, w):
            following = [
                (m.group(), m.start())
                for _k, m in zip(range(2), WORD.finditer(body, i + len(w)), strict=False)
            ]
            for s1, (term, e2) in _given_names([(w, i), *following], body, True).items():
                if term in terms:
                    joined.append((s1, e2, term))
    if phrases:
        return _phrase_spans(body, wanted, joined, terms, loose, phrases)
    kept: list[tuple[int, bool, int]] = []  # (start, joined, end) in the tokens' order
    for w in wanted:
        found = [(s, e) for s, e, t in _word_tokens(w) if t in terms]
        for i in _occurrences(body, w):
            kept.extend((i + s, False, i + e) for s, e in found)
    kept.extend((s1, True, e2) for s1, e2, _t in joined)
    kept.sort()
    spans: list[Span] = []
    for start, _joined, end in kept:
        if spans and start < spans[-1].end:  # a joined given name and its syllables: one hit
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, end))
        else:
            spans.append(Span(start, end))
    return tuple(spans)


def _phrase_spans(
    body: str,
    wanted: list[str],
    joined: list[tuple[int, int, str]],
    terms: set[str],
    loose: set[str],
    phrases: list[tuple[list[str], int]],
) -> tuple[Span, ...]:
    """``match_spans`` for a query with phrases: only tokens whose term the query matched can
    be hits or phrase words, so the body is tokenised only in windows around them. Two of
    them share a window unless the words between them hold at least the largest slop's
    positions (then no phrase can join them); tokens inside a window keep their relative
    positions, windows are set far apart, and the joined given names (found with their
    surnames over the whole body) take the position of their first syllable."""
    occurrences = sorted(
        [(i, i + len(w)) for w in wanted for i in _occurrences(body, w)] + [(s, e) for s, e, _t in joined]
    )
    if not occurrences:
        return ()
    reach = max(max(1, slop) for _w, slop in phrases)
    windows: list[list[int]] = []
    for start, end in occurrences:
        if windows and (start <= windows[-1][1] or not _apart(body, windows[-1][1], start, reach)):
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    names = {s: (e, t) for s, e, t in joined}
    found: list[Token] = []
    base = 0
    for lo, hi in windows:
        last = -1  # the window's last position so far
        for tok in tokens(body[lo:hi], joins=False):
            start = tok.start + lo
            for s1 in [s1 for s1 in names if s1 < start and lo <= s1]:  # a first syllable with no token
                e2, term = names.pop(s1)
                found.append(Token(term, s1, e2, base + last + 1, True))
            found.append(Token(tok.term, start, tok.end + lo, base + tok.pos))
            last = tok.pos
            if start in names:
                e2, term = names.pop(start)
                found.append(Token(term, start, e2, base + tok.pos, True))
        for s1 in [s1 for s1 in names if lo <= s1 < hi]:
            e2, term = names.pop(s1)
            found.append(Token(term, s1, e2, base + last + 1, True))
        base += last + 2 + reach
    return _spans(found, terms, loose, phrases, 0)


def _apart(body: str, start: int, end: int, reach: int) -> bool:
    """Whether the words of ``body[start:end]`` hold at least ``reach`` positions."""
    held = 0
    for m in WORD.finditer(body, start, end):
        held += len(_word_tokens(m.group()))
        if held >= reach:
            return True
    return False


def match_spans_full(
    body: str, matched: Iterable[tuple[str, bytes]] | None, q: Any = None
) -> tuple[Span, ...]:
    """``match_spans`` by tokenising the whole body: the reference the fast path is tested
    against."""
    terms, loose, phrases = _query_words(matched, q)
    if not terms or not body:
        return ()
    return _spans(tokens(body), terms, loose, phrases, 0)


@functools.lru_cache(maxsize=20_000)
def _word_tokens(word: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, term) of each token of one word on its own (no given-name joining, which
    depends on the words around it)."""
    return tuple((t.start, t.end, t.term) for t in tokens(word, joins=False))


class _Vocabulary:
    """What each word seen in a hit's body stands for, kept per process (like the stems'
    cache) so that finding a body's matched words is set operations on its distinct words:
    the terms of each word, the words that can start a surname + given name, and those that
    make ``_has_surname`` true. Cleared past ``LIMIT`` words."""

    LIMIT = 50_000  # words: ~10 MB (20k archive: ~46,000 distinct words in 3,000 bodies)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._known: set[str] = set()
        self._by_term: dict[str, tuple[str, ...]] = {}  # term -> its words (tuples: small)
        self._surnames: set[str] = set()  # fold (without a possessive) is a surname
        self._triggers: set[str] = set()  # _has_surname([word]) is true

    def words(self, distinct: set[str], terms: set[str]) -> tuple[list[str], list[str]]:
        """Of a body's distinct words: those with a term in ``terms``, and the surnames a
        joined given name can follow (none unless the body joins given names at all)."""
        with self._lock:
            new = distinct - self._known
            if new:
                if len(self._known) + len(new) > self.LIMIT:
                    self._clear()
                    new = distinct
                self._learn(new)
            wanted = [
                w
                for t in terms
                if (surfaces := self._by_term.get(t))
                for w in distinct.intersection(surfaces)
            ]
            if self._triggers.isdisjoint(distinct):
                return list(dict.fromkeys(wanted)), []
            return list(dict.fromkeys(wanted)), list(self._surnames & distinct)

    def _learn(self, words: set[str]) -> None:
        for word in words:
            if word.isascii() and word.isalnum():  # most words: tokens() without its set-up
                folded = word.lower()  # fold() of a plain ASCII word
                found: tuple[str, ...] = (
                    (stem(folded),) if len(folded) >= MIN_LENGTH and folded not in STOP_WORDS else ()
                )
            else:
                found = tuple(term for _s, _e, term in _word_tokens(word))
            for term in found:
                had = self._by_term.get(term, ())
                if word not in had:
                    self._by_term[term] = (*had, word)
            if fold(word[:-2] if word.endswith(("'s", "’s")) else word) in SURNAMES:
                self._surnames.add(word)
            if _has_surname([(word, 0)]):
                self._triggers.add(word)
        self._known |= words


_VOCABULARY = _Vocabulary()


_WORD_CHAR = re.compile(rf"[\w*{_MARKS}]")
_JOINERS = frozenset("." + APOSTROPHES)


def _occurrences(body: str, word: str) -> list[int]:
    """Where ``word`` stands in ``body`` as a whole word of ``WORD.finditer(body)``: at a
    character that does not continue a word (not after a word character, nor after a joiner
    that follows one) and not followed by more of the same word."""
    out: list[int] = []
    n = len(word)
    i = body.find(word)
    while i != -1:
        if (
            (
                i == 0
                or not (
                    _WORD_CHAR.match(body, i - 1)
                    or (body[i - 1] in _JOINERS and i >= 2 and _WORD_CHAR.match(body, i - 2))
                )
            )
            and (m := WORD.match(body, i)) is not None
            and m.end() == i + n
        ):
            out.append(i)
            i = body.find(word, i + n)
        else:
            i = body.find(word, i + 1)
    return out


def _spans(
    found: list[Token], terms: set[str], loose: set[str], phrases: list[tuple[list[str], int]], shift: int
) -> tuple[Span, ...]:
    """The hits among ``found`` (tokens of the body, or of a stretch of it starting
    ``shift`` characters in)."""
    keep = [False] * len(found)
    at: dict[tuple[int, str], list[int]] = {}  # (position, term) -> tokens (a joined given name
    # shares its position with its first syllable)
    where: dict[str, list[int]] = {}  # term -> tokens: a name's variant phrases start nowhere mostly
    for i, tok in enumerate(found):
        at.setdefault((tok.pos, tok.term), []).append(i)
        where.setdefault(tok.term, []).append(i)
        if tok.term in loose and tok.term in terms:
            keep[i] = True
    for words, slop in phrases:
        if not words or not set(words) <= terms:
            continue
        for i in where.get(words[0], ()):
            tok = found[i]
            chosen = [i]
            pos = tok.pos
            for word in words[1:]:
                nxt = next(
                    (at[p, word][0] for p in range(pos + 1, pos + 1 + max(1, slop)) if (p, word) in at), None
                )
                if nxt is None:
                    break
                chosen.append(nxt)
                pos = found[nxt].pos
            else:
                for k in chosen:
                    keep[k] = True
    spans: list[Span] = []
    for tok, k in zip(found, keep, strict=True):
        if not k:
            continue
        if spans and tok.start + shift < spans[-1].end:  # a joined given name and its syllables: one hit
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, tok.end + shift))
        else:
            spans.append(Span(tok.start + shift, tok.end + shift))
    return tuple(spans)


# -- documents <-> stored fields
