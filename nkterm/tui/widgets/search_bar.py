"""The search bar: a query box, a status line and the results as you type.

``SearchBar`` debounces typing (``DEBOUNCE`` seconds) and posts ``SearchRequested``; its
screen runs the query in a worker and hands the ``SearchResult`` back with ``show_result``
(the next page with ``add_page``: the list shows a "loading more" row at the end of what is
loaded, and drawing it posts ``MoreResultsWanted``, so every result is reachable by scrolling).
A timeline of the hits per month sits above the results; choosing a bar adds ``date:YYYY-MM``.
The status line shows the query's error, the other spellings of a name the search also matched
("also: P'yŏngyang, 평양"), or a "did you mean" suggestion (enter or a click applies it).
``SearchResults`` lists each hit's title, score and a two-line snippet with the
matched words highlighted (for a ``bookmark:`` / ``btag:`` query: each bookmark, its quote,
note and tags). Nothing here touches the index.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static

from nkterm.bookmarks.query import is_bookmark_search
from nkterm.listing import Timeline
from nkterm.models import Hit, SearchResult, Span
from nkterm.render import one_line, safe
from nkterm.tui.messages import MoreResultsWanted, SearchHitChosen, SearchRequested
from nkterm.tui.teardown import torn_down
from nkterm.tui.view.search_status import HitsStatus, short_source
from nkterm.tui.view.textlayout import wrap
from nkterm.tui.widgets.row_list import RowList
from nkterm.tui.widgets.styles import component_style
from nkterm.tui.widgets.timeline import TimelineBars

DEBOUNCE = 0.15  # seconds of quiet typing before a query runs
NARROW_RESULTS = 100  # below this many columns a result's line shows no score or hit count
PLACEHOLDER = (
    'words, "a phrase", title:word, source:kcna, date:2024-08, date:[2024-07 TO 2024-09], kind:quantity,'
    " word~ · bookmark:word, btag:x"
)
_DATE_FILTER = re.compile(r"(?<!\S)date:(?:\[[^\]]*\]|\S+)")


class SearchResults(RowList):
    ROW_HEIGHT = 3
    EMPTY_TEXT = ""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "search-results--title",
        "search-results--meta",
        "search-results--snippet",
        "search-results--hit",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: tuple[Hit, ...] = ()
        self.total = 0  # every match; ``hits`` are the ones loaded so far
        self.bookmarks = False  # the hits are bookmarks (a bookmark: or btag: query)
        self._snippets: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def row_count(self) -> int:
        return len(self.hits) + (1 if self.total > len(self.hits) else 0)

    def set_hits(self, hits: tuple[Hit, ...], *, bookmarks: bool = False, total: int | None = None) -> None:
        self.hits = hits
        self.total = len(hits) if total is None else total
        self.bookmarks = bookmarks
        self._snippets.clear()
        self.reset_rows(0)

    def add_hits(self, hits: tuple[Hit, ...], total: int) -> None:
        """The next page: appended, the cursor stays where it is."""
        self.hits = self.hits + hits
        self.total = total
        self.reset_rows(min(self.cursor, max(0, len(self.hits) - 1)))

    def render_row(self, row: int, line: int, width: int) -> Text:
        if row >= len(self.hits):  # the row after the last loaded: drawing it loads the next page
            if line == 0:
                self.post_message(MoreResultsWanted(len(self.hits)))
                left = self.total - len(self.hits)
                return Text(f"      loading {left:,} more result{'s' if left != 1 else ''}…")
            return Text()
        hit = self.hits[row]
        if line == 0:
            if self.bookmarks:
                meta = "  bookmark" if hit.hits else "  bookmark · passage no longer in the text"
            else:
                n = f" · {len(hit.hits)} hit{'s' if len(hit.hits) != 1 else ''}" if hit.hits else ""
                source = short_source(one_line(hit.source))
                # a document with neither date nor source is told apart by its id (BBC: two
                # "Brown names 16 March for Budget" looked the same, politics/077 and /354)
                where = " · ".join(x for x in (hit.date, source) if x) or safe(hit.id)
                meta = f"  {where + ' · ' if where else ''}score {hit.score:.2f}{n}"
                if width < NARROW_RESULTS and where:  # the title keeps the room: when and who only
                    meta = f"  {where}"
            title = one_line(hit.title)
            room = max(1, width - len(meta) - 6)
            if len(title) > room:
                title = title[: room - 1] + "…"
            out = Text(f" {row + 1:>2}. " if row < 99 else f"{row + 1:>3}. ")
            out.append(title, style=self._style("search-results--title"))
            out.append(meta, style=self._style("search-results--meta"))
            return out
        snippet = safe(hit.snippet)
        pieces = self._snippet_lines(row, snippet, width - 6)
        if line - 1 >= len(pieces):
            return Text()
        a, b = pieces[line - 1]
        out = Text(snippet[a:b], style=self._style("search-results--snippet"))
        if line == 2 and len(pieces) > 2:
            out.append("…")
        for span in hit.snippet_spans:
            if span.end > a and span.start < b:
                out.stylize(self._style("search-results--hit"), max(0, span.start - a), min(b, span.end) - a)
        out.pad_left(6)
        return out

    def _snippet_lines(self, row: int, snippet: str, width: int) -> list[tuple[int, int]]:
        key = (row, width)
        lines = self._snippets.get(key)
        if lines is None:
            if not snippet.strip():
                lines = []
            else:
                wrapped = wrap(snippet, [Span(0, len(snippet))], max(10, width))
                lines = list(zip(wrapped.starts, wrapped.ends, strict=True))
            self._snippets[key] = lines
        return lines

    def row_chosen(self, row: int) -> None:
        if row < len(self.hits):
            self.post_message(SearchHitChosen(row))


class SuggestionLine(Static):
    """The status line; a click on it applies the suggestion when there is one. A search with
    results is worded to fit the line's width (``HitsStatus``), again on every resize."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-status--suggestion"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.suggestion: str | None = None
        self.hits_status: HitsStatus | None = None

    def render(self) -> RenderResult:
        if self.hits_status is not None:
            return Text(self.hits_status.line(self.content_size.width), no_wrap=True, overflow="ellipsis")
        return super().render()

    def on_click(self, event: events.Click) -> None:
        if self.suggestion:
            bar = self.parent
            if isinstance(bar, SearchBar):
                bar.apply_suggestion()


class SearchBar(Vertical):
    def __init__(self, query: str = "", result: SearchResult | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = query
        self.result = result
        self.pending = False
        self.open_when_ready = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(value=self._initial, placeholder=PLACEHOLDER, id="search-input")
        yield SuggestionLine(id="search-status")
        yield TimelineBars(what="hits", hint="tab", id="search-timeline")
        yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.focus()
        if self.result is not None and self.result.query == self._initial.strip():
            self.show_result(self.result)
        elif self._initial.strip():
            self._request(self._initial)
        else:
            self._say(Text("type to search; results appear as you type · esc closes"))

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    def _say(self, text: Text | HitsStatus, *, error: bool = False, wrap: bool = False) -> None:
        line = self.query_one(SuggestionLine)
        line.hits_status = text if isinstance(text, HitsStatus) else None
        if isinstance(text, HitsStatus):
            text = Text(text.line(0))  # worded to the width when drawn
        # an error, or a suggestion, wraps onto more lines (nkterm.tcss: #search-status.-error,
        # .-wrap): it is read whole (at 80 columns "Did you mean: title:pyongyang ? (enter or
        # click to search" lost its end)
        layout = error or wrap or line.has_class("-error") or line.has_class("-wrap")
        line.set_class(error, "-error")
        line.set_class(wrap and not error, "-wrap")
        line.update(text, layout=layout)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.pending = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self._request(event.value))

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def closing(self) -> bool:
        """Whether the bar is being taken down (its screen closes, the app exits): some of its
        parts may be gone already, so a late timer or answer draws nothing
        (``nkterm.tui.teardown``)."""
        return torn_down(self, Input, SuggestionLine, TimelineBars, SearchResults)

    def _request(self, query: str) -> None:
        self._timer = None
        if self.closing:
            # esc came while the typing was still settling: the screen is closing and its
            # widgets are removed child first, so the timer can fire on a bar with no status
            # line left (CI, session 13: NoMatches on SuggestionLine); nothing to search for
            return
        if not query.strip():
            self.pending = False
            self.result = None
            self.results.set_hits(())
            self._say(Text("type to search; results appear as you type · esc closes"))
            return
        self.pending = True
        self._say(Text(f"searching for {safe(query.strip())!r}…"))
        self.post_message(SearchRequested(query))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose()

    def choose(self) -> None:
        """Enter: open the highlighted result; with no results, take the suggestion."""
        if self.pending or self.result is None or self.result.query != self.query_text.strip():
            self.open_when_ready = True
            if self._timer is not None:
                self._timer.stop()
                self._request(self.query_text)
            return
        if self.result.hits:
            self.post_message(SearchHitChosen(self.results.cursor))
        elif self.result.suggestion:
            self.apply_suggestion()

    def apply_suggestion(self) -> None:
        if self.result is not None and self.result.suggestion:
            box = self.query_one(Input)
            box.value = self.result.suggestion
            box.cursor_position = len(box.value)
            box.focus()

    def show_result(self, result: SearchResult) -> None:
        """The answer to the latest query (attribute down from the screen)."""
        self.result = result
        self.pending = result.query != self.query_text.strip()
        bookmarks = is_bookmark_search(result.query)
        self.results.set_hits(result.hits, bookmarks=bookmarks, total=max(result.total, len(result.hits)))
        timeline = self.query_one(TimelineBars)
        timeline.set_timeline(Timeline.of_months(Counter(dict(result.months))), "hits")
        timeline.display = bool(result.months)
        status = self.query_one(SuggestionLine)
        status.suggestion = None
        if result.error:
            self._say(Text(f"query error: {safe(result.error)}"), error=True)
        elif result.hits:
            self._say(
                HitsStatus(
                    result.total,
                    "bookmark(s)" if bookmarks else "document(s)",
                    tuple((one_line(name), n) for name, n in result.sources),
                    safe(", ".join(result.also)),
                    timeline=bool(result.months),
                )
            )
        elif result.suggestion:
            status.suggestion = result.suggestion
            out = Text("no matches. Did you mean: ")
            out.append(safe(result.suggestion), style=component_style(status, "search-status--suggestion"))
            out.append(" ? (enter or click to search for it)")
            self._say(out, wrap=True)
        elif bookmarks:
            self._say(
                Text("no bookmark matches (bookmark:word searches quotes, notes and tags; btag:x tags)"),
                wrap=True,
            )
        else:
            self._say(Text("no matches"))
        if self.open_when_ready and not self.pending:
            self.open_when_ready = False
            if result.hits:
                self.post_message(SearchHitChosen(self.results.cursor))

    def add_page(self, result: SearchResult) -> None:
        """The next page of the results shown (the same query): appended."""
        if self.result is None or result.query != self.result.query or result.error:
            return
        self.result = dataclasses.replace(
            self.result, hits=self.result.hits + result.hits, total=result.total
        )
        self.results.add_hits(result.hits, result.total)

    def move(self, delta: int) -> None:
        self.results.select(self.results.cursor + delta)

    def say_waiting(self, text: str) -> None:
        self._say(Text(text))

    @on(TimelineBars.Chosen, "#search-timeline")
    def _month_chosen(self, event: TimelineBars.Chosen) -> None:
        """The query narrowed to the chosen month(s): its ``date:`` filter replaced."""
        event.stop()
        months = event.months
        box = self.query_one(Input)
        words = _DATE_FILTER.sub(" ", box.value).split()
        when = f"date:{months[0]}" if len(months) == 1 else f"date:[{months[0]} TO {months[-1]}]"
        box.value = " ".join([*words, when])
        box.cursor_position = len(box.value)
        box.focus()
