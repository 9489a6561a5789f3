"""``Mark``: a span of the document the reader draws over its text, and the roles it knows.

A mark is plain data set on the reader by a screen (``DocumentView.set_marks``): bookmarked
passages, the passage selection, the claim pairs of the comparison screen (with the bookmarks
under their colours and the bookmark symbol over their gutter symbols). ``role`` names the
look: the component class ``document-view--mark-{role}`` in nkterm.tcss. ``gutter`` is a
one-cell symbol drawn in the reader's gutter beside every line of the span, so a mark is seen
without colour too. Offsets are character offsets into the document text (the same as into
the displayed string). No Textual import here: screens and workers build marks freely.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The roles nkterm.tcss styles (``document-view--mark-{role}``); another role draws its
# gutter symbol with no style of its own.
MARK_ROLES: tuple[str, ...] = (
    "bookmark",  # a saved passage (the reader)
    "bookmark-gutter",  # only a bookmark's gutter symbol, over the pairs' (compare): no text style
    "selection",  # the passage being selected with v
    "pair",  # a claim with a counterpart in the other document (compare)
    "pair-current",  # the pair under the cursor (compare)
    "differs",  # a pair whose numbers or polarity differ (compare)
    "changed",  # a changed word of a near-identical pair (compare): reversed and bold, no gutter symbol
)

BOOKMARK_GUTTER = "▌"
SELECTION_GUTTER = "┃"


@dataclass(frozen=True, slots=True)
class Mark:
    """``[start, end)`` of the text drawn in ``role``'s style, with ``gutter`` beside it.

    Later marks are drawn over earlier ones: their style is layered on top, and where two
    marks share a line the later one's gutter symbol shows."""

    start: int
    end: int
    role: str
    gutter: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a mark needs 0 <= start <= end, got {self.start}..{self.end}")
        if not self.role or not all(c.isalnum() or c == "-" for c in self.role):
            raise ValueError(f"a mark's role is a component-class suffix (letters, digits, -): {self.role!r}")
        if len(self.gutter) > 1 or (
            self.gutter
            and (unicodedata.east_asian_width(self.gutter) in "WF" or not self.gutter.isprintable())
        ):
            raise ValueError(f"a mark's gutter symbol is one narrow printable character: {self.gutter!r}")
