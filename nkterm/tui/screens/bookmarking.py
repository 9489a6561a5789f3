"""The main screen's bookmarks, ``BookmarkMarks``: saving the passage the reader asks for,
marking the saved ones in the text, and jumping to a bookmarked passage.

A plain object the main screen holds (``MainScreen.marks``), not a base class: it is given the
screen it runs workers on and posts to, the app's services (``ReaderHost``: the bookmark
store, shared with the bookmarks panel and the search screen) and the reader it marks; the
screen hands it the bookmark messages (one line each). ``b`` in the reader posts
``BookmarkRequested``; this opens the note-and-tags dialog and saves in a thread worker. Every
store access (read, re-anchor, write) runs in a worker: the UI thread never touches the
bookmarks file. Errors (a broken file is read-only, a lock held by another nkterm, a full
disk) become notifications that name the file, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from nkterm.bookmarks import Bookmark, BookmarksError
from nkterm.models import Claim, Document
from nkterm.render import KIND_TAGS, one_line, safe
from nkterm.tui.messages import BookmarkRequested, BookmarksChanged, BookmarksFailed, BookmarksLoaded
from nkterm.tui.screens.bookmark_dialog import BookmarkDialog, BookmarkEdit
from nkterm.tui.view.marks import BOOKMARK_GUTTER, Mark
from nkterm.tui.widgets.document_view import DocumentView

if TYPE_CHECKING:
    from nkterm.bookmarks import BookmarkStore
    from nkterm.tui.services import ReaderHost


class BookmarkMarks:
    """Bookmark requests, the bookmark marks of the open document, jumps to a passage."""

    def __init__(
        self,
        screen: Screen[Any],
        host: ReaderHost,
        reader: DocumentView,
        *,
        open_document: Callable[[str], None],
    ) -> None:
        self.screen = screen
        self.host = host
        self.reader = reader
        self._open_document = open_document
        self.doc_bookmarks: tuple[Bookmark, ...] = ()  # the open document's, anchored
        self.problem: str | None = None  # the store is read-only: why
        self._pending_goto: tuple[str, int] | None = None
        self._problems_reported: set[str] = set()

    @property
    def store(self) -> BookmarkStore:
        return self.host.bookmarks

    def _post(self, message: Any) -> None:
        self.screen.post_message(message)

    def _notify(self, text: str, **kwargs: Any) -> None:
        self.screen.notify(text, markup=False, **kwargs)

    # .. reading ..

    def check(self) -> None:
        """Read the file once at start-up, to report a broken one before anything is saved."""
        self.screen.run_worker(self._check_worker, thread=True, exclusive=True, group="bookmarks-read")

    def _check_worker(self) -> None:
        try:
            self.store.load()
            problems, read_only = self.store.problems, self.store.read_only_reason
        except BookmarksError as exc:
            problems, read_only = (str(exc),), None
        if problems:
            self._post(BookmarksLoaded("", (), tuple(problems), read_only))

    def load_marks(self) -> None:
        prepared = self.reader.prepared
        if prepared is not None:
            doc = prepared.doc
            self.screen.run_worker(
                lambda: self._marks_worker(doc), thread=True, exclusive=True, group="bookmark-marks"
            )

    def _marks_worker(self, doc: Document) -> None:
        """The open document's bookmarks, re-anchored in its text (as indexed)."""
        try:
            self.store.load()
            mine = self.store.list(doc_id=doc.id)
            anchored = self.store.anchored(lambda _doc_id: doc, mine)
            problems, read_only = self.store.problems, self.store.read_only_reason
        except BookmarksError as exc:
            self._post(BookmarksFailed(str(exc)))
            return
        self._post(BookmarksLoaded(doc.id, tuple(anchored), tuple(problems), read_only))

    def loaded(self, message: BookmarksLoaded) -> None:
        self.problem = message.read_only
        self._report_problems(message.problems)
        if message.doc_id and message.doc_id == self.reader.doc_id:
            self.doc_bookmarks = message.bookmarks
            self.reader.set_marks(marks_of(message.bookmarks))

    def _report_problems(self, problems: tuple[str, ...]) -> None:
        fresh = [p for p in problems if p not in self._problems_reported]
        if not fresh:
            return
        self._problems_reported.update(fresh)
        more = f" (and {len(fresh) - 3} more problems)" if len(fresh) > 3 else ""
        self._notify(
            "\n".join(safe(p) for p in fresh[:3]) + more,
            title="Bookmarks",
            severity="error" if self.problem else "warning",
            timeout=15,
        )

    def failed(self, message: BookmarksFailed) -> None:
        self._notify(safe(message.text), title="Bookmarks", severity="error", timeout=12)

    def changed(self, message: BookmarksChanged) -> None:
        saved = message.saved
        if saved is not None:
            quote = one_line(saved.quote.exact)
            quote = quote if len(quote) <= 60 else quote[:59] + "…"
            self._notify(f"bookmarked “{quote}” (B lists your bookmarks)", timeout=4)
            # the app-wide news: the other screens on the stack (the comparison) mark it too;
            # without ``saved``, so no screen answers it with another round
            for screen in self.screen.app.screen_stack:
                if screen is not self.screen:
                    screen.post_message(BookmarksChanged(message.doc_id))
        self.load_marks()

    # .. saving ..

    def request(self, message: BookmarkRequested) -> None:
        """Ask for the note and tags, then save (also for the readers of other screens: the
        app hands their requests here)."""
        if self.problem:
            self._notify(safe(self.problem), title="Bookmarks", severity="error", timeout=12)
            return
        doc = message.doc
        start, end, claim = message.start, message.end, message.claim
        if claim is not None:
            kinds = ", ".join(f"{KIND_TAGS.get(k, k)} {k}" for k in claim.kinds)
            about = f"claim: {kinds} · score {claim.score:.2f}"
        elif message.sentences > 1:
            about = f"{message.sentences} sentences"
        else:
            about = "the sentence under the cursor"

        def done(edit: BookmarkEdit | None) -> None:
            if edit is not None:
                if message.done is not None:
                    message.done()
                self.save(doc, start, end, edit, claim)

        self.screen.app.push_screen(BookmarkDialog(doc.text[start:end], title=doc.title, about=about), done)

    def save(self, doc: Document, start: int, end: int, edit: BookmarkEdit, claim: Claim | None) -> None:
        self.screen.run_worker(
            lambda: self._save_worker(doc, start, end, edit, claim), thread=True, group="bookmarks-write"
        )

    def _save_worker(
        self, doc: Document, start: int, end: int, edit: BookmarkEdit, claim: Claim | None
    ) -> None:
        try:
            saved = self.store.add(doc, start, end, edit.note, edit.tags, claim)
        except BookmarksError as exc:
            self._post(BookmarksFailed(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - anything else is still a message, not a traceback
            self._post(BookmarksFailed(f"could not save the bookmark to {self.store.path}: {exc}"))
            return
        self._post(BookmarksChanged(doc.id, saved))

    # .. jumping to a passage ..

    def goto_passage(self, doc_id: str, offset: int) -> bool:
        """Go to ``offset`` of ``doc_id`` once it is shown; True when it is shown already
        (``shown`` does it then), False when it must be opened first."""
        self._pending_goto = (doc_id, offset)
        if self.reader.doc_id == doc_id and self.reader.prepared is not None:
            return True
        self._open_document(doc_id)
        return False

    def shown(self) -> None:
        """A document has just been put in the reader: go to the passage asked for, if any,
        and mark its bookmarks."""
        pending, self._pending_goto = self._pending_goto, None
        if pending is not None and pending[0] == self.reader.doc_id:
            self.reader.goto_offset(pending[1])
        self.load_marks()


def marks_of(bookmarks: tuple[Bookmark, ...]) -> tuple[Mark, ...]:
    """A bookmark mark for each anchored bookmark (orphans have no place in the text)."""
    marks = []
    for b in bookmarks:
        span = b.anchor.span if b.anchor is not None else None
        if span is not None and span.end > span.start:
            marks.append(Mark(span.start, span.end, "bookmark", BOOKMARK_GUTTER))
    return tuple(marks)
