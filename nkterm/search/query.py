"""nkterm's query language, the part that is not any backend's: one line of text, the checks
that need no index (``nkterm.querytext.lint_query``), the unscored filters split off
(``date:``, ``source:``, ``kind:``, ``tag:``; ``nkterm.queryfilters``), user field names
mapped to the index's and given names joined as the index holds them. Imports no Whoosh."""

from __future__ import annotations

from dataclasses import dataclass

from nkterm.analysis import join_given_names
from nkterm.queryfilters import FilterError, Filters, split_filters
from nkterm.querytext import lint_query, rewrite_fields


def one_line(text: str) -> str:
    """The query on one line, runs of spaces as one: a line break would end a phrase early."""
    return " ".join(text.split())


def query_text(text: str) -> str:
    """The query as parsed: user field names mapped to the schema's, and given names written
    apart or hyphenated joined ("Kim Il Sung" -> "Kim IlSung"), as the index also holds them."""
    return join_given_names(rewrite_fields(text))


@dataclass(frozen=True)
class Request:
    """A query checked and split: ``words`` for the backend's parser, ``filters`` unscored."""

    text: str  # as typed, on one line
    words: str  # without the filters
    filters: Filters


def prepare(text: str) -> Request | str:
    """The query split into words and filters, or a message saying what is wrong with it."""
    text = one_line(text)
    if not text:
        return "type a query"
    problem = lint_query(text)
    if problem:
        return problem
    try:
        words, filters = split_filters(text)
    except FilterError as exc:
        return str(exc)
    return Request(text, words, filters)
