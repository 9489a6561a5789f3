"""The bookmark dialog: the passage being bookmarked, a note and tags. Enter saves, escape
cancels; the same dialog edits a saved bookmark (``e`` in the bookmarks panel).

Dismisses with a ``BookmarkEdit`` (or None). It never touches the store: the screen that
opened it saves in a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from nkterm.bookmarks.query import split_tags
from nkterm.render import one_line

QUOTE_CHARS = 400  # the dialog shows the start of a longer passage


@dataclass(frozen=True)
class BookmarkEdit:
    note: str
    tags: tuple[str, ...]


class BookmarkDialog(ModalScreen["BookmarkEdit | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="bookmark-dialog.cancel"),
        # with priority, enter saves as it arrives: an input's own enter ran after the keys
        # typed behind it, so "b", a note, enter and j typed fast saved the note with a "j"
        Binding("enter", "save", "save", show=False, priority=True, id="bookmark-dialog.save"),
    ]

    def __init__(
        self,
        quote: str,
        *,
        title: str = "",
        about: str = "",
        note: str = "",
        tags: Sequence[str] = (),
        editing: bool = False,
    ) -> None:
        super().__init__()
        self.quote = quote
        self.doc_title = title
        self.about = about  # e.g. "claim: quantity, attributed" or "3 sentences"
        self.note = note
        self.tags = tuple(tags)
        self.editing = editing

    def compose(self) -> ComposeResult:
        quote = one_line(self.quote)
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        with Vertical(id="bookmark-dialog") as box:
            box.border_title = "Edit bookmark" if self.editing else "Bookmark this passage"
            if self.doc_title:
                yield Static(Text(one_line(self.doc_title)), id="bookmark-dialog-doc")
            yield Static(Text(f"“{quote}”"), id="bookmark-dialog-quote")
            if self.about:
                yield Static(Text(self.about), id="bookmark-dialog-about")
            with Horizontal(classes="bookmark-dialog-field"):
                yield Label("note", classes="bookmark-dialog-label")
                yield Input(self.note, placeholder="why this passage matters (optional)", id="bookmark-note")
            with Horizontal(classes="bookmark-dialog-field"):
                yield Label("tags", classes="bookmark-dialog-label")
                yield Input(
                    " ".join(self.tags),
                    placeholder="optional, separated by spaces or commas",
                    id="bookmark-tags",
                )
            yield Static(Text("enter saves · tab next field · esc cancels"), id="bookmark-dialog-keys")

    def on_mount(self) -> None:
        note = self.query_one("#bookmark-note", Input)
        note.cursor_position = len(note.value)
        note.focus()

    def action_save(self) -> None:
        note = self.query_one("#bookmark-note", Input).value.strip()
        tags = split_tags(self.query_one("#bookmark-tags", Input).value)
        self.dismiss(BookmarkEdit(note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
