"""The document list pane: a filter box over a sortable list of every document.

``DocumentList`` shows each document's title, source, word count and claim counts (from the
index manifest, never a file). ``DocumentsPane`` owns the filter ``Input`` and the list and
wires one to the other; choosing a document posts ``DocumentChosen`` to the screen. Titles and
sources are shown literally (``render.safe`` + ``Text``), never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from nkterm.config import SORT_KEYS
from nkterm.messages import DocumentChosen
from nkterm.models import DocSummary
from nkterm.render import one_line
from nkterm.widgets.row_list import RowList

SORT_LABELS = {"title": "title", "words": "words", "claims": "claims"}


def sort_summaries(summaries: list[DocSummary], key: str) -> list[DocSummary]:
    if key == "words":
        return sorted(summaries, key=lambda s: (-s.words, s.title.casefold(), s.id))
    if key == "claims":
        return sorted(summaries, key=lambda s: (-s.claims, -s.check_worthy, s.title.casefold(), s.id))
    return sorted(summaries, key=lambda s: (s.title.casefold(), s.id))


def filter_summaries(summaries: list[DocSummary], text: str) -> list[DocSummary]:
    """Documents whose title, source or id contain every word of ``text`` (any case)."""
    words = text.casefold().split()
    if not words:
        return summaries
    return [s for s in summaries if all(w in f"{s.title}\n{s.source}\n{s.id}".casefold() for w in words)]


class DocumentList(RowList):
    """Two lines a document: the title, then source, words and claims."""

    ROW_HEIGHT = 2
    EMPTY_TEXT = "no documents"

    COMPONENT_CLASSES: ClassVar[set[str]] = {"document-list--title", "document-list--meta"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocSummary] = []
        self.waiting = True

    def row_count(self) -> int:
        return len(self.rows)

    def empty_text(self) -> str:
        return "loading the document list…" if self.waiting else self.EMPTY_TEXT

    def render_row(self, row: int, line: int, width: int) -> Text:
        summary = self.rows[row]
        if line == 0:
            return Text(" " + one_line(summary.title), style=self._style("document-list--title"))
        meta = self._style("document-list--meta")
        words, claims, strong = f"{summary.words:,}", summary.claims, summary.check_worthy
        # one format for the whole list (by its width), so the columns line up
        if width >= 72:
            right = f"{words:>7} words {claims:>4} claims {strong:>4} check-worthy"
        elif width >= 52:
            right = f"{words:>7} words {claims:>4} claims {strong:>4} cw"
        else:
            right = f"{words:>7}w {claims:>3}c {strong:>3}cw"
        source = one_line(summary.source or summary.id)
        room = max(0, width - len(right) - 4)
        if len(source) > room:
            source = source[: max(0, room - 1)] + "…" if room else ""
        return Text("   " + source.ljust(room) + " " + right, style=meta)

    def row_highlighted(self, row: int) -> None:
        pass

    def row_chosen(self, row: int) -> None:
        self.post_message(DocumentChosen(self.rows[row].id))

    def current_id(self) -> str | None:
        return self.rows[self.cursor].id if self.rows else None

    def show(self, rows: list[DocSummary], keep: str | None) -> None:
        self.waiting = False
        self.rows = rows
        cursor = next((i for i, s in enumerate(rows) if s.id == keep), 0) if keep else 0
        self.reset_rows(cursor)


class DocumentsPane(Vertical):
    """The filter box, the sort/filter status line and the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s", "cycle_sort", "sort", tooltip="sort the list by title, words or claims", id="documents.sort"
        ),
        Binding(
            "f",
            "filter",
            "filter",
            tooltip="type to filter by title, source or id; esc clears",
            id="documents.filter",
        ),
    ]

    def __init__(self, *, sort: str = "title", id: str | None = None) -> None:
        super().__init__(id=id)
        self.summaries: list[DocSummary] = []
        self.sort_key = sort if sort in SORT_KEYS else "title"

    def compose(self) -> ComposeResult:
        yield Static(id="documents-title", markup=False)
        yield Input(placeholder="filter (f): words of title/source", id="documents-filter")
        yield DocumentList(id="documents-list")

    def on_mount(self) -> None:
        self._update_title()

    @property
    def list_view(self) -> DocumentList:
        return self.query_one(DocumentList)

    def set_summaries(self, summaries: list[DocSummary]) -> None:
        self.summaries = summaries
        self._apply()

    def _apply(self) -> None:
        doc_list = self.list_view
        keep = doc_list.current_id()
        text = self.query_one("#documents-filter", Input).value
        doc_list.show(sort_summaries(filter_summaries(self.summaries, text), self.sort_key), keep)
        self._update_title()

    def _update_title(self) -> None:
        shown, total = len(self.list_view.rows), len(self.summaries)
        count = f"{total:,}" if shown == total else f"{shown:,} of {total:,}"
        self.query_one("#documents-title", Static).update(
            Text(f"Documents ({count}) · by {SORT_LABELS[self.sort_key]}", no_wrap=True, overflow="ellipsis"),
            layout=False,
        )

    def select_id(self, doc_id: str) -> None:
        doc_list = self.list_view
        for i, summary in enumerate(doc_list.rows):
            if summary.id == doc_id:
                doc_list.select(i, notify=False)
                return

    def action_cycle_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self._apply()

    def action_filter(self) -> None:
        self.query_one("#documents-filter", Input).focus()

    @on(Input.Changed, "#documents-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply()

    @on(Input.Submitted, "#documents-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        """Enter in the filter opens the document under the list's cursor."""
        event.stop()
        doc_list = self.list_view
        if doc_list.rows:
            # posted from here: a message created while this pane handles one stops at it
            self.post_message(DocumentChosen(doc_list.rows[doc_list.cursor].id))
        else:
            doc_list.focus()

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#documents-filter", Input)
        if not box.has_focus:
            return
        if event.key == "escape":
            event.stop()
            box.value = ""
            self.list_view.focus()
        elif event.key == "down":
            event.stop()
            self.list_view.focus()
