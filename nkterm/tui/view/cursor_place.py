"""``CursorPlace``: where the reader's sentence cursor is over a laid-out document, and keeping
it in view, without Textual.

It owns the cursor's state (a sentence: ``pos``, its ``cursor`` span and the wrapped lines it
covers; the claim and search hit at the cursor; the claims shown, all or the check-worthy
ones; where a passage selection began), what changes under it (a document shown, its claims
loaded late, new search hits, a new pane width), placing the cursor and scrolling so it is
seen, and the "where" questions (paragraph and percentage, page or chapter, the lines whose
look depends on the cursor). The moves the keys make are ``DocumentCursor``'s
(nkterm.tui.view.document_cursor), built on this.

What part of the document is on screen belongs to whoever draws it; the model reads and
moves it through a ``Viewport`` (nkterm.tui.view.viewport): the reader widget's scroll
offset in the app, a ``ScrollState`` in the unit tests.
"""

from __future__ import annotations

import dataclasses

from rich.cells import cell_len

from nkterm.models import Claim, Span
from nkterm.tui.view.document_layout import Prepared, claims_line, layout_document, text_width
from nkterm.tui.view.highlights import Hits, ShownClaims
from nkterm.tui.view.textlayout import Decor, WrappedText
from nkterm.tui.view.viewport import Viewport

Pos = tuple[int, int]  # (paragraph, sentence in the paragraph)


def _layout(prepared: Prepared, width: int) -> WrappedText:
    claims = prepared.claims if prepared.claims_loaded else None
    return layout_document(prepared.doc, prepared.display, claims, width, prepared.words)


class CursorPlace:
    """The cursor's state and placing. See the module docstring."""

    def __init__(self, viewport: Viewport) -> None:
        self.viewport = viewport
        self.prepared: Prepared | None = None
        self.wrapped: WrappedText | None = None
        self.check_worthy_only = False
        self.pos: Pos | None = None
        self.cursor = Span(0, 0)
        self.cursor_lines = (-1, -1)  # first and last wrapped line of the cursor sentence
        self.claim: Claim | None = None
        self.hit: int | None = None
        self.moves = 0  # counts cursor placements: the view says "moved" when it changes
        self.follow_pending = False  # hidden when the cursor moved: follow once shown
        self.select_from: Span | None = None  # the sentence where the selection (v) began
        self.shown = ShownClaims()  # the claims drawn (all, or the check-worthy ones)
        self._hits = Hits()

    # .. state ..

    @property
    def ready(self) -> bool:
        return self.prepared is not None and self.pos is not None

    @property
    def hits(self) -> tuple[Span, ...]:
        return self.prepared.hits if self.prepared else ()

    @property
    def top_offset(self) -> int:
        """The text offset at the top of the view (saved with the position)."""
        if not self.wrapped or not len(self.wrapped):
            return 0
        return self.wrapped.starts[min(self.viewport.top, len(self.wrapped) - 1)]

    def show(
        self,
        prepared: Prepared,
        pane_width: int,
        *,
        target: str = "top",
        cursor: int | None = None,
        top: int | None = None,
    ) -> None:
        """Show a document in a pane ``pane_width`` cells wide (0: not laid out yet).
        ``target``: "top", "saved" (use ``cursor``/``top``), "first-hit", "last-hit"."""
        self.prepared = prepared
        self.wrapped = prepared.wrapped
        self._hits = Hits(prepared.hits)
        self.hit = None
        self.claim = None
        self.select_from = None
        self._filter_claims()
        width = text_width(pane_width)
        if pane_width and width != self.wrapped.width:
            self.wrapped = _layout(prepared, width)
        self.viewport.set_lines(len(self.wrapped))
        if not prepared.sentences:  # an empty document: nothing to put a cursor on
            self.pos = None
            self.cursor, self.cursor_lines = Span(0, 0), (-1, -1)
            self.viewport.scroll_to(0)
            self.moves += 1
            return
        if target in ("first-hit", "last-hit") and prepared.hits:
            self.goto_hit(0 if target == "first-hit" else len(prepared.hits) - 1)
            return
        if target == "saved" and cursor is not None:
            if top is not None:
                self.viewport.scroll_to(self._top_line(min(top, len(prepared.display))))
            # the saved view as it was: moved only if the cursor is not in it (another size)
            self.set_cursor(self._locate(cursor), follow=top is None)
            if top is not None and not self.cursor_visible():
                self.follow()
            return
        self.viewport.scroll_to(0)
        self.set_cursor(prepared.sentences.first(), follow=False)

    def set_claims(self, claims: tuple[Claim, ...]) -> bool:
        """The claims of a long document, loaded after its text. False: no document."""
        if self.prepared is None or self.wrapped is None:
            return False
        ordered = tuple(sorted(claims, key=lambda c: (c.start, c.end)))
        self.prepared = dataclasses.replace(self.prepared, claims=ordered, claims_loaded=True)
        self._filter_claims()
        line = next((i for i, d in self.wrapped.decor.items() if d.role == "claims"), None)
        text = claims_line(ordered, self.prepared.doc.text)
        if line is not None and cell_len(text) <= self.wrapped.width:
            self.wrapped.decor[line] = Decor(text, "claims")
        else:  # the new line would wrap differently: lay the document out again
            top = self.top_offset
            self.wrapped = _layout(self.prepared, self.wrapped.width)
            self.viewport.set_lines(len(self.wrapped))
            self.viewport.scroll_to(self._top_line(top))
        if self.pos is not None:
            self.cursor_lines = self.wrapped.lines_of(self.cursor)
            self.claim = self.shown.at(self.cursor)
        return True

    def set_check_worthy_only(self, value: bool) -> None:
        self.check_worthy_only = value
        self._filter_claims()
        if self.claim is not None and self.claim not in self.shown:
            self.claim = self.shown.at(self.cursor)

    def set_hits(self, hits: tuple[Span, ...], query: str | None) -> bool:
        if self.prepared is None:
            return False
        self.prepared = dataclasses.replace(
            self.prepared, hits=tuple(sorted(hits, key=lambda s: s.start)), query=query
        )
        self._hits = Hits(self.prepared.hits)
        self.hit = None
        return True

    def resize(self, pane_width: int) -> bool:
        """The pane changed size: lay the text out again if its width changed, keeping the
        text at the top of the view there unless that loses the cursor (then it follows the
        cursor). True when the lines changed."""
        if self.prepared is None or self.wrapped is None:
            return False
        width = text_width(pane_width)
        if width == self.wrapped.width:
            if self.follow_pending:
                self.follow()
            return False
        top = self.top_offset
        self.wrapped = _layout(self.prepared, width)
        self.viewport.set_lines(len(self.wrapped))
        if self.pos is not None:
            self.cursor_lines = self.wrapped.lines_of(self.cursor)
        self.viewport.scroll_to(self._top_line(top))
        if self.follow_pending or (self.pos is not None and not self.cursor_visible()):
            self.follow()
        return True

    def _filter_claims(self) -> None:
        claims = self.prepared.claims if self.prepared else ()
        self.shown = ShownClaims(claims, self.check_worthy_only)

    # .. what is where ..

    def claims_in(self, start: int, end: int) -> list[Claim]:
        """The shown claims over ``[start, end)``, by start."""
        return self.shown.over(start, end)

    def hits_in(self, start: int, end: int) -> list[int]:
        """The indexes of the hits over ``[start, end)``."""
        return self._hits.over(start, end)

    def marked_lines(self) -> set[int]:
        """Lines whose look depends on the cursor, the current claim or the current hit."""
        if self.wrapped is None or self.cursor_lines[0] < 0:
            return set()
        lines = set(range(self.cursor_lines[0], self.cursor_lines[1] + 1))
        hits = self.hits
        for span in (self.claim, hits[self.hit] if self.hit is not None and self.hit < len(hits) else None):
            if span is not None:
                first, last = self.wrapped.lines_of(Span(span.start, span.end))
                lines.update(range(first, last + 1))
        return lines

    def line_of(self, offset: int) -> int | None:
        """The line (of the whole laid-out document) showing ``offset``."""
        if self.wrapped is None or not len(self.wrapped):
            return None
        return self.wrapped.line_of(offset)

    def row_of(self, offset: int) -> int | None:
        """The row of the view showing ``offset`` (negative above it, >= height below)."""
        line = self.line_of(offset)
        return None if line is None else line - self.viewport.top

    def where(self) -> str:
        """Where the cursor is, for the detail line: paragraph and percentage."""
        if self.prepared is None or self.pos is None:
            return ""
        paragraphs = len(self.prepared.sentences.paragraphs)
        percent = 100 * self.cursor.start // max(1, len(self.prepared.display))
        where = f"paragraph {self.pos[0] + 1} of {paragraphs} · {percent}% into the text"
        part = self.part()
        return f"{part} · {where}" if part else where

    def part(self) -> str:
        """The page (PDF) or chapter (e-book) the cursor is on, e.g. "p. 2"; empty if none."""
        if self.prepared is None or self.pos is None:
            return ""
        part = self.prepared.doc.part_at(self.cursor.start)
        return part.label if part is not None else ""

    # .. placing the cursor and following it ..

    def _locate(self, offset: int) -> Pos:
        assert self.prepared is not None
        length = len(self.prepared.display)
        return self.prepared.sentences.locate(min(max(offset, 0), max(length - 1, 0)))

    def set_cursor(self, pos: Pos, *, claim: Claim | None = None, follow: bool = True) -> None:
        assert self.prepared is not None and self.wrapped is not None
        self.pos = pos
        self.cursor = self.prepared.sentences.span(pos)
        self.cursor_lines = self.wrapped.lines_of(self.cursor)
        self.claim = claim or self.shown.at(self.cursor)
        if follow:
            self.follow()
        self.moves += 1

    def _top_line(self, offset: int) -> int:
        """The line to scroll to so that ``offset`` is at the top; the very top (title block
        included) for the start of the text."""
        assert self.wrapped is not None
        line = self.wrapped.line_of(offset)
        first = self.wrapped.para_lines[0] if self.wrapped.para_lines else 0
        return 0 if line <= first else line

    def follow(self) -> None:
        """Scroll so the cursor sentence is in view, with a little context around it."""
        height = self.viewport.height
        if not height:  # hidden (a narrow layout showing the list): follow once shown
            self.follow_pending = True
            return
        self.follow_pending = False
        first, last = self.cursor_lines
        top = self.viewport.top
        margin = 2 if height > 12 else 0
        if last - first + 1 > height - 2 * margin or first < top + margin:
            target = first - margin
        elif last > top + height - 1 - margin:
            target = last - height + 1 + margin
        else:
            return
        if last + margin < height:  # the top of the document fits too: keep its title in view
            target = 0
        self.viewport.scroll_to(max(0, target))

    def keep_cursor_in_view(self) -> None:
        """After the pane changed size (a panel opened): scroll the cursor sentence back in."""
        if self.prepared is not None and self.wrapped is not None:
            self.follow()

    def cursor_visible(self) -> bool:
        top, height = self.viewport.top, self.viewport.height
        first, last = self.cursor_lines
        return last >= top and first < top + height

    def cursor_into_view(self) -> None:
        """Put the cursor on the first sentence that starts on screen (after a page move or
        the wheel)."""
        if self.prepared is None or self.wrapped is None:
            return
        wrapped, sentences = self.wrapped, self.prepared.sentences
        top, height = self.viewport.top, self.viewport.height
        bottom = min(len(wrapped), top + max(1, height))
        line = next((i for i in range(top, bottom) if i not in wrapped.decor), None)
        if line is None:  # only the title block on screen (a very low view): show the cursor
            self.follow()
            return
        pos = sentences.locate(wrapped.starts[line])
        if wrapped.line_of(sentences.span(pos).start) < top:
            after = sentences.next(pos)
            if after is not None and wrapped.line_of(sentences.span(after).start) < bottom:
                pos = after
        self.set_cursor(pos, follow=False)

    def goto_hit(self, i: int) -> None:
        if self.prepared is None or not 0 <= i < len(self.prepared.hits) or not self.prepared.sentences:
            return
        self.hit = i
        self.set_cursor(self.prepared.sentences.locate(self.prepared.hits[i].start))
