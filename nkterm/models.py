"""Plain data shared by every layer: documents, spans, claims, search hits.

Frozen dataclasses with character offsets into ``Document.text`` (Python ``str`` indices,
not bytes). This module imports only ``nkterm.spans`` (``Span``, re-exported) at load, and
``nkterm.text`` (Punkt) when a document is first segmented; never Textual or Whoosh.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from nkterm.spans import Span  # re-exported: every layer imports it from here

# The fixed vocabulary of claim kinds, in display order. Documented in README.md.
CLAIM_KINDS: tuple[str, ...] = (
    "quantity",  # numbers, statistics, dates, durations, money
    "quote",  # direct speech
    "attributed",  # reported speech, "according to"
    "experience",  # first-person testimony
    "generalization",  # sweeping or comparative statements
    "causal",  # because, led to, caused
    "prediction",  # will, expected to, forecast
    "rule",  # obligations and prohibitions
    "hedge",  # qualifiers and caveats
    "fact",  # a named thing with a verb of state or record, when no other kind fires
)

CHECK_WORTHY = 0.5  # a claim with score >= this is check-worthy


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a document written in one voice (e.g. a news report, then a quote block)."""

    start: int
    end: int
    voice: str | None = None  # who speaks in first person here; None for a reporter's voice
    kind: str = "body"  # "body", "first-person", "boilerplate", ...
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "voice": self.voice,
            "kind": self.kind,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class Part:
    """A page of a PDF, a chapter of an e-book or a heading's stretch of a Word file: where it
    lies in the extracted text, and how the reader names it ("p. 2", a chapter's title)."""

    start: int
    end: int
    kind: str  # "page" | "chapter" | "heading"
    label: str


@dataclass(frozen=True)
class Document:
    """One document of the corpus: its text verbatim and its metadata.

    ``paragraphs`` and ``sentences`` are computed on first use (segmentation costs ~2 ms for a
    news article), so scanning a corpus does not pay for them.
    """

    id: str
    text: str
    title: str
    path: str = ""  # relative to the corpus root, POSIX separators
    source: str = ""
    authors: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    date: _dt.date | None = None
    url: str = ""
    # where the date and the source came from ("the file name", "the dateline", "the front
    # matter"...) and the dateline's place: shown in the document header
    date_from: str = ""
    source_from: str = ""
    place: str = ""
    tags: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    content_hash: str = ""
    parts: tuple[Part, ...] = ()  # pages or chapters of the file the text was extracted from
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        from nkterm.text import paragraphs

        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        from nkterm.text import sentences

        return sentences(self.text)

    @cached_property
    def word_count(self) -> int:
        return len(self.text.split())

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None

    def part_at(self, offset: int) -> Part | None:
        """The page or chapter holding ``offset`` (the last one that starts at or before it)."""
        found = None
        for part in self.parts:
            if part.start > offset:
                break
            if offset < part.end:
                found = part
        return found

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def to_dict(self, *, text: bool = True) -> dict[str, Any]:
        """JSON-ready metadata (dates as ISO text), the text unless ``text=False``, and the
        sentence offsets when they are already known (never computed for this)."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "authors": list(self.authors),
            "people": list(self.people),
            "date": self.date.isoformat() if self.date else None,
            "url": self.url,
            "tags": list(self.tags),
            "sections": [s.to_dict() for s in self.sections],
            "words": self.word_count,
            "content_hash": self.content_hash,
            "extra": dict(self.extra),
        }
        if text:
            data["text"] = self.text
        if "sentences" in self.__dict__:
            data["sentences"] = [s.to_dict() for s in self.sentences]
        return data


@dataclass(frozen=True, slots=True)
class Claim:
    """A span of text that asserts something, with the evidence for each flag.

    ``kinds`` is a non-empty tuple drawn from ``CLAIM_KINDS``; ``score`` is check-worthiness
    in [0, 1]; ``cues`` are human-readable reasons such as ``reporting verb: "told"``.
    """

    start: int
    end: int
    kinds: tuple[str, ...]
    score: float
    speaker: str | None = None
    cues: tuple[str, ...] = ()

    @property
    def check_worthy(self) -> bool:
        return self.score >= CHECK_WORTHY

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "kinds": list(self.kinds),
            "score": round(self.score, 4),
            "speaker": self.speaker,
            "cues": list(self.cues),
        }
        if text is not None:
            data["text"] = text[self.start : self.end]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            kinds=tuple(data["kinds"]),
            score=float(data["score"]),
            speaker=data.get("speaker"),
            cues=tuple(data.get("cues", ())),
        )


@dataclass(frozen=True, slots=True)
class DocSummary:
    """What the document list needs, read from the index manifest without opening files."""

    id: str
    title: str
    source: str
    words: int
    claims: int
    check_worthy: int
    path: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO 8601 ("2024-08-16"), "" when unknown
    url: str = ""
    duplicate_of: str = ""  # the id of a byte-identical document listed before this one

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "authors": list(self.authors),
            "date": self.date or None,
            "url": self.url,
            "words": self.words,
            "claims": self.claims,
            "check_worthy": self.check_worthy,
            "path": self.path,
            "duplicate_of": self.duplicate_of or None,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """One document matching a query: plain data, never a Whoosh object."""

    id: str
    title: str
    score: float
    snippet: str
    snippet_spans: tuple[Span, ...]  # offsets into ``snippet`` of the matched words
    hits: tuple[Span, ...]  # offsets into the document text of every matched word
    source: str = ""
    parts: tuple[str, ...] = ()  # per hit, the page or chapter it is on ("p. 2"), if the file has them
    date: str = ""  # ISO 8601, "" when unknown

    def to_dict(self) -> dict[str, Any]:
        hits: list[dict[str, Any]] = [{"start": s.start, "end": s.end} for s in self.hits]
        for hit, label in zip(hits, self.parts, strict=False):
            if label:
                hit["part"] = label
        return {
            "id": self.id,
            "title": self.title,
            "score": round(self.score, 4),
            "date": self.date or None,
            "source": self.source,
            "snippet": self.snippet,
            "hits": hits,
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to a query: hits, or a readable error, plus a "did you mean" suggestion."""

    query: str
    hits: tuple[Hit, ...] = ()
    total: int = 0
    suggestion: str | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    also: tuple[str, ...] = ()  # other spellings of a name in the query that the search matched
    months: tuple[tuple[str, int], ...] = ()  # ("2024-08", hits) when asked for a timeline
    sources: tuple[tuple[str, int], ...] = ()  # ("KCNA", hits), most first, with the timeline

    def to_dict(self) -> dict[str, Any]:
        """The hits as ``Hit.to_dict`` gives them (what ``nkterm search --json`` prints), each
        with its snippet's match offsets, and the rest of the answer."""
        return {
            "query": self.query,
            "hits": [
                {**h.to_dict(), "snippet_hits": [s.to_dict() for s in h.snippet_spans]} for h in self.hits
            ],
            "total": self.total,
            "suggestion": self.suggestion,
            "also": list(self.also),
            "months": [list(m) for m in self.months],
            "sources": [list(m) for m in self.sources],
            "error": self.error,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }
