"""Gathering a query's matches from Whoosh: the top N by score with the exact total, and every
match's document number when the timeline asks for it, in one pass.

- Terms joined by AND, OR and NOT (most queries): every match scored from whole posting blocks
  (``match_scores``: Whoosh's BM25F per posting, sums as its matchers sum), no matcher tree.
- A narrow filter (a few days): the query's matcher skips to each allowed document.
- Filters alone: newest first from the per-searcher day array, no matching at all.
- Anything else (phrases, prefixes, fuzzy words, ranges): Whoosh's collector, scoring every
  match once (exact total) and recording the docnums for the timeline (no second pass).

Returns plain ``Matches``; the caller reads ids from a column and text from the catalog.
``tests/unit/test_collect.py`` holds every path to Whoosh scoring every match.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import collectors, query, scoring
from whoosh.matching import wrappers
from whoosh.searching import Searcher

from nkterm.search.whoosh.postings import block_ids_weights, field_lengths

# scoring every posting costs ~1/FEW_ALLOWED of skipping to one document: a filter allowing fewer
# documents than the query's postings / FEW_ALLOWED is walked document by document
FEW_ALLOWED = 8
# the allowed documents are walked one by one (skip_to) when they are at most this share of
# the index; beyond it, walking the query's own matches and checking each is cheaper
SKIP_SHARE = 0.25


@dataclass
class Matches:
    """The ranked documents (``top``: (score, docnum), best first), how many match in all, and
    every matching docnum when asked for."""

    top: list[tuple[float, int]]
    total: int
    docs: Sequence[int] = field(default_factory=list)


class _Top(collectors.TopCollector):
    """Whoosh's top-N collector that scores every match (``replace=0``: the total is exact
    in one pass) and, when ``record`` is set, keeps each match's docnum for the timeline."""

    def __init__(self, limit: int, record: bool, allow: set[int] | None) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.record = record
        self.allow = allow
        self.seen: list[int] = []

    def collect(self, sub_docnum: int) -> Any:
        global_docnum = self.offset + sub_docnum
        if self.allow is not None and global_docnum not in self.allow:
            return 0
        if self.record:
            self.seen.append(global_docnum)
        return self._collect(global_docnum, self.matcher.score())


def scored(
    searcher: Searcher,
    q: Any,
    limit: int,
    *,
    allowed: set[int] | None = None,
    allowed_mask: np.ndarray | None = None,
    record: bool = False,
) -> Matches:
    """The top ``limit`` matches of ``q`` (only documents in ``allowed``, when given;
    ``allowed_mask``: the same as a boolean array over document numbers, when the caller
    keeps one)."""
    few = allowed is not None and len(allowed) <= SKIP_SHARE * max(1, searcher.doc_count_all())
    if few and allowed is not None and len(allowed) * FEW_ALLOWED < _postings(searcher, q):
        # a narrow filter (a few days): score only its documents, skipping to each
        return _scored_within(searcher, q, sorted(allowed), limit, record)
    scores = match_scores(searcher, q)
    if scores is not None:
        # terms joined by AND/OR/NOT, scored from whole posting lists: every match scored
        # as Whoosh scores it, vectorised, at a fraction of the cost of its matcher tree
        docs, values = scores
        if allowed is not None:
            if allowed_mask is None:
                allowed_mask = mask_of(allowed, searcher.doc_count_all())
            keep = allowed_mask[docs]
            docs, values = docs[keep], values[keep]
        return Matches(top_of(docs, values, max(1, limit)), len(docs), docs if record else [])
    docs = matched_set(searcher, q)
    if docs is not None:
        # terms joined by AND/OR/NOT: the matches are set operations on posting lists, so the
        # ranking can skip blocks that cannot reach the top (Whoosh's block quality, exact
        # for the top N) and the total still is exact
        if allowed is not None:
            docs &= allowed
        top: Any = collectors.TopCollector(limit=max(1, limit))
        collector = collectors.FilterCollector(top, allow=allowed) if allowed is not None else top
        searcher.search_with_collector(q, collector)
        items = sorted(top.items, reverse=True)
        return Matches([(score, -neg) for score, neg in items], len(docs), sorted(docs) if record else [])
    collector = _Top(max(1, limit), record, allowed)
    searcher.search_with_collector(q, collector)
    items = sorted(collector.items, reverse=True)
    return Matches([(score, -neg) for score, neg in items], collector.total, collector.seen)


def matched_set(searcher: Searcher, q: Any) -> set[int] | None:
    """Every document a query of terms joined by AND, OR and NOT matches, from the posting
    lists' ids (no scoring, no positions); None for any other query (phrases, ranges,
    prefixes and fuzzy words are matched by Whoosh)."""
    if _impossible_phrase(searcher, q):
        return set()
    if isinstance(q, query.Term):
        scores = _term_scores(searcher, q)  # the posting blocks' ids (and weights) read at once
        if scores is not None:
            return set(scores[0].tolist())
        found: set[int] = set()
        context = searcher.boolean_context()
        for sub, offset in searcher.leaf_searchers():
            found.update(d + offset for d in q.matcher(sub, context).all_ids())
        return found
    if isinstance(q, query.Or | query.DisjunctionMax):
        union: set[int] = set()
        for child in q.subqueries:
            part = matched_set(searcher, child)
            if part is None:
                return None
            union |= part
        return union
    if isinstance(q, query.And):
        positive = [c for c in q.subqueries if not isinstance(c, query.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, query.Not)]
        if not positive:
            return None
        parts = [matched_set(searcher, c) for c in positive]
        if any(part is None for part in parts):
            return None
        result = set.intersection(*sorted((p for p in parts if p is not None), key=len))
        for child in negative:
            part = matched_set(searcher, child)
            if part is None:
                return None
            result -= part
        return result
    if isinstance(q, query.AndNot):
        positive_set, negative_set = matched_set(searcher, q.a), matched_set(searcher, q.b)
        if positive_set is None or negative_set is None:
            return None
        return positive_set - negative_set
    return None


def _scored_within(searcher: Searcher, q: Any, allowed: list[int], limit: int, record: bool) -> Matches:
    """Score ``q`` on the ``allowed`` documents only (sorted docnums): the matcher skips to
    each in turn, so the cost follows the filter's size, not the query's matches."""
    context = searcher.context()
    heap: list[tuple[float, int]] = []
    total = 0
    seen: list[int] = []
    limit = max(1, limit)
    for sub, offset in searcher.leaf_searchers():
        lo = bisect.bisect_left(allowed, offset)
        hi = bisect.bisect_left(allowed, offset + sub.doc_count_all())
        if lo == hi:
            continue
        matcher = q.matcher(sub, context)
        for global_docnum in allowed[lo:hi]:
            if not matcher.is_active():
                break
            docnum = global_docnum - offset
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() != docnum:
                continue
            total += 1
            if record:
                seen.append(global_docnum)
            item = (matcher.score(), -global_docnum)
            if len(heap) < limit:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    heap.sort(reverse=True)
    return Matches([(score, -neg) for score, neg in heap], total, seen)


def mask_of(allowed: set[int], count: int) -> np.ndarray:
    """``allowed`` as a boolean array over the ``count`` document numbers."""
    mask = np.zeros(count, dtype=bool)
    mask[np.fromiter(allowed, dtype=np.int64, count=len(allowed))] = True
    return mask


def newest(allowed: set[int], dates: Sequence[int], limit: int) -> Matches:
    """A query of filters alone: the allowed documents newest first (undated last, then by
    docnum), no scoring, no matching."""
    top = heapq.nsmallest(max(1, limit), allowed, key=lambda d: (-dates[d], d))
    return Matches([(0.0, d) for d in top], len(allowed), sorted(allowed))


def matching_docs(searcher: Searcher, q: Any) -> list[int]:
    """Every document ``q`` matches, unscored (the timeline of a query)."""
    return list(searcher.docs_for_query(q))


Scored = tuple[np.ndarray, np.ndarray]
"""Matches of a query with their scores: document numbers (int64, ascending) and scores (float64)."""


def match_scores(searcher: Searcher, q: Any) -> Scored | None:
    """The score of every document a query of terms joined by AND, OR and NOT matches,
    computed as Whoosh's matchers compute it (the BM25F scorer of each term on each posting's
    weight and the document's field length; sums for AND and OR, in the same order) but
    vectorised over whole posting lists; None for any other query or scorer."""
    if isinstance(q, query.Term):
        return _term_scores(searcher, q)
    if _impossible_phrase(searcher, q):
        return _EMPTY
    if isinstance(q, query.Or):
        parts = [match_scores(searcher, child) for child in q.subqueries]
        if any(part is None for part in parts) or not parts:
            return None
        count = searcher.doc_count_all()
        total, seen = np.zeros(count), np.zeros(count, dtype=bool)
        for part in parts:  # summed in the query's order, as Whoosh's matchers sum
            assert part is not None
            total[part[0]] += part[1]  # 0.0 + v is v: the first part's value as it is
            seen[part[0]] = True
        docs = np.flatnonzero(seen)
        return docs, total[docs]
    if isinstance(q, query.And):
        positive = [c for c in q.subqueries if not isinstance(c, query.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, query.Not)]
        if not positive:
            return None
        parts = [match_scores(searcher, c) for c in positive]
        if any(part is None for part in parts):
            return None
        hits = np.zeros(searcher.doc_count_all(), dtype=np.int32)
        for part in parts:
            assert part is not None
            hits[part[0]] += 1  # a part's documents are distinct
        for child in negative:
            excluded = _match_docs(searcher, child)
            if excluded is None:
                return None
            hits[excluded] = -1
        both = np.flatnonzero(hits == len(parts))
        value: np.ndarray | None = None
        for part in parts:  # summed in the query's order, as Whoosh's matchers sum
            assert part is not None
            mine = part[1][np.searchsorted(part[0], both)]
            value = mine if value is None else value + mine
        assert value is not None
        for _child in negative:  # Whoosh's NOT inside AND scores 1.0 (its InverseMatcher)
            value = value + 1.0
        return both, value
    if isinstance(q, query.AndNot):
        positive_scores, excluded = match_scores(searcher, q.a), _match_docs(searcher, q.b)
        if positive_scores is None or excluded is None:
            return None
        drop = np.zeros(searcher.doc_count_all(), dtype=bool)
        drop[excluded] = True
        keep = ~drop[positive_scores[0]]
        return positive_scores[0][keep], positive_scores[1][keep]
    return None


_EMPTY: Scored = (np.zeros(0, dtype=np.int64), np.zeros(0))


def _match_docs(searcher: Searcher, q: Any) -> np.ndarray | None:
    """The documents ``q`` matches as a sorted array (a term from its posting blocks)."""
    if isinstance(q, query.Term):
        found = _term_scores(searcher, q)
        if found is not None:
            return found[0]
    docs = matched_set(searcher, q)
    if docs is None:
        return None
    return np.array(sorted(docs), dtype=np.int64)


def _term_scores(searcher: Searcher, q: Any) -> Scored | None:
    doc_parts: list[np.ndarray] = []
    value_parts: list[np.ndarray] = []
    context = searcher.context()
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, context)
        boost = 1.0
        excluded: Any = ()
        while isinstance(matcher, wrappers.WrappingMatcher):
            if isinstance(matcher, wrappers.FilterMatcher):
                if not getattr(matcher, "_exclude", False):
                    return None
                excluded = matcher._ids  # deleted documents
            elif type(matcher) is not wrappers.WrappingMatcher:
                return None
            boost *= matcher.boost
            matcher = matcher.child
        if not matcher.is_active():
            continue
        scorer = getattr(matcher, "scorer", None) or getattr(matcher, "_scorer", None)
        if not isinstance(scorer, scoring.BM25FScorer):
            return None
        lengths = field_lengths(sub.reader(), q.fieldname)
        if lengths is None:
            return None
        read = block_ids_weights(matcher)
        if read is None:
            return None
        ids, tf = read
        if excluded:
            keep = ~np.isin(ids, np.fromiter(excluded, dtype=np.int64, count=len(excluded)))
            ids, tf = ids[keep], tf[keep]
        # bm25() of whoosh.scoring written out with the scorer's own values: the same float
        # operations in the same order, element-wise, so every score is bit for bit Whoosh's
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        value = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[ids] / avgfl)))
        doc_parts.append(ids + offset)
        value_parts.append(value * boost if boost != 1.0 else value)
    if not doc_parts:
        return _EMPTY
    if len(doc_parts) == 1:
        return doc_parts[0], value_parts[0]
    return np.concatenate(doc_parts), np.concatenate(value_parts)


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


def _impossible_phrase(searcher: Searcher, q: Any) -> bool:
    """A phrase with a word the index does not hold matches nothing (the spellings of a
    name that this corpus never uses, added by the name expansion)."""
    if not isinstance(q, query.Phrase):
        return False
    reader: Any = searcher.reader()
    return any((q.fieldname, word) not in reader for word in q.words)


def _postings(searcher: Searcher, q: Any) -> float:
    """How many postings scoring every match of ``q`` reads (its terms' document
    frequencies); infinite for queries that are not terms joined by AND, OR and NOT."""
    if isinstance(q, query.Term):
        return float(searcher.reader().doc_frequency(q.fieldname, q.text))
    if isinstance(q, query.Or | query.And | query.DisjunctionMax):
        return sum(_postings(searcher, c.query if isinstance(c, query.Not) else c) for c in q.subqueries)
    if isinstance(q, query.AndNot):
        return _postings(searcher, q.a) + _postings(searcher, q.b)
    return 0.0 if _impossible_phrase(searcher, q) else float("inf")
