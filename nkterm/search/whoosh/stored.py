"""Documents <-> Whoosh's stored fields: what a document is indexed as (JSON for its metadata,
claims and sentences), what the document list's manifest keeps of it, and the document and
its claims read back. Imports no Whoosh itself, but the field names are the schema's."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from nkterm.models import Claim, Document, Part, Section, Span
from nkterm.search.whoosh.spelling import words_of

WORDS = "_words"  # the payload's words for the spelling list (not a field of the schema)


def encode(
    doc: Document, claims: list[Claim], stamp: tuple[int, ...] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The backend's payload for ``doc`` (its stored fields, and its words for the spelling
    list) and its manifest entry: run in the build's worker process."""
    fields = _fields(doc, claims)
    entry = manifest_entry(fields, loads(fields["meta"]), stamp)
    fields[WORDS] = words_of(doc.text)
    return fields, entry


def claims_of(stored: dict[str, Any]) -> list[Claim]:
    return [Claim.from_dict(c) for c in loads(stored.get("claims")) or []]


def _fields(doc: Document, claims: list[Claim]) -> dict[str, Any]:
    meta = {
        "title": doc.title,
        "path": doc.path,
        "source": doc.source,
        "authors": list(doc.authors),
        "people": list(doc.people),
        "date": doc.date.isoformat() if doc.date else None,
        "date_from": doc.date_from,
        "source_from": doc.source_from,
        "place": doc.place,
        "url": doc.url,
        "tags": list(doc.tags),
        "sections": [
            {"start": s.start, "end": s.end, "voice": s.voice, "kind": s.kind, "label": s.label}
            for s in doc.sections
        ],
        "hash": doc.content_hash,
        "parts": [[p.start, p.end, p.kind, p.label] for p in doc.parts],
        "words": doc.word_count,
        "extra": _jsonable(doc.extra),
    }
    fields: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "authors": " ; ".join(doc.authors),
        "people": " ; ".join(doc.people),
        "source": doc.source,
        "source_name": doc.source,
        "tags": ",".join(doc.tags),
        "sections": " ; ".join(f"{s.kind} {s.voice or ''} {s.label}" for s in doc.sections),
        "body": doc.text,
        "kind": " ".join(sorted({k for c in claims for k in c.kinds})),
        "speaker": " ; ".join(sorted({c.speaker for c in claims if c.speaker})),
        "words": doc.word_count,
        "meta": json.dumps(meta, ensure_ascii=False),
        "claims": json.dumps([c.to_dict() for c in claims], ensure_ascii=False),
        "sentences": json.dumps([x for span in doc.sentences for x in (span.start, span.end)]),
    }
    if doc.date:
        fields["date"] = dt.datetime(doc.date.year, doc.date.month, doc.date.day)
    return fields


def manifest_entry(stored: dict[str, Any], meta: Any, stamp: tuple[int, ...] | None) -> dict[str, Any]:
    meta = meta or {}
    claims = loads(stored.get("claims")) or []
    return {
        "stamp": list(stamp) if stamp else None,
        "hash": meta.get("hash", ""),
        "path": meta.get("path", stored.get("path", "")),
        "title": stored.get("title", ""),
        "source": meta.get("source", ""),
        "authors": meta.get("authors") or [],
        "date": meta.get("date") or "",
        "url": meta.get("url") or "",
        "words": int(meta.get("words", stored.get("words", 0)) or 0),
        "claims": len(claims),
        "check_worthy": sum(1 for c in claims if float(c.get("score", 0)) >= 0.5),
    }


def document_from_stored(stored: dict[str, Any]) -> Document:
    meta = loads(stored.get("meta")) or {}
    date = None
    if meta.get("date"):
        try:
            date = dt.date.fromisoformat(meta["date"])
        except ValueError:
            date = None
    doc = Document(
        id=stored["id"],
        text=stored.get("body", ""),
        title=stored.get("title", stored["id"]),
        path=meta.get("path", ""),
        source=meta.get("source", ""),
        authors=tuple(meta.get("authors", ())),
        people=tuple(meta.get("people", ())),
        date=date,
        date_from=meta.get("date_from", ""),
        source_from=meta.get("source_from", ""),
        place=meta.get("place", ""),
        url=meta.get("url", ""),
        tags=tuple(meta.get("tags", ())),
        sections=tuple(
            Section(s["start"], s["end"], s.get("voice"), s.get("kind", "body"), s.get("label", ""))
            for s in meta.get("sections", ())
        ),
        content_hash=meta.get("hash", ""),
        parts=parts_of(meta.get("parts")),
        extra=meta.get("extra") or {},
    )
    flat = loads(stored.get("sentences"))
    if isinstance(flat, list) and len(flat) % 2 == 0:
        # pre-fill the cached property: reopening a long document never re-segments it
        doc.__dict__["sentences"] = tuple(Span(flat[i], flat[i + 1]) for i in range(0, len(flat), 2))
    return doc


def parts_of(value: Any) -> tuple[Part, ...]:
    """Pages or chapters as stored (``[start, end, kind, label]`` each), malformed ones left out."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Part(p[0], p[1], str(p[2]), str(p[3]))
        for p in value
        if isinstance(p, list) and len(p) == 4 and type(p[0]) is int and type(p[1]) is int
    )


def part_labels(meta: Any, spans: tuple[Span, ...]) -> tuple[str, ...]:
    """The page or chapter of each hit, for a document that has them."""
    parts = parts_of(meta.get("parts")) if isinstance(meta, dict) else ()
    if not parts or not spans:
        return ()
    doc = Document(id="", text="", title="", parts=parts)
    return tuple(part.label if (part := doc.part_at(span.start)) else "" for span in spans)


def date_text(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else ""


def loads(value: Any) -> Any:
    if not value:
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return None


def _jsonable(value: Any) -> Any:
    """``value`` as JSON data: what JSON lacks (dates, bytes, sets) as text, mapping keys as text
    (YAML metadata may key a mapping by a date, which ``json.dumps`` refuses even with
    ``default=str``)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)
