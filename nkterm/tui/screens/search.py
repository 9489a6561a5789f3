"""The search screen: ``/`` opens it over the reader; it closes with the chosen result.

Owns the search worker: each settled query runs in a ``thread=True, exclusive=True,
group="search"`` worker (a new query cancels the one before, whose answer is dropped), so
typing never waits for Whoosh. A query starting with ``bookmark:`` or ``btag:`` searches the
bookmarks instead (``nkterm.bookmarks.query``): each result is a bookmark whose passage is its
one hit, so it opens like any result. Dismisses with a ``SearchChoice`` (or None on escape).
Results come in pages of ``PAGE``: scrolling to the end of those loaded asks for the next
(``MoreResultsWanted``), so every result is reachable and the count is exact; the pages the
reader's n/N walk reads past them are added to the same list (``add_walked_page``). A query typed
before the index is open waits for it ("indexing 40%… your search runs when ready") and runs by
itself: ``index_source`` says what the index and its progress are now.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.worker import get_current_worker

from nkterm.bookmarks.query import is_bookmark_search
from nkterm.models import SearchResult
from nkterm.tui.messages import MoreResultsWanted, SearchAnswered, SearchHitChosen, SearchRequested
from nkterm.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from nkterm.bookmarks import BookmarkStore
    from nkterm.library import Library

RESULT_LIMIT = 40  # the first page
PAGE = 40  # each further page, all drawn with snippets
VISIBLE_RESULTS = 20  # results of the first page drawn with a snippet; the rest show title and score
WAIT_POLL = 0.25  # seconds between looks at whether the index is ready


@dataclass(frozen=True)
class SearchChoice:
    result: SearchResult
    rank: int


class SearchScreen(ModalScreen["SearchChoice | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close search", id="search.close"),
        Binding("down,ctrl+n", "move(1)", "next result", show=False, id="search.next-result"),
        Binding("up,ctrl+p", "move(-1)", "previous result", show=False, id="search.previous-result"),
        Binding("pagedown", "move(5)", "results page down", show=False, id="search.results-page-down"),
        Binding("pageup", "move(-5)", "results page up", show=False, id="search.results-page-up"),
        # a priority binding runs as the key arrives: the input's own enter ran after the keys
        # typed behind it ("/gellman⏎j" typed fast searched for "gellmanj" and opened nothing)
        Binding("enter", "choose", "open", show=False, priority=True, id="search.open"),
    ]

    def __init__(
        self,
        library: Library | None,
        query: str = "",
        result: SearchResult | None = None,
        *,
        bookmarks: Callable[[], BookmarkStore] | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.bookmarks = bookmarks  # the user's bookmark store (for bookmark: and btag:), when asked
        self._query = query
        self._result = result
        self._request = 0
        self._waiting: str | None = None  # a query typed before the index was ready
        self._loading_more = False
        self._more_start = 0  # where the page being read starts (a page the walk added meanwhile drops it)
        # (index, (done, total) or None): set by the screen that opens this one
        self.index_source: Callable[[], tuple[Library | None, tuple[int, int] | None]] | None = None

    def compose(self) -> ComposeResult:
        yield SearchBar(self._query, self._result, id="search-bar")

    @property
    def bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, delta: int) -> None:
        self.bar.move(delta)

    def action_choose(self) -> None:
        """Enter in the query box: open the highlighted result (or take the suggestion)."""
        if self.focused is not self.bar.query_one("#search-input"):
            raise SkipAction()  # the timeline's enter, a result clicked: theirs
        self.bar.choose()

    def on_screen_resume(self) -> None:
        """Reopened: the old query selected, so typing replaces it (an arrow key keeps it)."""
        box = self.bar.query_one("#search-input")
        box.focus()
        if hasattr(box, "select_all"):
            box.select_all()

    @on(SearchRequested)
    def _requested(self, message: SearchRequested) -> None:
        self._request += 1
        self._loading_more = False
        if self.index_source is not None and self.library is None:
            self.library = self.index_source()[0]
        if self.library is None:
            first = self._waiting is None
            self._waiting = message.query
            self._say_waiting()
            if first:
                self.set_timer(WAIT_POLL, self._poll_index)
            return
        self._waiting = None
        self.run_search(message.query, self._request)

    def _say_waiting(self) -> None:
        progress = self.index_source()[1] if self.index_source is not None else None
        done = f"indexing {progress[0] * 100 // max(1, progress[1])}%" if progress else "opening the index"
        bar = self._live_bar()
        if bar is not None:
            bar.say_waiting(f"{done}… your search runs when it is ready · esc closes")

    def _poll_index(self) -> None:
        bar = self._live_bar()
        if self._waiting is None or bar is None:  # nothing to run, or the screen closes
            return
        index = self.index_source()[0] if self.index_source is not None else self.library
        if index is None:
            self._say_waiting()
            self.set_timer(WAIT_POLL, self._poll_index)
            return
        self.library = index
        query, self._waiting = self._waiting, None
        if query == bar.query_text:
            self.run_search(query, self._request)

    @on(MoreResultsWanted)
    def _more(self, message: MoreResultsWanted) -> None:
        bar = self._live_bar()
        result = bar.result if bar is not None else None
        if self._loading_more or result is None or message.loaded != len(result.hits) or self.library is None:
            return
        if message.loaded >= result.total or is_bookmark_search(result.query):
            return
        self._loading_more = True
        self._more_start = message.loaded
        self.load_more(result.query, message.loaded, self._request)

    # .. the pages the reader's walk reads (n past the loaded results): one list of results ..

    def results_of(self, result: SearchResult) -> SearchResult:
        """``result`` (the one a walk is on) as this screen's list has it now: with the pages
        scrolling loaded since, when the list still shows that search."""
        shown = self._shown_from(result)
        return shown if shown is not None and len(shown.hits) > len(result.hits) else result

    def add_walked_page(self, result: SearchResult, more: SearchResult) -> SearchResult:
        """The walk read ``more``, the page after ``result``: the list gets it too (reopening
        ``/`` shows it, scrolling does not read it again). Returns the results as they are
        now, the list's when it shows that search."""
        shown = self._shown_from(result)
        if shown is None:  # the list shows another search now: the walk keeps its own
            return dataclasses.replace(result, hits=result.hits + more.hits, total=more.total)
        if len(shown.hits) == len(result.hits):
            self.bar.add_page(more)
        return self.bar.result or shown

    def _shown_from(self, result: SearchResult) -> SearchResult | None:
        """The list's results when they are ``result`` or ``result`` with more pages."""
        shown = self.bar.result if self.is_mounted else None
        if shown is None or shown.query != result.query or len(shown.hits) < len(result.hits):
            return None
        if any(a.id != b.id for a, b in zip(shown.hits, result.hits, strict=False)):
            return None
        return shown

    def select(self, rank: int) -> None:
        """The list's cursor on result ``rank`` (the one the walk is on)."""
        if self.is_mounted and 0 <= rank < len(self.bar.results.hits):
            self.bar.results.select(rank)

    @work(thread=True, exclusive=True, group="search-more")
    def load_more(self, query: str, start: int, request: int) -> None:
        index = self.library
        if index is None:
            return
        try:
            result = index.search(query, limit=start + PAGE, start=start, offsets_for=PAGE, suggest=False)
        except Exception as exc:  # noqa: BLE001
            result = SearchResult(query, error=f"search failed: {exc}")
        if not get_current_worker().is_cancelled:
            self.post_message(SearchAnswered(result, request, more=True))

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, request: int) -> None:
        index = self.library
        if index is None:  # answered when the index arrives (``index_source``)
            return
        try:
            # snippets and offsets for the rows a bar can show; the suggestion (slow on a big
            # corpus) follows in a second answer, so "no matches" shows at once
            if is_bookmark_search(query):
                result = self._search_bookmarks(query)
            else:
                result = index.search(
                    query, limit=RESULT_LIMIT, offsets_for=VISIBLE_RESULTS, suggest=False, timeline=True
                )
        except Exception as exc:  # noqa: BLE001 - search never raises, but a broken index might
            result = SearchResult(query, error=f"search failed: {exc}")
        if get_current_worker().is_cancelled:
            return
        self.post_message(SearchAnswered(result, request))
        if not result.hits and result.error is None and not is_bookmark_search(query):
            suggestion = index.suggest(query)
            if suggestion and not get_current_worker().is_cancelled:
                self.post_message(SearchAnswered(dataclasses.replace(result, suggestion=suggestion), request))

    def _search_bookmarks(self, query: str) -> SearchResult:
        """``bookmark:word`` / ``btag:tag``: the matching bookmarks, each opening on its passage
        (in this worker thread: the store reads its file, the index gives the texts)."""
        from nkterm.bookmarks import BookmarksError
        from nkterm.bookmarks.query import search_bookmarks

        if self.bookmarks is None:
            return SearchResult(query, error="bookmarks are not available here")
        store = self.bookmarks()
        from nkterm.errors import IndexError as IndexProblem

        index = self.library

        def resolve(doc_id: str) -> Any:
            try:
                return index.document(doc_id) if index is not None else None
            except (LookupError, IndexProblem):  # gone, or the index was damaged meanwhile
                return None

        try:
            bookmarks = store.load()
        except BookmarksError as exc:
            return SearchResult(query, error=str(exc))
        return search_bookmarks(bookmarks, query, resolve, limit=RESULT_LIMIT)

    @on(SearchAnswered)
    def _answered(self, message: SearchAnswered) -> None:
        if message.request != self._request:
            return
        bar = self._live_bar()
        if bar is None:
            return  # the screen is closing (esc as the answer came): its widgets are being removed
        if message.more:
            self._loading_more = False
            result = bar.result
            if result is not None and len(result.hits) == self._more_start:  # not added by the walk meanwhile
                bar.add_page(message.result)
        else:
            bar.show_result(message.result)

    def _live_bar(self) -> SearchBar | None:
        """The search bar with all its parts, or None while the screen's widgets are removed
        (the bar itself or any of its parts may be gone already: ``SearchBar.closing``)."""
        for bar in self.query(SearchBar):
            return None if bar.closing else bar
        return None

    @on(SearchHitChosen)
    def _chosen(self, message: SearchHitChosen) -> None:
        bar = self._live_bar()
        result = bar.result if bar is not None else None
        if result is not None and 0 <= message.rank < len(result.hits):
            self.dismiss(SearchChoice(result, message.rank))
