"""``ItemList``: a ``RowList`` over a plain list of items, and the explanation line that the
comparison's pair list and the corroboration list both draw.

The claims panel, the comparison's pair list and the corroboration results keep their rows as
a list of frozen items and say something when it is empty; this owns that, so each of them
only renders a row. Must not touch the index or the disk.
"""

from __future__ import annotations

import re
from typing import Generic, TypeVar

from rich.style import Style
from rich.text import Text

from nkterm.render import one_line
from nkterm.tui.widgets.row_list import RowList

T = TypeVar("T")


class ItemList(RowList, Generic[T]):
    """Rows are ``rows`` (set them, then ``reset_rows``); ``empty`` is what an empty list says."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[T] = []
        self.empty = self.EMPTY_TEXT

    def row_count(self) -> int:
        return len(self.rows)

    def empty_text(self) -> str:
        return self.empty

    @property
    def current(self) -> T | None:
        return self.rows[self.cursor] if self.rows else None


def explanation(
    out: Text, reason: str, shared_terms: tuple[str, ...], *, reason_style: Style, meta: Style, joint: str
) -> Text:
    """Append why two passages were matched to ``out``: the reason they differ (if any, then
    ``joint``) and the terms they share that the reason does not name already ("same topic:
    North Korea, people, korea" was followed by "shared: North Korea, people, korea", and at 80
    columns the rest was cut). Text is made safe and kept on one line."""
    rest = [term for term in shared_terms if not _names(reason, term)]
    if reason:
        out.append(one_line(reason), style=reason_style)
        if rest:
            out.append(joint, style=meta)
    if rest:
        out.append("also shared: " if len(rest) < len(shared_terms) else "shared: ", style=meta)
        out.append(one_line(", ".join(rest)))
    return out


def _names(reason: str, term: str) -> bool:
    """Whether ``reason`` names ``term`` as a whole (case kept: "korea" is not "North Korea")."""
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", reason) is not None
