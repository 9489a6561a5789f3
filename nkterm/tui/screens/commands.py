"""Command palette (ctrl+p) providers: open any document by title, and the reader's commands.

``DocumentCommands`` reads the document summaries the app already holds (no disk, no index);
``ReaderCommands`` lists the reader's actions by name, each run through the app's action
system, so the palette and the keys do the same thing. ``BookmarkCommands``: the bookmarks
panel, bookmarking the sentence under the cursor, and exporting every bookmark (Markdown, W3C
annotation JSON or CSV) to a file in the data folder, in a worker thread.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from nkterm.render import one_line, safe
from nkterm.tui.screens.main import MainScreen
from nkterm.tui.services import ReaderHost, host_of

if TYPE_CHECKING:
    from textual.app import App

    from nkterm.models import DocSummary, Document

# (name, help, action run on the main screen; app.* on the app)
READER_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Search", "full-text search (/)", "search"),
    ("Toggle the document list", "show or hide the list of documents (l)", "toggle_list"),
    ("Toggle the claims panel", "show or hide the open document's claims (a)", "toggle_claims"),
    (
        "Toggle check-worthy claims only",
        "highlight all claims or only check-worthy ones (w)",
        "toggle_check_worthy",
    ),
    ("Claim legend", "what the claim symbols, tags and styles mean (L)", "legend"),
    ("Keys", "every key of the reader (?)", "app.help"),
    ("Sort documents", "cycle the list order: title, newest, oldest, words, claims (s)", "sort_documents"),
    ("Next claim", "move the cursor to the next claim (])", "reader_claim(1)"),
    ("Previous claim", "move the cursor to the previous claim ([)", "reader_claim(-1)"),
    (
        "Compare with another document…",
        "line this document up with another, picked from a list (c)",
        "compare",
    ),
    (
        "Corroborate the claim",
        "what the rest of the corpus says about the claim under the cursor (o)",
        "corroborate",
    ),
)


def main_screen(app: App[Any]) -> MainScreen | None:
    """The app's main screen, wherever it is in the stack (the palette may be on top)."""
    return next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)


class DocumentCommands(Provider):
    """Every document, by title (and source), to open it."""

    def _documents(self) -> list[DocSummary]:
        return list(host_of(self.app).summaries)

    async def discover(self) -> Hits:
        for summary in self._documents()[:50]:
            title = one_line(summary.title)
            yield DiscoveryHit(
                f"Open: {title}", partial(self._open, summary.id), help=safe(summary.source or summary.id)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for summary in self._documents():
            title = one_line(summary.title)
            name = f"Open: {title}"
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self._open, summary.id),
                    help=safe(summary.source or summary.id),
                )

    def _open(self, doc_id: str) -> None:
        host_of(self.app).open_document(doc_id)


class CompareCommands(Provider):
    """``Compare with: <title>`` for every other document, once a document is open."""

    def _pairs(self) -> list[tuple[str, str, DocSummary]]:
        main = main_screen(self.app)
        doc_id = main.reader.doc_id if main is not None else None
        if doc_id is None:
            return []
        return [
            (f"Compare with: {one_line(s.title)}", doc_id, s)
            for s in host_of(self.app).summaries
            if s.id != doc_id
        ]

    async def discover(self) -> Hits:
        for name, doc_id, summary in self._pairs()[:20]:
            yield DiscoveryHit(name, partial(self._compare, doc_id, summary.id), help=safe(summary.id))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, doc_id, summary in self._pairs():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self._compare, doc_id, summary.id),
                    help=safe(summary.id),
                )

    def _compare(self, a_id: str, b_id: str) -> None:
        from nkterm.tui.screens.compare import open_comparison

        open_comparison(self.app, a_id, b_id)


class ReaderCommands(Provider):
    """The reader's own commands by name."""

    async def discover(self) -> Hits:
        for name, help_text, action in READER_COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in READER_COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=help_text)

    async def _run(self, action: str) -> None:
        # the palette may still be on top: run on the main screen, not "the current screen"
        await self.app.run_action(action, main_screen(self.app))


EXPORT_FORMATS = {"markdown": "md", "json": "json", "csv": "csv"}
BOOKMARK_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Bookmarks: open the panel", "filter, go to a passage, edit, delete (B)", "app.bookmarks"),
    (
        "Bookmarks: bookmark the sentence",
        "the sentence (or claim, or selection) under the cursor (b)",
        "bookmark",
    ),
    ("Bookmarks: export as Markdown", "every bookmark with its passage, to a .md file", "export:markdown"),
    ("Bookmarks: export as JSON", "W3C Web Annotations, for `nkterm bookmarks import`", "export:json"),
    ("Bookmarks: export as CSV", "one row a bookmark, for a spreadsheet", "export:csv"),
)


def export_path(fmt: str, when: dt.datetime | None = None) -> Path:
    """Where an export from the reader goes: the data folder's exports/, named by the time."""
    from nkterm import paths

    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return paths.data_dir() / "exports" / f"bookmarks-{stamp}.{EXPORT_FORMATS[fmt]}"


def export_bookmarks(host: ReaderHost, fmt: str) -> tuple[Path, int]:
    """Write every bookmark in ``fmt`` (in a worker thread: reads the store and the index)."""
    from nkterm.files import write_atomic

    store = host.bookmarks
    store.load()
    index = host.library

    def resolve(doc_id: str) -> Document | None:
        try:
            return index.document(doc_id) if index is not None else None
        except Exception:  # noqa: BLE001 - gone or damaged: the export says so for that bookmark
            return None

    if fmt == "json":
        text = store.export_json()
    elif fmt == "csv":
        text = store.export_csv(resolve)
    else:
        text = store.export_markdown(resolve)
    path = export_path(fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return path, len(store.bookmarks)


class BookmarkCommands(Provider):
    """The bookmarks by name: the panel, bookmark this sentence, export."""

    async def discover(self) -> Hits:
        for name, help_text, action in BOOKMARK_COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in BOOKMARK_COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=help_text)

    async def _run(self, action: str) -> None:
        app = self.app
        if action.startswith("export:"):
            fmt = action.partition(":")[2]
            app.run_worker(partial(self._export, fmt), thread=True, group="bookmark-export")
            return
        main = main_screen(app)
        if action == "bookmark":
            reader = main.reader if main is not None else None
            if reader is None or reader.doc_id is None:
                app.notify("open a document first (enter)", timeout=3)
                return
            await app.run_action(action, reader)
            return
        await app.run_action(action, main)

    def _export(self, fmt: str) -> None:
        app = self.app
        try:
            path, count = export_bookmarks(host_of(app), fmt)
        except Exception as exc:  # noqa: BLE001 - a full disk, a locked store: said, never raised
            app.call_from_thread(
                app.notify, f"cannot export the bookmarks: {exc}", severity="error", markup=False
            )
            return
        app.call_from_thread(
            app.notify, f"exported {count} bookmark(s) to {path}", title="Bookmarks", markup=False
        )
