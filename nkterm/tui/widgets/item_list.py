"""``ItemList``: a ``RowList`` over a plain list of items.

The claims panel, the comparison's pair list and the corroboration results keep their rows as
a list of frozen items and say something when it is empty; this owns that, so each of them
only renders a row. Must not touch the index or the disk.
"""

from __future__ import annotations

from typing import Generic, TypeVar

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
