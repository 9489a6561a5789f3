"""Marks as plain data (``nkterm.tui.view.marks``), without Textual."""

from __future__ import annotations

import pytest

from nkterm.tui.view.marks import Mark


def test_a_mark_is_plain_data_with_a_one_cell_symbol() -> None:
    Mark(3, 9, "bookmark", "◆")
    Mark(3, 3, "pair")  # empty, no symbol: allowed
    with pytest.raises(ValueError):
        Mark(9, 3, "bookmark")
    with pytest.raises(ValueError):
        Mark(0, 3, "bookmark", "◆◆")
    with pytest.raises(ValueError):
        Mark(0, 3, "bookmark", "中")  # two cells wide
    with pytest.raises(ValueError):
        Mark(0, 3, "not a class")
