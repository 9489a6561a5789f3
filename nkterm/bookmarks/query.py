"""Finding bookmarks by what a person types: the bookmarks panel's filter and the search bar's
``bookmark:`` / ``btag:`` queries.

Owns the little query language (words, ``"a phrase"``, ``tag:x``; in the search bar
``bookmark:word`` and ``btag:x``, because ``tag:`` there means a document's tags) and turns
matching bookmarks into ``SearchResult`` hits, so the reader opens them like any search hit:
the passage is the hit. Pure functions over bookmarks and documents: must not import Textual
or Whoosh, nor touch the disk (the caller resolves documents).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from nkterm.bookmarks.anchoring import locate
from nkterm.bookmarks.model import Bookmark
from nkterm.models import Document, Hit, SearchResult, Span

# A search-bar query starting with one of these searches the bookmarks, not the documents.
SEARCH_PREFIXES: tuple[str, ...] = ("bookmark:", "btag:")
TAG_FIELDS: tuple[str, ...] = ("tag", "btag", "tags")
TEXT_FIELDS: tuple[str, ...] = ("bookmark", "bookmarks", "text", "note")
SNIPPET_CHARS = 240

_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S*))')

Resolver = Callable[[str], "Document | None"]


@dataclass(frozen=True, slots=True)
class BookmarkQuery:
    """Every word must be in the quote, the note or a tag (ignoring case); every tag must be
    one of the bookmark's tags (ignoring case)."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.tags)


def is_bookmark_search(text: str) -> bool:
    """Whether a search-bar query is about bookmarks (``bookmark:...`` or ``btag:...``)."""
    return text.strip().casefold().startswith(SEARCH_PREFIXES)


def parse_query(text: str) -> BookmarkQuery:
    """Words, ``"phrases"``, ``tag:x`` / ``btag:x`` and ``bookmark:word``. An empty value
    (``bookmark:`` alone) matches everything; an unknown ``field:`` is read as a word."""
    words: list[str] = []
    tags: list[str] = []
    for match in _TOKEN.finditer(text):
        if not match.group(0):
            continue
        field, phrase, word = match.group(1), match.group(2), match.group(3)
        value = (phrase if phrase is not None else word or "").strip()
        name = field.casefold() if field else None
        if name in TAG_FIELDS:
            if value:
                tags.append(value.casefold())
        elif name in TEXT_FIELDS or name is None:
            if value:
                words.append(value.casefold())
        else:  # "http://..." or "10:30": not a field of ours, so plain text
            words.append(match.group(0).strip('"').casefold())
    return BookmarkQuery(tuple(words), tuple(tags))


def matches(bookmark: Bookmark, query: BookmarkQuery) -> bool:
    if query.tags:
        own = {t.casefold() for t in bookmark.tags}
        if not all(t in own for t in query.tags):
            return False
    if query.words:
        haystack = "\n".join((bookmark.quote.exact, bookmark.note, *bookmark.tags)).casefold()
        if not all(w in haystack for w in query.words):
            return False
    return True


def filter_bookmarks(bookmarks: Iterable[Bookmark], text: str) -> list[Bookmark]:
    query = parse_query(text)
    return [b for b in bookmarks if matches(b, query)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _found(text: str, words: Sequence[str], offset: int) -> list[Span]:
    """Where ``words`` occur in ``text`` (ignoring case), shifted by ``offset``."""
    folded = text.casefold()
    spans = []
    if len(folded) != len(text):  # a letter whose case-fold changes length: no highlights
        return []
    for word in words:
        at = folded.find(word)
        while at != -1 and word:
            spans.append(Span(offset + at, offset + at + len(word)))
            at = folded.find(word, at + len(word))
    return sorted(spans, key=lambda s: s.start)


def snippet_of(bookmark: Bookmark, words: Sequence[str] = ()) -> tuple[str, tuple[Span, ...]]:
    """“quote” — note · #tags, on one line, with the matched words' spans."""
    quote = _one_line(bookmark.quote.exact)
    if len(quote) > SNIPPET_CHARS:
        quote = quote[: SNIPPET_CHARS - 1] + "…"
    out = f"“{quote}”"
    spans = _found(quote, words, 1)
    note = _one_line(bookmark.note)
    if note:
        spans += _found(note, words, len(out) + 3)
        out += f" — {note}"
    if bookmark.tags:
        tags = " ".join(f"#{t}" for t in bookmark.tags)
        spans += _found(tags, words, len(out) + 3)
        out += f" · {tags}"
    return out, tuple(spans)


def search_bookmarks(
    bookmarks: Iterable[Bookmark], text: str, resolve: Resolver, *, limit: int = 40
) -> SearchResult:
    """The bookmarks matching a search-bar query, as hits: one per bookmark, the bookmarked
    passage (re-anchored in the document's current text) as its only hit offset. Orphans
    come last, with no offset. Ordered by document title, then place in the text."""
    started = time.perf_counter()
    query = parse_query(text)
    docs: dict[str, Document | None] = {}
    found: list[tuple[tuple[int, str, int], Hit]] = []
    for bookmark in bookmarks:
        if not matches(bookmark, query):
            continue
        if bookmark.doc_id not in docs:
            docs[bookmark.doc_id] = resolve(bookmark.doc_id)
        doc = docs[bookmark.doc_id]
        anchor = locate(doc.text, bookmark.quote, bookmark.position) if doc is not None else None
        placed = replace(bookmark, anchor=anchor) if anchor is not None else bookmark
        span = anchor.span if anchor is not None else None
        snippet, snippet_spans = snippet_of(placed, query.words)
        title = doc.title if doc is not None and doc.title else bookmark.doc_id
        key = (1 if span is None else 0, title.casefold(), span.start if span else 0)
        found.append(
            (
                key,
                Hit(
                    id=bookmark.doc_id,
                    title=title,
                    score=1.0,
                    snippet=snippet,
                    snippet_spans=snippet_spans,
                    hits=(span,) if span is not None else (),
                    source=doc.source if doc is not None else "",
                ),
            )
        )
    found.sort(key=lambda pair: pair[0])
    hits = tuple(hit for _, hit in found[:limit])
    return SearchResult(
        query=text.strip(),
        hits=hits,
        total=len(found),
        elapsed_ms=(time.perf_counter() - started) * 1000,
    )


def split_tags(text: str) -> tuple[str, ...]:
    """Tags as typed in the bookmark dialog: separated by commas or spaces, a leading ``#``
    dropped, duplicates (ignoring case) dropped."""
    seen: set[str] = set()
    out: list[str] = []
    for piece in re.split(r"[,\s]+", text):
        tag = piece.strip().lstrip("#")
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)
