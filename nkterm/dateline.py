"""News-agency page furniture: the dateline that opens a report and the end mark that closes it.

Owns the recognition of "PLACE, Month D (AGENCY) --" style datelines (and their day-first, year,
no-date and no-agency variants) and of agency end marks ("-0-", "(END)", "-30-", "###") on a line of
their own. Used by claims (furniture is not prose), by the corpus (date, place and agency become
metadata) and by compare (independence of sources). Pure Python: imports nothing from nkterm but
``models``, never Textual or Whoosh.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from nkterm.models import Span

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A place is one to four capitalised words ("Pyongyang", "NEW YORK", "Rason", "Sinuiju"), with
# an optional region after a comma ("Seoul, South Korea").
_WORD = r"[A-Z][A-Za-z'’\-.]*"
_PLACE = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}(?:,[ ]{_WORD}(?:[ ]{_WORD})?)?"
_DATE = (
    rf"(?:(?P<month1>{_MONTH})[ \u00a0](?P<day1>\d{{1,2}})(?:,?[ \u00a0](?P<year1>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})[ \u00a0](?P<month2>{_MONTH})(?:,?[ \u00a0](?P<year2>\d{{4}}))?)"
)
_DATE_PLAIN = rf"(?:{_MONTH}[ \u00a0]\d{{1,2}}|\d{{1,2}}[ \u00a0]{_MONTH})"
_AGENCY = r"\((?P<agency>[A-Z][A-Za-z0-9&.'\- ]{0,30}?)\)"
_DASH = r"[ \u00a0]*(?:--|—|–|-)(?=[ \u00a0\n]|$)"
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>{_PLACE})"
    rf"(?=(?:,[ \u00a0]*{_DATE_PLAIN})|[ \u00a0]*\()"
    rf"(?:,[ \u00a0]*{_DATE})?(?:[ \u00a0]*{_AGENCY})?"
    rf"(?P<dash>{_DASH})"
)
_END_MARK = re.compile(
    r"(?mi)^[ \t]*(?P<mark>-[ ]?0[ ]?-|\(end\)|\(ends\)|-[ ]?30[ ]?-|#{3}|-[ ]?end[ ]?-|\[end\])[ \t]*$"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found in a text: its span (up to and including the dash) and what it says."""

    start: int
    end: int
    place: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def date(self, year: int | None = None) -> _dt.date | None:
        """The dateline's date, taking ``year`` when the dateline has none; None if unknown or
        impossible (February 30)."""
        y = self.year or year
        if y is None or self.month is None or self.day is None:
            return None
        try:
            return _dt.date(y, self.month, self.day)
        except ValueError:
            return None


def find_dateline(text: str, *, within: int = 600) -> Dateline | None:
    """The first dateline that opens a line within the first ``within`` characters, or None.

    A dateline needs a date or an agency in brackets, and a dash after them: "Pyongyang, August
    16 (KCNA) --", "SEOUL, Aug. 16, 2024 (Yonhap) —", "Pyongyang, 16 August -", "PYONGYANG (AP) —".
    """
    for match in _DATELINE.finditer(text, 0, min(len(text), within + 200)):
        if match.start("place") > within:
            break
        month_name = match.group("month1") or match.group("month2")
        day = match.group("day1") or match.group("day2")
        year = match.group("year1") or match.group("year2")
        day_value = int(day) if day else None
        if day_value is not None and not 1 <= day_value <= 31:
            continue
        return Dateline(
            start=match.start("place"),
            end=match.end("dash"),
            place=match.group("place").strip(),
            month=_MONTHS[month_name[:3].lower()] if month_name else None,
            day=day_value,
            year=int(year) if year else None,
            agency=(match.group("agency") or "").strip() or None,
        )
    return None


def end_marks(text: str) -> list[Span]:
    """Agency end marks ("-0-", "(END)", "-30-", "###", "- END -") standing on a line of their own."""
    return [Span(m.start("mark"), m.end("mark")) for m in _END_MARK.finditer(text)]
