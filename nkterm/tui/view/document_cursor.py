"""``DocumentCursor``: the reader's sentence cursor and every move the keys and the mouse make,
without Textual.

Built on ``CursorPlace`` (nkterm.tui.view.cursor_place: the cursor's state, placing it and
keeping it in view, the "where" questions), it adds the moves: j/k by sentence (a line at a
time through a sentence taller than the view), pages and half pages, ends, paragraphs,
claims, search hits, a click, the comparison's "put this passage at that row", and the
passage selection (``v``) with what ``b`` bookmarks.

After each call the widget repaints the lines whose look changed (``marked_lines`` before
and after) and says the cursor moved when ``moves`` has changed.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size

from nkterm.models import Claim, Span
from nkterm.tui.view.cursor_place import CursorPlace
from nkterm.tui.view.document_layout import GUTTER
from nkterm.tui.view.marks import SELECTION_GUTTER, Mark
from nkterm.tui.view.passage import Passage, passage_of


class DocumentCursor(CursorPlace):
    """The cursor model with its moves. See the module docstring."""

    # .. moves ..

    def scrolled(self) -> None:
        """The view was scrolled by other means (the mouse wheel): the cursor to the first
        sentence on screen."""
        if self.ready:
            self.hit = None
            self.cursor_into_view()

    def next_sentence(self) -> None:
        self._step(forward=True)

    def previous_sentence(self) -> None:
        self._step(forward=False)

    def _step(self, *, forward: bool) -> None:
        """One sentence down (``forward``) or up; a sentence taller than the view scrolls by a
        line first, and past the last (first) sentence the view goes to its end (top)."""
        if not self.ready:
            return
        if not self.cursor_visible():
            self.cursor_into_view()
            return
        assert self.prepared is not None and self.pos is not None
        top = self.viewport.top
        sentences = self.prepared.sentences
        if forward:
            tall = self.cursor_lines[1] > top + self.viewport.height - 1
            target = sentences.next(self.pos)
        else:
            tall = self.cursor_lines[0] < top
            target = sentences.previous(self.pos)
        if tall:  # a sentence taller than the view: show more of it
            self.viewport.scroll_to(top + (1 if forward else -1))
            return
        if target is None:
            if forward:
                self.viewport.scroll_to_end()
            else:
                self.viewport.scroll_to(0)
            return
        self.hit = None
        self.set_cursor(target)

    def _scroll_by(self, direction: int, lines: int) -> None:
        if not self.ready:
            return
        assert self.prepared is not None
        before = self.viewport.top
        self.viewport.scroll_to(max(0, min(self.viewport.max_top, before + direction * lines)))
        if self.viewport.top == before:  # at an end already: the cursor goes there too
            sentences = self.prepared.sentences
            self.set_cursor(sentences.last() if direction > 0 else sentences.first())
        else:
            self.cursor_into_view()
        self.hit = None

    def page(self, direction: int) -> None:
        """A page down (+1) or up (-1), two lines of the last page kept in view."""
        self._scroll_by(direction, max(1, self.viewport.height - 2))

    def half_page(self, direction: int) -> None:
        self._scroll_by(direction, max(1, self.viewport.height // 2))

    def to_top(self) -> None:
        if self.ready:
            assert self.prepared is not None
            self.viewport.scroll_to(0)
            self.set_cursor(self.prepared.sentences.first(), follow=False)

    def to_bottom(self) -> None:
        if self.ready:
            assert self.prepared is not None
            self.viewport.scroll_to(self.viewport.max_top)
            self.set_cursor(self.prepared.sentences.last(), follow=False)

    def paragraph(self, direction: int) -> None:
        """The start of the next paragraph (+1), or of this one (-1; the previous one's if
        the cursor is at a paragraph's start)."""
        if not self.ready:
            return
        assert self.prepared is not None and self.pos is not None
        p, i = self.pos
        count = len(self.prepared.sentences.paragraphs)
        if direction > 0:
            pos = (p + 1, 0) if p + 1 < count else self.prepared.sentences.last()
        else:
            pos = (p, 0) if i > 0 else (max(0, p - 1), 0)
        self.set_cursor(pos)

    def neighbour_claim(self, direction: int) -> Claim | None:
        """The next (+1) or previous (-1) shown claim: from the current one, else from the
        cursor."""
        return self.shown.neighbour(self.claim, self.cursor.start, direction)

    def step_claim(self, direction: int) -> bool:
        """Go to the neighbour claim; False when there is none that way."""
        claim = self.neighbour_claim(direction) if self.ready else None
        if claim is None:
            return False
        self.goto_claim(claim)
        return True

    def goto_claim(self, claim: Claim) -> None:
        if not self.ready:
            return
        assert self.prepared is not None
        self.hit = None
        self.set_cursor(self.prepared.sentences.locate(claim.start), claim=claim)

    def goto_offset(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` (a bookmarked passage) and show it."""
        if not self.ready:
            return
        self.hit = None
        self.set_cursor(self._locate(offset))

    def click(self, row: int, column: int) -> None:
        """The cursor to the sentence under ``column`` of ``row`` of the view (gutter
        included); nothing for a decoration line or below the text."""
        if not self.ready or self.wrapped is None:
            return
        assert self.prepared is not None
        line = self.viewport.top + row
        if line >= len(self.wrapped) or line in self.wrapped.decor:
            return
        start, end = self.wrapped.starts[line], self.wrapped.ends[line]
        column, at = column - GUTTER, start
        while at < end and column > 0:
            column -= get_character_cell_size(self.prepared.display[at])
            at += 1
        self.hit = None
        self.set_cursor(self.prepared.sentences.locate(min(at, max(start, end - 1))), follow=False)

    def place(self, offset: int, row: int) -> int:
        """Put the cursor on the sentence at ``offset`` and scroll so that the line showing
        ``offset`` is at ``row`` of the view, as near as the document's ends allow. Returns
        the row it landed at."""
        if not self.ready or self.wrapped is None:
            return row
        assert self.prepared is not None
        line = self.wrapped.line_of(offset)
        height = max(1, self.viewport.height)
        row = max(0, min(row, height - 1))
        top = max(0, min(line - row, self.viewport.max_top))
        self.viewport.scroll_to(top)
        self.hit = None
        self.set_cursor(self.prepared.sentences.locate(offset), follow=False)
        return line - top

    # .. search hits (the screen walks them and moves to the next document) ..

    def step_hit(self, step: int) -> bool:
        """Go to the next (+1) or previous (-1) hit: from the current one, else from the
        cursor. False when there is none that way (the screen then tries the next document)."""
        hits = self.hits
        if not hits or not self.ready:
            return False
        i = self.hit + step if self.hit is not None else self._hits.after(self.cursor.start, step)
        if not 0 <= i < len(hits):
            return False
        self.goto_hit(i)
        return True

    # .. the passage selection and what b bookmarks ..

    @property
    def selecting(self) -> bool:
        return self.select_from is not None

    def selection(self) -> Span | None:
        """The selected passage: from the sentence where ``v`` was pressed to the cursor's."""
        start = self.select_from
        if start is None:
            return None
        return Span(min(start.start, self.cursor.start), max(start.end, self.cursor.end))

    def selection_mark(self) -> Mark | None:
        span = self.selection()
        return None if span is None else Mark(span.start, span.end, "selection", SELECTION_GUTTER)

    def begin_selection(self) -> bool:
        """Start a selection at the cursor's sentence (False: no cursor)."""
        if not self.ready:
            return False
        self.select_from = self.cursor
        return True

    def cancel_selection(self) -> bool:
        """False when there was no selection."""
        if self.select_from is None:
            return False
        self.select_from = None
        return True

    def passage(self) -> Passage | None:
        """What ``b`` bookmarks: the selection, else the claim at the cursor, else its
        sentence; None when that is only blanks (or there is no cursor)."""
        if not self.ready:
            return None
        assert self.prepared is not None
        selected = self.selection()
        claim: Claim | None = None
        if selected is not None:
            span = selected
        elif self.claim is not None:
            span, claim = Span(self.claim.start, self.claim.end), self.claim
        else:
            span = self.cursor
        return passage_of(self.prepared, span, claim)
