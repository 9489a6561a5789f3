"""Unscored filters in a query: ``date:``, ``source:``, ``kind:`` and ``tag:``.

``split_filters`` takes them out of the query text before it is parsed, so the rest is
searched and scored as before and the filters only narrow the documents (the index caches each
filter's documents). Dates: ``date:2024``, ``date:2024-08``, ``date:2024-08-16`` and ranges
``date:[2024-07-25 TO 2024-08-05]`` with open ends (``date:[2024-07 TO]``, ``date:[TO 2024]``);
a range's ends may be a year or a month (the start of the first, the end of the last).
Only top-level terms are taken: one inside brackets, negated (``-source:x``, ``NOT``) or beside
an ``OR`` is left to the query parser. Pure Python: no Whoosh, no Textual.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

FILTER_FIELDS = {
    "date": "date",
    "source": "source",
    "publisher": "source",
    "kind": "kind",
    "tag": "tags",
    "tags": "tags",
}
_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_TOKEN = re.compile(
    r"""(?<![^\s])(?P<field>[A-Za-z]+):(?:
        \[\s*(?P<lo>"""
    + _DATE
    + r""")?\s*(?:TO|to)\s*(?P<hi>"""
    + _DATE
    + r""")?\s*\]
      | "(?P<phrase>[^"]*)"
      | (?P<word>[^\s()"\[\]]+)
    )(?=\s|$)""",
    re.VERBOSE,
)


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
        raise FilterError(f"not a date: {text!r} (write YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _top_level_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` outside brackets and phrases."""
    spans: list[tuple[int, int]] = []
    depth, start, quoted = 0, 0, False
    for i, ch in enumerate(text):
        if ch == '"' and depth == 0:
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "(":
            if depth == 0:
                spans.append((start, i))
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                start = i + 1
    if depth == 0:
        spans.append((start, len(text)))
    return spans


def split_filters(text: str) -> tuple[str, Filters]:
    """The query without its filters, and the filters. Raises ``FilterError`` for a bad date."""
    if re.search(r"(?<!\S)OR(?!\S)", text):  # "flood OR date:2024": the parser's business
        return text, Filters()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    has_date = False
    sources: list[str] = []
    kinds: list[str] = []
    tags: list[str] = []
    cut: list[tuple[int, int]] = []
    for lo_span, hi_span in _top_level_spans(text):
        for m in _TOKEN.finditer(text, lo_span, hi_span):
            field = FILTER_FIELDS.get(m.group("field").lower())
            if field is None:
                continue
            before = text[: m.start()].rstrip()
            if before.endswith(("NOT", "-")) and not before.endswith("--"):
                continue
            value = m.group("word") if m.group("word") is not None else m.group("phrase")
            if field == "date":
                lo: dt.date | None
                hi: dt.date | None
                if value is not None:
                    if not re.fullmatch(_DATE, value):
                        continue  # "date:yesterday": the parser says what is wrong with it
                    lo, hi = parse_date_bound(value, end=False), parse_date_bound(value, end=True)
                else:
                    lo_text, hi_text = m.group("lo"), m.group("hi")
                    lo = parse_date_bound(lo_text, end=False) if lo_text else None
                    hi = parse_date_bound(hi_text, end=True) if hi_text else None
                has_date = True
                if lo is not None and (date_from is None or lo > date_from):
                    date_from = lo
                if hi is not None and (date_to is None or hi < date_to):
                    date_to = hi
            else:
                parts = [w for w in re.split(r"[\W_]+", (value or "").lower()) if w]
                if not parts:
                    continue
                {"source": sources, "kind": kinds, "tags": tags}[field].extend(
                    [" ".join(parts)] if field == "tags" else parts
                )
            cut.append((m.start(), m.end()))
    if not cut:
        return text, Filters()
    rest, last = [], 0
    for a, b in cut:
        rest.append(text[last:a])
        last = b
    rest.append(text[last:])
    words = "".join(rest).split()
    while words and words[0] in ("AND", "NOT"):  # what joined a filter to the rest
        words.pop(0)
    while words and words[-1] in ("AND", "NOT"):
        words.pop()
    remaining = " ".join(words)
    return remaining, Filters(
        date_from, date_to, has_date, tuple(dict.fromkeys(sources)), tuple(dict.fromkeys(kinds)), tuple(tags)
    )
