"""The bookmarks panel (``B``): every bookmark, grouped by document, orphans last.

Type to filter (``f``: words of the quote, note or tags, ``tag:x``); enter goes to the
passage (the panel closes with a ``PassageChoice``); ``e`` edits the note and tags in the
bookmark dialog; ``x`` deletes and ``u`` brings back the last deleted. Every store access runs
in a thread worker on this screen: reading and re-anchoring every bookmark against the indexed
text of its document, and each change. After a change the main screen is told
(``BookmarksChanged``) so the reader's marks follow. Errors are notifications naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from nkterm.bookmarks import Bookmark, BookmarksError
from nkterm.bookmarks.query import filter_bookmarks
from nkterm.models import DocSummary, Document
from nkterm.render import one_line, safe
from nkterm.tui.messages import BookmarksChanged, BookmarksFailed, BookmarksLoaded
from nkterm.tui.screens.bookmark_dialog import BookmarkDialog, BookmarkEdit
from nkterm.tui.services import host_of
from nkterm.tui.teardown import torn_down
from nkterm.tui.widgets.bookmark_list import BookmarkList, rows_for

if TYPE_CHECKING:
    from textual.app import App

    from nkterm.bookmarks import BookmarkStore
    from nkterm.library import Library
    from nkterm.tui.services import ReaderHost

KEYS = "enter go to it · e edit · x delete · u undo delete · f filter (words, tag:x) · esc close"


@dataclass(frozen=True)
class PassageChoice:
    """Where to go: ``offset`` in ``doc_id``'s text, or None (an orphan: the document only)."""

    doc_id: str
    offset: int | None


class BookmarksScreen(ModalScreen["PassageChoice | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close", tooltip="close the bookmarks panel", id="bookmarks.close"),
        Binding("e", "edit", "edit", tooltip="edit the note and tags of the bookmark", id="bookmarks.edit"),
        Binding(
            "x,delete",
            "delete",
            "delete",
            tooltip="delete the bookmark (u brings it back)",
            id="bookmarks.delete",
        ),
        Binding("u", "undo", "undo", tooltip="bring back the bookmark deleted last", id="bookmarks.undo"),
        Binding(
            "f",
            "filter",
            "filter",
            tooltip="filter by words of the quote, note or tags, and tag:x; esc clears",
            id="bookmarks.filter",
        ),
        # with priority, enter in the filter goes to the bookmark as it arrives (an input's own
        # enter ran after the keys typed behind it)
        Binding("enter", "filter_done", "go to it", show=False, priority=True, id="bookmarks.filter-done"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.bookmarks: tuple[Bookmark, ...] = ()  # all of them, anchored
        self.loaded = False
        self.problems: tuple[str, ...] = ()
        self.read_only: str | None = None
        self._summaries: dict[str, DocSummary] = {}
        self._keep: str | None = None  # the bookmark to put the cursor on after a reload

    @property
    def host(self) -> ReaderHost:
        return host_of(self.app)

    @property
    def store(self) -> BookmarkStore:
        return self.host.bookmarks

    @property
    def list_view(self) -> BookmarkList:
        return self.query_one(BookmarkList)

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box") as box:
            box.border_title = "Bookmarks"
            yield Input(
                placeholder="filter (f): words of the quote, note or tags; tag:x", id="bookmarks-filter"
            )
            yield Static(Text("reading your bookmarks…"), id="bookmarks-status")
            yield BookmarkList(id="bookmarks-list")
            yield Static(Text(KEYS), id="bookmarks-keys")

    def on_mount(self) -> None:
        self.list_view.focus()
        self._summaries = {s.id: s for s in self.host.summaries}
        self.reload()

    # .. reading ..

    def reload(self) -> None:
        self.load_bookmarks(self.host.library)

    @work(thread=True, exclusive=True, group="bookmarks-panel")
    def load_bookmarks(self, index: Library | None) -> None:
        """Every bookmark, re-anchored against the indexed text of its document."""
        from nkterm.errors import IndexError as IndexProblem

        docs: dict[str, Document | None] = {}
        damaged: list[str] = []

        def resolve(doc_id: str) -> Document | None:
            if index is None:
                return None
            try:
                return index.document(doc_id)
            except LookupError:  # DocumentNotFound
                return None
            except IndexProblem as exc:  # damaged meanwhile: list the bookmarks unplaced, say why
                damaged[:] = [str(exc)]
                return None

        try:
            self.store.load()
            if index is None:  # the index is still being opened: list them, unplaced
                anchored = list(self.store.bookmarks)
            else:
                anchored = self.store.anchored(lambda d: docs.setdefault(d, resolve(d)))
                if damaged:  # not orphans: their texts cannot be read; list them unplaced
                    anchored = list(self.store.bookmarks)
            problems, read_only = [*damaged, *self.store.problems], self.store.read_only_reason
        except BookmarksError as exc:
            self.post_message(BookmarksFailed(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a broken index: say so, never a traceback
            self.post_message(BookmarksFailed(f"could not read the bookmarks: {exc}"))
            return
        self.post_message(BookmarksLoaded(None, tuple(anchored), tuple(problems), read_only))

    @on(BookmarksLoaded)
    def _loaded(self, message: BookmarksLoaded) -> None:
        self.bookmarks = message.bookmarks
        self.loaded = True
        if message.problems != self.problems and message.problems:
            self.notify(
                "\n".join(safe(p) for p in message.problems[:3]),
                title="Bookmarks",
                severity="error" if message.read_only else "warning",
                timeout=15,
                markup=False,
            )
        self.problems = message.problems
        self.read_only = message.read_only
        keep, self._keep = self._keep, None
        self._show(keep=keep)

    @on(BookmarksFailed)
    def _failed(self, message: BookmarksFailed) -> None:
        self.notify(safe(message.text), title="Bookmarks", severity="error", timeout=12, markup=False)
        if not self.loaded:
            self.query_one("#bookmarks-status", Static).update(Text("could not read the bookmarks"))

    def _show(self, keep: str | None = None, at: int | None = None) -> None:
        text = self.query_one("#bookmarks-filter", Input).value
        shown = filter_bookmarks(self.bookmarks, text)
        view = self.list_view
        if keep is None and at is None:
            current = view.current
            keep = current.id if current is not None else None
        view.empty_message = (
            f"no bookmark matches {text.strip()!r}"
            if text.strip() and self.bookmarks
            # not "no bookmarks yet": a file broken by hand holds them (the notification names it)
            else "no bookmark could be read: the file is broken; fix it or move it away"
            if self.read_only and not self.bookmarks
            else None
        )
        view.show(rows_for(shown, self._summaries), keep=keep, at=at)
        self._status(len(shown))

    def _status(self, shown: int) -> None:
        total = len(self.bookmarks)
        docs = len({b.doc_id for b in self.bookmarks})
        orphans = sum(1 for b in self.bookmarks if b.orphan)
        parts = [f"{total} bookmark{'s' * (total != 1)} in {docs} document{'s' * (docs != 1)}"]
        if orphans:
            parts.append(f"{orphans} orphan{'s' * (orphans != 1)}")
        text = self.query_one("#bookmarks-filter", Input).value.strip()
        if text:
            parts.append(f"{shown} match {safe(text)!r}")
        if self.read_only:
            parts.append("read-only (see the notification)")
        if self.store.can_undo:
            parts.append("u brings back the last deleted")
        self.query_one("#bookmarks-status", Static).update(Text(" · ".join(parts)), layout=False)

    # .. the filter ..

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    def action_filter_done(self) -> None:
        if not self.query_one("#bookmarks-filter", Input).has_focus:
            raise SkipAction()  # the list's own enter
        self.list_view.focus()
        self.list_view.action_choose()

    def action_filter(self) -> None:
        self.query_one("#bookmarks-filter", Input).focus()

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#bookmarks-filter", Input)
        if not box.has_focus:
            return
        if event.key in ("down", "up", "pagedown", "pageup"):
            event.stop()
            event.prevent_default()
            step = {"down": 1, "up": -1, "pagedown": 5, "pageup": -5}[event.key]
            self.list_view.select(self.list_view.cursor + step)

    def action_close(self) -> None:
        box = self.query_one("#bookmarks-filter", Input)
        if box.has_focus:  # escape in the filter: clear it, back to the list
            box.value = ""
            self.list_view.focus()
            return
        self.dismiss(None)

    # .. choosing ..

    @on(BookmarkList.Chosen)
    def _chosen(self, message: BookmarkList.Chosen) -> None:
        b = message.bookmark
        span = b.span if b.anchor is not None else None
        if b.orphan or span is None:
            if b.doc_id not in self._summaries:
                self.notify(
                    f"the document {b.doc_id!r} is not in this corpus; the saved quote is all there is",
                    title="Bookmarks",
                    severity="warning",
                    timeout=6,
                    markup=False,
                )
                return
            self.dismiss(PassageChoice(b.doc_id, None if b.orphan else b.position.start))
            return
        self.dismiss(PassageChoice(b.doc_id, span.start))

    # .. changing ..

    def _current(self) -> Bookmark | None:
        current = self.list_view.current
        if current is None:
            self.notify("no bookmark under the cursor", timeout=2)
        return current

    def _read_only(self) -> bool:
        if self.read_only:
            self.notify(safe(self.read_only), title="Bookmarks", severity="error", timeout=12, markup=False)
        return self.read_only is not None

    def action_edit(self) -> None:
        b = self._current()
        if b is None or self._read_only():
            return
        title = self._summaries[b.doc_id].title if b.doc_id in self._summaries else b.doc_id

        def done(edit: BookmarkEdit | None) -> None:
            if edit is not None and (edit.note != b.note or edit.tags != b.tags):
                self.update_bookmark(self.store, self.host, b, edit)

        self.app.push_screen(
            BookmarkDialog(b.quote.exact, title=title, note=b.note, tags=b.tags, editing=True), done
        )

    # the writes get the store and the app from here, on screen: a panel that esc closed while
    # the write was under way is detached, and a detached widget has no app to reach them by

    @work(thread=True, group="bookmarks-write")
    def update_bookmark(
        self, store: BookmarkStore, host: ReaderHost, b: Bookmark, edit: BookmarkEdit
    ) -> None:
        try:
            saved = store.update(b.id, note=edit.note, tags=edit.tags)
        except BookmarksError as exc:
            self.post_message(BookmarksFailed(str(exc)))
            return
        self._written(host, BookmarksChanged(saved.doc_id, saved))

    def action_delete(self) -> None:
        b = self._current()
        if b is None or self._read_only():
            return
        self.delete_bookmark(self.store, self.app, b, self.list_view.cursor)

    @work(thread=True, group="bookmarks-write")
    def delete_bookmark(self, store: BookmarkStore, app: App[Any], b: Bookmark, row: int) -> None:
        try:
            store.remove(b.id)
        except BookmarksError as exc:
            self.post_message(BookmarksFailed(str(exc)))
            return
        app.call_from_thread(self._deleted, b, row)

    def _deleted(self, b: Bookmark, row: int) -> None:
        quote = one_line(b.quote.exact)
        quote = quote if len(quote) <= 50 else quote[:49] + "…"
        self.notify(f"deleted “{quote}” · u brings it back", timeout=5, markup=False)
        if not torn_down(self, BookmarkList, "#bookmarks-filter", "#bookmarks-status"):
            # (esc closed the panel while the file was written: no list to redraw)
            self.bookmarks = tuple(x for x in self.bookmarks if x.id != b.id)
            self._show(at=row)
        self._changed(b.doc_id)

    def action_undo(self) -> None:
        if not self.store.can_undo:
            self.notify("nothing to undo: no bookmark was deleted here", timeout=3)
            return
        if self._read_only():
            return
        self.undo_delete(self.store, self.host)

    @work(thread=True, group="bookmarks-write")
    def undo_delete(self, store: BookmarkStore, host: ReaderHost) -> None:
        try:
            restored = store.undo_remove()
        except BookmarksError as exc:
            self.post_message(BookmarksFailed(str(exc)))
            return
        if restored is not None:
            self._written(host, BookmarksChanged(restored.doc_id, restored))

    def _written(self, host: ReaderHost, message: BookmarksChanged) -> None:
        """(In a write's thread.) The panel redraws and tells the reader (``_bookmarks_changed``);
        a panel that esc closed meanwhile takes no more messages: the reader is told from here,
        or its marks would show the bookmark as it was before the write."""
        if not self.post_message(message):
            host.bookmarks_changed(message.doc_id)

    @on(BookmarksChanged)
    def _bookmarks_changed(self, message: BookmarksChanged) -> None:
        message.stop()
        self._keep = message.saved.id if message.saved is not None else None
        self._changed(message.doc_id)
        self.reload()

    def _changed(self, doc_id: str | None) -> None:
        """Tell the main screen, so the reader's marks follow."""
        self.host.bookmarks_changed(doc_id)
