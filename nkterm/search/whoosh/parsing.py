"""Parsing nkterm's query language with Whoosh's parser: Lucene operators, user field names,
typed prefixes, and the checks that refuse queries that would take too long."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from whoosh import qparser, query
from whoosh.qparser import syntax
from whoosh.qparser.dateparse import DateParserPlugin

from nkterm.querytext import MAX_FUZZY_EDITS, MAX_FUZZY_WORDS, MIN_PREFIX
from nkterm.search.query import query_text


def parse(text: str, schema: Any) -> Any:
    """The Whoosh query for ``text`` (without its filters), title and body searched alike."""
    parser = qparser.MultifieldParser(["title", "body"], schema, group=qparser.AndGroup)
    parser.replace_plugin(lucene_operators())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    rewritten = query_text(text)
    parsed = typed_prefixes(parser.parse(rewritten), rewritten, schema)
    if only_excludes(parsed):  # "-oil": every document without oil (Lucene would find none)
        return query.And([query.Every(), parsed])
    return parsed


_OPERATOR_START = r"(^|(?<=[\s()]))"


def lucene_operators() -> Any:
    """Whoosh's AND/OR/NOT plus Lucene's spellings: ``-word`` and ``!word`` (NOT), ``+word``
    (required, which every word already is), ``&&`` and ``||``. Whoosh alone reads ``-oil``
    as ``oil`` and ``oil || gas`` as ``oil AND gas``: the opposite of what Lucene users mean."""
    tagger = qparser.OperatorsPlugin.OpTagger
    plus = tagger(_OPERATOR_START + r"\+(?=[^\s+])", syntax.AndGroup, syntax.PrefixOperator, memo="plus")
    return qparser.OperatorsPlugin(
        ops=[(plus, 0)],
        And=r"(?<=\s)(AND|&&)(?=\s)",
        Or=r"(?<=\s)(OR|\|\|)(?=\s)",
        Not=_OPERATOR_START + r"(NOT(?=\s)|[-!](?=[^\s\-!]))",
    )


def only_excludes(q: Any) -> bool:
    """Whether ``q`` only says what a document must not hold (``-oil``, ``NOT a NOT b``)."""
    if isinstance(q, query.Not):
        return True
    return isinstance(q, query.And) and bool(q.subqueries) and all(only_excludes(s) for s in q.subqueries)


def query_words(q: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, analysed term, field) of every title/body word of a parsed query, with the
    character offsets of the word in the query text (words of phrases included)."""
    out: list[tuple[int, int, str, str]] = []
    for sub in walk_query(q):
        if getattr(sub, "fieldname", None) not in ("title", "body"):
            continue
        start, end = getattr(sub, "startchar", None), getattr(sub, "endchar", None)
        if isinstance(sub, query.Term) and start is not None and end is not None:
            out.append((start, end, str(sub.text), sub.fieldname))
        elif isinstance(sub, query.Phrase) and sub.char_ranges:
            for word, (start, end) in zip(sub.words, sub.char_ranges, strict=False):
                out.append((start, end, str(word), sub.fieldname))
    return out


RANGE_ON_WORDS = (
    "ranges work on dates only, e.g. date:[2011 TO 2012] or date:>2015; "
    "a range of words ([a TO z]) would match most of the vocabulary: use word* instead"
)


def check_prefixes(q: Any) -> str | None:
    """A message for the parts of a parsed query that would take too long: short prefixes,
    '*' alone, fuzzy words with many edits or too many of them. (``lint_query`` says the same
    from the text; this looks at what Whoosh made of it, phrases that did not parse included.)"""
    fuzzy: set[str] = set()
    for sub in walk_query(q):
        if isinstance(sub, query.FuzzyTerm):
            fuzzy.add(str(sub.text))
            if int(sub.maxdist) > MAX_FUZZY_EDITS:
                return (
                    f"a fuzzy word allows at most {MAX_FUZZY_EDITS} edits: word~1 or word~{MAX_FUZZY_EDITS}"
                )
            if len(fuzzy) > MAX_FUZZY_WORDS:
                return f"at most {MAX_FUZZY_WORDS} fuzzy words (word~) in one query"
        if isinstance(sub, (query.Prefix, query.Wildcard)) and not isinstance(sub, query.Every):
            literal = re.split(r"[*?]", str(sub.text))[0]
            if len(literal) < MIN_PREFIX:
                return f"a prefix needs at least {MIN_PREFIX} letters before '*' (got {str(sub.text)[:40]!r})"
        if isinstance(sub, query.TermRange):  # dates and numbers are NumericRange, not this
            return RANGE_ON_WORDS
        if isinstance(sub, query.Every) and sub.fieldname not in (None, "id"):
            return "'*' alone would match everything: add at least 3 letters before it"
    return None


_PREFIX_WORD = re.compile(r"(\w+)\*")


def typed_prefixes(q: Any, text: str, schema: Any) -> Any:
    """``q`` with each title/body prefix also matched as typed: Whoosh stems the letters before
    '*' like a whole word, so "kory*" became "kori*" and found nothing (not "Koryo"), and
    "pyongy*" became "pyongi*". A prefix the stemmer changed is searched both ways."""
    typed = {m.group(1).lower() for m in _PREFIX_WORD.finditer(text)}
    if not typed:
        return q
    stemmed = {
        field: {t.text: word for word in typed for t in schema[field].analyzer(word, mode="query")}
        for field in ("title", "body")
    }

    def fix(sub: Any) -> Any:
        if not isinstance(sub, query.Prefix):
            return sub.apply(fix) if not sub.is_leaf() else sub
        word = stemmed.get(sub.fieldname, {}).get(sub.text)
        if word is None or word == sub.text:
            return sub
        return query.Or([query.Prefix(sub.fieldname, word, boost=sub.boost), sub])

    return fix(q)


def walk_query(q: Any) -> Iterable[Any]:
    yield q
    if hasattr(q, "children"):
        for child in q.children():
            yield from walk_query(child)
