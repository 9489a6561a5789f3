"""nkterm's query tree (``nkterm.search.querytree``) as Whoosh queries. The tree is parsed once,
without Whoosh; here each leaf's words are analysed by its field's analyzer (a word without a
field searches the title and the body, like Whoosh's multifield parser), and the title/body
words of the tree are listed with their offsets for "did you mean"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from whoosh import qparser, query

from nkterm.search.querytree import (
    DEFAULT_FIELDS,
    And,
    DateRange,
    Every,
    Fuzzy,
    Leaf,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Required,
    Term,
    Wildcard,
    leaves,
    searches_words,
)


class Translator:
    """Whoosh queries for the trees of one schema (kept by the backend: one per index)."""

    def __init__(self, schema: Any) -> None:
        self.schema = schema
        # only its per-field analysis (term_query) is used: no text is parsed by Whoosh
        self._terms = qparser.QueryParser(None, schema, group=qparser.AndGroup)

    def query(self, node: Node | None) -> Any:
        """The Whoosh query for ``node`` (every document for None: filters alone), normalised
        as Whoosh's parser did. A query of exclusions only (``-oil``) is every document
        without them (Lucene would find none)."""
        if node is None:
            return query.Every()
        q = self._node(node)
        q = q.normalize() if q is not None else query.NullQuery
        if only_excludes(q):
            return query.And([query.Every(), q])
        return q

    def _node(self, node: Node) -> Any:
        if isinstance(node, And | Or):
            parts = [p for p in (self._node(c) for c in node.children) if p is not None]
            if not parts:
                return None
            kind = query.And if isinstance(node, And) else query.Or
            return kind(parts, boost=node.boost)
        if isinstance(node, Not):
            child = self._node(node.child)
            return None if child is None else query.Not(child)
        if isinstance(node, Required):
            return self._node(node.child)
        if isinstance(node, DateRange):
            return date_range(node.lo, node.hi)
        if isinstance(node, Every):
            return query.Every()
        fields = DEFAULT_FIELDS if node.field is None else (node.field,)
        parts = [p for p in (self._leaf(node, f) for f in fields) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else query.Or(parts)

    def _leaf(self, leaf: Leaf, field: str) -> Any:
        if field not in self.schema:
            return None
        if isinstance(leaf, Phrase):
            return self._phrase(leaf, field)
        q: Any
        if isinstance(leaf, Term):
            q = self._terms.term_query(field, leaf.text, query.Term, leaf.boost)
        elif isinstance(leaf, Prefix):
            q = self._terms.term_query(
                field, leaf.text, query.Prefix, leaf.boost, tokenize=False, removestops=False
            )
        elif isinstance(leaf, Wildcard):
            q = self._terms.term_query(
                field, leaf.pattern, query.Wildcard, leaf.boost, tokenize=False, removestops=False
            )
        elif isinstance(leaf, Fuzzy):
            q = self._terms.term_query(
                field, leaf.text, query.FuzzyTerm, leaf.boost, tokenize=False, removestops=False
            )
            if isinstance(q, query.FuzzyTerm):
                setattr(q, "maxdist", leaf.edits)  # noqa: B010 - Whoosh's stub types it None
                q.prefixlength = leaf.prefix
        else:
            return None
        if q is not None:
            q.startchar, q.endchar = leaf.start, leaf.end
        return q

    def _phrase(self, leaf: Phrase, field: str) -> Any:
        analyzer = self.schema[field].analyzer
        if analyzer is None:
            return None
        words: list[str] = []
        ranges: list[tuple[int, int]] = []
        for token in self.schema[field].tokenize(leaf.text, mode="query", chars=True):
            words.append(token.text)
            ranges.append((leaf.start + token.startchar, leaf.start + token.endchar))
        q: Any = query.Phrase(field, words, slop=leaf.slop, boost=leaf.boost, char_ranges=ranges)
        q.startchar, q.endchar = leaf.start, leaf.end
        return q

    def words(self, node: Node | None) -> list[tuple[int, int, str, str]]:
        """(start, end, analysed term, field) of every title/body word of the tree (phrases'
        words and excluded words included: ``market -oill`` is corrected too), with its
        offsets in ``Request.source``: what "did you mean" corrects."""
        out: list[tuple[int, int, str, str]] = []
        for leaf in leaves(node, negated=True):
            if not isinstance(leaf, Term | Phrase) or not searches_words(leaf):
                continue
            for field in DEFAULT_FIELDS if leaf.field is None else (leaf.field,):
                if isinstance(leaf, Phrase):
                    for token in self.schema[field].tokenize(leaf.text, mode="query", chars=True):
                        out.append(
                            (leaf.start + token.startchar, leaf.start + token.endchar, token.text, field)
                        )
                    continue
                found = list(self.schema[field].process_text(leaf.text, mode="query"))
                if len(found) == 1:  # a word the analyzer splits is not corrected
                    out.append((leaf.start, leaf.end, found[0], field))
        return out


def date_range(lo: dt.date | None, hi: dt.date | None) -> Any:
    """Documents dated from ``lo`` to ``hi``, inclusive (either open; both: any date)."""
    start = dt.datetime.combine(lo, dt.time.min) if lo else None
    end = dt.datetime.combine(hi, dt.time.max) if hi else None
    return query.DateRange("date", start, end) if start or end else query.Every("date")


def only_excludes(q: Any) -> bool:
    """Whether ``q`` only says what a document must not hold (``-oil``, ``NOT a NOT b``)."""
    if isinstance(q, query.Not):
        return True
    return isinstance(q, query.And) and bool(q.subqueries) and all(only_excludes(s) for s in q.subqueries)


def walk_query(q: Any) -> Iterable[Any]:
    """Every Whoosh query under ``q``, itself first."""
    yield q
    if hasattr(q, "children"):
        for child in q.children():
            yield from walk_query(child)
