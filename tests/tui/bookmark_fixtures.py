"""Helpers for the bookmark tests: real bookmarks in the per-test NKTERM_DATA store, made with
``BookmarkStore`` on sentences of the real (indexed) seed documents."""

from __future__ import annotations

import re
from pathlib import Path

from nkterm.bookmarks import Bookmark, BookmarkStore, default_path
from nkterm.index import Index
from nkterm.models import Document, Span
from nkterm.text import sentences
from nkterm.tui.widgets.document_view import DocumentView

FIXED_TIME = "2025-03-01T10:00:00+00:00"
GUTTER_MARK_COLUMN = 5  # the reader gutter's last cell holds a mark's symbol


def document(env: tuple[Path, Path], doc_id: str) -> Document:
    index = Index(*env)
    try:
        return index.document(doc_id)
    finally:
        index.close()


def sentence_spans(env: tuple[Path, Path], doc_id: str) -> list[Span]:
    return sentences(document(env, doc_id).text)


def bookmark_sentence(
    env: tuple[Path, Path], doc_id: str, number: int, note: str = "", tags: tuple[str, ...] = ()
) -> Bookmark:
    """Bookmark sentence ``number`` (0-based) of ``doc_id`` as the CLI or another nkterm would."""
    doc = document(env, doc_id)
    span = sentences(doc.text)[number]
    return BookmarkStore().add(doc, span.start, span.end, note, tags)


def fix_times(path: Path | None = None) -> None:
    """Rewrite every created/updated time in the bookmarks file (for stable pictures)."""
    path = path or default_path()
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(created|updated): .*", rf"\1: '{FIXED_TIME}'", text), encoding="utf-8")


def saved() -> list[Bookmark]:
    """What the bookmarks file holds now (read fresh, as another process would)."""
    return list(BookmarkStore().load())


def gutter_marks(reader: DocumentView) -> dict[int, str]:
    """The mark column of every text line on screen: {line index: symbol or " "}."""
    wrapped = reader._wrapped
    assert wrapped is not None
    out = {}
    for y in range(reader.scrollable_content_region.height):
        line = reader.scroll_offset.y + y
        if line >= len(wrapped) or line in wrapped.decor:
            continue
        text = "".join(segment.text for segment in reader.render_line(y))
        out[line] = text[GUTTER_MARK_COLUMN]
    return out


def lines_of(reader: DocumentView, span: Span) -> list[int]:
    """The text lines (not the blank ones between paragraphs) showing ``span``."""
    wrapped = reader._wrapped
    assert wrapped is not None
    first, last = wrapped.lines_of(span)
    return [line for line in range(first, last + 1) if line not in wrapped.decor]
