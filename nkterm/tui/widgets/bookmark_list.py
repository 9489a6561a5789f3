"""``BookmarkList``: the bookmarks panel's list, grouped by document, orphans last.

Three lines a row. A document row (title, then its source and how many bookmarks) heads each
group; the cursor steps over it. A bookmark row shows the quote, the note, then tags, the
claim it was made on, where it was found and when it was saved. An orphan (its passage is no
longer in the document) shows its saved quote and the document it came from. ``rows_for``
builds the rows from anchored bookmarks (pure, tested on its own); the panel owns the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.message import Message

from nkterm.bookmarks import Bookmark
from nkterm.models import DocSummary
from nkterm.render import KIND_TAGS, one_line
from nkterm.tui.view.marks import BOOKMARK_GUTTER
from nkterm.tui.widgets.row_list import RowList

CHANGED_SYMBOL = "◇"  # found, but the text there changed since it was saved
ORPHAN_SYMBOL = "?"


@dataclass(frozen=True)
class GroupRow:
    """A heading: a document (``doc_id`` set), or the orphans (``doc_id`` None)."""

    title: str
    meta: str
    doc_id: str | None = None


@dataclass(frozen=True)
class BookmarkRow:
    bookmark: Bookmark
    title: str  # the document's title (shown on orphans)


Row = GroupRow | BookmarkRow


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def rows_for(bookmarks: Iterable[Bookmark], summaries: Mapping[str, DocSummary]) -> list[Row]:
    """Groups by document title (then id), bookmarks in reading order; orphans at the end."""
    placed: dict[str, list[Bookmark]] = {}
    orphans: list[Bookmark] = []
    for b in bookmarks:
        if b.orphan:
            orphans.append(b)
        else:
            placed.setdefault(b.doc_id, []).append(b)

    def title_of(doc_id: str) -> str:
        summary = summaries.get(doc_id)
        return summary.title if summary is not None and summary.title else doc_id

    rows: list[Row] = []
    for doc_id in sorted(placed, key=lambda d: (title_of(d).casefold(), d)):
        group = sorted(placed[doc_id], key=lambda b: (b.span.start if b.span else 0, b.created, b.id))
        summary = summaries.get(doc_id)
        source = summary.source if summary is not None and summary.source else doc_id
        rows.append(GroupRow(title_of(doc_id), f"{source} · {_plural(len(group), 'bookmark')}", doc_id))
        rows.extend(BookmarkRow(b, title_of(doc_id)) for b in group)
    if orphans:
        rows.append(
            GroupRow(
                f"Orphans · {_plural(len(orphans), 'bookmark')} whose passage is no longer in the text",
                "kept with the quote as it was saved; enter opens the document",
            )
        )
        orphans.sort(key=lambda b: (title_of(b.doc_id).casefold(), b.created, b.id))
        rows.extend(BookmarkRow(b, title_of(b.doc_id)) for b in orphans)
    return rows


class BookmarkList(RowList):
    ROW_HEIGHT = 3
    EMPTY_TEXT = "no bookmarks yet: b in the reader bookmarks the sentence under the cursor"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bookmark-list--title",
        "bookmark-list--meta",
        "bookmark-list--symbol",
        "bookmark-list--changed",
        "bookmark-list--orphan",
        "bookmark-list--quote",
        "bookmark-list--note",
        "bookmark-list--no-note",
        "bookmark-list--tags",
    }

    class Chosen(Message):
        """Enter (or a click) on a bookmark."""

        def __init__(self, bookmark: Bookmark) -> None:
            super().__init__()
            self.bookmark = bookmark

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.empty_message: str | None = None

    def row_count(self) -> int:
        return len(self.rows)

    def empty_text(self) -> str:
        return self.empty_message or self.EMPTY_TEXT

    def show(self, rows: list[Row], keep: str | None = None, at: int | None = None) -> None:
        """New rows; the cursor on bookmark ``keep`` if still there, else near row ``at``."""
        self.rows = rows
        target = next(
            (i for i, r in enumerate(rows) if isinstance(r, BookmarkRow) and r.bookmark.id == keep), None
        )
        if target is None:
            target = at if at is not None else 0
        self.reset_rows(0)
        self.select(self._selectable(max(0, min(target, len(rows) - 1)), 1), notify=False)

    @property
    def current(self) -> Bookmark | None:
        if not self.rows or not 0 <= self.cursor < len(self.rows):
            return None
        row = self.rows[self.cursor]
        return row.bookmark if isinstance(row, BookmarkRow) else None

    def _selectable(self, row: int, direction: int) -> int:
        """The nearest bookmark row from ``row`` going ``direction`` (then the other way)."""
        for step in (direction, -direction):
            i = row
            while 0 <= i < len(self.rows):
                if isinstance(self.rows[i], BookmarkRow):
                    return i
                i += step
        return row

    def select(self, row: int, *, notify: bool = True) -> None:
        if self.rows:
            row = max(0, min(row, len(self.rows) - 1))
            row = self._selectable(row, 1 if row >= self.cursor else -1)
        super().select(row, notify=notify)
        # the first bookmark of a group: bring its document's heading into view too
        if 0 < self.cursor < len(self.rows) and isinstance(self.rows[self.cursor - 1], GroupRow):
            heading = (self.cursor - 1) * self.ROW_HEIGHT
            if heading < self.scroll_offset.y:
                self.scroll_to(y=heading, animate=False)

    def row_chosen(self, row: int) -> None:
        item = self.rows[row]
        if isinstance(item, BookmarkRow):
            self.post_message(self.Chosen(item.bookmark))

    # .. rendering ..

    def render_row(self, row: int, line: int, width: int) -> Text:
        item = self.rows[row]
        if isinstance(item, GroupRow):
            if line == 0:
                return Text()
            if line == 1:
                return Text(" " + one_line(item.title), style=self._style("bookmark-list--title"))
            return Text(" " + one_line(item.meta), style=self._style("bookmark-list--meta"))
        b = item.bookmark
        if line == 0:
            return self._quote_line(b)
        if line == 1:
            note = one_line(b.note)
            if note:
                return Text("     " + note, style=self._style("bookmark-list--note"))
            return Text("     no note (e adds one)", style=self._style("bookmark-list--no-note"))
        return self._meta_line(b, item.title)

    def _quote_line(self, b: Bookmark) -> Text:
        status = b.anchor.status if b.anchor is not None else "exact"
        if b.orphan:
            symbol, symbol_style = ORPHAN_SYMBOL, "bookmark-list--orphan"
        elif status == "fuzzy":
            symbol, symbol_style = CHANGED_SYMBOL, "bookmark-list--changed"
        else:
            symbol, symbol_style = BOOKMARK_GUTTER, "bookmark-list--symbol"
        out = Text("   ")
        out.append(symbol, style=self._style(symbol_style))
        out.append(" ")
        out.append(f"“{one_line(b.quote.exact)}”", style=self._style("bookmark-list--quote"))
        return out

    def _meta_line(self, b: Bookmark, title: str) -> Text:
        meta = self._style("bookmark-list--meta")
        out = Text("     ")
        parts: list[tuple[str, str]] = []
        if b.anchor is not None and b.anchor.status == "missing":
            parts.append((f"from {one_line(title)}: the document is missing", "bookmark-list--orphan"))
        elif b.orphan:
            parts.append((f"from {one_line(title)}", "bookmark-list--meta"))
        if b.tags:
            parts.append((" ".join(f"#{one_line(t)}" for t in b.tags), "bookmark-list--tags"))
        if b.claim is not None:
            kinds = " ".join(KIND_TAGS.get(k, k) for k in b.claim.kinds)
            parts.append((f"claim {kinds}".rstrip(), "bookmark-list--meta"))
        if b.anchor is not None and b.anchor.status == "moved":
            parts.append(("moved in the text", "bookmark-list--meta"))
        elif b.anchor is not None and b.anchor.status == "fuzzy":
            parts.append((f"the text changed here ({b.anchor.score:.0%} alike)", "bookmark-list--changed"))
        parts.append((f"saved {b.updated:%Y-%m-%d %H:%M}", "bookmark-list--meta"))
        for i, (text, style) in enumerate(parts):
            if i:
                out.append(" · ", style=meta)
            out.append(text, style=self._style(style))
        return out
