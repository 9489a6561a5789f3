"""A document's date, source and place, each with where it came from ("from the file name").

The corpus loader asks ``infer`` once per document, after front matter and sidecar are read.
Order of trust for the date: the metadata (front matter or sidecar), an ISO date in the file
name (``2024-08-16_0294.txt``, ``20240816-x.txt``), one in the folder names (``2024/08/16/x.txt``),
then the dateline's month and day ("Pyongyang, August 16 (KCNA) --") with the year from the
dateline itself, the file name or folders, the metadata, or the nearest full date in the text.
The source is the metadata's, else the dateline's agency. Pure Python: imports only
``nkterm.dateline``, never Textual or Whoosh.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nkterm.dateline import MONTH_NAMES, find_dateline

_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_FOLDER_DATE = re.compile(r"(?:^|/)((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TEXT_DATE = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (\d{1,2}),? ((?:19|20)\d{2})\b"
    r"|(?<!\d)((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)"
)


@dataclass(frozen=True, slots=True)
class Inferred:
    date: dt.date | None = None
    date_from: str = ""  # "the file name", "the dateline (year from the folder names)", ...
    source: str = ""
    source_from: str = ""
    place: str = ""


def _date(y: str | int, m: str | int, d: str | int) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def date_in_path(rel: str) -> tuple[dt.date | None, str]:
    """An ISO date in the file name, else in the folder names, with where it was found."""
    folder, _, name = rel.rpartition("/")
    for m in _NAME_DATE.finditer(name):
        found = _date(*m.groups())
        if found:
            return found, "the file name"
    in_folder = _FOLDER_DATE.search(folder + "/") if folder else None
    if in_folder:
        found = _date(*in_folder.groups())
        if found:
            return found, "the folder names"
    return None, ""


def year_in_path(rel: str) -> tuple[int | None, str]:
    folder, _, name = rel.rpartition("/")
    for where, part in (("the file name", name), ("the folder names", folder)):
        years = _YEAR.findall(part)
        if years:
            return int(years[-1]), where
    return None, ""


def _nearest_full_date(text: str, at: int) -> dt.date | None:
    best: tuple[int, dt.date] | None = None
    for m in _TEXT_DATE.finditer(text, 0, min(len(text), 20_000)):
        if m.group(1):
            found = _date(m.group(3), MONTH_NAMES.index(_month_name(m.group(1))) + 1, m.group(2))
        else:
            found = _date(m.group(4), m.group(5), m.group(6))
        if found and (best is None or abs(m.start() - at) < best[0]):
            best = (abs(m.start() - at), found)
    return best[1] if best else None


def _month_name(abbrev: str) -> str:
    key = abbrev.lower()[:3]
    return next(name for name in MONTH_NAMES if name.startswith(key))


def infer(
    rel: str,
    text: str,
    *,
    meta_date: dt.date | None = None,
    meta_date_from: str = "",
    meta_source: str = "",
    meta_source_from: str = "",
    meta_year: int | None = None,
) -> Inferred:
    """Date, source and place of the document at ``rel`` (POSIX, relative to the corpus root)."""
    dateline = find_dateline(text)
    place = (dateline.place or "") if dateline else ""
    source, source_from = meta_source, meta_source_from if meta_source else ""
    if not source and dateline is not None and dateline.agency:
        source, source_from = dateline.agency, "the dateline"
    if meta_date is not None:
        return Inferred(meta_date, meta_date_from, source, source_from, place)
    found, where = date_in_path(rel)
    if found is not None:
        return Inferred(found, where, source, source_from, place)
    if dateline is not None and dateline.month and dateline.day:
        if dateline.year:
            return Inferred(dateline.date(), "the dateline", source, source_from, place)
        year, year_from = year_in_path(rel)
        if year is None and meta_year is not None:
            year, year_from = meta_year, meta_date_from
        if year is None:
            nearest = _nearest_full_date(text, dateline.start)
            if nearest is not None:
                year, year_from = nearest.year, "a date in the text"
        if year is not None:
            found = dateline.date(year)
            if found is not None:
                return Inferred(found, f"the dateline (year from {year_from})", source, source_from, place)
    if meta_year is not None:  # a year alone: the first of January, said so
        return Inferred(dt.date(meta_year, 1, 1), f"{meta_date_from} (year only)", source, source_from, place)
    return Inferred(None, "", source, source_from, place)
