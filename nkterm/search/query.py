"""nkterm's query language, the part that is not any backend's: one line of text, the checks
that need no index (``nkterm.querytext.lint_query``), user field names mapped to the index's
and given names joined as the index holds them, then the one parse into the query tree
(``nkterm.search.queryparse``) with the unscored filters taken off its top level
(``date:``, ``source:``, ``kind:``, ``tag:``). Imports no Whoosh.

``prepare`` is memoised on the text: the reader's search, its "did you mean" and the n/N
highlights of one query share one tree (trees are frozen)."""

from __future__ import annotations

import re
from functools import lru_cache

from nkterm.analysis import join_given_names
from nkterm.queryfilters import FilterError, Filters
from nkterm.querytext import lint_query, rewrite_fields
from nkterm.search.queryparse import QueryError, parse_tree, split
from nkterm.search.querytree import Request

__all__ = ["QueryError", "Request", "one_line", "prepare", "query_text", "split_filters"]


def one_line(text: str) -> str:
    """The query on one line, runs of spaces as one: a line break would end a phrase early."""
    return " ".join(text.split())


_OPERATOR = re.compile(r"((?<!\S)(?:AND|OR|NOT|ANDNOT|&&|\|\|)(?!\S))")


def query_text(text: str) -> str:
    """The query as parsed: user field names mapped to the schema's, and given names written
    apart or hyphenated joined ("Kim Il Sung" -> "Kim IlSung"), as the index also holds them.
    A name does not run across an operator ("Noh OR NOT x": "or" and "not" are syllables)."""
    return "".join(
        part if i % 2 else join_given_names(part)
        for i, part in enumerate(_OPERATOR.split(rewrite_fields(text)))
    )


def prepare(text: str | Request) -> Request | str:
    """The query parsed into its tree and filters, or a message saying what is wrong with it.
    A ``Request`` is returned as it is."""
    if isinstance(text, Request):
        return text
    return _prepare(one_line(text))


@lru_cache(maxsize=128)
def _prepare(text: str) -> Request | str:
    if not text:
        return "type a query"
    problem = lint_query(text)
    if problem:
        return problem
    source = query_text(text)
    try:
        node, filters, words = split(parse_tree(source), source)
    except QueryError as exc:
        return str(exc)
    return Request(text, source, node, filters, words)


def split_filters(text: str) -> tuple[str, Filters]:
    """The query without its top-level filters, and the filters (``nkterm.search.queryparse``
    takes them off the query tree). Raises ``FilterError`` with the message for a bad date (or
    any query that does not parse)."""
    request = prepare(text)
    if isinstance(request, str):
        raise FilterError(request)
    return request.words, request.filters
