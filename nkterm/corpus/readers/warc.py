"""Web archives (``.warc``, ``.warc.gz``): one document per HTML response record, with its URL
and capture date, text and metadata through the HTML reader. warcio (Apache-2.0) reads the
records; a record that cannot be read is named in a problem and the reader resumes at the next
record it can find, so one bad record costs only itself; in a compressed WARC, after a damaged
record, every gzip member that no record read began at is read on its own (warcio can read a
damaged member on over the next ones with only a warning). Must not import Textual or Whoosh.
"""

from __future__ import annotations

import contextlib
import io
import mmap
from pathlib import Path
from typing import Any

from nkterm.corpus.readers.base import Extracted, FileResult, ReaderError, iso_date, record_key
from nkterm.corpus.readers.web import extract_page

MAX_RECORD = 32 * 1024 * 1024  # the payload of one page
MAX_RECORDS = 100_000
_HTML = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, name: str) -> FileResult:
    """Reads the file itself (a WARC may be far larger than memory should hold)."""
    from warcio.archiveiterator import ArchiveIterator

    documents: list[Extracted] = []
    problems: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    gzipped = name.lower().endswith(".gz")
    # warcio writes its warnings ("Record not followed by newline", with the raw bytes) to stderr:
    # the problem lines name the record instead
    with open(path, "rb") as fh, contextlib.redirect_stderr(io.StringIO()):
        size = fh.seek(0, 2)
        if size == 0:
            raise ReaderError("an empty WARC file")
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            offset: int | None = 0
            records = 0
            starts: set[int] = set()  # where the records read began
            while offset is not None and offset < size and records < MAX_RECORDS:
                assert offset is not None
                fh.seek(offset)
                iterator = ArchiveIterator(fh, arc2warc=True)
                resume: int | None = None
                try:
                    for record in iterator:
                        records += 1
                        _read_record(record, records, documents, problems, seen)
                        # (after the record: asking its offset reads the record to its end; warcio's
                        # offsets are the file's, from where it was opened at)
                        starts.add(iterator.get_record_offset())
                        if records >= MAX_RECORDS:
                            problems.append(
                                ("skipped", f"more than {MAX_RECORDS} records: the rest are not read")
                            )
                            break
                except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on bad input
                    at = int(getattr(iterator, "offset", offset) or offset)  # (the file's offset)
                    starts.add(at)  # (named: the second pass below does not name it again)
                    problems.append(("skipped", f"record at byte {at}: unreadable ({_why(exc)})"[:300]))
                    resume = _next_record(mapped, at + 1, gzipped)
                    if resume is None and not documents and at == 0:
                        raise ReaderError(f"not a WARC file ({_why(exc)})"[:300]) from None
                offset = resume
            if gzipped and problems:
                records = _unread_members(fh, mapped, starts, records, documents, problems, seen)
        finally:
            mapped.close()
    if not documents and not problems:
        raise ReaderError("a WARC file without HTML pages (no response records of type text/html)")
    return FileResult(documents, problems)


def _why(exc: Exception) -> str:
    """The error as a problem line says it: warcio's "Unknown archive format" carries the bytes it
    read as the record's first line, which are binary garbage on a damaged record."""
    return f"{type(exc).__name__}: {str(exc).split(', first line:')[0]}"


def _unread_members(
    fh: Any,
    mapped: mmap.mmap,
    starts: set[int],
    records: int,
    documents: list[Extracted],
    problems: list[tuple[str, str]],
    seen: dict[str, int],
) -> int:
    """After a damaged record of a compressed WARC (one gzip member per record), the record read
    from the damaged member may have run on over the members after it without an error (warcio
    only warns: "Record not followed by newline"). Each gzip member that no record read began at
    is read on its own; a false marker inside compressed bytes fails and is passed over."""
    from warcio.archiveiterator import ArchiveIterator

    at = mapped.find(b"\x1f\x8b\x08", 1)
    while at >= 0 and records < MAX_RECORDS:
        if at not in starts:
            fh.seek(at)
            try:
                record = next(iter(ArchiveIterator(fh, arc2warc=True)), None)
                if record is not None:
                    records += 1
                    starts.add(at)
                    _read_record(record, records, documents, problems, seen)
            except Exception as exc:  # noqa: BLE001 - a damaged record, or bytes that only look like a start
                if _opens_a_record(mapped, at):
                    problems.append(("skipped", f"record at byte {at}: unreadable ({_why(exc)})"[:300]))
        at = mapped.find(b"\x1f\x8b\x08", at + 1)
    return records


def _opens_a_record(mapped: mmap.mmap, at: int) -> bool:
    """Whether the bytes at ``at`` are a well-formed gzip member header (RFC 1952: method 8, no
    reserved flag, a known extra-flags value and system): a damaged record's member, not compressed
    bytes that happen to hold the three-byte magic."""
    header = mapped[at : at + 10]
    return (
        len(header) == 10
        and header[3] & 0xE0 == 0
        and header[8] in (0, 2, 4)
        and (header[9] <= 13 or header[9] == 255)
    )


def _next_record(mapped: mmap.mmap, start: int, gzipped: bool) -> int | None:
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    found = mapped.find(marker, start)
    return None if found < 0 else found


def _read_record(
    record: Any,
    number: int,
    documents: list[Extracted],
    problems: list[tuple[str, str]],
    seen: dict[str, int],
) -> None:
    if record.rec_type != "response":
        return
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    captured = record.rec_headers.get_header("WARC-Date") or ""
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http is not None else "") or ""
    if http is None or content_type.split(";")[0].strip().lower() not in _HTML:
        return
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return
    label = f"record {url or number}"
    try:
        payload = record.content_stream().read(MAX_RECORD + 1)
    except Exception as exc:  # noqa: BLE001 - broken chunking or content encoding
        problems.append(
            ("skipped", f"{label}: its content cannot be decoded ({type(exc).__name__}: {exc})"[:300])
        )
        return
    if len(payload) > MAX_RECORD:
        problems.append(("skipped", f"{label}: larger than {MAX_RECORD // 2**20} MB, not read"))
        return
    try:
        page = extract_page(payload, url=url or None)
    except Exception as exc:  # noqa: BLE001 - one page the extractor chokes on costs only itself
        problems.append(
            ("skipped", f"{label}: text could not be extracted ({type(exc).__name__}: {exc})"[:300])
        )
        return
    if page is None:
        problems.append(("skipped", f"{label}: no text found in the page"))
        return
    key = record_key(url, captured)
    if key in seen:  # the same URL captured twice in the same second: keep both
        seen[key] += 1
        key = record_key(url, captured, str(seen[key]))
    seen.setdefault(key, 1)
    date = page.date or iso_date(captured)
    documents.append(
        Extracted(
            text=page.text,
            key=key,
            title=page.title or url,
            authors=page.authors,
            date=date,
            source=page.source or _host(url),
            url=url or page.url,
            extra={"captured": captured} if captured else {},
        )
    )


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
