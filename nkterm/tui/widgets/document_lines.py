"""``DocumentLines``: a laid-out document drawn with Textual's Line API.

The base class of ``DocumentView``: it owns what the text looks like; the document, the
cursor and its moves are the plain-Python model ``self.model`` (``DocumentCursor``, in
nkterm.tui.view), which scrolls this widget through ``WidgetViewport``, and ``DocumentView``
binds the keys to it. Only the lines on screen are rendered, each cached until
something that changes it moves (the cursor, the current claim or hit: ``_invalidate_lines``
repaints just those). Text goes to the terminal as ``Segment``s of the safe display string,
never parsed as markup. Every claim gets its kind's component-class style (colours live in
nkterm.tcss) *and* its kind symbols in the gutter, ``*`` for a check-worthy claim and ``›``
beside the cursor, so nothing depends on colour alone. Marks (``set_marks``: bookmarks, the
selection, compared pairs) are layered over the claims' styles, with their own symbol in the
gutter's last column.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from nkterm.models import CLAIM_KINDS, Claim, Span
from nkterm.render import KIND_SYMBOLS
from nkterm.tui.view.document_cursor import DocumentCursor
from nkterm.tui.view.document_layout import GUTTER, Prepared
from nkterm.tui.view.marks import MARK_ROLES, Mark
from nkterm.tui.view.textlayout import WrappedText
from nkterm.tui.widgets.styles import component_style

# at most 70 columns: the reader pane is 72 wide beside the list at 120 columns
PLACEHOLDER = (
    "",
    "  Choose a document in the list (enter) or search with /.",
    "",
    "  Then j k move by sentence, { } by paragraph, [ ] by claim;",
    "  w: check-worthy claims only, L: the marks, ?: every key;",
    "  b bookmarks a sentence, v selects a passage, B: bookmarks.",
)


class WidgetViewport:
    """The model's ``Viewport``: a scroll view's offset, height and line count."""

    def __init__(self, view: ScrollView) -> None:
        self._view = view

    @property
    def top(self) -> int:
        return self._view.scroll_offset.y

    @property
    def height(self) -> int:
        return self._view.scrollable_content_region.height

    @property
    def max_top(self) -> int:
        return self._view.max_scroll_y

    def scroll_to(self, top: int) -> None:
        self._view.scroll_to(y=top, animate=False)

    def scroll_to_end(self) -> None:
        self._view.scroll_end(animate=False)

    def set_lines(self, count: int) -> None:
        self._view.virtual_size = Size(self._view.size.width, count)


class DocumentLines(ScrollView):
    """Rendering state and ``render_line``; see the module docstring."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-view--gutter",
        "document-view--gutter-strong",
        "document-view--gutter-cursor",
        "document-view--cursor",
        "document-view--claim-strong",
        "document-view--claim-current",
        "document-view--hit",
        "document-view--hit-current",
        "document-view--title",
        "document-view--meta",
        "document-view--claims",
        "document-view--section",
        "document-view--placeholder",
        *(f"document-view--claim-{kind}" for kind in CLAIM_KINDS),
        *(f"document-view--mark-{role}" for role in MARK_ROLES),
        *(f"document-view--gutter-{role}" for role in MARK_ROLES),
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model = DocumentCursor(WidgetViewport(self))
        self._cache: LRUCache[int, Strip] = LRUCache(1024)  # lines drawn, at _cache_width
        self._cache_width = 0
        self._styles: dict[str, Style] = {}
        self._marks: tuple[Mark, ...] = ()  # set by the screen
        self._selection: Mark | None = None  # the model's selection, as drawn
        self._drawn: list[tuple[int, Mark]] = []  # (order, mark) by start: both of the above
        self._drawn_starts: list[int] = []
        self._max_mark = 0

    @property
    def prepared(self) -> Prepared | None:
        return self.model.prepared

    @property
    def check_worthy_only(self) -> bool:
        return self.model.check_worthy_only

    @property
    def hits(self) -> tuple[Span, ...]:
        return self.model.hits

    # the laid-out lines and the cursor's lines (Pilot tests read these two)
    @property
    def _wrapped(self) -> WrappedText | None:
        return self.model.wrapped

    @property
    def _cursor_lines(self) -> tuple[int, int]:
        return self.model.cursor_lines

    # .. marks ..

    @property
    def marks(self) -> tuple[Mark, ...]:
        return self._marks

    def set_marks(self, marks: tuple[Mark, ...]) -> None:
        """Draw these spans over the text (see ``nkterm.tui.view.marks``); replaces the marks
        set before. ``show`` clears them: set them after showing a document."""
        self._marks = tuple(marks)
        self._index_marks()
        self._invalidate()

    def _set_selection(self, mark: Mark | None) -> None:
        if mark == self._selection:
            return
        self._selection = mark
        self._index_marks()
        self._invalidate()

    def _index_marks(self) -> None:
        drawn = list(enumerate(self._marks))
        if self._selection is not None:
            drawn.append((len(drawn), self._selection))
        drawn.sort(key=lambda p: (p[1].start, p[0]))
        self._drawn = drawn
        self._drawn_starts = [m.start for _, m in drawn]
        self._max_mark = max((m.end - m.start for _, m in drawn), default=0)

    def _marks_in(self, start: int, end: int) -> list[Mark]:
        """The marks over ``[start, end)``, in drawing order (later ones on top)."""
        if not self._drawn:
            return []
        lo = bisect.bisect_left(self._drawn_starts, start - self._max_mark)
        hi = bisect.bisect_left(self._drawn_starts, max(end, start + 1))
        found = [p for p in self._drawn[lo:hi] if p[1].end > start or p[1].start == p[1].end >= start]
        return [m for _, m in sorted(found, key=lambda p: p[0])]

    # .. repainting ..

    def _invalidate_lines(self, lines: set[int]) -> None:
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        for line in lines:
            self._cache.discard(line)
            if top <= line < top + height:
                self.refresh_line(line)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    # .. rendering ..

    def _base_style(self) -> Style:
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = component_style(self, f"document-view--{name}")
        return style

    def kind_styles(self) -> dict[str, Style]:
        """The style of each claim kind (for the legend)."""
        return {kind: self._style(f"claim-{kind}") for kind in CLAIM_KINDS}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style()
        wrapped = self.model.wrapped
        if wrapped is None:
            text = PLACEHOLDER[y] if y < len(PLACEHOLDER) else ""
            return (
                Strip([Segment(text, self._style("placeholder"))])
                .apply_style(base)
                .crop_extend(0, width, base)
            )
        index = self.scroll_offset.y + y
        if index >= len(wrapped):
            return Strip.blank(width, base)
        if width != self._cache_width:
            self._cache.clear()
            self._cache_width = width
        strip = self._cache.get(index)
        if strip is None:
            segments = Segment.apply_style(self._line_segments(index), base)
            strip = self._cache[index] = self._full_width(segments, width, base)
        return strip

    @staticmethod
    def _full_width(segments: Iterable[Segment], width: int, base: Style) -> Strip:
        """One strip ``width`` cells wide: what ``Strip(...).crop_extend(0, width, base)``
        makes, without the two strips between (each strip carries seven small caches: fewer
        strips are fewer objects for the garbage collector to walk)."""
        line = list(segments)
        length = Segment.get_line_length(line)
        if length > width:
            return Strip(line, length).crop(0, width)
        if length < width:
            line.append(Segment(" " * (width - length), base))
        return Strip(line, width)

    def _line_segments(self, index: int) -> list[Segment]:
        model = self.model
        assert model.wrapped is not None and model.prepared is not None
        decor = model.wrapped.decor.get(index)
        if decor is not None:
            return [
                Segment(" " * GUTTER),
                Segment(decor.text, self._style(decor.role) if decor.text else None),
            ]
        start, end = model.wrapped.starts[index], model.wrapped.ends[index]
        claims = model.claims_in(start, end)
        hits = model.hits_in(start, end)
        marks = self._marks_in(start, end)
        on_cursor = model.cursor_lines[0] <= index <= model.cursor_lines[1]
        segments = self._gutter(claims, on_cursor, marks)
        cuts = {start, end}
        for c in claims:
            cuts.update((max(start, c.start), min(end, c.end)))
        spans: list[Span | Mark] = [model.hits[i] for i in hits]
        spans.extend(marks)
        if on_cursor:
            spans.append(model.cursor)
        for s in spans:
            cuts.update((max(start, min(end, s.start)), min(end, s.end)))
        points = sorted(cuts)
        display = model.prepared.display
        for a, b in itertools.pairwise(points):
            segments.append(Segment(display[a:b], self._piece_style(a, claims, hits, on_cursor, marks)))
        return segments

    def _gutter(self, claims: list[Claim], on_cursor: bool, marks: list[Mark]) -> list[Segment]:
        present = {kind for claim in claims for kind in claim.kinds}
        kinds = [kind for kind in CLAIM_KINDS if kind in present]  # a fixed order reads better
        segments = [
            Segment("›" if on_cursor else " ", self._style("gutter-cursor")),
            Segment("*" if any(c.check_worthy for c in claims) else " ", self._style("gutter-strong")),
        ]
        shown = kinds[:3] if len(kinds) <= 3 else kinds[:2]
        for kind in shown:
            segments.append(Segment(KIND_SYMBOLS[kind], self._style(f"claim-{kind}")))
        if len(kinds) > 3:
            segments.append(Segment("+", self._style("gutter")))
        pad = 3 - min(3, len(kinds))
        if pad:
            segments.append(Segment(" " * pad, self._style("gutter")))
        # the last column: the topmost mark's symbol, else the space before the text
        mark = next((m for m in reversed(marks) if m.gutter), None)
        if mark is None:
            segments.append(Segment(" ", self._style("gutter")))
        else:
            segments.append(Segment(mark.gutter, self._mark_style(mark.role, "gutter-")))
        return segments

    def _mark_style(self, role: str, where: str = "mark-") -> Style:
        """A mark's style over the text (``mark-``), or its gutter symbol's (``gutter-``)."""
        name = f"{where}{role}"
        try:
            return self._style(name)
        except KeyError:  # a role the stylesheet does not know: its gutter symbol still shows
            self._styles[name] = Style()
            return Style()

    def _piece_style(
        self, at: int, claims: list[Claim], hits: list[int], on_cursor: bool, marks: list[Mark]
    ) -> Style:
        # claims, then marks over them, then the cursor (so it shows on a marked passage),
        # then search hits on top
        style = Style()
        model = self.model
        for claim in claims:
            if claim.start <= at < claim.end:
                style += self._style(f"claim-{claim.kinds[0] if claim.kinds else 'quantity'}")
                if claim.check_worthy:
                    style += self._style("claim-strong")
                if claim == model.claim:
                    style += self._style("claim-current")
        for mark in marks:
            if mark.start <= at < mark.end:
                style += self._mark_style(mark.role)
        if on_cursor and model.cursor.start <= at < model.cursor.end:
            style += self._style("cursor")
        for i in hits:
            if model.hits[i].start <= at < model.hits[i].end:
                style += self._style("hit-current" if i == model.hit else "hit")
        return style
