"""The Textual app: keymap, help, command palette, and ``run_app``.

Kept lean on purpose: the screens (``nkterm.tui.screens``) hold the layout and the workers, the
widgets (``nkterm.tui.widgets``) the rendering. This module wires them together, applies the
user's keymap (``config.yaml``; problems become notifications naming file and line) and saves
reading positions once the app has stopped. Its services (the ``Library``, positions,
bookmarks, config: ``nkterm.tui.services.ReaderServices``) are made by the caller and passed
in; the screens see the app as a typed ``ReaderHost``. Imported only by ``nkterm.cli`` when
the reader starts, so the CLI's other commands never load Textual.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from nkterm.config import Config, ConfigProblem, config_path, summary
from nkterm.models import DocSummary
from nkterm.state import PositionStore
from nkterm.tui.messages import BookmarkRequested, BookmarksChanged
from nkterm.tui.screens.commands import BookmarkCommands, CompareCommands, DocumentCommands, ReaderCommands
from nkterm.tui.screens.main import MainScreen
from nkterm.tui.services import ReaderHost, ReaderServices
from nkterm.tui.widgets.claim_list import ClaimsPane
from nkterm.tui.widgets.document_list import DocumentsPane
from nkterm.tui.widgets.document_view import DocumentView
from nkterm.tui.widgets.row_list import RowList

if TYPE_CHECKING:
    from nkterm.bookmarks import BookmarkStore
    from nkterm.library import Library
    from nkterm.tui.screens.bookmarks import PassageChoice


class NktermApp(App[int]):
    CSS_PATH = "nkterm.tcss"
    TITLE = "nkterm"
    COMMANDS = App.COMMANDS | {DocumentCommands, ReaderCommands, CompareCommands, BookmarkCommands}
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", id="app.quit"),
        Binding("question_mark", "help", "help", tooltip="this list of keys", id="app.help"),
        Binding(
            "B",
            "bookmarks",
            "bookmarks",
            tooltip="your bookmarks: filter, go to a passage, edit, delete",
            id="app.bookmarks",
        ),
    ]

    @staticmethod
    def help_sources() -> list[tuple[str, type]]:
        """Where the help screen (and the keymap's ids) take their rows from, in order. The
        screens not on the way to the first frame are imported here, when first needed
        (~40 ms of start-up)."""
        from nkterm.tui.screens.bookmark_dialog import BookmarkDialog
        from nkterm.tui.screens.bookmarks import BookmarksScreen
        from nkterm.tui.screens.compare import CompareScreen
        from nkterm.tui.screens.compare_picker import ComparePicker
        from nkterm.tui.screens.corroborate import CorroborateScreen
        from nkterm.tui.screens.help import HelpScreen
        from nkterm.tui.screens.legend import LegendScreen
        from nkterm.tui.screens.search import SearchScreen

        return [
            ("Reader (the text pane)", DocumentView),
            ("Anywhere on the main screen", MainScreen),
            ("Document list", DocumentsPane),
            ("Any list: documents, claims, search results", RowList),
            ("Claims panel", ClaimsPane),
            ("Bookmarks panel (B)", BookmarksScreen),
            ("Bookmark dialog", BookmarkDialog),
            ("Comparison (c in the reader)", CompareScreen),
            ("Choosing the document to compare with", ComparePicker),
            ("Corroboration (o in the reader)", CorroborateScreen),
            ("Search", SearchScreen),
            ("Help and legend", HelpScreen),
            ("Legend", LegendScreen),
        ]

    def __init__(
        self,
        services: ReaderServices,
        doc_id: str | None = None,
        *,
        compare: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.start_doc = doc_id
        self.start_compare = compare  # `nkterm compare A B`: open on the comparison of A and B
        self.config_problems = list(services.config_problems)
        # the services' library once the main screen's index worker has opened its index
        self.library: Library | None = None
        self.summaries: list[DocSummary] = []
        self.main_screen = MainScreen(self, sort=self.config.sort)
        self.title = f"nkterm · {self.corpus.name}"
        self._clashes_reported: set[frozenset[str]] = set()

    @property
    def corpus(self) -> Path:
        return self.services.corpus

    @property
    def index_dir(self) -> Path:
        return self.services.index_dir

    @property
    def config(self) -> Config:
        return self.services.config

    @property
    def positions(self) -> PositionStore:
        return self.services.positions

    @property
    def bookmarks(self) -> BookmarkStore:
        """The user's bookmark store, read and written in workers only. Its file opens when
        first asked for (by a worker, or a bookmark key): importing the store (its file
        format, YAML, filelock) is ~60 ms that the start-up need not wait for."""
        return self.services.bookmarks.store

    def get_default_screen(self) -> Screen[Any]:
        self.main_screen.preset_layout(self.size.width)
        return self.main_screen

    def on_mount(self) -> None:
        self._apply_keymap()
        if self.start_compare is not None:
            from nkterm.tui.screens.compare import open_comparison

            open_comparison(self, *self.start_compare)

    # .. keymap ..

    def binding_ids(self) -> set[str]:
        ids = {b.id for _title, cls in self.help_sources() for b in _bindings(cls) if b.id}
        ids.update(b.id for b in _bindings(type(self)) if b.id)
        return ids

    def _binding_infos(self) -> list[Any]:
        from nkterm.keymap_check import BindingInfo, split_keys

        sources = [(type(self).__name__, _bindings(type(self)) + _bindings(App))]
        sources += [(cls.__name__, _bindings(cls)) for _title, cls in self.help_sources()]
        return [
            BindingInfo(scope, b.id, split_keys(b.key), b.action) for scope, found in sources for b in found
        ]

    def _apply_keymap(self) -> None:
        """The user's keymap, checked at start: unknown ids, keys Textual does not know and keys
        taken from another binding are reported with their line; the rest applies."""
        problems = list(self.config_problems)
        known = self.binding_ids() if self.config.keymap else set()
        keymap: dict[str, str] = {}
        path = str(self.config.path or config_path())
        for binding_id, keys in self.config.keymap.items():
            unknown = [k for k in keys.split(",") if not _is_key(k)]
            if binding_id in known and unknown:
                line = self.config.keymap_lines.get(binding_id)
                problems.append(
                    ConfigProblem(
                        path,
                        line,
                        f"keymap: {binding_id}: not a key: {', '.join(repr(k) for k in unknown)} "
                        "(keys look like j, ctrl+j, pageup, f5, left_square_bracket)",
                    )
                )
            elif binding_id in known:
                keymap[binding_id] = keys
            else:
                line = self.config.keymap_lines.get(binding_id)
                problems.append(
                    ConfigProblem(
                        path, line, f"keymap: no key binding has the id {binding_id!r} (? lists the ids)"
                    )
                )
        if keymap:
            from nkterm.keymap_check import taken_keys

            for binding_id, messages in taken_keys(keymap, self._binding_infos()).items():
                line = self.config.keymap_lines.get(binding_id)
                problems.extend(ConfigProblem(path, line, message) for message in messages)
            self.set_keymap(keymap)
        if problems:  # one notification, however many: one per problem expired unseen
            self.notify(summary(problems), title="Config", severity="error", timeout=20, markup=False)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        # a key given to a binding of the same action (app.quit: [q, ctrl+q] beside Textual's
        # ctrl+q quit) takes nothing; a key taken from another binding was reported at start
        # with its line (``nkterm.keymap_check``)
        rebound = {b.action for b in self._binding_infos() if b.id in self.config.keymap}
        if all(b.action in rebound for b in clashed_bindings) or self._taken_reported(clashed_bindings):
            return
        ids = frozenset(b.id or b.action for b in clashed_bindings)
        if ids in self._clashes_reported:
            return
        self._clashes_reported.add(ids)
        keys = ", ".join(sorted({b.key for b in clashed_bindings}))
        self.notify(
            f"{config_path()}: the keymap gives {keys} to more than one action ({', '.join(sorted(ids))}); "
            "the keymap's binding wins",
            title="Config",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def _taken_reported(self, clashed_bindings: set[Binding]) -> bool:
        from nkterm.keymap_check import taken_keys

        taken = taken_keys(self.config.keymap, self._binding_infos())
        return bool(taken) and all(
            any(f"from {b.id or b.action} " in m for ms in taken.values() for m in ms)
            for b in clashed_bindings
        )

    # .. actions ..

    def action_help(self) -> None:
        from nkterm.tui.screens.help import HelpScreen, help_sections

        if isinstance(self.screen, HelpScreen):
            return
        app_bindings = [binding for _key, binding in self._bindings]
        sources: list[tuple[str, Any]] = [("Everywhere", app_bindings), *self.help_sources()]
        sections = help_sections(self, sources)
        page_back = next(
            (keys for _t, rows in sections for keys, _d, bid in rows if bid == "reader.page-up"), "pageup"
        )
        notes = [
            f"Page back in the reader: {page_back} (b is kept for bookmarks).",
            "Mouse: click a document, a claim or a sentence to go there; the wheel scrolls.",
            "ctrl+p opens the command palette: every document by title, and the commands above by name.",
            "Search bookmarks from / too: bookmark:word (quote, note or tags) or btag:tag "
            "(tag:x searches the documents' own tags).",
            f"Rebind any key in {config_path()}, e.g.  keymap: {{reader.next-claim: 'ctrl+n'}}",
        ]
        self.push_screen(HelpScreen(sections, notes))

    def open_document(self, doc_id: str) -> None:
        self.main_screen.open_document(doc_id)

    def goto_passage(self, doc_id: str, offset: int) -> None:
        """The reader to ``offset`` of ``doc_id`` (a bookmark's or a corroboration's passage)."""
        self.main_screen.goto_passage(doc_id, offset)

    def bookmarks_changed(self, doc_id: str | None) -> None:
        """A screen changed the bookmarks file: the reader's marks follow."""
        self.main_screen.post_message(BookmarksChanged(doc_id))

    def on_bookmark_requested(self, message: BookmarkRequested) -> None:
        """b in a reader of another screen (the comparison): saved like the main reader's."""
        self.main_screen.request_bookmark(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "bookmarks":  # not over a dialog, the help or the panel itself
            return not isinstance(self.screen, ModalScreen)
        return True

    def action_bookmarks(self) -> None:
        from nkterm.tui.screens.bookmarks import BookmarksScreen

        self.push_screen(BookmarksScreen(), self._bookmark_chosen)

    def _bookmark_chosen(self, choice: PassageChoice | None) -> None:
        if choice is None:
            return
        if self.screen is not self.main_screen:  # e.g. the comparison: the passage opens in the reader
            self.main_screen.pop_until_active()
        if choice.offset is None:
            self.main_screen.open_document(choice.doc_id)
            self.notify(
                "that bookmark's passage is no longer in the document (the panel shows its saved quote)",
                severity="warning",
                timeout=6,
            )
        else:
            self.main_screen.goto_passage(choice.doc_id, choice.offset)

    def save_state(self) -> None:
        """Write reading positions (call when the event loop has stopped)."""
        with contextlib.suppress(OSError):
            self.positions.save()

    def on_unmount(self) -> None:
        # the moves since the save timer last ran; the screen and its workers are gone by now
        self.save_state()


def _is_key(key: str) -> bool:
    """Whether Textual knows ``key`` (after its modifiers): one character, a key name (pageup,
    f5, escape) or a character's name (left_square_bracket, greater_than_sign)."""
    from textual.keys import Keys, _character_to_key

    name = key.strip().rpartition("+")[2] if key.strip() not in ("+", "plus") else "plus"
    if len(name) == 1 or name in {k.value for k in Keys} or name in ("plus", "space", "enter", "tab"):
        return True
    return name in {_character_to_key(chr(c)) for c in range(32, 0x250)}


def _bindings(cls: type) -> list[Binding]:
    from nkterm.tui.screens.help import own_bindings

    return [b for b in own_bindings(cls) if isinstance(b, Binding)]


def _is_host(app: NktermApp) -> ReaderHost:
    return app  # mypy checks here that the app is what its screens take it for


def run_app(
    services: ReaderServices, doc_id: str | None = None, compare: tuple[str, str] | None = None
) -> int:
    """Run the reader until the user quits; the exit code for the shell. ``services``: made by
    the caller (``ReaderServices.for_folders(corpus, index_dir)``). ``compare=(A, B)`` opens on
    the comparison of documents A and B (escape goes on to the reader)."""
    app = NktermApp(services, doc_id, compare=compare)
    result = app.run()
    app.save_state()
    return int(result or 0)
