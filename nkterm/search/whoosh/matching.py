"""Matching: fuzzy words expanded against the in-memory spelling list, the body terms a hit can
match by, and the character offsets of the matched words in a document's body."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from whoosh import query

from nkterm.analysis import tokens
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


def match_spans(body: str, matched: Iterable[tuple[str, bytes]] | None, q: Any = None) -> tuple[Span, ...]:
    """Offsets of the body words a query matched. Words of a phrase count only where the
    whole phrase occurs (within its slop); other matched terms count everywhere."""
    terms = {t.decode("utf-8") if isinstance(t, bytes) else str(t) for f, t in (matched or ()) if f == "body"}
    if not terms or not body:
        return ()
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
    found = tokens(body)
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
        if spans and tok.start < spans[-1].end:  # a joined given name and its syllables: one hit
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, tok.end))
        else:
            spans.append(Span(tok.start, tok.end))
    return tuple(spans)


# -- documents <-> stored fields
