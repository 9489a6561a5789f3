"""The comparison screen's list: aligned pairs, and what only one document says.

``items_of`` turns an ``Alignment`` into rows (pairs in document A's text order, then the
passages only in A, then only in B); ``FILTERS`` say which rows a filter keeps. ``PairList``
draws two lines a row: the relation as a symbol *and* a word (never colour alone), similarity,
reason and shared terms, then the start of each passage. Moving its cursor posts
``PairHighlighted``; the screen scrolls both panes. ``marks_for`` gives a pane's marks (the
reader's marks API). Must not touch the index or the disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.message import Message

from nkterm.render import explanation, one_line
from nkterm.tui.view.marks import BOOKMARK_GUTTER, Mark
from nkterm.tui.widgets.item_list import ItemList

if TYPE_CHECKING:
    from nkterm.compare import Alignment, Pair, Passage
    from nkterm.models import Span

AGREES, DIFFERS, RELATED, ONLY_A, ONLY_B = "agrees", "differs", "related", "only-a", "only-b"

# the symbol in the list and in the panes' gutters, and the word beside it: "agrees" is the same
# proposition, "differs" the same slot with incompatible values, "related" the same topic
SYMBOLS = {AGREES: "=", DIFFERS: "≠", RELATED: "≈", ONLY_A: "A", ONLY_B: "B"}
WORDS = {AGREES: "agrees", DIFFERS: "differs", RELATED: "related", ONLY_A: "only in A", ONLY_B: "only in B"}

# filter name -> (label for the title line, the kinds of row it keeps); `f` cycles in this order
FILTERS: dict[str, tuple[str, frozenset[str]]] = {
    "pairs": ("pairs", frozenset({AGREES, DIFFERS, RELATED})),
    "agrees": ("= agrees", frozenset({AGREES})),
    "differs": ("≠ differs", frozenset({DIFFERS})),
    "related": ("≈ related", frozenset({RELATED})),
    "only-a": ("only in A", frozenset({ONLY_A})),
    "only-b": ("only in B", frozenset({ONLY_B})),
    "all": ("everything", frozenset({AGREES, DIFFERS, RELATED, ONLY_A, ONLY_B})),
}


@dataclass(frozen=True, slots=True)
class CompareItem:
    """One row: a pair (``a`` and ``b`` both set) or a passage only one side has."""

    kind: str  # AGREES, DIFFERS, RELATED, ONLY_A or ONLY_B
    a: Passage | None
    b: Passage | None
    pair: Pair | None = None
    also: bool = False  # a conflict beside the one-to-one pairs (``Alignment.also_differs``)

    def passage(self, side: str) -> Passage | None:
        return self.a if side == "a" else self.b


def items_of(alignment: Alignment) -> list[CompareItem]:
    """Every row of the list: pairs in A's text order, then what only A says, then only B, then
    the conflicts beside the one-to-one pairs (a passage of a pair that also contradicts another)."""
    pairs = sorted(alignment.pairs, key=lambda p: (p.a.start, p.b.start))
    kinds = {"differs": DIFFERS, "related": RELATED}
    items = [CompareItem(kinds.get(p.relation, AGREES), p.a, p.b, p) for p in pairs]
    items.extend(CompareItem(ONLY_A, p, None) for p in alignment.only_a)
    items.extend(CompareItem(ONLY_B, None, p) for p in alignment.only_b)
    also = sorted(alignment.also_differs, key=lambda p: (p.a.start, p.b.start))
    items.extend(CompareItem(DIFFERS, p.a, p.b, p, also=True) for p in also)
    return items


MARK_ROLES = {AGREES: "pair", DIFFERS: "differs", RELATED: "pair"}  # relation -> mark role (nkterm.tcss)
ONLY_GUTTER = "◦"  # the gutter symbol of the current passage when it has no partner


def marks_for(
    items: list[CompareItem], current: CompareItem | None, side: str, bookmarks: tuple[Span, ...] = ()
) -> tuple[Mark, ...]:
    """The marks of one pane: every paired passage, its relation in the gutter as well as in
    colour (``=`` agrees, ``≠`` differs, ``≈`` related); the changed words of near-identical
    pairs (``changed``: reversed and bold, no gutter); the current row's passage drawn stronger (an
    "only in" passage gets ``◦``). ``bookmarks``, the pane's bookmarked passages, are drawn as in
    the reader but under the pairs' colours; their gutter symbol (``▌``) goes over the pairs'
    so that a bookmark is seen without colour, like in the reader."""
    marks = [Mark(span.start, span.end, "bookmark") for span in bookmarks]
    for item in items:
        passage = item.passage(side)
        if passage is not None and item.pair is not None:
            marks.append(Mark(passage.start, passage.end, MARK_ROLES[item.kind], SYMBOLS[item.kind]))
    passage = current.passage(side) if current is not None else None
    if current is not None and passage is not None:
        symbol = SYMBOLS[current.kind] if current.pair is not None else ONLY_GUTTER
        marks.append(Mark(passage.start, passage.end, "pair-current", symbol))
        if current.kind == DIFFERS:  # keep the differing colour, bold on top of it
            marks.append(Mark(passage.start, passage.end, "differs", symbol))
    for item in items:  # over the pairs' colours, so that a changed word shows in the current pair too
        if item.pair is not None:
            changes = item.pair.changes_a if side == "a" else item.pair.changes_b
            marks.extend(Mark(c.start, c.end, "changed") for c in changes)
    marks.extend(Mark(span.start, span.end, "bookmark-gutter", BOOKMARK_GUTTER) for span in bookmarks)
    return tuple(marks)


class PairHighlighted(Message):
    """The pair list's cursor moved onto ``item`` (``chosen``: by enter or a click)."""

    def __init__(self, item: CompareItem, *, chosen: bool = False) -> None:
        super().__init__()
        self.item = item
        self.chosen = chosen


class PairList(ItemList[CompareItem]):
    ROW_HEIGHT = 2
    EMPTY_TEXT = "no pairs"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pair-list--agrees",
        "pair-list--differs",
        "pair-list--related",
        "pair-list--only",
        "pair-list--reason",
        "pair-list--meta",
        "pair-list--text",
    }

    def render_row(self, row: int, line: int, width: int) -> Text:
        item = self.rows[row]
        if line == 1:
            return self._passages(item, width)
        style = self._style("pair-list--only" if item.kind in (ONLY_A, ONLY_B) else f"pair-list--{item.kind}")
        out = Text(f"{row + 1:>3}. ")
        also = "ALSO " if item.also else ""  # beside the pairs: one of its passages has a partner too
        out.append(f"{SYMBOLS[item.kind]} {also}{WORDS[item.kind].upper()}", style=style)
        meta = self._style("pair-list--meta")
        pair = item.pair
        if pair is None:
            passage = item.a or item.b
            assert passage is not None
            out.append(f"  {passage.start}–{passage.end}", style=meta)
            return out
        out.append(f"  {pair.similarity:.2f}  ", style=meta)
        reason = self._style("pair-list--reason")
        return explanation(out, pair.reason, pair.shared_terms, reason_style=reason, meta=meta, joint="  ")

    def _passages(self, item: CompareItem, width: int) -> Text:
        text = self._style("pair-list--text")
        meta = self._style("pair-list--meta")
        out = Text("      ")
        if item.a is not None and item.b is not None:
            half = max(10, (width - 6 - 3) // 2)
            out.append_text(_excerpt("A", item.a, half, meta, text))
            out.append(" │ ", style=meta)
            out.append_text(_excerpt("B", item.b, half, meta, text))
            return out
        passage = item.a or item.b
        assert passage is not None
        out.append_text(_excerpt("A" if item.a is not None else "B", passage, width - 6, meta, text))
        return out

    def row_highlighted(self, row: int) -> None:
        self.post_message(PairHighlighted(self.rows[row]))

    def row_chosen(self, row: int) -> None:
        self.post_message(PairHighlighted(self.rows[row], chosen=True))

    def show(self, rows: list[CompareItem], keep: CompareItem | None) -> None:
        """New rows (a new filter): the cursor stays on ``keep`` if it is still listed."""
        self.rows = rows
        self.reset_rows(rows.index(keep) if keep in rows else 0)
        # new rows are laid out at the next refresh: only then can it scroll to the cursor
        self.call_after_refresh(self.reveal_cursor)

    def reveal_cursor(self) -> None:
        self._scroll_cursor_visible()


def _excerpt(side: str, passage: Passage, width: int, meta: Style, style: Style) -> Text:
    """``A: first words…`` cut to ``width`` cells."""
    out = Text(f"{side}: ", style=meta)
    body = one_line(passage.text) if passage.text else ""
    out.append(body, style=style)
    out.truncate(max(1, width), overflow="ellipsis", pad=True)
    return out
