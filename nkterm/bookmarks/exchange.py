"""Bookmarks in and out: Markdown notes, W3C Web Annotation JSON (export and import), CSV.

Works on lists of ``Bookmark`` and returns strings; the store does the locking and saving.
Import trusts nothing: every document id must be one the caller knows, path-like ids are
rejected, and each rejected annotation is named in a message. Must not import Textual or
Whoosh, nor touch the disk.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from typing import Any

from nkterm.bookmarks.anchoring import locate
from nkterm.bookmarks.model import (
    Bookmark,
    InvalidBookmark,
    bookmark_from_record,
    format_time,
    new_id,
    now,
    valid_id,
)
from nkterm.corpus import valid_doc_id
from nkterm.models import Document

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ID_PREFIX = "urn:nkterm:bookmark:"
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "doc_id",
    "title",
    "source",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "note",
    "tags",
    "claim_start",
    "claim_end",
    "claim_kinds",
    "created",
    "updated",
)

Resolver = Callable[[str], "Document | None"]


@dataclass(frozen=True)
class ImportReport:
    """What an import did: bookmarks added, and one message per skipped or rejected entry."""

    added: tuple[Bookmark, ...] = ()
    skipped: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()

    @property
    def messages(self) -> tuple[str, ...]:
        return self.skipped + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [b.to_dict() for b in self.added],
            "skipped": list(self.skipped),
            "rejected": list(self.rejected),
        }


# --- W3C Web Annotation JSON -------------------------------------------------------------


def to_annotation(bookmark: Bookmark) -> dict[str, Any]:
    """One bookmark as a W3C Web Annotation (JSON-LD, ``anno.jsonld`` context)."""
    body: list[dict[str, Any]] = []
    if bookmark.note:
        body.append(
            {
                "type": "TextualBody",
                "value": bookmark.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    body.extend({"type": "TextualBody", "value": t, "purpose": "tagging"} for t in bookmark.tags)
    annotation: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": ID_PREFIX + bookmark.id,
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": format_time(bookmark.created),
        "modified": format_time(bookmark.updated),
    }
    if body:
        annotation["body"] = body
    annotation["target"] = {
        "source": bookmark.doc_id,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": bookmark.quote.exact,
                "prefix": bookmark.quote.prefix,
                "suffix": bookmark.quote.suffix,
            },
            {
                "type": "TextPositionSelector",
                "start": bookmark.position.start,
                "end": bookmark.position.end,
            },
        ],
    }
    extension: dict[str, Any] = {}
    if bookmark.claim is not None:
        claim = bookmark.claim
        extension["claim"] = {"start": claim.start, "end": claim.end, "kinds": list(claim.kinds)}
    if bookmark.extra:
        extension["extra"] = bookmark.extra
    if extension:
        annotation["nkterm"] = extension
    return annotation


def export_json(bookmarks: Iterable[Bookmark]) -> str:
    """An ``AnnotationCollection`` whose first (only) page holds every bookmark."""
    items = [to_annotation(b) for b in bookmarks]
    collection = {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "label": "nkterm bookmarks",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2, default=str) + "\n"


def looks_like_path(doc_id: str) -> bool:
    """True for anything that is not a plain corpus id: absolute, ``..``/``.`` parts, a
    backslash, a drive, ``~`` or a URL. Corpus ids are relative POSIX paths without extension
    (``business/001``), so one inner ``/`` is allowed, as ``nkterm.corpus.valid_doc_id`` says."""
    segments = doc_id.split("/")
    return (
        not valid_doc_id(doc_id)
        or any(part in ("", ".", "..") or part.startswith("~") for part in segments)
        or "://" in doc_id
    )


def _annotation_items(data: object) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        kind = data.get("type")
        if kind == "AnnotationCollection":
            first = data.get("first")
            items = first.get("items") if isinstance(first, dict) else data.get("items")
        elif kind == "AnnotationPage":
            items = data.get("items")
        elif kind == "Annotation":
            items = [data]
        else:
            items = None
        if isinstance(items, list):
            return items
    raise InvalidBookmark(
        "expected a W3C Annotation, AnnotationPage, AnnotationCollection or a list of annotations"
    )


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    raw = target.get("selector", [])
    found = raw if isinstance(raw, list) else [raw]
    quote: dict[str, Any] = {}
    position: dict[str, Any] = {}
    for selector in found:
        if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
            quote = selector
        elif isinstance(selector, dict) and selector.get("type") == "TextPositionSelector":
            position = selector
    return quote, position


def _bodies(raw: object) -> tuple[str, list[str]]:
    """The note (commenting bodies) and tags (tagging bodies) of an annotation."""
    items = raw if isinstance(raw, list) else [] if raw is None else [raw]
    notes: list[str] = []
    tags: list[str] = []
    for body in items:
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            raise InvalidBookmark("each body must be a TextualBody with a text 'value'")
        if body.get("purpose") == "tagging":
            tags.append(body["value"])
        else:
            notes.append(body["value"])
    return "\n\n".join(notes), tags


def _record_from_annotation(item: object, known: Container[str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise InvalidBookmark("not a JSON object")
    if item.get("type", "Annotation") != "Annotation":
        raise InvalidBookmark(f"type is {item.get('type')!r}, not 'Annotation'")
    target = item.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    if not isinstance(target, dict) or not isinstance(target.get("source"), str):
        raise InvalidBookmark("its target has no 'source' document id")
    source = target["source"]
    if looks_like_path(source):
        raise InvalidBookmark(f"document id {source!r} looks like a path or URL, not a corpus id")
    if source not in known:
        raise InvalidBookmark(f"document id {source!r} is not in the corpus")
    quote, position = _selectors(target)
    if not quote:
        raise InvalidBookmark("its target has no TextQuoteSelector")
    note, tags = _bodies(item.get("body"))
    raw_id = item.get("id")
    bookmark_id = raw_id.removeprefix(ID_PREFIX) if isinstance(raw_id, str) else ""
    extension = item.get("nkterm")
    if not isinstance(extension, dict):
        extension = {}
    stamp = format_time(now())
    record: dict[str, Any] = {
        "id": bookmark_id if valid_id(bookmark_id) else new_id(),
        "doc_id": source,
        "exact": quote.get("exact"),
        "prefix": quote.get("prefix", ""),
        "suffix": quote.get("suffix", ""),
        # Without a position the quote alone anchors it: 0..0 never equals a non-empty quote.
        "start": position.get("start", 0),
        "end": position.get("end", 0),
        "note": note,
        "tags": tags,
        "claim": extension.get("claim"),
        "created": item.get("created", stamp),
        "updated": item.get("modified", item.get("created", stamp)),
    }
    extra = extension.get("extra")
    if isinstance(extra, dict):
        record.update({k: v for k, v in extra.items() if k not in record})
    return record


def parse_annotations(
    data: str | bytes | object, known_doc_ids: Container[str]
) -> tuple[list[Bookmark], list[str]]:
    """Bookmarks read from W3C annotation JSON, and a message for each rejected annotation.

    ``data`` is JSON text or already-parsed JSON. Only ``in`` is used on ``known_doc_ids``, and
    never with a path-like id, so a lazy container that asks the corpus is fine.
    """
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except ValueError as exc:
            where = (
                f" (line {exc.lineno}, column {exc.colno}: {exc.msg})"
                if isinstance(exc, json.JSONDecodeError)
                else f" ({exc})"
            )
            raise InvalidBookmark(f"not valid JSON{where}") from exc
    bookmarks: list[Bookmark] = []
    rejected: list[str] = []
    for number, item in enumerate(_annotation_items(data), start=1):
        label = f"annotation {number}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        try:
            record = _record_from_annotation(item, known_doc_ids)
        except InvalidBookmark as exc:
            rejected.append(f"{label}: {exc}; not imported")
            continue
        bookmark, errors = bookmark_from_record(record)
        if bookmark is None:
            rejected.append(f"{label}: {'; '.join(errors)}; not imported")
        else:
            bookmarks.append(bookmark)
    return bookmarks, rejected


# --- CSV ----------------------------------------------------------------------------------


def export_csv(bookmarks: Iterable[Bookmark], resolve: Resolver | None = None) -> str:
    """One row per bookmark; list fields joined with "; ". Title and source need ``resolve``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    docs: dict[str, Document | None] = {}
    for b in bookmarks:
        if resolve is not None and b.doc_id not in docs:
            docs[b.doc_id] = resolve(b.doc_id)
        doc = docs.get(b.doc_id)
        claim = b.claim
        writer.writerow(
            [
                b.id,
                b.doc_id,
                doc.title if doc else "",
                doc.source if doc else "",
                b.quote.exact,
                b.quote.prefix,
                b.quote.suffix,
                b.position.start,
                b.position.end,
                b.note,
                "; ".join(b.tags),
                claim.start if claim else "",
                claim.end if claim else "",
                "; ".join(claim.kinds) if claim else "",
                format_time(b.created),
                format_time(b.updated),
            ]
        )
    return out.getvalue()


# --- Markdown -----------------------------------------------------------------------------

_MARKDOWN_LEAD = re.compile(r"^(\s*)(#|>|[-+*]\s|\d+[.)]\s)")


def _blockquote(text: str) -> list[str]:
    lines = []
    for line in text.strip().splitlines():
        line = _MARKDOWN_LEAD.sub(lambda m: m.group(1) + "\\" + m.group(2), line.rstrip())
        lines.append(f"> {line}" if line else ">")
    return lines


def _citation(doc: Document | None, doc_id: str) -> str:
    if doc is None:
        return f"— document `{doc_id}` (not in the corpus)"
    parts = [f"*{doc.title or doc_id}*"]
    if doc.authors:
        parts.append(", ".join(doc.authors))
    if doc.source:
        parts.append(doc.source)
    if doc.date:
        parts.append(doc.date.isoformat())
    line = "— " + ", ".join(parts) + "."
    if doc.url:
        line += f" <{doc.url}>"
    return line


def export_markdown(bookmarks: Iterable[Bookmark], resolve: Resolver) -> str:
    """Notes for an article: one section per document (by title), passages in reading order,
    each a blockquote with its note, tags and a citation line."""
    groups: dict[str, list[Bookmark]] = {}
    for b in bookmarks:
        groups.setdefault(b.doc_id, []).append(b)
    docs = {doc_id: resolve(doc_id) for doc_id in groups}
    count = sum(len(g) for g in groups.values())
    lines = [
        "# Bookmarks",
        "",
        f"{count} passage{'s' * (count != 1)} from {len(groups)} "
        f"document{'s' * (len(groups) != 1)}, exported from nkterm on {now().date()}.",
    ]

    def title_key(doc_id: str) -> tuple[str, str]:
        doc = docs[doc_id]
        return ((doc.title if doc else doc_id).casefold(), doc_id)

    for doc_id in sorted(groups, key=title_key):
        doc = docs[doc_id]
        lines += ["", f"## {doc.title if doc and doc.title else doc_id}", ""]
        if doc is None:
            lines.append(f"_Document `{doc_id}` is not in the corpus; quotes are as saved._")
        else:
            meta = [doc.source, ", ".join(doc.authors), doc.date.isoformat() if doc.date else ""]
            meta += [doc.url, f"id `{doc_id}`"]
            lines.append(" · ".join(m for m in meta if m))
        placed = [(locate(doc.text, b.quote, b.position) if doc else None, b) for b in groups[doc_id]]
        placed.sort(key=lambda p: (p[0].span.start if p[0] and p[0].span else 1 << 62, p[1].id))
        for anchor, b in placed:
            lines += ["", *_blockquote(b.quote.exact), ""]
            if anchor is not None and anchor.status == "fuzzy":
                lines += ["_The document has changed here since this was saved._", ""]
            elif anchor is not None and anchor.orphan:
                lines += ["_This passage is no longer in the document; quoted as saved._", ""]
            if b.note:
                lines += [b.note.strip(), ""]
            if b.tags:
                lines += ["Tags: " + ", ".join(b.tags), ""]
            lines.append(_citation(doc, doc_id))
    return "\n".join(lines) + "\n"
