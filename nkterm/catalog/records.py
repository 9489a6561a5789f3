"""The catalog's rows: what a document, its sentences and claims are stored as
(``Record``, made in the build's worker by ``record_of``) and read back as (``document_of``,
``claims_of``). Plain data and JSON; imports neither SQLite nor Whoosh nor Textual.

A document's claims are one value of its row (``claims_blob``): their JSON, zlib-compressed,
made in the build's worker. The writing process only inserts the row (session 10: one row per
claim with each cue's text kept once in a table of its own cost the writing process ~0.8 CPU ms
a document in look-ups and inserts; the compressed claims of BBC are 2.8 MB, the tables and
their indexes were 12.6 MB)."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass
from typing import Any

from nkterm.models import Claim, Document, Part, Section, Span


@dataclass(frozen=True)
class Record:
    """One document as the catalog stores it (picklable: made in the build's worker)."""

    id: str
    path: str
    title: str
    date: str | None
    source: str
    hash: str
    words: int
    entry: str  # JSON: the manifest entry (stamp, list data)
    meta: str  # JSON: the rest of the Document
    sentences: str  # JSON: flat [start, end, start, end, ...]
    claims: bytes  # ``claims_blob``: the claims, compressed JSON (b"": none)
    text: str

    def row(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.path,
            self.title,
            self.date,
            self.source,
            self.hash,
            self.words,
            self.entry,
            self.meta,
            self.sentences,
            self.claims,
            self.text,
        )


def record_of(doc: Document, claims: list[Claim], entry: dict[str, Any]) -> Record:
    """The catalog's record of ``doc`` with its claims and manifest entry."""
    meta = {
        "source": doc.source,
        "authors": list(doc.authors),
        "people": list(doc.people),
        "date_from": doc.date_from,
        "source_from": doc.source_from,
        "place": doc.place,
        "url": doc.url,
        "tags": list(doc.tags),
        "sections": [
            {"start": s.start, "end": s.end, "voice": s.voice, "kind": s.kind, "label": s.label}
            for s in doc.sections
        ],
        "parts": [[p.start, p.end, p.kind, p.label] for p in doc.parts],
        "extra": _jsonable(doc.extra),
    }
    return Record(
        id=doc.id,
        path=doc.path,
        title=doc.title,
        date=doc.date.isoformat() if doc.date else None,
        source=doc.source,
        hash=doc.content_hash,
        words=doc.word_count,
        entry=json.dumps(entry, ensure_ascii=False),
        meta=json.dumps(meta, ensure_ascii=False),
        sentences=json.dumps([x for span in doc.sentences for x in (span.start, span.end)]),
        claims=claims_blob(claims),
        text=doc.text,
    )


def claims_blob(claims: list[Claim]) -> bytes:
    """``claims`` as the catalog keeps them: ``[start, end, kinds, score, speaker, [cues]]`` each,
    the JSON zlib-compressed (a document's cues repeat: ``reporting verb: "said"``); b"" for none.
    The score is kept to 4 decimals."""
    if not claims:
        return b""
    rows = [[c.start, c.end, " ".join(c.kinds), round(c.score, 4), c.speaker, list(c.cues)] for c in claims]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def claims_of(blob: bytes) -> list[Claim]:
    """The claims ``claims_blob`` made. Raises ValueError (or zlib.error, TypeError) for a value
    it did not make."""
    if not blob:
        return []
    rows = json.loads(zlib.decompress(blob).decode("utf-8"))
    return [
        Claim(int(start), int(end), tuple(kinds.split()), float(score), speaker, tuple(str(c) for c in cues))
        for start, end, kinds, score, speaker, cues in rows
    ]


def document_of(row: tuple[Any, ...]) -> Document:
    doc_id, path, title, date_text, digest, meta_text, sentences, text = row
    meta = json.loads(meta_text)
    date = None
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            date = None
    doc = Document(
        id=doc_id,
        text=text,
        title=title,
        path=path,
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
        content_hash=digest,
        parts=parts_of(meta.get("parts")),
        extra=meta.get("extra") or {},
    )
    flat = json.loads(sentences)
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
