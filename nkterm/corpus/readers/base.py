"""What every format reader returns, and the small text helpers they share.

A reader turns the bytes of one file into ``Extracted`` documents (one for most formats, one per
record for web archives and feeds) plus per-record problems; a file it cannot read at all raises
``ReaderError`` with a message for the user. Plain data only: results cross a process boundary.
Must not import Textual or Whoosh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from nkterm.models import Part


class ReaderError(Exception):
    """The file cannot be read as its format says: the message tells the user why."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """One document taken out of a file: its text, metadata and page/chapter boundaries.

    ``key`` is empty for a file's only document; for files of many documents (WARC records,
    feed entries) it is a short stable hash of the record's identity, appended to the file's
    id as ``file#key``."""

    text: str
    key: str = ""
    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY
    source: str = ""
    url: str = ""
    parts: tuple[Part, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything read from one file: its documents and what went wrong with single records."""

    documents: list[Extracted]
    # (action, message): ("skipped", "record ...: why") for a record lost, ("repaired", ...) for a
    # note; the file's other documents stay usable
    problems: list[tuple[str, str]] = field(default_factory=list)


def record_key(*identity: str) -> str:
    """A short stable key for a record of a multi-document file (letters and digits only, so
    the document id stays a valid corpus id)."""
    joined = "\0".join(identity)
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:12]


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def iso_date(value: object) -> str:
    """``value`` (a date, a datetime, ISO text, a PDF ``D:20190504...`` date) as YYYY-MM-DD,
    YYYY-MM or YYYY; empty when it is not a plausible date."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10] if 1000 <= value.year <= 2999 else ""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if text.startswith("D:"):  # a PDF date string: D:YYYYMMDDHHmmSS
        digits = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", text)
        if digits is None:
            return ""
        text = "-".join(g for g in digits.groups() if g)
    m = _DATE.match(text)
    if m is None:
        return ""
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            dt.date(int(year), int(month), 1)
            return f"{year}-{int(month):02d}"
    except ValueError:
        return year if 1000 <= int(year) <= 2999 else ""
    return year if 1000 <= int(year) <= 2999 else ""


def join_blocks(blocks: list[str]) -> str:
    """Paragraphs joined by blank lines, each on one line (nkterm reads every line as a
    paragraph, so a paragraph must not carry line breaks of its own)."""
    out = [" ".join(b.split()) for b in blocks]
    return "\n\n".join(b for b in out if b)


def clean_name_list(value: str | None) -> tuple[str, ...]:
    """ "A; B" or "A, B and C" (as metadata writes authors) as a tuple of names."""
    if not value:
        return ()
    parts = re.split(r"\s*(?:;|\band\b|&|\|)\s*", value)
    if len(parts) == 1 and value.count(",") >= 1 and not re.search(r",\s*(?:jr|sr)\b", value, re.I):
        # "Smith, John" is one name written backwards; "A, B, C" is a list
        parts = value.split(",") if value.count(",") > 1 else [value]
    return tuple(dict.fromkeys(" ".join(p.split()) for p in parts if p.strip()))
