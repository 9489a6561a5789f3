"""The document list's orders and its timeline, as plain data: shared by the CLI and the reader.

``sort_summaries`` orders ``DocSummary`` rows by title, date (newest or oldest first), words or
claims; ``Timeline`` counts documents per month and draws them as one line of block
characters, remembering which column is which month so a click or a key can choose a bar.
Imports neither Textual nor Whoosh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from nkterm.models import DocSummary

SORT_KEYS: tuple[str, ...] = ("title", "date", "oldest", "words", "claims")
SORT_LABELS = {
    "title": "by title",
    "date": "newest first",
    "oldest": "oldest first",
    "words": "by words",
    "claims": "by claims",
}
BLOCKS = " ▁▂▃▄▅▆▇█"
MAX_BAR = 3  # columns a month's bar may take when there is room
UNDATED = "\uffff"  # sorts after every ISO date


def _sort_key(key: str) -> Callable[[DocSummary], Any]:
    if key == "words":
        return lambda s: (-s.words, s.title.casefold(), s.id)
    if key == "claims":
        return lambda s: (-s.claims, -s.check_worthy, s.title.casefold(), s.id)
    return lambda s: (s.title.casefold(), s.id)


def sort_summaries(summaries: Iterable[DocSummary], key: str) -> list[DocSummary]:
    """``summaries`` in the list's order for ``key``; undated documents last in both date orders."""
    by_title = sorted(summaries, key=_sort_key("title"))
    if key == "date":
        return newest_first(by_title)
    if key == "oldest":
        return oldest_first(by_title)
    if key in ("words", "claims"):
        return sorted(by_title, key=_sort_key(key))
    return by_title


def newest_first(rows: list[DocSummary]) -> list[DocSummary]:
    """``rows`` by date, newest first, stable (ties keep their order), undated last."""
    dated = [s for s in rows if s.date]
    dated.sort(key=_date, reverse=True)  # reverse=True keeps equal dates in their order
    return dated + [s for s in rows if not s.date]


def oldest_first(rows: list[DocSummary]) -> list[DocSummary]:
    return sorted(rows, key=_date_or_last)


def _date(s: DocSummary) -> str:
    return s.date


def _date_or_last(s: DocSummary) -> str:
    return s.date or UNDATED


def month_of(date: str) -> str:
    """ "2024-08" of "2024-08-16"; "" when there is no date."""
    return date[:7] if len(date) >= 7 else ""


@dataclass(frozen=True)
class Timeline:
    """Documents per month from the first dated month to the last, every month in between
    included (a gap is a month with no reports, and shows as one)."""

    months: tuple[str, ...]  # "2024-08", consecutive
    counts: tuple[int, ...]
    undated: int = 0

    @classmethod
    def of_months(cls, per_month: Counter[str], undated: int = 0) -> Timeline:
        known = sorted(m for m in per_month if m)
        if not known:
            return cls((), (), undated)
        months = _month_range(known[0], known[-1])
        return cls(tuple(months), tuple(per_month.get(m, 0) for m in months), undated)

    @classmethod
    def of_dates(cls, dates: Iterable[str]) -> Timeline:
        per_month: Counter[str] = Counter(map(month_of, dates))
        undated = per_month.pop("", 0)
        return cls.of_months(per_month, undated)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def bars(self, width: int) -> tuple[str, list[tuple[str, ...]]]:
        """One line of at most ``width`` block characters and, for each column, the months it
        stands for (several per column when there are more months than columns)."""
        if not self.months or width <= 0:
            return "", []
        per = max(1, -(-len(self.months) // width))
        groups = [tuple(self.months[i : i + per]) for i in range(0, len(self.months), per)]
        sums = [sum(self.counts[i : i + per]) for i in range(0, len(self.counts), per)]
        top = max(sums) or 1
        cells = [BLOCKS[0 if n == 0 else max(1, round(n / top * (len(BLOCKS) - 1)))] for n in sums]
        # few months on a wide line: each bar several columns wide (at most MAX_BAR)
        repeat = max(1, min(MAX_BAR, width // len(groups)))
        line = "".join(cell * repeat for cell in cells)
        return line, [g for g in groups for _ in range(repeat)]

    def count_of(self, months: tuple[str, ...]) -> int:
        wanted = set(months)
        return sum(n for m, n in zip(self.months, self.counts, strict=True) if m in wanted)


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out: list[str] = []
    while (y, m) <= (ly, lm) and len(out) < 1200:  # a century at most: a stray date cannot flood it
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out
