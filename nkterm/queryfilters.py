"""Unscored filters in a query: ``date:``, ``source:``, ``kind:`` and ``tag:``.

The parser (``nkterm.search.queryparse.split``) takes them off the top level of the query
tree, so the rest is searched and scored as before and the filters only narrow the documents
(the index caches each filter's documents); ``nkterm.search.query.split_filters`` does it for
a text. Dates: ``date:2024``, ``date:2024-08``, ``date:2024-08-16`` and ranges
``date:[2024-07-25 TO 2024-08-05]`` with open ends (``date:[2024-07 TO]``, ``date:[TO 2024]``);
a range's ends may be a year or a month (the start of the first, the end of the last).
Only top-level terms are taken: one inside brackets, negated (``-source:x``, ``NOT``) or beside
an ``OR`` stays in the query. Pure Python: no Whoosh, no Textual.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
DATE_VALUE = re.compile(_DATE)  # what a date filter's value or range end may be


class FilterError(ValueError):
    """A filter the user typed that cannot mean anything (``date:2024-13``)."""


@dataclass(frozen=True)
class Filters:
    """What to keep: every condition must hold. Dates are inclusive."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    has_date: bool = False
    sources: tuple[str, ...] = ()  # lowercased words of ``source:`` values
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.has_date or bool(self.sources or self.kinds or self.tags)

    @property
    def key(self) -> tuple[object, ...]:
        return (self.date_from, self.date_to, self.has_date, self.sources, self.kinds, self.tags)


def parse_date_bound(text: str, *, end: bool) -> dt.date:
    """``2024`` / ``2024-08`` / ``2024-08-16`` as the first day (or with ``end`` the last day)
    of what it names. Raises ``FilterError`` for an impossible date."""
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
        if len(parts) == 2:
            y, m = parts
            return (
                dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
                if 1 <= m <= 12
                else dt.date(y, m, 1)
            )
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise FilterError(f"not a date: {text[:40]!r} (write YYYY, YYYY-MM or YYYY-MM-DD)") from None


def filter_words(value: str) -> list[str]:
    """The lowercased words of a ``source:``/``kind:``/``tag:`` value, as the filter matches them."""
    return [w for w in re.split(r"[\W_]+", value.lower()) if w]
