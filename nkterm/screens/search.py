"""The search screen: ``/`` opens it over the reader; it closes with the chosen result.

Owns the search worker: each settled query runs in a ``thread=True, exclusive=True,
group="search"`` worker (a new query cancels the one before, whose answer is dropped), so
typing never waits for Whoosh. A query starting with ``bookmark:`` or ``btag:`` searches the
bookmarks instead (``nkterm.bookmarks.query``): each result is a bookmark whose passage is its
one hit, so it opens like any result. Dismisses with a ``SearchChoice`` (or None on escape).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.worker import get_current_worker

from nkterm.bookmarks.query import is_bookmark_search
from nkterm.messages import SearchAnswered, SearchHitChosen, SearchRequested
from nkterm.models import SearchResult
from nkterm.widgets.search_bar import SearchBar

RESULT_LIMIT = 40
VISIBLE_RESULTS = 20  # results drawn with a snippet; the rest show title and score


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
    ]

    def __init__(self, index: Any, query: str = "", result: SearchResult | None = None) -> None:
        super().__init__()
        self.index = index
        self._query = query
        self._result = result
        self._request = 0

    def compose(self) -> ComposeResult:
        yield SearchBar(self._query, self._result, id="search-bar")

    @property
    def bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, delta: int) -> None:
        self.bar.move(delta)

    @on(SearchRequested)
    def _requested(self, message: SearchRequested) -> None:
        self._request += 1
        if self.index is None:
            self.bar.show_result(
                SearchResult(message.query, error="the index is not ready yet; try again shortly")
            )
            return
        self.run_search(message.query, self._request)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, request: int) -> None:
        try:
            # snippets and offsets for the rows a bar can show; the suggestion (slow on a big
            # corpus) follows in a second answer, so "no matches" shows at once
            if is_bookmark_search(query):
                result = self._search_bookmarks(query)
            else:
                result = self.index.search(
                    query, limit=RESULT_LIMIT, offsets_for=VISIBLE_RESULTS, suggest=False
                )
        except Exception as exc:  # noqa: BLE001 - search never raises, but a broken index might
            result = SearchResult(query, error=f"search failed: {exc}")
        if get_current_worker().is_cancelled:
            return
        self.post_message(SearchAnswered(result, request))
        if not result.hits and result.error is None and not is_bookmark_search(query):
            suggestion = self.index.suggest(query)
            if suggestion and not get_current_worker().is_cancelled:
                self.post_message(SearchAnswered(dataclasses.replace(result, suggestion=suggestion), request))

    def _search_bookmarks(self, query: str) -> SearchResult:
        """``bookmark:word`` / ``btag:tag``: the matching bookmarks, each opening on its passage
        (in this worker thread: the store reads its file, the index gives the texts)."""
        from nkterm.bookmarks import BookmarksError
        from nkterm.bookmarks.query import search_bookmarks

        store = getattr(self.app, "bookmarks", None)
        if store is None:
            return SearchResult(query, error="bookmarks are not available here")
        from nkterm.index import IndexError as IndexProblem

        index = self.index

        def resolve(doc_id: str) -> Any:
            try:
                return index.document(doc_id)
            except (KeyError, IndexProblem):  # gone, or the index was damaged meanwhile
                return None

        try:
            bookmarks = store.load()
        except BookmarksError as exc:
            return SearchResult(query, error=str(exc))
        return search_bookmarks(bookmarks, query, resolve, limit=RESULT_LIMIT)

    @on(SearchAnswered)
    def _answered(self, message: SearchAnswered) -> None:
        if message.request == self._request:
            self.bar.show_result(message.result)

    @on(SearchHitChosen)
    def _chosen(self, message: SearchHitChosen) -> None:
        result = self.bar.result
        if result is not None and 0 <= message.rank < len(result.hits):
            self.dismiss(SearchChoice(result, message.rank))
