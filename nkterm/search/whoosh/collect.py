"""Gathering a query's matches from Whoosh: the top N by score with the exact total, and every
match's document number when the timeline asks for it, in one pass.

- Terms joined by AND, OR and NOT, and phrases (most queries): every match scored with numpy
  over whole posting lists (``vectorised.match_scores``: Whoosh's BM25F per posting, sums
  grouped as Whoosh's matcher tree groups them, bit for bit its scores), no matcher tree;
  the top N by ``argpartition``/``lexsort``, the total and the timeline's documents from
  the ids.
- A narrow filter (a few days): the query's matcher skips to each allowed document.
- Filters alone: newest first from the per-searcher day array, no matching at all.
- Anything else (prefixes, fuzzy words, ranges): Whoosh's collector, scoring every match once
  (exact total) and recording the docnums for the timeline (no second pass).

Returns plain ``Matches``; the caller reads ids from a column and text from the catalog. numpy
and the vectorised modules are imported on first use: a backend that is not ``vectorised``
(one question in a process) takes Whoosh's collector and never loads them.
``tests/unit/test_collect.py`` holds every path to Whoosh scoring every match
(``test_postings.py`` and ``test_phrases.py`` the vectorised ones, bit for bit).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from whoosh import collectors, query
from whoosh.searching import Searcher

if TYPE_CHECKING:
    import numpy as np

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
    docs: Sequence[int] | np.ndarray = field(default_factory=list)  # ascending when an array


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
    vectorised: bool = True,
) -> Matches:
    """The top ``limit`` matches of ``q`` (only documents in ``allowed``, when given;
    ``allowed_mask``: the same as a boolean array over document numbers, when the caller
    keeps one). ``vectorised`` False: Whoosh's collector scores every match (the same scores
    and order; numpy, and the modules that score with it, are not loaded)."""
    few = allowed is not None and len(allowed) <= SKIP_SHARE * max(1, searcher.doc_count_all())
    if few and allowed is not None and len(allowed) * FEW_ALLOWED < _postings(searcher, q):
        # a narrow filter (a few days): score only its documents, skipping to each
        return _scored_within(searcher, q, sorted(allowed), limit, record)
    if not vectorised:
        return _collected(searcher, q, limit, record, allowed)
    from nkterm.search.whoosh.vectorised import match_scores, top_of

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
    found = matched_set(searcher, q)
    if found is not None:
        # terms joined by AND/OR/NOT: the matches are set operations on posting lists, so the
        # ranking can skip blocks that cannot reach the top (Whoosh's block quality, exact
        # for the top N) and the total still is exact
        if allowed is not None:
            found &= allowed
        top: Any = collectors.TopCollector(limit=max(1, limit))
        collector = collectors.FilterCollector(top, allow=allowed) if allowed is not None else top
        searcher.search_with_collector(q, collector)
        items = sorted(top.items, reverse=True)
        return Matches([(score, -neg) for score, neg in items], len(found), sorted(found) if record else [])
    return _collected(searcher, q, limit, record, allowed)


def _collected(searcher: Searcher, q: Any, limit: int, record: bool, allowed: set[int] | None) -> Matches:
    """Whoosh's collector over every match of ``q``, each scored once (the exact total)."""
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
        from nkterm.search.whoosh.vectorised import match_docs

        docs = match_docs(searcher, q)  # the posting blocks' ids read at once
        if docs is not None:
            return set(docs.tolist())
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
    import numpy as np

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


def _impossible_phrase(searcher: Searcher, q: Any) -> bool:
    """A phrase with a word the index does not hold matches nothing (the spellings of a
    name that this corpus never uses, added by the name expansion)."""
    if not isinstance(q, query.Phrase):
        return False
    reader: Any = searcher.reader()
    return any((q.fieldname, word) not in reader for word in q.words)


def postings_read(searcher: Searcher, q: Any) -> int:
    """About how many postings matching ``q`` reads: the document frequencies of its terms,
    of a phrase's words and of every term a prefix, wildcard or fuzzy word expands to
    (``estimate_size``), negated parts included."""
    if isinstance(q, query.Not):
        return postings_read(searcher, q.query)
    if isinstance(q, query.Phrase):
        reader = searcher.reader()
        return sum(reader.doc_frequency(q.fieldname, word) for word in q.words)
    if q.is_leaf():
        return int(q.estimate_size(searcher.reader()))
    return sum(postings_read(searcher, child) for child in q.children())


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
