"""The comparison screen's two reader panes.

``CompareView`` is the reader (``DocumentView``: claims highlighted, sentence cursor, the same
keys, ``b``/``v`` bookmarking through the app) plus what a comparison needs: put a passage at
a given row of the pane, so that the two halves of a pair stand level, and say at which row a
passage is. The mouse wheel moves its cursor with the text (onto the first sentence on
screen), as the page keys do, so that the other pane follows a wheel as it follows the keys.
``ComparePane`` is a title line over one view; it turns the view's ``CursorMoved`` into
``PaneMoved`` naming the side, so the screen can tell the panes apart even when both show the
same document.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from nkterm.models import Span
from nkterm.render import one_line, safe
from nkterm.tui.messages import CursorMoved
from nkterm.tui.widgets.document_view import DocumentView

# the reader keeps b and v out of its footer (it needs the room); the comparison shows them
SHOWN_READER_KEYS = ("reader.bookmark", "reader.select")


class CompareView(DocumentView):
    """A reader pane that the comparison screen can point at a passage."""

    # the reader's own bindings (same ids, so a keymap rebinds both), shown in the footer
    BINDINGS: ClassVar[list[BindingType]] = [
        dataclasses.replace(binding, show=True)
        for binding in DocumentView.BINDINGS
        if isinstance(binding, Binding) and binding.id in SHOWN_READER_KEYS
    ]

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._wheel(self.scroll_offset.y)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._wheel(self.scroll_offset.y)

    def _wheel(self, before: int) -> None:
        # runs before the widget's own wheel handler has scrolled: look once it has
        self.call_later(self._wheel_scrolled, before)

    def _wheel_scrolled(self, before: int) -> None:
        if self.scroll_offset.y != before:
            self._apply(self.model.scrolled)

    def row_of(self, offset: int) -> int | None:
        """The row of the pane showing ``offset`` (negative above the view, >= height below)."""
        return self.model.row_of(offset)

    def place(self, offset: int, row: int) -> int:
        """Put the cursor on the sentence at ``offset`` and scroll so that the line showing
        ``offset`` is at ``row`` of the pane, as near as the document's ends allow. Returns
        the row it landed at."""
        return self._apply(lambda: self.model.place(offset, row))


@dataclasses.dataclass(eq=False)
class PaneMoved(Message):
    """The cursor of pane ``side`` ("a" or "b") moved (or its view scrolled a page)."""

    side: str
    cursor: Span

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PaneMoved) and message.side == self.side


class ComparePane(Vertical):
    """``A · title · id`` over a ``CompareView``."""

    def __init__(self, side: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="compare-pane")
        self.side = side
        self.view = CompareView(id=f"compare-view-{side}")

    def compose(self) -> ComposeResult:
        yield Static(Text(f"{self.side.upper()} · loading…"), classes="compare-pane-title", markup=False)
        yield self.view

    def set_title(self, title: str, detail: str) -> None:
        out = Text(f"{self.side.upper()}  ", no_wrap=True, overflow="ellipsis")
        out.append(one_line(title), style="bold")
        out.append(f"  {safe(detail)}")
        self.query_one(".compare-pane-title", Static).update(out, layout=False)

    @on(CursorMoved)
    def _moved(self, message: CursorMoved) -> None:
        message.stop()
        self.post_message(PaneMoved(self.side, message.cursor))
