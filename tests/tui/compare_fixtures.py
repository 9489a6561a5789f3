"""What the comparison tests share: the expected alignment from the core, where a pane shows a
passage, the app opened on a comparison (test_compare, test_compare_open, test_corroborate), and a
claim that the corroboration screen lists something for (test_corroborate, test_narrow)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from nkterm.compare import Alignment, Corroboration, align, corpus_idf, corroboration_report
from nkterm.index import Index
from nkterm.models import Claim
from nkterm.tui.app import NktermApp
from nkterm.tui.screens.compare import CompareScreen
from nkterm.tui.widgets.compare_view import CompareView
from nkterm.tui.widgets.pair_list import CompareItem, items_of
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import SIZE, make_app, press, screen_text, settle


def align_docs(env: tuple[Path, Path], a: str, b: str) -> Alignment:
    index = Index(*env)
    try:
        doc_a, claims_a = index.load(a)
        doc_b, claims_b = index.load(b)
        return align(doc_a, doc_b, claims_a, claims_b, idf=corpus_idf(index))
    finally:
        index.close()


def pairs_in_a_order(alignment: Alignment) -> list[CompareItem]:
    return [item for item in items_of(alignment) if item.pair is not None]


def shows(view: CompareView, offset: int) -> bool:
    """The cursor is on the sentence holding ``offset``, and that line is on screen."""
    row = view.row_of(offset)
    height = view.scrollable_content_region.height
    return (
        view.cursor.start <= offset < max(view.cursor.end, offset + 1)
        and row is not None
        and 0 <= row < height
    )


def line_text(view: CompareView, offset: int) -> str:
    wrapped, prepared = view._wrapped, view.prepared
    assert wrapped is not None and prepared is not None
    line = wrapped.line_of(offset)
    return prepared.display[wrapped.starts[line] : wrapped.ends[line]]


def assert_item_shown(app: Any, screen: CompareScreen, item: CompareItem) -> None:
    text = screen_text(app)
    for side in ("a", "b"):
        passage = item.passage(side)
        if passage is None:
            continue
        view = screen.view(side)
        assert shows(view, passage.start), (side, passage, view.cursor, view.row_of(passage.start))
        assert line_text(view, passage.start) in text, "the passage's first line is on screen"
    if item.a is not None and item.b is not None:
        assert screen.view("a").row_of(item.a.start) == screen.view("b").row_of(item.b.start), "level"


async def open_comparison(pilot: Pilot[Any], env: tuple[Path, Path]) -> CompareScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    assert screen.alignment is not None, "the alignment arrived"
    return screen


@asynccontextmanager
async def compared(
    env: tuple[Path, Path], a: str = BLOGGER, b: str = PHOTO
) -> AsyncIterator[tuple[NktermApp, Pilot[Any], CompareScreen]]:
    """The app started as `nkterm compare A B` at SIZE, once the comparison has arrived."""
    app = make_app(env, compare=(a, b))
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await open_comparison(pilot, env)


def claim_with_results(
    env: tuple[Path, Path], doc_id: str, wanted: Callable[[Claim], bool] = lambda claim: True
) -> tuple[int, Claim, list[Corroboration]]:
    """The first claim of ``doc_id`` (in text order) that something elsewhere matches, and what
    the corroboration screen lists after ``w`` (found, then weakly related). The seeds are two
    different trips: what matches is only weakly related, so "nothing found" plus weak ones."""
    index = Index(*env)
    try:
        claims = sorted(index.claims(doc_id), key=lambda c: (c.start, c.end))
        for i, claim in enumerate(claims):
            if not wanted(claim):
                continue
            report = corroboration_report(index, doc_id, claim, limit=20)
            if report.found or report.weak:
                return i, claim, [*report.found, *report.weak]
    finally:
        index.close()
    raise AssertionError("no claim of the seeds is corroborated")


async def walk_to_claim(pilot: Pilot[Any], claim: Claim, i: int) -> None:
    """``]`` in the reader until the cursor is on ``claim``, the ``i``-th in text order (``i`` or
    ``i + 1`` presses: the reader opens on the first claim when the text starts with one)."""
    reader = pilot.app.screen.reader  # type: ignore[attr-defined]
    for _ in range(i + 1):
        if reader.current_claim == claim:
            break
        await press(pilot, "right_square_bracket")
    assert reader.current_claim == claim


async def corroborate_with_weak(pilot: Pilot[Any], claim: Claim, i: int) -> None:
    """From the reader's first screen: walk to ``claim`` (``walk_to_claim``), ``o`` corroborates
    it, ``w`` lists the weakly related too (the seeds' matches are weak ones)."""
    await settle(pilot)
    await walk_to_claim(pilot, claim, i)
    await press(pilot, "o")
    await settle(pilot)
    await press(pilot, "w")
