"""The comparison screen's two reader panes.

``CompareView`` is the reader (``DocumentView``: claims highlighted, sentence cursor, the same
keys) plus what a comparison needs: put a passage at a given row of the pane, so that the two
halves of a pair stand level, and say at which row a passage is. ``ComparePane`` is a title
line over one view; it turns the view's ``CursorMoved`` into ``PaneMoved`` naming the side,
so the screen can tell the panes apart even when both show the same document.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from nkterm.messages import CursorMoved
from nkterm.models import Span
from nkterm.render import safe
from nkterm.widgets.document_view import DocumentView


class CompareView(DocumentView):
    """A reader pane that the comparison screen can point at a passage."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("bookmark", "select"):
            return False  # bookmarks are made in the reader, whose screen owns the dialog
        return super().check_action(action, parameters)

    def line_of(self, offset: int) -> int | None:
        """The line (of the whole laid-out document) showing ``offset``."""
        if self._wrapped is None or not len(self._wrapped):
            return None
        return self._wrapped.line_of(offset)

    def row_of(self, offset: int) -> int | None:
        """The row of the pane showing ``offset`` (negative above the view, >= height below)."""
        line = self.line_of(offset)
        return None if line is None else line - self.scroll_offset.y

    def shown_span(self) -> Span:
        """The text on screen, as offsets."""
        wrapped = self._wrapped
        if wrapped is None or not len(wrapped):
            return Span(0, 0)
        top = min(self.scroll_offset.y, len(wrapped) - 1)
        bottom = min(len(wrapped), top + max(1, self.scrollable_content_region.height)) - 1
        return Span(wrapped.starts[top], wrapped.ends[bottom])

    def place(self, offset: int, row: int) -> int:
        """Put the cursor on the sentence at ``offset`` and scroll so that the line showing
        ``offset`` is at ``row`` of the pane, as near as the document's ends allow. Returns
        the row it landed at."""
        if self.prepared is None or self._wrapped is None or self._pos is None:
            return row
        line = self._wrapped.line_of(offset)
        height = max(1, self.scrollable_content_region.height)
        row = max(0, min(row, height - 1))
        top = max(0, min(line - row, self.max_scroll_y))
        self.scroll_to(y=top, animate=False)
        self._hit = None
        self._set_cursor(self.prepared.sentences.locate(offset), follow=False)
        return line - top


class PaneMoved(Message):
    """The cursor of pane ``side`` ("a" or "b") moved (or its view scrolled a page)."""

    def __init__(self, side: str, cursor: Span) -> None:
        super().__init__()
        self.side = side
        self.cursor = cursor

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
        out.append(" ".join(safe(title).split()), style="bold")
        out.append(f"  {safe(detail)}")
        self.query_one(".compare-pane-title", Static).update(out, layout=False)

    @on(CursorMoved)
    def _moved(self, message: CursorMoved) -> None:
        message.stop()
        self.post_message(PaneMoved(self.side, message.cursor))
