"""``DocumentView``: the reader pane. The full text, claims highlighted, a sentence cursor.

Built on ``DocumentLines`` (the Line API rendering: only the lines on screen are drawn, from
a layout computed in the loading worker by ``document_layout.prepare``; ~25 ms to wrap
100,000 words). This class owns the sentence cursor and the keys: j/k move by sentence (a
line at a time through a sentence taller than the view), { } by paragraph, [ ] by claim,
pages and ends; the view follows the cursor. ``v`` starts a passage selection that the
cursor moves extend, ``b`` asks the screen to bookmark the passage (``BookmarkRequested``).
It posts ``CursorMoved`` and takes its document, claims, hits, claim filter and marks as
attributes from the screen.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size

from nkterm.models import Claim, Span
from nkterm.tui.messages import BookmarkRequested, CursorMoved
from nkterm.tui.view.document_layout import GUTTER, Prepared, claims_line, layout_document, text_width
from nkterm.tui.view.marks import SELECTION_GUTTER, Mark
from nkterm.tui.view.textlayout import Decor, WrappedText
from nkterm.tui.widgets.document_lines import DocumentLines

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pos: tuple[int, int] | None = None
        self._follow_pending = False
        self._select_from: Span | None = None  # the sentence where the selection (v) began

    # .. attributes from the screen ..

    @property
    def doc_id(self) -> str | None:
        return self.prepared.doc.id if self.prepared else None

    @property
    def cursor(self) -> Span:
        return self._cursor

    @property
    def current_claim(self) -> Claim | None:
        return self._claim

    @property
    def current_hit(self) -> int | None:
        return self._hit

    @property
    def top_offset(self) -> int:
        if not self._wrapped or not len(self._wrapped):
            return 0
        return self._wrapped.starts[min(self.scroll_offset.y, len(self._wrapped) - 1)]

    def show(
        self, prepared: Prepared, *, target: str = "top", cursor: int | None = None, top: int | None = None
    ) -> None:
        """Show a document. ``target``: "top", "saved" (use ``cursor``/``top``), "first-hit",
        "last-hit"."""
        self.prepared = prepared
        self._wrapped = prepared.wrapped
        self._hit_starts = [h.start for h in prepared.hits]
        self._hit = None
        self._claim = None
        self._marks, self._selection = (), None  # they were the previous document's
        self._select_from = None
        self._index_marks()
        self._filter_claims()
        width = text_width(self.scrollable_content_region.width)
        if self.scrollable_content_region.width and width != self._wrapped.width:
            self._wrapped = self._layout(prepared, width)
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._wrapped))
        if not prepared.sentences:  # an empty document: nothing to put a cursor on
            self._pos = None
            self._cursor, self._cursor_lines = Span(0, 0), (-1, -1)
            self.scroll_to(y=0, animate=False)
            self.refresh()
            self._notify_moved()
            return
        if target in ("first-hit", "last-hit") and prepared.hits:
            self._goto_hit(0 if target == "first-hit" else len(prepared.hits) - 1)
            return
        if target == "saved" and cursor is not None:
            length = len(prepared.display)
            pos = prepared.sentences.locate(min(max(cursor, 0), max(length - 1, 0)))
            if top is not None:
                self.scroll_to(y=self._top_line(min(top, length)), animate=False)
            # the saved view as it was: moved only if the cursor is not in it (another size)
            self._set_cursor(pos, follow=top is None)
            if top is not None and not self._cursor_visible():
                self._follow()
            return
        self.scroll_to(y=0, animate=False)
        self._set_cursor(prepared.sentences.first(), follow=False)

    @staticmethod
    def _layout(prepared: Prepared, width: int) -> WrappedText:
        claims = prepared.claims if prepared.claims_loaded else None
        return layout_document(prepared.doc, prepared.display, claims, width, prepared.words)

    def set_claims(self, claims: tuple[Claim, ...]) -> None:
        """The claims of a long document, loaded after its text."""
        if self.prepared is None or self._wrapped is None:
            return
        ordered = tuple(sorted(claims, key=lambda c: (c.start, c.end)))
        self.prepared = dataclasses.replace(self.prepared, claims=ordered, claims_loaded=True)
        self._filter_claims()
        line = next((i for i, d in self._wrapped.decor.items() if d.role == "claims"), None)
        text = claims_line(ordered, self.prepared.doc.text)
        if line is not None and cell_len(text) <= self._wrapped.width:
            self._wrapped.decor[line] = Decor(text, "claims")
        else:  # the new line would wrap differently: lay the document out again
            top = self.top_offset
            self._wrapped = self._layout(self.prepared, self._wrapped.width)
            self.virtual_size = Size(self.size.width, len(self._wrapped))
            self.scroll_to(y=self._top_line(top), animate=False)
        if self._pos is not None:
            self._cursor_lines = self._wrapped.lines_of(self._cursor)
            self._claim = self._claim_at_cursor()
        self._invalidate()
        self._notify_moved()

    def set_check_worthy_only(self, value: bool) -> None:
        self.check_worthy_only = value
        self._filter_claims()
        if self._claim is not None and self._claim not in self._shown:
            self._claim = self._claim_at_cursor()
        self._invalidate()
        self._notify_moved()

    def set_hits(self, hits: tuple[Span, ...], query: str | None) -> None:
        if self.prepared is None:
            return
        self.prepared = dataclasses.replace(
            self.prepared, hits=tuple(sorted(hits, key=lambda s: s.start)), query=query
        )
        self._hit_starts = [h.start for h in self.prepared.hits]
        self._hit = None
        self._invalidate()

    def _set_cursor(self, pos: tuple[int, int], *, claim: Claim | None = None, follow: bool = True) -> None:
        assert self.prepared is not None and self._wrapped is not None
        before = self._marked_lines()
        self._pos = pos
        self._cursor = self.prepared.sentences.span(pos)
        self._cursor_lines = self._wrapped.lines_of(self._cursor)
        self._claim = claim or self._claim_at_cursor()
        self._invalidate_lines(before | self._marked_lines())
        if self._select_from is not None:
            self._set_selection(self._selection_mark())
        if follow:
            self._follow()
        self._notify_moved()

    def _top_line(self, offset: int) -> int:
        """The line to scroll to so that ``offset`` is at the top; the very top (title block
        included) for the start of the text."""
        assert self._wrapped is not None
        line = self._wrapped.line_of(offset)
        first = self._wrapped.para_lines[0] if self._wrapped.para_lines else 0
        return 0 if line <= first else line

    def _claim_at_cursor(self) -> Claim | None:
        """The first shown claim that starts in the cursor's sentence, else one overlapping it."""
        here = self._claims_in(self._cursor.start, self._cursor.end)
        starting = [c for c in here if c.start >= self._cursor.start]
        found = starting or here
        return found[0] if found else None

    def _follow(self) -> None:
        """Scroll so the cursor sentence is in view, with a little context around it."""
        height = self.scrollable_content_region.height
        if not height:  # hidden (a narrow layout showing the list): follow once shown
            self._follow_pending = True
            return
        self._follow_pending = False
        first, last = self._cursor_lines
        top = self.scroll_offset.y
        margin = 2 if height > 12 else 0
        if last - first + 1 > height - 2 * margin or first < top + margin:
            target = first - margin
        elif last > top + height - 1 - margin:
            target = last - height + 1 + margin
        else:
            return
        if last + margin < height:  # the top of the document fits too: keep its title in view
            target = 0
        self.scroll_to(y=max(0, target), animate=False)

    def keep_cursor_in_view(self) -> None:
        """After the pane changed size (a panel opened): scroll the cursor sentence back in."""
        if self.prepared is not None and self._wrapped is not None:
            self._follow()

    def _cursor_visible(self) -> bool:
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        first, last = self._cursor_lines
        return last >= top and first < top + height

    def _cursor_into_view(self) -> None:
        """Put the cursor on the first sentence that starts on screen (after a page move)."""
        if self.prepared is None or self._wrapped is None:
            return
        wrapped, sentences = self._wrapped, self.prepared.sentences
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        bottom = min(len(wrapped), top + max(1, height))
        line = next((i for i in range(top, bottom) if i not in wrapped.decor), None)
        if line is None:
            return
        pos = sentences.locate(wrapped.starts[line])
        if wrapped.line_of(sentences.span(pos).start) < top:
            after = sentences.next(pos)
            if after is not None and wrapped.line_of(sentences.span(after).start) < bottom:
                pos = after
        self._set_cursor(pos, follow=False)

    def _notify_moved(self) -> None:
        if self.prepared is not None:
            self.post_message(CursorMoved(self.prepared.doc.id, self._cursor, self.top_offset, self._claim))

    def where(self) -> str:
        """Where the cursor is, for the detail line: paragraph and percentage."""
        if self.prepared is None or self._pos is None:
            return ""
        paragraphs = len(self.prepared.sentences.paragraphs)
        percent = 100 * self._cursor.start // max(1, len(self.prepared.display))
        where = f"paragraph {self._pos[0] + 1} of {paragraphs} · {percent}% into the text"
        part = self.part()
        return f"{part} · {where}" if part else where

    def part(self) -> str:
        """The page (PDF) or chapter (e-book) the cursor is on, e.g. "p. 2"; empty if none."""
        if self.prepared is None or self._pos is None:
            return ""
        part = self.prepared.doc.part_at(self._cursor.start)
        return part.label if part is not None else ""

    # .. actions ..

    def _ready(self) -> bool:
        return self.prepared is not None and self._pos is not None

    def action_next_sentence(self) -> None:
        if not self._ready():
            return
        if not self._cursor_visible():
            self._cursor_into_view()
            return
        assert self.prepared is not None and self._pos is not None
        bottom = self.scroll_offset.y + self.scrollable_content_region.height - 1
        if self._cursor_lines[1] > bottom:  # a sentence taller than the view: show more of it
            self.scroll_to(y=self.scroll_offset.y + 1, animate=False)
            return
        nxt = self.prepared.sentences.next(self._pos)
        if nxt is None:
            self.scroll_end(animate=False)
            return
        self._hit = None
        self._set_cursor(nxt)

    def action_previous_sentence(self) -> None:
        if not self._ready():
            return
        if not self._cursor_visible():
            self._cursor_into_view()
            return
        assert self.prepared is not None and self._pos is not None
        if self._cursor_lines[0] < self.scroll_offset.y:
            self.scroll_to(y=self.scroll_offset.y - 1, animate=False)
            return
        prev = self.prepared.sentences.previous(self._pos)
        if prev is None:
            self.scroll_home(animate=False)
            return
        self._hit = None
        self._set_cursor(prev)

    def _scroll_by(self, direction: int, lines: int) -> None:
        if not self._ready():
            return
        assert self.prepared is not None
        before = self.scroll_offset.y
        self.scroll_to(y=max(0, min(self.max_scroll_y, before + direction * lines)), animate=False)
        if self.scroll_offset.y == before:  # at an end already: the cursor goes there too
            sentences = self.prepared.sentences
            self._set_cursor(sentences.last() if direction > 0 else sentences.first())
        else:
            self._cursor_into_view()
        self._hit = None

    def action_page(self, direction: int) -> None:
        self._scroll_by(direction, max(1, self.scrollable_content_region.height - 2))

    def action_half_page(self, direction: int) -> None:
        self._scroll_by(direction, max(1, self.scrollable_content_region.height // 2))

    def action_top(self) -> None:
        if self._ready():
            assert self.prepared is not None
            self.scroll_to(y=0, animate=False)
            self._set_cursor(self.prepared.sentences.first(), follow=False)

    def action_bottom(self) -> None:
        if self._ready():
            assert self.prepared is not None
            self.scroll_to(y=self.max_scroll_y, animate=False)
            self._set_cursor(self.prepared.sentences.last(), follow=False)

    def action_paragraph(self, direction: int) -> None:
        if not self._ready():
            return
        assert self.prepared is not None and self._pos is not None
        p, i = self._pos
        count = len(self.prepared.sentences.paragraphs)
        if direction > 0:
            pos = (p + 1, 0) if p + 1 < count else self.prepared.sentences.last()
        else:
            pos = (p, 0) if i > 0 else (max(0, p - 1), 0)
        self._set_cursor(pos)

    def action_claim(self, direction: int) -> None:
        if not self._ready():
            return
        claim = self._neighbour_claim(direction)
        if claim is None:
            kind = "check-worthy claim" if self.check_worthy_only else "claim"
            self.notify(f"no {'later' if direction > 0 else 'earlier'} {kind}", timeout=2)
            return
        self.goto_claim(claim)

    def _neighbour_claim(self, direction: int) -> Claim | None:
        if not self._shown:
            return None
        if self._claim is not None and self._claim in self._shown:
            i = self._shown.index(self._claim) + direction
        elif direction > 0:
            i = bisect.bisect_left(self._shown_starts, self._cursor.start)
        else:
            i = bisect.bisect_left(self._shown_starts, self._cursor.start) - 1
        return self._shown[i] if 0 <= i < len(self._shown) else None

    def goto_claim(self, claim: Claim) -> None:
        if not self._ready():
            return
        assert self.prepared is not None
        self._hit = None
        self._set_cursor(self.prepared.sentences.locate(claim.start), claim=claim)

    def goto_offset(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` (a bookmarked passage) and show it."""
        if not self._ready():
            return
        assert self.prepared is not None
        self._hit = None
        length = len(self.prepared.display)
        self._set_cursor(self.prepared.sentences.locate(min(max(offset, 0), max(length - 1, 0))))

    # .. the passage selection and bookmarks ..

    @property
    def selecting(self) -> bool:
        return self._select_from is not None

    def selection(self) -> Span | None:
        """The selected passage: from the sentence where ``v`` was pressed to the cursor's."""
        start = self._select_from
        if start is None:
            return None
        return Span(min(start.start, self._cursor.start), max(start.end, self._cursor.end))

    def _selection_mark(self) -> Mark | None:
        span = self.selection()
        return None if span is None else Mark(span.start, span.end, "selection", SELECTION_GUTTER)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_selection":
            return self.selecting  # otherwise escape is the screen's (it clears the search)
        return True

    def action_select(self) -> None:
        if not self._ready():
            return
        if self.selecting:
            self.cancel_selection()
            return
        self._select_from = self._cursor
        self._set_selection(self._selection_mark())
        self.refresh_bindings()
        self.notify("selecting: j/k extend the passage, b bookmarks it, esc cancels", timeout=3)

    def action_cancel_selection(self) -> None:
        self.cancel_selection()

    def cancel_selection(self) -> None:
        if self._select_from is None:
            return
        self._select_from = None
        self._set_selection(None)
        self.refresh_bindings()

    def action_bookmark(self) -> None:
        if not self._ready():
            return
        assert self.prepared is not None
        selected = self.selection()
        claim: Claim | None = None
        if selected is not None:
            span = selected
        elif self._claim is not None:
            span, claim = Span(self._claim.start, self._claim.end), self._claim
        else:
            span = self._cursor
        # leading and trailing blanks are not part of the passage
        text = self.prepared.doc.text
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            self.notify("nothing to bookmark here", timeout=2)
            return
        sentences = self._sentences_in(Span(start, end))
        self.post_message(
            BookmarkRequested(self.prepared.doc, start, end, claim, sentences, done=self.cancel_selection)
        )

    def _sentences_in(self, span: Span) -> int:
        assert self.prepared is not None
        sentences = self.prepared.sentences
        first, last = sentences.locate(span.start), sentences.locate(max(span.start, span.end - 1))
        count, pos = 1, first
        while pos != last and count < 10_000:
            nxt = sentences.next(pos)
            if nxt is None:
                break
            pos, count = nxt, count + 1
        return count

    # .. search hits (the screen walks them and moves to the next document) ..

    def next_hit(self) -> bool:
        return self._step_hit(1)

    def previous_hit(self) -> bool:
        return self._step_hit(-1)

    def _step_hit(self, step: int) -> bool:
        """Go to the next (+1) or previous (-1) hit: from the current one, else from the
        cursor. False when there is none that way (the screen then tries the next document)."""
        hits = self.hits
        if not hits or not self._ready():
            return False
        if self._hit is not None:
            i = self._hit + step
        else:
            i = bisect.bisect_left(self._hit_starts, self._cursor.start) - (step < 0)
        if not 0 <= i < len(hits):
            return False
        self._goto_hit(i)
        return True

    def goto_hit(self, i: int) -> None:
        if self._ready() and 0 <= i < len(self.hits):
            self._goto_hit(i)

    def _goto_hit(self, i: int) -> None:
        assert self.prepared is not None
        self._invalidate_lines(self._marked_lines())
        self._hit = i
        self._set_cursor(self.prepared.sentences.locate(self.prepared.hits[i].start))

    # .. events ..

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._ready() or self._wrapped is None:
            return
        assert self.prepared is not None
        line = self.scroll_offset.y + offset.y
        if line >= len(self._wrapped) or line in self._wrapped.decor:
            return
        start, end = self._wrapped.starts[line], self._wrapped.ends[line]
        column, at = offset.x - GUTTER, start
        while at < end and column > 0:
            column -= get_character_cell_size(self.prepared.display[at])
            at += 1
        self._hit = None
        self._set_cursor(self.prepared.sentences.locate(min(at, max(start, end - 1))), follow=False)

    def on_resize(self, event: events.Resize) -> None:
        if self.prepared is None or self._wrapped is None:
            return
        width = text_width(self.scrollable_content_region.width)
        if width == self._wrapped.width:
            if self._follow_pending:
                self._follow()
            return
        top = self.top_offset
        prepared = self.prepared
        self._wrapped = self._layout(prepared, width)
        self.virtual_size = Size(event.size.width, len(self._wrapped))
        self._cursor_lines = self._wrapped.lines_of(self._cursor)
        self.scroll_to(y=self._top_line(top), animate=False)
        self._invalidate()
        if self._follow_pending:
            self._follow()
