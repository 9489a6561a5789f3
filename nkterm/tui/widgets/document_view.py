"""``DocumentView``: the reader pane. The full text, claims highlighted, a sentence cursor.

Built on ``DocumentLines`` (the Line API rendering: only the lines on screen are drawn, from
a layout computed in the loading worker by ``document_layout.prepare``; ~25 ms to wrap
100,000 words). The cursor and its moves are the plain-Python ``DocumentCursor``
(``self.model``, nkterm.tui.view.document_cursor); this class binds the keys to it: j/k
move by sentence (a line at a time through a sentence taller than the view), { } by
paragraph, [ ] by claim, pages and ends; the view follows the cursor. ``v`` starts a
passage selection that the cursor moves extend, ``b`` asks the screen to bookmark the
passage (``BookmarkRequested``). After each move it repaints what changed and posts
``CursorMoved``; it takes its document, claims, hits, claim filter and marks from the
screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import events
from textual.binding import Binding, BindingType

from nkterm.models import Claim, Span
from nkterm.tui.messages import BookmarkRequested, CursorMoved
from nkterm.tui.view.document_layout import Prepared
from nkterm.tui.widgets.document_lines import DocumentLines

T = TypeVar("T")

_CLAIM_KEYS = Binding.Group("claim")


class DocumentView(DocumentLines, can_focus=True):
    """The reader. See the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,down",
            "next_sentence",
            "next sentence",
            show=False,
            tooltip="next sentence (a line at a time through a sentence taller than the view)",
            id="reader.next-sentence",
        ),
        Binding("k,up", "previous_sentence", "previous sentence", show=False, id="reader.previous-sentence"),
        Binding("space,pagedown", "page(1)", "page down", show=False, id="reader.page-down"),
        Binding(
            "pageup,shift+space,ctrl+b",
            "page(-1)",
            "page up",
            show=False,
            tooltip="page back (b is kept for bookmarks)",
            id="reader.page-up",
        ),
        Binding("d,ctrl+d", "half_page(1)", "half page down", show=False, id="reader.half-page-down"),
        Binding("u,ctrl+u", "half_page(-1)", "half page up", show=False, id="reader.half-page-up"),
        Binding("g,home", "top", "top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "bottom", show=False, id="reader.bottom"),
        Binding(
            "right_curly_bracket", "paragraph(1)", "next paragraph", show=False, id="reader.next-paragraph"
        ),
        Binding(
            "left_curly_bracket",
            "paragraph(-1)",
            "previous paragraph",
            show=False,
            id="reader.previous-paragraph",
        ),
        Binding(
            "left_square_bracket",
            "claim(-1)",
            "previous claim",
            id="reader.previous-claim",
            group=_CLAIM_KEYS,
        ),
        Binding("right_square_bracket", "claim(1)", "next claim", id="reader.next-claim", group=_CLAIM_KEYS),
        # b and v stay out of the footer: at 80 columns it must keep "l list" and "? help"
        Binding(
            "b",
            "bookmark",
            "bookmark",
            show=False,
            tooltip="bookmark the sentence (or claim) under the cursor, or the selection, with a note",
            id="reader.bookmark",
        ),
        Binding(
            "v",
            "select",
            "select",
            show=False,
            tooltip="select a passage: j/k extend it by sentence, b bookmarks it, v or esc cancels",
            id="reader.select",
        ),
        Binding(
            "escape", "cancel_selection", "cancel the selection", show=False, id="reader.cancel-selection"
        ),
    ]

    # .. what the screen reads ..

    @property
    def doc_id(self) -> str | None:
        return self.model.prepared.doc.id if self.model.prepared else None

    @property
    def cursor(self) -> Span:
        return self.model.cursor

    @property
    def current_claim(self) -> Claim | None:
        return self.model.claim

    @property
    def current_hit(self) -> int | None:
        return self.model.hit

    @property
    def top_offset(self) -> int:
        return self.model.top_offset

    def where(self) -> str:
        """Where the cursor is, for the detail line: paragraph and percentage."""
        return self.model.where()

    def part(self) -> str:
        """The page (PDF) or chapter (e-book) the cursor is on, e.g. "p. 2"; empty if none."""
        return self.model.part()

    def _cursor_visible(self) -> bool:  # read by a Pilot test
        return self.model.cursor_visible()

    # .. applying the model's changes ..

    def _apply(self, change: Callable[[], T]) -> T:
        """Run a model call, then repaint the lines whose look it changed, draw the
        selection and say the cursor moved, if it did."""
        model = self.model
        before, moves = model.marked_lines(), model.moves
        result = change()
        if model.moves != moves:
            self._invalidate_lines(before | model.marked_lines())
        self._set_selection(model.selection_mark())
        if model.moves != moves:
            self._notify_moved()
        return result

    def _notify_moved(self) -> None:
        model = self.model
        if model.prepared is not None:
            self.post_message(CursorMoved(model.prepared.doc.id, model.cursor, model.top_offset, model.claim))

    # .. what the screen sets ..

    def show(
        self, prepared: Prepared, *, target: str = "top", cursor: int | None = None, top: int | None = None
    ) -> None:
        """Show a document. ``target``: "top", "saved" (use ``cursor``/``top``), "first-hit",
        "last-hit"."""
        self._marks, self._selection = (), None  # they were the previous document's
        self._index_marks()
        self.model.show(prepared, self.scrollable_content_region.width, target=target, cursor=cursor, top=top)
        self._invalidate()
        self._notify_moved()

    def set_claims(self, claims: tuple[Claim, ...]) -> None:
        """The claims of a long document, loaded after its text."""
        if self.model.set_claims(claims):
            self._invalidate()
            self._notify_moved()

    def set_check_worthy_only(self, value: bool) -> None:
        self.model.set_check_worthy_only(value)
        self._invalidate()
        self._notify_moved()

    def set_hits(self, hits: tuple[Span, ...], query: str | None) -> None:
        if self.model.set_hits(hits, query):
            self._invalidate()

    def keep_cursor_in_view(self) -> None:
        """After the pane changed size (a panel opened): scroll the cursor sentence back in."""
        self.model.keep_cursor_in_view()

    # .. actions ..

    def action_next_sentence(self) -> None:
        self._apply(self.model.next_sentence)

    def action_previous_sentence(self) -> None:
        self._apply(self.model.previous_sentence)

    def action_page(self, direction: int) -> None:
        self._apply(lambda: self.model.page(direction))

    def action_half_page(self, direction: int) -> None:
        self._apply(lambda: self.model.half_page(direction))

    def action_top(self) -> None:
        self._apply(self.model.to_top)

    def action_bottom(self) -> None:
        self._apply(self.model.to_bottom)

    def action_paragraph(self, direction: int) -> None:
        self._apply(lambda: self.model.paragraph(direction))

    def action_claim(self, direction: int) -> None:
        if self.model.ready and not self._apply(lambda: self.model.step_claim(direction)):
            kind = "check-worthy claim" if self.check_worthy_only else "claim"
            self.notify(f"no {'later' if direction > 0 else 'earlier'} {kind}", timeout=2)

    def goto_claim(self, claim: Claim) -> None:
        self._apply(lambda: self.model.goto_claim(claim))

    def goto_offset(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` (a bookmarked passage) and show it."""
        self._apply(lambda: self.model.goto_offset(offset))

    # .. the passage selection and bookmarks ..

    @property
    def selecting(self) -> bool:
        return self.model.selecting

    def selection(self) -> Span | None:
        """The selected passage: from the sentence where ``v`` was pressed to the cursor's."""
        return self.model.selection()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_selection":
            return self.selecting  # otherwise escape is the screen's (it clears the search)
        return True

    def action_select(self) -> None:
        if self.selecting:
            self.cancel_selection()
        elif self.model.begin_selection():
            self._set_selection(self.model.selection_mark())
            self.refresh_bindings()
            self.notify("selecting: j/k extend the passage, b bookmarks it, esc cancels", timeout=3)

    def action_cancel_selection(self) -> None:
        self.cancel_selection()

    def cancel_selection(self) -> None:
        if self.model.cancel_selection():
            self._set_selection(None)
            self.refresh_bindings()

    def action_bookmark(self) -> None:
        model = self.model
        if not model.ready:
            return
        assert model.prepared is not None
        passage = model.passage()
        if passage is None:
            self.notify("nothing to bookmark here", timeout=2)
            return
        self.post_message(
            BookmarkRequested(
                model.prepared.doc,
                passage.start,
                passage.end,
                passage.claim,
                passage.sentences,
                done=self.cancel_selection,
            )
        )

    # .. search hits (the screen walks them and moves to the next document) ..

    def next_hit(self) -> bool:
        return self._apply(lambda: self.model.step_hit(1))

    def previous_hit(self) -> bool:
        return self._apply(lambda: self.model.step_hit(-1))

    def goto_hit(self, i: int) -> None:
        if self.model.ready:
            self._apply(lambda: self.model.goto_hit(i))

    # .. events ..

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self._apply(lambda: self.model.click(offset.y, offset.x))

    def on_resize(self, event: events.Resize) -> None:
        if self.model.resize(self.scrollable_content_region.width):
            self._invalidate()
