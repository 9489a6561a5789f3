"""Every match of a query of terms joined by AND, OR and NOT with its score, computed with numpy
over whole posting lists (``postings.py``) instead of Whoosh's matcher tree, and bit for bit
the score Whoosh's collector gives.

Float sums depend on their grouping, so each segment's sums follow the tree Whoosh itself
builds there: ``And`` and ``Or`` pair their children as ``whoosh.util.make_weighted_tree``
does (by each child's ``estimate_size`` in that segment; equal weights keep their order, since
matchers never compare as less), except an ``Or`` of three or more children in a segment of at
most 5,000 documents, or of 1,024 or more children in any segment, which Whoosh scores left to
right (``ArrayUnionMatcher``: 0 plus each child's score times the boost; 1 for every match
under a context without weighting). A NOT
is Whoosh's ``InverseMatcher`` (every document of the segment not matched and not deleted,
score 1.0). Prefix and wildcard words are the ``Or`` of the segment's terms they expand to, as
Whoosh's ``MultiTerm.matcher`` builds it, under a context without weighting (so in a small
segment each match of several expanded terms scores 1, boost or not, as in Whoosh; in a large
one, the terms' BM25F summed): ``tele*`` at 20k ~70 -> ~23 ms CPU. Anything else (ranges, a
scaled OR, another scorer) gives None: the caller uses Whoosh.
"""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np
from whoosh import query, scoring
from whoosh.matching import wrappers
from whoosh.searching import Searcher

from nkterm.search.whoosh.phrases import phrase_segment
from nkterm.search.whoosh.postings import block_ids_weights, field_lengths

Scored = tuple[np.ndarray, np.ndarray]
"""Matches with their scores: document numbers (int64, ascending) and scores (float64)."""

_EMPTY: Scored = (np.zeros(0, dtype=np.int64), np.zeros(0))
_ARRAY_OR_MAX_DOCS = 5000  # whoosh.query.Or: at most this many documents -> ArrayUnionMatcher


class _Unsupported(Exception):
    """The query holds something Whoosh must match itself."""


def match_scores(searcher: Searcher, q: Any) -> Scored | None:
    """The score of every document ``q`` matches (global document numbers, ascending), or
    None when ``q`` is not made of terms joined by AND, OR and NOT (or a NOT alone)."""
    if isinstance(q, query.Not):
        return None  # a NOT alone is every other document: Whoosh's own path
    context = searcher.context()
    doc_parts: list[np.ndarray] = []
    value_parts: list[np.ndarray] = []
    try:
        for sub, offset in searcher.leaf_searchers():
            docs, values = _segment(sub, q, context)
            if len(docs):
                doc_parts.append(docs + offset)
                value_parts.append(values)
    except _Unsupported:
        return None
    if not doc_parts:
        return _EMPTY
    if len(doc_parts) == 1:
        return doc_parts[0], value_parts[0]
    return np.concatenate(doc_parts), np.concatenate(value_parts)


def match_docs(searcher: Searcher, q: Any) -> np.ndarray | None:
    """The documents ``q`` matches (sorted global numbers), or None as ``match_scores``."""
    found = match_scores(searcher, q)
    return None if found is None else found[0]


def _segment(sub: Searcher, q: Any, context: Any) -> Scored:
    """Matches of ``q`` in one segment (segment document numbers), as its Whoosh matcher."""
    if isinstance(q, query.Term):
        return _term(sub, q, context)
    if isinstance(q, query.Phrase):  # a word the segment lacks -> nothing, as Phrase.matcher
        found = phrase_segment(sub, q, context)
        if found is None:
            raise _Unsupported
        return found
    if isinstance(q, query.Prefix | query.Wildcard):
        return _expanded(sub, q, context)
    if isinstance(q, query.Not):
        child = _segment(sub, q.query, sub.boolean_context())[0]
        reader: Any = sub.reader()
        keep = np.ones(reader.doc_count_all(), dtype=bool)
        keep[child] = False
        if reader.has_deletions():
            keep[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = False
        docs = np.flatnonzero(keep)
        return docs, np.ones(len(docs))  # InverseMatcher's weight
    if isinstance(q, query.AndNot):
        positive = _segment(sub, q.a, context)
        negative = _segment(sub, q.b, sub.boolean_context())[0]
        keep = ~np.isin(positive[0], negative, assume_unique=True)
        return positive[0][keep], positive[1][keep]
    if type(q) not in (query.And, query.Or):
        raise _Unsupported
    subs = q.subqueries
    if not subs:
        return _EMPTY
    if len(subs) == 1:
        return _segment(sub, subs[0], context)  # CompoundQuery.matcher: the child alone
    parts = [_segment(sub, child, context) for child in subs]
    reader = sub.reader()
    if isinstance(q, query.Or):
        if q.scale or q.matcher_type not in (query.Or.AUTO_MATCHER, query.Or.DEFAULT_MATCHER):
            raise _Unsupported
        if q.matcher_type == query.Or.AUTO_MATCHER and (
            # Or._matcher: a tree of unions unless the segment is small (and the matcher need
            # not be current, and not two children), or there are too many clauses, in a
            # segment of any size (a prefix's expansion can have that many)
            len(subs) >= query.Or.TOO_MANY_CLAUSES
            or (len(subs) != 2 and not context.needs_current and sub.doc_count_all() <= _ARRAY_OR_MAX_DOCS)
        ):
            return _array_union(parts, q.boost, sub.doc_count_all(), scored=context.weighting is not None)
        weights = [child.estimate_size(reader) for child in subs]
        docs, values = _weighted_tree(weights, parts, _union, sub.doc_count_all())
    else:
        weights = [0 - child.estimate_size(reader) for child in subs]
        docs, values = _weighted_tree(weights, parts, _intersection, sub.doc_count_all())
    if q.boost != 1.0:  # CompoundQuery._tree_matcher: a WrappingMatcher
        values = values * q.boost
    return docs, values


def _expanded(sub: Searcher, q: Any, context: Any) -> Scored:
    """A prefix or wildcard word in one segment, as ``MultiTerm.matcher`` matches it: the
    segment's own terms of the pattern (``_btexts``, from its term table), each a ``Term``
    with the query's boost; one term alone, else their ``Or`` (under a context without
    weighting when the query asks for a constant score, which changes nothing: the terms'
    postings take the searcher's weighting all the same), scored as any ``Or``."""
    words = [word for word in q._btexts(sub.reader()) if word]
    if not words:
        return _EMPTY
    terms = [query.Term(q.field(), word, boost=q.boost) for word in words]
    if len(terms) == 1:
        return _term(sub, terms[0], context)
    if q.constantscore:
        context = context.set(weighting=None)
    return _segment(sub, query.Or(terms), context)


def _weighted_tree(weights: list[int], parts: list[Scored], combine: Any, count: int) -> Scored:
    """``whoosh.util.make_weighted_tree``: sort by weight (stable: equal weights never compare
    as less), join the two lightest, put the pair back after every item of no greater weight
    (``insort``, which also never finds a matcher less than another)."""
    items = sorted(zip(weights, range(len(parts)), strict=True), key=lambda item: item[0])
    nodes: list[tuple[int, Scored]] = [(w, parts[i]) for w, i in items]
    while len(nodes) > 1:
        (wa, a), (wb, b) = nodes[0], nodes[1]
        del nodes[:2]
        weight = wa + wb
        at = bisect.bisect_right([w for w, _n in nodes], weight)
        nodes.insert(at, (weight, combine(a, b, count)))
    return nodes[0][1]


def _union(a: Scored, b: Scored, count: int) -> Scored:
    """UnionMatcher: a document of both scores a + b, of one its own score."""
    total = np.zeros(count)
    seen = np.zeros(count, dtype=bool)
    total[a[0]] = a[1]
    total[b[0]] += b[1]  # 0.0 + v is v where only b matches
    seen[a[0]] = True
    seen[b[0]] = True
    docs = np.flatnonzero(seen)
    return docs, total[docs]


def _intersection(a: Scored, b: Scored, count: int) -> Scored:
    """IntersectionMatcher: the documents of both, scored a + b."""
    both = np.zeros(count, dtype=np.int8)
    both[a[0]] += 1
    both[b[0]] += 1
    docs = np.flatnonzero(both == 2)
    return docs, a[1][np.searchsorted(a[0], docs)] + b[1][np.searchsorted(b[0], docs)]


def _array_union(parts: list[Scored], boost: float, count: int, *, scored: bool = True) -> Scored:
    """ArrayUnionMatcher: 0.0, plus each child's score times the boost, children in order;
    unscored (``PreloadedOr`` under a context without weighting: the terms a prefix expands
    to), 1 for every match."""
    total = np.zeros(count)
    seen = np.zeros(count, dtype=bool)
    for docs, values in parts:
        if scored:
            total[docs] += values * boost
        seen[docs] = True
    docs = np.flatnonzero(seen)
    return docs, total[docs] if scored else np.ones(len(docs))


def _term(sub: Searcher, q: Any, context: Any) -> Scored:
    """A term's postings in one segment scored as its Whoosh matcher scores them: bm25() of
    whoosh.scoring written out with the scorer's own values, the same float operations in the
    same order element-wise; a boost as WrappingMatcher applies it; deleted documents out."""
    matcher = q.matcher(sub, context)
    boost = 1.0
    excluded: Any = ()
    while isinstance(matcher, wrappers.WrappingMatcher):
        if isinstance(matcher, wrappers.FilterMatcher):
            if not getattr(matcher, "_exclude", False):
                raise _Unsupported
            excluded = matcher._ids  # deleted documents
        elif type(matcher) is not wrappers.WrappingMatcher:
            raise _Unsupported
        boost *= matcher.boost
        matcher = matcher.child
    if not matcher.is_active():
        return _EMPTY
    read = block_ids_weights(matcher)
    if read is None:
        raise _Unsupported
    ids, tf = read
    if excluded:
        keep = ~np.isin(ids, np.fromiter(excluded, dtype=np.int64, count=len(excluded)))
        ids, tf = ids[keep], tf[keep]
    scorer = getattr(matcher, "scorer", None)
    if scorer is None and not context.weighting:
        return ids, np.ones(len(ids))  # unscored (the documents of a NOT)
    if not isinstance(scorer, scoring.BM25FScorer):
        raise _Unsupported
    lengths = field_lengths(sub.reader(), q.fieldname)
    if lengths is None:
        raise _Unsupported
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    value = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[ids] / avgfl)))
    return ids, value * boost if boost != 1.0 else value


def top_of(docs: np.ndarray, values: np.ndarray, limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best (score, docnum), best first; equal scores by docnum (as
    ``heapq.nlargest`` by (score, -docnum))."""
    n = len(docs)
    if n > limit:
        kth = np.partition(values, n - limit)[n - limit]
        candidates = np.flatnonzero(values >= kth)
    else:
        candidates = np.arange(n)
    order = candidates[np.lexsort((docs[candidates], -values[candidates]))[:limit]]
    return [(float(v), int(d)) for v, d in zip(values[order], docs[order], strict=True)]
