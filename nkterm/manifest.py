"""The index folder's ``manifest.json`` and ``doclist.json``, read without Whoosh.

The manifest keeps, per document, only what an update compares: the file stamp, the content
hash and, for a file of many documents, the file's id (``COMPACT_KEYS``). What the document list
shows (title, source, words, claims, ...) is in ``LIST_FILE``, one row per document, written
with the manifest at every commit. A build's new entries (``entry_of``: both parts) are split
when written: their rows go to the list, and the entries kept are compacted (``compact``). So a
no-change update parses 1.7 MB, not 6 MB (20k documents: ~15 vs ~70 ms), and a 20k build holds
~0.5 KB a document in its manifest, not ~1.4 KB. A manifest written before this (every entry
whole) is read as it is and compacted at its next write.

The reader's first list comes from here, before ``nkterm.index`` (and Whoosh, ~50-130 ms to
import, plus opening the index) is loaded: the index worker reads the list, posts it, and only
then opens the index to check it (generation, schema and claims versions) and bring it up to
date, which replaces a stale list. ``nkterm.index`` writes both files. Must not import Whoosh
or Textual. Owns ``claims_version`` (re-exported by ``nkterm.index``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from nkterm.files import read_file
from nkterm.models import Claim, DocSummary, Document

META_FILE = "nkterm-index.json"
MANIFEST_FILE = "manifest.json"
LIST_FILE = "doclist.json"  # the list's rows alone: 20k documents parse in ~35 ms (manifest ~90 ms)
INDEX_NAME = "MAIN"
MAX_MANIFEST_BYTES = 1 << 30  # ~250 bytes a document: far above any corpus nkterm can index
_TOC = re.compile(rf"^_{INDEX_NAME}_(\d+)\.toc$")  # Whoosh's table of contents, one per generation


@functools.cache
def claims_version() -> str:
    """A fingerprint of the claim detector (its code and model) and of the sentence splitter
    whose sentences it reads (``nkterm/text.py``): claims stored in an index built by another
    detector or splitter are stale, so the index is rebuilt. Here, without Whoosh: a no-change
    update compares it before opening the index (``nkterm.freshness.recorded_scan``)."""
    digest = hashlib.sha1(usedforsecurity=False)
    package = Path(__file__).resolve().parent
    for path in sorted(
        [*(package / "claims").glob("*.py"), *(package / "data").glob("claims*"), package / "text.py"]
    ):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def entry_of(doc: Document, claims: list[Claim], stamp: tuple[int, ...] | None) -> dict[str, Any]:
    """The manifest's entry for ``doc``: its file stamp and what the document list shows."""
    return {
        "stamp": list(stamp) if stamp else None,
        "hash": doc.content_hash,
        "path": doc.path,
        "title": doc.title,
        "source": doc.source,
        "authors": list(doc.authors),
        "date": doc.date.isoformat() if doc.date else "",
        "url": doc.url or "",
        "words": doc.word_count,
        "claims": len(claims),
        "check_worthy": sum(1 for c in claims if c.check_worthy),
    }


COMPACT_KEYS = ("stamp", "hash", "file")  # what a manifest entry keeps once its row is in the list


def compact(entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` without its list data (``COMPACT_KEYS`` only); the same dict when it has none."""
    if "title" not in entry and len(entry) <= len(COMPACT_KEYS):
        return entry
    return {k: entry[k] for k in COMPACT_KEYS if k in entry}


def row_of(doc_id: str, d: Mapping[str, Any]) -> list[Any]:
    """The list's row of a whole manifest entry (``entry_of``), its duplicate column empty."""
    words, claims, strong = d.get("words", 0), d.get("claims", 0), d.get("check_worthy", 0)
    date = d.get("date") or ""
    return [
        doc_id,
        str(d.get("title", doc_id)),
        str(d.get("source") or ""),
        words if type(words) is int else int(words or 0),
        claims if type(claims) is int else int(claims or 0),
        strong if type(strong) is int else int(strong or 0),
        str(d.get("path") or ""),
        [str(a) for a in d.get("authors") or ()],
        date if type(date) is str else "",
        str(d.get("url") or ""),
        "",
    ]


def list_rows(
    docs: Mapping[str, Mapping[str, Any]],
    previous: Mapping[str, list[Any]] | None,
    stored: Callable[[], Mapping[str, Mapping[str, Any]]],
) -> list[list[Any]]:
    """The list's rows for ``docs`` (sorted by id): a whole entry gives its own row, a compact one
    the row ``previous`` (the list written with it) has; ``stored()`` (the catalog's entries,
    read only when needed) gives those it lacks. The duplicate column is made afresh."""
    rows: list[list[Any]] = []
    fetched: Mapping[str, Mapping[str, Any]] | None = None
    for doc_id in sorted(docs):
        d = docs[doc_id]
        row = None if "title" in d or previous is None else previous.get(doc_id)
        if row is None and "title" not in d:
            if fetched is None:
                fetched = stored()
            d = fetched.get(doc_id, d)
        rows.append(list(row) if row is not None else row_of(doc_id, d))
    first_of_hash: dict[str, str] = {}  # byte-identical documents: the first id of each hash
    for row in rows:
        digest = docs[row[0]].get("hash") or ""
        original = first_of_hash.setdefault(digest, row[0]) if digest else row[0]
        row[10] = "" if original == row[0] else original
    return rows


def read_rows(directory: Path, generation: int) -> dict[str, list[Any]] | None:
    """The rows of ``LIST_FILE`` by id when the file belongs to ``generation`` and is well formed."""
    data = _read_json(Path(directory) / LIST_FILE)
    if isinstance(data, dict) and data.get("generation") == generation and _valid_rows(data.get("rows")):
        return {r[0]: r for r in data["rows"]}
    return None


def summaries_of_rows(rows: list[list[Any]]) -> list[DocSummary]:
    """``DocSummary`` objects of the list's rows (in their order)."""
    return [
        DocSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7]), r[8], r[9], r[10]) for r in rows
    ]


def summaries_of(docs: dict[str, Any]) -> list[DocSummary]:
    """The list's rows from the manifest's ``docs``, sorted by id. Positional arguments and no
    ``int()`` of what is already an int: 20,000 rows build in half the time."""
    out: list[DocSummary] = []
    append = out.append
    first_of_hash: dict[str, str] = {}  # byte-identical documents: the first id of each hash
    for doc_id, d in sorted(docs.items()):
        words, claims, strong = d.get("words", 0), d.get("claims", 0), d.get("check_worthy", 0)
        digest = d.get("hash") or ""
        original = first_of_hash.setdefault(digest, doc_id) if digest else doc_id
        date = d.get("date") or ""
        append(
            DocSummary(
                doc_id,
                d.get("title", doc_id),
                d.get("source", ""),
                words if type(words) is int else int(words or 0),
                claims if type(claims) is int else int(claims or 0),
                strong if type(strong) is int else int(strong or 0),
                d.get("path", ""),
                tuple(d.get("authors") or ()),
                date if type(date) is str else "",
                d.get("url") or "",
                "" if original == doc_id else original,
            )
        )
    return out


def latest_generation(directory: Path) -> int:
    """The newest index generation in ``directory`` as Whoosh counts it (the highest numbered
    table of contents), or -1 when there is none."""
    try:
        names = os.listdir(directory)
    except OSError:
        return -1
    return max((int(m.group(1)) for m in map(_TOC.match, names) if m), default=-1)


def list_data(generation: int, rows: list[list[Any]]) -> dict[str, Any]:
    """What ``LIST_FILE`` holds: the generation it belongs to and one row per document."""
    return {"generation": generation, "rows": rows}


def quick_summaries(directory: Path) -> list[DocSummary] | None:
    """The document list as the index folder has it (``LIST_FILE``, else the manifest), when
    it belongs to the newest generation of the index beside it; None when there is no index,
    no list, or a stale one. Unchecked otherwise (schema, claims version, readable segments):
    the caller opens the index afterwards and replaces the list if it was wrong."""
    directory = Path(directory)
    if not (directory / META_FILE).is_file():
        return None
    generation = latest_generation(directory)
    if generation < 0:
        return None
    rows = _read_json(directory / LIST_FILE)
    if isinstance(rows, dict) and rows.get("generation") == generation and _valid_rows(rows.get("rows")):
        return summaries_of_rows(rows["rows"])
    data = _read_json(directory / MANIFEST_FILE)  # a manifest of whole entries (written before
    if (  # the list file existed) has the rows; a compact one has not: the index tells
        not isinstance(data, dict)
        or not isinstance(data.get("docs"), dict)
        or data.get("generation") != generation
        or not all(isinstance(d, dict) and "title" in d for d in data["docs"].values())
    ):
        return None
    try:
        return summaries_of(data["docs"])
    except (AttributeError, TypeError, ValueError):  # a hand-edited manifest: the index says
        return None


def unfinished(directory: Path) -> bool:
    """Whether the manifest in ``directory`` says a large build was interrupted (killed, or
    stopped by an error). The key is looked for in the file's bytes first: a finished index's
    manifest (6 MB at 20k documents, ~110 ms to parse) is not parsed for it."""
    try:
        raw = read_file(Path(directory) / MANIFEST_FILE, limit=MAX_MANIFEST_BYTES)
    except OSError:
        return False
    if b'"unfinished"' not in raw:  # json.dumps escapes any quote inside a string: only a key matches
        return False
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("unfinished") is True


def _read_json(path: Path) -> Any:
    try:  # non-blocking and regular files only: a FIFO in its place cannot hang the start
        return json.loads(read_file(path, limit=MAX_MANIFEST_BYTES))
    except (OSError, ValueError, RecursionError):
        return None


def _valid_rows(rows: Any) -> bool:
    """Rows of exactly the list's types (a hand-edited file is not shown, never crashes)."""
    return type(rows) is list and all(
        type(r) is list
        and len(r) == 11
        and type(r[0]) is str
        and type(r[1]) is str
        and type(r[2]) is str
        and type(r[3]) is int
        and type(r[4]) is int
        and type(r[5]) is int
        and type(r[6]) is str
        and type(r[7]) is list
        and all(type(a) is str for a in r[7])
        and type(r[8]) is str
        and type(r[9]) is str
        and type(r[10]) is str
        for r in rows
    )
