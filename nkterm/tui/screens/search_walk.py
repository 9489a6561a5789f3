"""The main screen's search walk, ``SearchWalk``: ``/`` opens the search screen; the chosen
result opens in the reader, and ``n``/``N`` walk its hits, then on into the next (previous)
result, through every result of the search, not only the ones loaded so far: past the last
loaded result the next page is read in a thread worker (``screen.run_worker``) and the walk
goes on there. The walk and the search screen's list share the pages: a page the walk read is
added to the list (``SearchScreen.add_walked_page``; reopening ``/`` shows it, the cursor on the
result the walk is on), and the walk goes on through the pages scrolling the list read
(``SearchScreen.results_of``). The status line's part of it comes in two wordings, the short
one (result first) when the full one does not fit. ``esc`` clears the search.

A plain object the main screen holds (``MainScreen.walk``): it is given the screen it runs
workers on, the app's services (``ReaderHost``), the reader and the document list, and the
screen's ``open_document`` and status hooks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size
from textual.screen import Screen

from nkterm.bookmarks.query import is_bookmark_search
from nkterm.models import SearchResult
from nkterm.render import safe
from nkterm.tui.screens import search as search_screen
from nkterm.tui.screens.search import SearchChoice, SearchScreen
from nkterm.tui.teardown import torn_down
from nkterm.tui.widgets.document_list import DocumentsPane
from nkterm.tui.widgets.document_view import DocumentView

if TYPE_CHECKING:
    from nkterm.tui.services import ReaderHost

MIN_QUERY = 8  # columns of the query the short status shows, or it shows none


class SearchWalk:
    """The search in progress in the main screen's reader, and walking its hits."""

    def __init__(
        self,
        screen: Screen[Any],
        host: ReaderHost,
        *,
        reader: DocumentView,
        documents: DocumentsPane,
        open_document: Callable[..., None],
        changed: Callable[[], None],
        indexing: Callable[[], tuple[int, int] | None],
    ) -> None:
        self.screen = screen
        self.host = host
        self.reader = reader
        self.documents = documents
        self._open_document = open_document  # (doc_id, target=, query=, hits=)
        self._changed = changed  # the status line and the bindings follow the walk
        self._indexing = indexing
        self.choice: SearchChoice | None = None
        self._search_screen: SearchScreen | None = None
        self._loading = False  # the next page of results is being read

    @property
    def query(self) -> str | None:
        """The query of the search in progress (it highlights every document opened)."""
        return self.choice.result.query if self.choice is not None else None

    def open_search(self) -> None:
        # one search screen, kept installed: reopening it is cheap and it keeps the last
        # query and results
        host = self.host
        if self._search_screen is None:
            self._search_screen = SearchScreen(host.library, bookmarks=lambda: host.bookmarks)
            self.screen.app.install_screen(self._search_screen, "search")
        self._search_screen.library = host.library
        self._search_screen.index_source = lambda: (host.library, self._indexing())
        self.screen.app.push_screen("search", self._search_done)
        if self.choice is not None:  # the list's cursor on the result the walk is on
            self._search_screen.select(self._synced(self.choice).rank)

    def _search_done(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        self.choice = choice
        if choice.result.months:
            self.documents.show_search_months(choice.result.months, choice.result.query)
        self._open_result(choice.rank, "first-hit")

    def _open_result(self, rank: int, target: str) -> None:
        assert self.choice is not None
        result = self.choice.result
        self.choice = SearchChoice(result, rank)
        hit = result.hits[rank]
        self._open_document(hit.id, target=target, query=result.query, hits=hit.hits)
        self._changed()

    def next_hit(self) -> None:
        if self.reader.next_hit():
            self._changed()
            return
        choice = self.choice
        if choice is None:
            return
        choice = self._synced(choice)
        result = choice.result
        if choice.rank + 1 < len(result.hits):
            self._open_result(choice.rank + 1, "first-hit")
        elif len(result.hits) < result.total and not is_bookmark_search(result.query):
            self._load_more(choice)
        else:
            self.screen.notify("that was the last hit of the search", timeout=2)

    def previous_hit(self) -> None:
        if self.reader.previous_hit():
            self._changed()
            return
        choice = self.choice
        if choice is not None and choice.rank > 0:
            self._open_result(choice.rank - 1, "last-hit")
        else:
            self.screen.notify("that was the first hit of the search", timeout=2)

    def clear(self) -> None:
        self.choice = None
        self.documents.show_search_months(None)
        self.reader.set_hits((), None)
        self._changed()

    # .. the results after those loaded ..

    def _synced(self, choice: SearchChoice) -> SearchChoice:
        """``choice`` with the pages the search screen's list loaded since (scrolling)."""
        if self._search_screen is None:
            return choice
        result = self._search_screen.results_of(choice.result)
        if result is not choice.result:
            choice = self.choice = SearchChoice(result, choice.rank)
        return choice

    def _load_more(self, choice: SearchChoice) -> None:
        library = self.host.library
        if self._loading or library is None:
            return
        self._loading = True
        result = choice.result
        start, page = len(result.hits), search_screen.PAGE
        self.screen.notify(f"reading results {start + 1:,}–{min(result.total, start + page):,}…", timeout=2)

        def read() -> None:
            try:
                more = library.search(
                    result.query, limit=start + page, start=start, offsets_for=page, suggest=False
                )
            except Exception as exc:  # noqa: BLE001 - a broken index is a message
                more = SearchResult(result.query, error=f"search failed: {exc}")
            self.screen.app.call_from_thread(self._more_arrived, result, more)

        self.screen.run_worker(read, thread=True, exclusive=True, group="search-walk")

    def _more_arrived(self, before: SearchResult, more: SearchResult) -> None:
        self._loading = False
        choice = self.choice
        if choice is None or choice.result is not before:  # the search changed meanwhile
            return
        if torn_down(self.screen, "#status"):
            # the app exits as the page arrives: the screen's widgets are being removed (the
            # status line it would say "opening…" on may be gone), and nothing is to be opened
            return
        if more.error or not more.hits:
            self.screen.notify(more.error or "no more results", severity="warning", timeout=4, markup=False)
            return
        if self._search_screen is not None:  # one list of results: the search screen's gets the page
            result = self._search_screen.add_walked_page(before, more)
        else:
            result = dataclasses.replace(before, hits=before.hits + more.hits, total=more.total)
        self.choice = SearchChoice(result, choice.rank)
        self._open_result(choice.rank + 1, "first-hit")

    # .. the status line ..

    def status(self, room: int | None = None) -> str | None:
        """The search's part of the status line: which hit of which result, of all of them.
        With ``room`` (columns) it is the short wording, the result first ("result 3/95 · hit
        1/3 · 'flood' · n/N esc"), the query cut or left out so that it fits."""
        choice = self.choice
        if choice is None:
            return None
        reader = self.reader
        total = max(choice.result.total, len(choice.result.hits))
        where = f"result {choice.rank + 1:,}/{total:,}"
        current = reader.current_hit if reader.hits else None
        if reader.hits:
            hit = (
                f"hit {current + 1}/{len(reader.hits)}" if current is not None else f"{len(reader.hits)} hits"
            )
        else:
            hit = "no hits in the text"
        query = repr(safe(choice.result.query))
        if room is None:
            return f"search {query}: {hit}, {where} (n/N, esc clears)"
        if not reader.hits:
            hit = "no hits in text"
        head, keys = f"{where} · {hit}", " · n/N esc"
        left = room - cell_len(head) - cell_len(keys) - 3  # the query's room, between them
        if left >= cell_len(query):
            return f"{head} · {query}{keys}"
        if left >= MIN_QUERY:
            return f"{head} · {set_cell_size(query, left - 1)}…{keys}"
        return f"{head}{keys}" if cell_len(head) + cell_len(keys) <= room else head
