"""Corroboration as a person uses it: ``o`` on a claim lists what else in the corpus discusses
it, enter opens a result there, ``c`` compares the two documents at the claim."""

from __future__ import annotations

from pathlib import Path

from nkterm.compare import corroboration_report
from nkterm.index import Index
from nkterm.models import Claim
from nkterm.tui.screens.corroborate import CorroborateScreen
from nkterm.tui.screens.main import MainScreen
from tests.conftest import BLOGGER, PHOTO
from tests.tui.compare_fixtures import (
    align_docs,
    claim_with_results,
    corroborate_with_weak,
    open_comparison,
    pairs_in_a_order,
    shows,
    walk_to_claim,
)
from tests.tui.conftest import SIZE, make_app, press, screen_text, settle, wait_until

# -- corroboration ---------------------------------------------------------------------------------


async def test_o_corroborates_the_claim_and_enter_opens_the_result(seeds_env: tuple[Path, Path]) -> None:
    i, claim, results = claim_with_results(seeds_env, BLOGGER)
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await walk_to_claim(pilot, claim, i)
        await press(pilot, "o")
        screen = app.screen
        assert isinstance(screen, CorroborateScreen)
        await settle(pilot)
        assert screen.report is not None
        if not screen.report.found:
            assert "no passage in the corpus discusses this" in screen_text(app)
            assert "(w lists them)" in screen_text(app)
        await press(pilot, "w")
        assert screen.results == results
        text = screen_text(app)
        first = results[0]
        assert "Corroborating this claim of Travel blogger Drew Binsky" in text
        assert f"{first.relation.upper()}" in text and f"{first.similarity:.2f}" in text
        assert " ".join(first.title.split())[:40] in text
        line = next(row for row in text.splitlines() if first.reason[:30] in row)
        assert all(term in line for term in first.shared_terms[:3]), "why: the reason, the terms shared"
        assert " ".join(first.passage.text.split())[:50] in text

        await press(pilot, "enter")
        main = app.screen
        assert isinstance(main, MainScreen)
        reader = main.reader
        assert reader.doc_id == first.doc_id
        assert reader.cursor.start <= first.passage.start < reader.cursor.end
        first_line, _last = reader._cursor_lines
        top = reader.scroll_offset.y
        assert top <= first_line < top + reader.scrollable_content_region.height, "on screen"


async def test_c_in_the_corroboration_opens_the_comparison_at_the_claim(seeds_env: tuple[Path, Path]) -> None:
    # a claim in a pair far enough down the list that the 80x24 list must scroll to it
    pairs = pairs_in_a_order(align_docs(seeds_env, BLOGGER, PHOTO))
    late = [p.a for p in pairs[3:] if p.a is not None]
    i, claim, results = claim_with_results(
        seeds_env, BLOGGER, lambda c: any(a.start <= c.start < a.end for a in late)
    )
    assert results[0].doc_id == PHOTO
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=(80, 24)) as pilot:
        await corroborate_with_weak(pilot, claim, i)
        await press(pilot, "c")
        screen = await open_comparison(pilot, seeds_env)
        assert (screen.a_id, screen.b_id) == (BLOGGER, results[0].doc_id)
        assert shows(screen.view("a"), claim.start)
        listed = screen.pair_list

        def row_shown() -> bool:
            top, height = listed.scroll_offset.y, listed.scrollable_content_region.height
            return top <= listed.cursor * listed.ROW_HEIGHT < top + height

        # the list scrolls to its row after the refresh that lays the rows out (call_after_refresh),
        # which may come after the app's messages are answered
        assert await wait_until(pilot, row_shown, limit=30), "the list shows its current row"
        assert listed.cursor >= 3
        await press(pilot, "escape")
        assert isinstance(app.screen, CorroborateScreen)


async def test_the_line_under_the_list_gives_the_highlighted_results_whole_reason(
    seeds_env: tuple[Path, Path],
) -> None:
    # at 80 columns a row cuts the reason to the width; the line under the list gives it whole,
    # and follows the cursor
    i, claim, results = claim_with_results(seeds_env, BLOGGER, lambda c: _results(seeds_env, c) >= 2)
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=(80, 24)) as pilot:
        await corroborate_with_weak(pilot, claim, i)
        screen = app.screen
        assert isinstance(screen, CorroborateScreen)
        assert screen.results == results
        for k in (0, 1):
            detail = " ".join(str(screen.query_one("#corroborate-detail").render()).split())
            assert detail.startswith(f"{k + 1} of {len(results)} ")
            assert " ".join(results[k].reason.split()) in detail
            assert f"{results[k].similarity:.2f}" in detail
            await press(pilot, "down")


def _results(env: tuple[Path, Path], claim: Claim) -> int:
    """How many results (found and weak) the corroboration of ``claim`` (a claim of BLOGGER) lists."""
    index = Index(*env)
    try:
        report = corroboration_report(index, BLOGGER, claim, limit=20)
        return len(report.found) + len(report.weak)
    finally:
        index.close()


async def test_the_answer_says_when_weakly_related_passages_might_discuss_the_claim(tmp_path: Path) -> None:
    # session 17: in a corpus with corpus statistics, no passage found and the story's article
    # likely enough: the title does not say "no passage in the corpus discusses this"
    from tests.unit.test_compare_story import CLAIM, CLAIM_DOC, _corpus

    corpus, index_dir = _corpus(tmp_path), tmp_path / "index"
    built = Index(corpus, index_dir)
    built.update()
    built.close()
    app = make_app((corpus, index_dir), "claim")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader  # type: ignore[attr-defined]
        start = CLAIM_DOC.index(CLAIM)
        for _ in range(4):
            claim = reader.current_claim
            if claim is not None and claim.start <= start < claim.end:
                break
            await press(pilot, "right_square_bracket")
        await press(pilot, "o")
        screen = app.screen
        assert isinstance(screen, CorroborateScreen)
        await settle(pilot)
        assert screen.report is not None and screen.report.nothing and screen.report.might == 1
        text = screen_text(app)
        assert "no passage clearly discusses this; 1 weakly related passage might" in text
        assert "no passage in the corpus discusses this" not in text
        await press(pilot, "w")
        text = screen_text(app)
        assert "Terminal keeps cranes busy" in text and "might discuss it (probability 0." in text
