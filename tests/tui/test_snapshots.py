"""SVG snapshots of the main screens at 120x40 (and the reader at 80x24).

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs (``tests/tui/__snapshots__``) before committing them. Deterministic: no
clock on screen, every worker finished before the picture is taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import SIZE, make_app, press, searched, settle, type_text


def test_main_screen(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """The document list with both seeds, the empty reader, the footer keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=SIZE, run_before=run_before)


def test_document_with_claims(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """The photo essay open, the cursor on its third claim: gutter symbols, check-worthy marks,
    the detail line with kinds, score, speaker and cues."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=SIZE, run_before=run_before)


def test_document_with_claims_panel_wide(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """At 200x60: list, reader and claims panel side by side."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "j", "enter")
        await settle(pilot)
        await press(pilot, "right_square_bracket", "right_square_bracket")
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=(200, 60), run_before=run_before)


def test_search_results(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """Results for "korea" as typed: titles, scores, hit counts, snippets with the hits marked."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "korea")
        await searched(pilot)
        pilot.app.screen.query_one(Input).cursor_blink = False
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """The help screen's first page, generated from the bindings."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "question_mark")
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=SIZE, run_before=run_before)


def test_reader_at_80x24(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """The narrow layout: the reader alone, with the claims of the blogger's account."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "j", "enter")
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        await settle(pilot)

    assert snap_compare(make_app(seeds_env), terminal_size=(80, 24), run_before=run_before)
