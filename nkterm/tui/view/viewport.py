"""``Viewport``: the part of a laid-out document on screen, as the cursor model sees it.

The reader widget is one (its scroll offset, its height, Textual's clamping); ``ScrollState``
is the plain one the unit tests use. No Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Viewport(Protocol):
    """The lines on screen: ``height`` lines from line ``top`` (0 high: not shown now)."""

    @property
    def top(self) -> int: ...

    @property
    def height(self) -> int: ...

    @property
    def max_top(self) -> int: ...

    def scroll_to(self, top: int) -> None:
        """Put line ``top`` at the top (clamped to ``0..max_top``)."""

    def scroll_to_end(self) -> None:
        """Show the end of the document (may happen after the next repaint)."""

    def set_lines(self, count: int) -> None:
        """The laid-out document now has ``count`` lines."""


@dataclass
class ScrollState:
    """A plain ``Viewport``: ``height`` lines from ``top`` of ``lines``, clamped as a scroll
    view clamps them."""

    height: int
    lines: int = 0
    top: int = 0

    @property
    def max_top(self) -> int:
        return max(0, self.lines - self.height)

    def scroll_to(self, top: int) -> None:
        self.top = max(0, min(top, self.max_top))

    def scroll_to_end(self) -> None:
        self.top = self.max_top

    def set_lines(self, count: int) -> None:
        self.lines = count
        self.top = min(self.top, self.max_top)
