"""``RowList``: a keyboard- and mouse-driven list that renders only the rows on screen.

The base of the document list, the claims panel and the search results: a ``ScrollView``
using Textual's Line API, so a list of 20,000 documents filters and scrolls as fast as one of
20. Subclasses say how many rows there are and render one line of one row as a
``rich.text.Text`` (never markup); this class owns the cursor, scrolling, clicks and the line
cache. Colours come from component classes in the stylesheet.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from nkterm.tui.widgets.styles import component_style


class RowList(ScrollView, can_focus=True):
    """Rows of ``ROW_HEIGHT`` lines with a cursor. Override ``row_count``, ``render_row`` and
    the ``row_highlighted`` / ``row_chosen`` hooks."""

    ROW_HEIGHT: ClassVar[int] = 1
    EMPTY_TEXT: ClassVar[str] = "nothing here"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--cursor-blurred",
        "row-list--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "down", show=False, id="list.down"),
        Binding("k,up", "move(-1)", "up", show=False, id="list.up"),
        Binding("pagedown,space", "page(1)", "page down", show=False, id="list.page-down"),
        Binding("pageup,shift+space", "page(-1)", "page up", show=False, id="list.page-up"),
        Binding("g,home", "first", "first", show=False, id="list.first"),
        Binding("G,end", "last", "last", show=False, id="list.last"),
        Binding(
            "enter",
            "choose",
            "open",
            tooltip="open the document, claim or result under the cursor",
            id="list.choose",
        ),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.cursor = 0
        self._count = 0
        self._line_cache: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(512)
        self._base_cache: Style | None = None

    # .. for subclasses ..

    def row_count(self) -> int:
        return 0

    def render_row(self, row: int, line: int, width: int) -> Text:
        return Text()

    def row_highlighted(self, row: int) -> None:
        """The cursor moved to ``row`` (by the user)."""

    def row_chosen(self, row: int) -> None:
        """The user pressed enter on ``row`` or clicked it."""

    def empty_text(self) -> str:
        return self.EMPTY_TEXT

    # .. state ..

    def reset_rows(self, cursor: int = 0) -> None:
        """The rows changed: recount, clear the cache, put the cursor on ``cursor``."""
        self._count = self.row_count()
        self._line_cache.clear()
        self.cursor = max(0, min(cursor, self._count - 1))
        self.virtual_size = Size(self.size.width, self._virtual_height())
        self.scroll_to(y=0, animate=False)
        self._scroll_cursor_visible()
        self.refresh()

    def refresh_rows(self) -> None:
        """Rows kept their number but changed how they look."""
        self._line_cache.clear()
        self.refresh()

    def select(self, row: int, *, notify: bool = True) -> None:
        """Move the cursor to ``row``; ``notify=False`` when the screen sets it (no echo)."""
        if not self._count:
            return
        row = max(0, min(row, self._count - 1))
        if row != self.cursor:
            old, self.cursor = self.cursor, row
            # the cache key holds "selected": only the two rows need painting again
            self.refresh_lines(old * self.ROW_HEIGHT, self.ROW_HEIGHT)
            self.refresh_lines(row * self.ROW_HEIGHT, self.ROW_HEIGHT)
        self._scroll_cursor_visible()
        if notify:
            self.row_highlighted(row)

    def _virtual_height(self) -> int:
        """The rows' lines, plus the lines left over below the last whole row that fits, so
        that scrolling to the end also stops on a row's first line."""
        height = self.scrollable_content_region.height
        return self._count * self.ROW_HEIGHT + (height % self.ROW_HEIGHT if height else 0)

    def _scroll_cursor_visible(self) -> None:
        height = self.scrollable_content_region.height
        if not height:  # not laid out yet (or hidden): on_resize does it
            return
        top = self.cursor * self.ROW_HEIGHT
        bottom = top + self.ROW_HEIGHT
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_offset.y + height:
            # the cursor's row last on screen, with whole rows above it: never the second line
            # of a row at the top when the height is not a multiple of the row height
            first = self.cursor - max(1, height // self.ROW_HEIGHT) + 1
            self.scroll_to(y=max(0, first) * self.ROW_HEIGHT, animate=False)

    # .. actions ..

    def action_move(self, delta: int) -> None:
        self.select(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.ROW_HEIGHT - 1)
        self.select(self.cursor + direction * rows)

    def action_first(self) -> None:
        self.select(0)

    def action_last(self) -> None:
        self.select(self._count - 1)

    def action_choose(self) -> None:
        if self._count:
            self.row_chosen(self.cursor)

    # .. events ..

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (self.scroll_offset.y + offset.y) // self.ROW_HEIGHT
        if 0 <= row < self._count:
            self.select(row)
            self.row_chosen(row)

    def on_focus(self) -> None:
        self.refresh_rows()

    def on_blur(self) -> None:
        self.refresh_rows()

    def on_resize(self, event: events.Resize) -> None:
        self._line_cache.clear()
        self.virtual_size = Size(event.size.width, self._virtual_height())
        self._scroll_cursor_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_cache = None
        self._line_cache.clear()

    @property
    def _base(self) -> Style:
        if self._base_cache is None:
            self._base_cache = self.rich_style
        return self._base_cache

    # .. rendering ..

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        base = self._base
        if not self._count:
            if y == 0:
                style = self._style("row-list--empty")
                return (
                    Strip([Segment(" " + self.empty_text(), style)])
                    .apply_style(base)
                    .crop_extend(0, width, base)
                )
            return Strip.blank(width, base)
        row, line = divmod(index, self.ROW_HEIGHT)
        if row >= self._count:
            return Strip.blank(width, base)
        selected = row == self.cursor
        key = (index, width, selected, self.has_focus)
        strip = self._line_cache.get(key)
        if strip is None:
            text = self.render_row(row, line, width)
            text.no_wrap = True
            text.end = ""
            text.truncate(width, overflow="ellipsis", pad=True)
            segments: list[Segment] = list(text.render(self.app.console))
            if selected:
                name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
                segments = list(Segment.apply_style(segments, post_style=self._style(name)))
            strip = Strip(segments).crop_extend(0, width, None).apply_style(base)
            self._line_cache[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        return component_style(self, name)
