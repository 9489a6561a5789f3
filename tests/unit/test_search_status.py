"""The search screen's status line for results (nkterm.tui.view.search_status), as plain Python:
the fullest wording that fits, the count always first, never wider than asked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from nkterm.tui.view.search_status import HitsStatus
from tests.counts import examples

SIX = (("AFP", 30), ("Xinhua", 23), ("Yonhap", 22), ("KCNA", 10), ("Reuters", 5), ("NK News", 2))


def test_the_full_wording_when_it_fits_then_shorter_keys_then_fewer_sources() -> None:
    status = HitsStatus(132, "document(s)", SIX, timeline=True)
    full = "132 document(s) match · AFP 30, Xinhua 23, Yonhap 22, +3 more · enter opens · ↑↓ choose · tab: timeline · esc closes"
    assert status.line(0) == status.line(200) == full
    assert (
        status.line(110)
        == "132 document(s) match · AFP 30, Xinhua 23, Yonhap 22, +3 more · enter opens · tab: timeline · esc closes"
    )
    assert (
        status.line(86)
        == "132 document(s) match · AFP 30, Xinhua 23, Yonhap 22, +3 more · enter · ↑↓ · tab · esc"
    )
    assert status.line(72) == "132 document(s) match · AFP 30, +5 more · enter · ↑↓ · tab · esc"
    assert status.line(60) == "132 document(s) match · 6 sources · enter · ↑↓ · tab · esc"
    assert status.line(30) == "132 document(s) match · 6 sou…"


def test_other_spellings_go_before_the_line_is_cut() -> None:
    status = HitsStatus(3, "document(s)", (("Korean Central News Agency Pyongyang", 3),), "P'yŏngyang, 평양")
    assert status.line(0) == (
        "3 document(s) match · Korean Central News Age… 3 · also: P'yŏngyang, 평양 · enter opens · ↑↓ choose · esc closes"
    )
    assert "also: P'yŏngyang, 평양 · enter · ↑↓ · esc" in status.line(80)  # 평양 is 4 cells wide
    assert status.line(50) == "3 document(s) match · 1 source · enter · ↑↓ · esc"


@pytest.mark.slow
@settings(max_examples=examples(200), deadline=None)
@given(
    total=st.integers(1, 10**6),
    sources=st.lists(st.tuples(st.text(min_size=1, max_size=40), st.integers(1, 10**5)), max_size=8),
    also=st.text(max_size=60),
    timeline=st.booleans(),
    width=st.integers(1, 200),
)
def test_never_wider_than_the_width_and_the_count_comes_first(
    total: int, sources: list[tuple[str, int]], also: str, timeline: bool, width: int
) -> None:
    line = HitsStatus(total, "bookmark(s)", tuple(sources), also, timeline).line(width)
    assert cell_len(line) <= width
    head = f"{total:,} bookmark(s) match"
    assert line.startswith(head) if width > len(head) else head.startswith(line[:-1])
