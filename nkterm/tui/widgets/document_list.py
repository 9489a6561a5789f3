"""The document list pane: a timeline and a filter box over a sortable list of every document.

``DocumentList`` shows each document's title, date, source, word count and claim counts (from
the index manifest, never a file), and marks byte-identical duplicates. ``DocumentsPane`` owns
the timeline (documents per month; while a search is active, its hits per month), the filter
``Input`` and the list and wires one to the other; choosing a document posts
``DocumentChosen`` to the screen, choosing a month puts ``date:YYYY-MM`` in the filter (which
also takes ``source:name``: both match as text against each row).
``Listing`` and ``ListFilter`` keep the typing fast at 100,000 rows: each sort order is made
once, and a key that only adds to the filter text narrows the rows already shown. Titles and
sources are shown literally (``render.safe`` + ``Text``), never parsed as markup.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from nkterm.listing import SORT_KEYS, SORT_LABELS, Timeline, sort_summaries
from nkterm.models import DocSummary
from nkterm.render import one_line
from nkterm.tui.messages import DocumentChosen
from nkterm.tui.view.listing import DATE_WORD, ListFilter, Listing
from nkterm.tui.widgets.row_list import RowList
from nkterm.tui.widgets.timeline import TimelineBars

__all__ = ["SORT_LABELS", "DocumentList", "DocumentsPane", "ListFilter", "Listing", "sort_summaries"]


class DocumentList(RowList):
    """Two lines a document: the title, then date, source, words and claims."""

    ROW_HEIGHT = 2
    EMPTY_TEXT = "no documents"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-list--title",
        "document-list--meta",
        "document-list--duplicate",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocSummary] = []
        self.waiting = True
        self.dated = False  # whether any document of the corpus has a date

    def row_count(self) -> int:
        return len(self.rows)

    def empty_text(self) -> str:
        return "loading the document list…" if self.waiting else self.EMPTY_TEXT

    def render_row(self, row: int, line: int, width: int) -> Text:
        summary = self.rows[row]
        if line == 0:
            out = Text(" " + one_line(summary.title), style=self._style("document-list--title"))
            if summary.duplicate_of:
                out.append(" ≡ duplicate", style=self._style("document-list--duplicate"))
            return out
        meta = self._style("document-list--meta")
        words, claims, strong = f"{summary.words:,}", summary.claims, summary.check_worthy
        # one format for the whole list (by its width), so the columns line up
        if width >= 72:
            right = f"{words:>7} words {claims:>4} claims {strong:>4} check-worthy"
        elif width >= 52:
            right = f"{words:>7} words {claims:>4} claims {strong:>4} cw"
        elif self.dated:  # the date takes the room of the check-worthy count
            right = f"{words:>6}w {claims:>3}c"
        else:
            right = f"{words:>7}w {claims:>3}c {strong:>3}cw"
        source = one_line(summary.source or summary.id)
        if self.dated:  # a date column when any document has one
            source = (summary.date or "undated".ljust(10)) + "  " + source
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


# the list's first state below 100 columns, when it fills the screen and the reader's welcome
# ("Choose a document in the list (enter) or search with /") is hidden; at most 78 columns
HINT = "j k choose a document, enter opens it · / searches the text · ? every key"


class DocumentsPane(Vertical):
    """The filter box, the sort/filter status line and the list; and ``HINT`` above them while
    the list is all the screen shows and no document has been opened (the stylesheet shows it
    on a ``-list-only`` screen until the screen calls ``document_opened``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "cycle_sort",
            "sort",
            tooltip="sort the list by title, date (newest, oldest), words or claims",
            id="documents.sort",
        ),
        Binding(
            "t",
            "timeline",
            "timeline",
            tooltip="choose a month on the timeline (←→, enter filters the list to it)",
            id="documents.timeline",
        ),
        Binding(
            "f",
            "filter",
            "filter",
            tooltip="type to filter by title, source or id; esc clears",
            id="documents.filter",
        ),
        # with priority, enter in the filter opens as it arrives: the input's own enter ran after
        # the keys typed behind it ("f", "oil", enter, j typed fast filtered for "oilj")
        Binding("enter", "open_filtered", "open", priority=True, id="documents.open-filtered"),
    ]

    def __init__(self, *, sort: str = "title", id: str | None = None) -> None:
        super().__init__(id=id)
        self.summaries: list[DocSummary] = []
        self.sort_key = sort if sort in SORT_KEYS else "title"
        self.listing = Listing([])
        self._filter: ListFilter | None = None
        self.search_months: tuple[tuple[str, int], ...] | None = None
        self.months: frozenset[str] | None = None  # chosen on the timeline, beside the filter text

    def compose(self) -> ComposeResult:
        yield Static(id="documents-title", markup=False)
        yield Static(HINT, id="documents-hint", markup=False)
        yield TimelineBars(id="documents-timeline")
        yield Input(placeholder="filter (f): words, date:2024-08, source:kcna", id="documents-filter")
        yield DocumentList(id="documents-list")

    def on_mount(self) -> None:
        self.timeline.display = False  # until there are dates to draw
        self._update_title()

    def document_opened(self) -> None:
        """A document was opened: the user knows how now, ``HINT`` goes for good."""
        self.add_class("-read")

    @property
    def list_view(self) -> DocumentList:
        return self.query_one(DocumentList)

    def set_summaries(self, summaries: list[DocSummary]) -> None:
        self.summaries = summaries
        self.listing = Listing(summaries)  # sorted here, once per sort key
        self._filter = None
        self.list_view.dated = any(s.date for s in summaries)
        self._apply()
        if self.search_months is None:
            self._set_timeline(Timeline.of_dates(s.date for s in summaries), "documents")

    @property
    def timeline(self) -> TimelineBars:
        return self.query_one(TimelineBars)

    def show_search_months(self, months: tuple[tuple[str, int], ...] | None, query: str = "") -> None:
        """The timeline of a search's hits (None: of every document again)."""
        self.search_months = months
        if months is None:
            self._set_timeline(Timeline.of_dates(s.date for s in self.summaries), "documents")
        else:
            self._set_timeline(Timeline.of_months(Counter(dict(months))), f"hits of {query!r}")

    def _set_timeline(self, timeline: Timeline, what: str) -> None:
        """Shown when there is something to draw (a corpus without dates has no timeline)."""
        bars = self.timeline
        bars.set_timeline(timeline, what)
        bars.display = bool(timeline.months)

    def action_timeline(self) -> None:
        if not self.timeline.display:
            self.notify("no document has a date: no timeline to choose from", timeout=3)
            return
        self.timeline.focus()

    @on(TimelineBars.Chosen, "#documents-timeline")
    def _month_chosen(self, event: TimelineBars.Chosen) -> None:
        """The list filtered to the chosen month(s): ``date:2024-08`` in the filter box, in place
        of a ``date:`` word already there (a span of months: the years or months they share)."""
        event.stop()
        months = event.months
        box = self.query_one("#documents-filter", Input)
        words = DATE_WORD.sub(" ", box.value).split()
        if len(months) == 1:
            self.months = None
            box.value = " ".join([*words, f"date:{months[0]}"])
        else:  # a bar for several months (a narrow list): kept beside the text
            self.months = frozenset(months)
            box.value = " ".join(words)
            self._apply()
        self.list_view.focus()

    def _apply(self) -> None:
        doc_list = self.list_view
        keep = doc_list.current_id()
        text = self.query_one("#documents-filter", Input).value
        if self._filter is None or self._filter.key != self.sort_key:
            self._filter = ListFilter(self.listing, self.sort_key)
        rows = self._filter.apply(text)
        if self.months:
            months = self.months
            rows = [s for s in rows if s.date[:7] in months]
        doc_list.show(list(rows), keep)  # its own list: the listing's stay as they are
        self._update_title()

    def _update_title(self) -> None:
        shown, total = len(self.list_view.rows), len(self.summaries)
        count = f"{total:,}" if shown == total else f"{shown:,} of {total:,}"
        if self.months:
            count += f", {min(self.months)}…{max(self.months)}"
        if self.summaries and not any(s.date for s in self.summaries) and self.sort_key in ("date", "oldest"):
            count += ", undated"
        self.query_one("#documents-title", Static).update(
            Text(f"Documents ({count}) · {SORT_LABELS[self.sort_key]}", no_wrap=True, overflow="ellipsis"),
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
        # the filter's casefolded texts, built once the box is drawn rather than on the first key
        # (100,000 rows: ~80 ms)
        self.call_after_refresh(self.listing.haystacks, self.sort_key)

    @on(Input.Changed, "#documents-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # enter is the filter's only while it has the focus: the list's and the timeline's
        # own enter (and their footer labels) otherwise
        if action == "open_filtered":
            return self.query_one("#documents-filter", Input).has_focus
        return True

    def action_open_filtered(self) -> None:
        """Enter in the filter opens the document under the list's cursor."""
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
            if self.months:
                self.months = None
                self._apply()
            self.list_view.focus()
        elif event.key == "down":
            event.stop()
            self.list_view.focus()
