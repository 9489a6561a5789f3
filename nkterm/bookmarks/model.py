"""Bookmark data: the W3C Web Annotation-style selectors, the bookmark itself, its anchor, errors.

Owns the plain dataclasses and their mapping to and from the YAML record a person may edit by
hand (``record_of`` / ``bookmark_from_record``, which reports every wrong field of an entry).
Must not import Textual or Whoosh, nor anything that touches the disk.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from nkterm.models import Claim, Span

CONTEXT_CHARS = 32  # characters of prefix and suffix kept around a quote

AnchorStatus = Literal["exact", "moved", "fuzzy", "orphan", "missing"]

# The record keys, in the order they are written. Anything else in an entry is kept as is.
RECORD_KEYS: tuple[str, ...] = (
    "id",
    "doc_id",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "note",
    "tags",
    "claim",
    "created",
    "updated",
)

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class BookmarksError(Exception):
    """Any bookmark failure that a person should read: the message is the whole story."""


class BookmarksReadOnly(BookmarksError):
    """The file on disk is broken or newer than this nkterm: it is never overwritten."""


class BookmarksLocked(BookmarksError):
    """Another process held the bookmark lock for longer than the timeout."""


class BookmarksWriteError(BookmarksError):
    """Saving failed (disk full, permissions...); the previous file is unchanged."""


class BookmarkNotFound(BookmarksError, KeyError):
    """No bookmark with that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InvalidBookmark(BookmarksError, ValueError):
    """Arguments that cannot make a bookmark (empty or out-of-range passage, bad tag...)."""


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """The quoted passage with some context either side (W3C ``TextQuoteSelector``)."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    """Half-open character offsets ``[start, end)`` into the text (W3C ``TextPositionSelector``)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """The claim the bookmark was made on, if any: its offsets and kinds when bookmarked."""

    start: int
    end: int
    kinds: tuple[str, ...] = ()

    @classmethod
    def of(cls, claim: Claim | ClaimRef) -> ClaimRef:
        if isinstance(claim, ClaimRef):
            return claim
        return cls(claim.start, claim.end, tuple(claim.kinds))


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a bookmark sits in the current text of its document.

    ``exact``: found at its saved position; ``moved``: the same quote found elsewhere;
    ``fuzzy``: a close but changed passage (``score`` is the similarity, 0..1); ``orphan``: not
    found (``span`` is None) and kept with its saved quote; ``missing``: the document itself is
    not in the corpus (deleted or renamed), the bookmark kept as an orphan; ``reason`` says why.
    """

    status: AnchorStatus
    span: Span | None = None
    score: float = 0.0
    reason: str = ""

    @property
    def orphan(self) -> bool:
        return self.span is None


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked passage of one document, with the user's note and tags.

    ``anchor`` is filled by re-anchoring against the document's current text (it is not saved);
    ``extra`` keeps any keys a person added to the entry by hand, so saving never loses them.
    """

    id: str
    doc_id: str
    quote: TextQuoteSelector
    position: TextPositionSelector
    created: _dt.datetime
    updated: _dt.datetime
    note: str = ""
    tags: tuple[str, ...] = ()
    claim: ClaimRef | None = None
    anchor: Anchor | None = field(default=None, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def exact(self) -> str:
        return self.quote.exact

    @property
    def orphan(self) -> bool:
        return self.anchor is not None and self.anchor.orphan

    @property
    def span(self) -> Span | None:
        """The anchored span when anchored, else the saved position."""
        if self.anchor is not None:
            return self.anchor.span
        return Span(self.position.start, self.position.end)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the saved record, plus the anchor when known."""
        data = record_of(self)
        if self.anchor is not None:
            span = self.anchor.span
            data["anchor"] = {
                "status": self.anchor.status,
                "start": span.start if span else None,
                "end": span.end if span else None,
                "score": round(self.anchor.score, 4),
            }
        return data


def now() -> _dt.datetime:
    """The current local time, timezone-aware, to the second (what the file shows)."""
    return _dt.datetime.now().astimezone().replace(microsecond=0)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def valid_id(value: str) -> bool:
    """Ids are short and plain: letters, digits, '_', '.', '-' (at most 64)."""
    return bool(_ID_RE.match(value))


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty, first spelling kept, duplicates (case-insensitive) dropped."""
    if isinstance(tags, str):
        raise InvalidBookmark(f"tags must be a list of strings, not the string {tags!r}")
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise InvalidBookmark(f"tag {tag!r} is not a string")
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def quote_at(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuoteSelector:
    """The quote selector for ``text[start:end]`` with ``context`` characters either side."""
    return TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def format_time(value: _dt.datetime) -> str:
    return value.isoformat()


def parse_time(value: object) -> _dt.datetime:
    """A timezone-aware datetime from an ISO-8601 string (or a YAML timestamp); naive = local."""
    if isinstance(value, _dt.datetime):
        parsed = value
    elif isinstance(value, str):
        parsed = _dt.datetime.fromisoformat(value.strip())
    else:
        raise ValueError(f"expected an ISO-8601 date and time, got {value!r}")
    return parsed if parsed.tzinfo is not None else parsed.astimezone()


def record_of(bookmark: Bookmark) -> dict[str, Any]:
    """The YAML record: readable keys in a fixed order, extra keys kept after them."""
    record: dict[str, Any] = {
        "id": bookmark.id,
        "doc_id": bookmark.doc_id,
        "exact": bookmark.quote.exact,
        "prefix": bookmark.quote.prefix,
        "suffix": bookmark.quote.suffix,
        "start": bookmark.position.start,
        "end": bookmark.position.end,
        "note": bookmark.note,
        "tags": list(bookmark.tags),
    }
    if bookmark.claim is not None:
        record["claim"] = {
            "start": bookmark.claim.start,
            "end": bookmark.claim.end,
            "kinds": list(bookmark.claim.kinds),
        }
    record["created"] = format_time(bookmark.created)
    record["updated"] = format_time(bookmark.updated)
    for key, value in bookmark.extra.items():
        if key not in record:
            record[key] = value
    return record


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def bookmark_from_record(
    record: object, default_time: _dt.datetime | None = None
) -> tuple[Bookmark | None, list[str]]:
    """Validate one record. Returns the bookmark, or None and the list of what is wrong.

    Lenient only where the intent is plain: a missing prefix/suffix/note/tags is empty,
    ``note: null`` is empty, tags written as ``"a, b"`` are two tags, missing times are
    ``default_time``. Everything else that has the wrong type is an error, named by key.
    """
    if not isinstance(record, Mapping):
        return None, [f"expected a mapping of fields, got {type(record).__name__}"]
    errors: list[str] = []

    def text_field(key: str, required: bool = False, allow_empty: bool = True) -> str:
        if key not in record or record[key] is None:
            if required:
                errors.append(f"'{key}' is missing")
            return ""
        value = record[key]
        if not isinstance(value, str):  # the check also tells mypy it is a str below
            errors.append(f"'{key}' must be text, got {value!r}")
            return ""
        if not allow_empty and not value:
            errors.append(f"'{key}' must not be empty")
        return value

    def int_field(key: str) -> int:
        value = record.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            what = "is missing" if value is None else f"must be a whole number >= 0, got {value!r}"
            errors.append(f"'{key}' {what}")
            return 0
        return value

    bookmark_id = text_field("id", required=True, allow_empty=False)
    if bookmark_id and not valid_id(bookmark_id):
        errors.append(f"'id' {bookmark_id!r} must be letters, digits, '_', '.' or '-'")
    doc_id = text_field("doc_id", required=True, allow_empty=False)
    exact = text_field("exact", required=True, allow_empty=False)
    prefix, suffix, note = text_field("prefix"), text_field("suffix"), text_field("note")
    start, end = int_field("start"), int_field("end")
    if start > end:
        errors.append(f"'start' ({start}) is after 'end' ({end})")

    tags: tuple[str, ...] = ()
    raw_tags = record.get("tags")
    if isinstance(raw_tags, str):
        raw_tags = raw_tags.split(",")
    if raw_tags is not None:
        if isinstance(raw_tags, list) and all(isinstance(t, str) for t in raw_tags):
            tags = clean_tags(raw_tags)
        else:
            errors.append(f"'tags' must be a list of text, got {raw_tags!r}")

    claim: ClaimRef | None = None
    raw_claim = record.get("claim")
    if raw_claim is not None:
        kinds = raw_claim.get("kinds", []) if isinstance(raw_claim, Mapping) else None
        if (
            isinstance(raw_claim, Mapping)
            and _is_int(raw_claim.get("start"))
            and _is_int(raw_claim.get("end"))
            and isinstance(kinds, list)
            and all(isinstance(k, str) for k in kinds)
        ):
            claim = ClaimRef(int(raw_claim["start"]), int(raw_claim["end"]), tuple(kinds))
        else:
            errors.append(f"'claim' must be {{start, end, kinds}}, got {raw_claim!r}")

    times: dict[str, _dt.datetime] = {}
    for key in ("created", "updated"):
        value = record.get(key)
        if value is None and default_time is not None:
            times[key] = default_time
            continue
        try:
            times[key] = parse_time(value)
        except (ValueError, TypeError):
            errors.append(f"'{key}' must be an ISO-8601 date and time, got {value!r}")

    if errors:
        return None, errors
    extra = {str(k): v for k, v in record.items() if k not in RECORD_KEYS}
    return (
        Bookmark(
            id=bookmark_id,
            doc_id=doc_id,
            quote=TextQuoteSelector(exact, prefix, suffix),
            position=TextPositionSelector(start, end),
            created=times["created"],
            updated=times["updated"],
            note=note,
            tags=tags,
            claim=claim,
            extra=extra,
        ),
        [],
    )
