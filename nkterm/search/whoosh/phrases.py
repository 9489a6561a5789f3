"""A phrase's matches and scores in one segment, as Whoosh's phrase matcher gives them, without
its matcher tree: the words' document numbers are intersected first (numpy), and positions are
decoded only for the documents that have every word.

Whoosh matches ``Phrase`` with ``SpanNear2`` (an intersection of the words' matchers whose
positions must chain within the slop, in order). Here each candidate's positions are decoded
with the field format's own ``decode_positions`` and chained as ``SpanNear2`` chains them
(``_chains``), and the score is what that matcher gives: the words' BM25F scores summed as its
``make_binary_tree(IntersectionMatcher, ...)`` groups them, times the phrase's boost.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import formats, query, scoring
from whoosh.matching import wrappers
from whoosh.searching import Searcher

from nkterm.search.whoosh.postings import Values, block_ids_weights, field_lengths

Scored = tuple[np.ndarray, np.ndarray]
_EMPTY: Scored = (np.zeros(0, dtype=np.int64), np.zeros(0))


class _Term:
    """One word of a phrase in one segment: its postings, their values, what scores them."""

    def __init__(
        self, ids: np.ndarray, weights: np.ndarray, values: Values, index: np.ndarray, scorer: Any
    ) -> None:
        self.ids, self.weights, self.scorer = ids, weights, scorer
        self.values, self.index = values, index  # index: of each posting in ``values``


def _chains(positions: list[list[int]], slop: int) -> bool:
    """Whether the words' positions chain as ``SpanNear2(ordered=True, mindist=1)`` chains
    them: each next word 1 to ``slop`` positions after the previous one. (Its spans merge
    as they chain, and a merged span's distance to the next word's position is measured
    from its end, i.e. from the previous word; a position inside the span is at distance 0,
    before it is excluded by the order.) ``tests/unit/test_phrases.py`` holds this to
    Whoosh's own matcher."""
    reached = set(positions[0])
    for following in positions[1:]:
        if slop == 1:
            reached = {p for p in following if p - 1 in reached}
        else:
            reached = {p for p in following if any(p - d in reached for d in range(1, slop + 1))}
        if not reached:
            return False
    return True


def phrase_segment(sub: Searcher, q: query.Phrase, context: Any) -> Scored | None:
    """Matches of ``q`` in one segment (segment document numbers ascending, scores), or None
    when this path does not apply (a field without plain positions, another scorer)."""
    fieldname = q.fieldname
    if fieldname not in sub.schema:
        return _EMPTY
    field = sub.schema[fieldname]
    if type(field.format) is not formats.Positions:
        # checked first, as Phrase.matcher does: no positions (Whoosh raises or degrades) or
        # characters too: Whoosh decides
        return None
    reader: Any = sub.reader()
    words: list[bytes] = []
    for word in q.words:
        try:
            words.append(field.to_bytes(word))
        except ValueError:
            return _EMPTY
    if not words or any((fieldname, w) not in reader for w in words):
        return _EMPTY  # every word checked before any is read
    terms: list[_Term] = []
    common: np.ndarray | None = None
    for btext in words:
        term = _read(sub, query.Term(fieldname, btext), context)
        if term is None:
            return None
        terms.append(term)
        common = term.ids if common is None else np.intersect1d(common, term.ids, assume_unique=True)
        if not len(common):
            return _EMPTY
    assert common is not None
    at = [np.searchsorted(term.ids, common) for term in terms]
    slop = q.slop
    keep = np.zeros(len(common), dtype=bool)
    decode = field.format.decode_positions
    for k, where in enumerate(zip(*(w.tolist() for w in at), strict=True)):
        keep[k] = _chains(
            [decode(term.values.at(int(term.index[i]))) for term, i in zip(terms, where, strict=True)], slop
        )
    docs = common[keep]
    scores = [_bm25(sub, fieldname, term, where[keep]) for term, where in zip(terms, at, strict=True)]
    if any(s is None for s in scores):
        return None
    value = _binary_sum([s for s in scores if s is not None])
    if q.boost != 1.0:
        value = value * q.boost
    return docs, value


def _read(sub: Searcher, term: query.Term, context: Any) -> _Term | None:
    matcher = term.matcher(sub, context)
    excluded: Any = ()
    while isinstance(matcher, wrappers.WrappingMatcher):
        if isinstance(matcher, wrappers.FilterMatcher) and getattr(matcher, "_exclude", False):
            excluded = matcher._ids  # deleted documents
        elif type(matcher) is not wrappers.WrappingMatcher or matcher.boost != 1.0:
            return None
        matcher = matcher.child
    scorer = getattr(matcher, "scorer", None)
    if not isinstance(scorer, scoring.BM25FScorer):
        return None
    values = Values()
    got = block_ids_weights(matcher, values)
    if got is None:
        return None
    ids, weights = got
    index = np.arange(len(ids))
    if excluded:
        keep = ~np.isin(ids, np.fromiter(excluded, dtype=np.int64, count=len(excluded)))
        ids, weights, index = ids[keep], weights[keep], index[keep]
    return _Term(ids, weights, values, index, scorer)


def _bm25(sub: Searcher, fieldname: str, term: _Term, where: np.ndarray) -> np.ndarray | None:
    """bm25() of whoosh.scoring, element-wise, for the postings at ``where``."""
    lengths = field_lengths(sub.reader(), fieldname)
    if lengths is None:
        return None
    scorer = term.scorer
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    tf = term.weights[where]
    result: np.ndarray = idf * (
        (tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[term.ids[where]] / avgfl))
    )
    return result


def _binary_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Sums grouped as ``whoosh.util.make_binary_tree`` groups an IntersectionMatcher's."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _binary_sum(parts[:half]) + _binary_sum(parts[half:])
