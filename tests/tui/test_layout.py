"""Layout at 80x24 and 200x60, the claims panel, the document list's sort and filter, the
command palette."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkterm.index import Index
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import SIZE, build_index, make_app, press, screen_text, settle, type_text


async def test_80x24_shows_one_pane_at_a_time(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.documents.list_view.size.width >= 78, "the list takes the width"
        assert not screen.reader.is_on_screen
        await press(pilot, "enter")
        assert screen.reader.doc_id == PHOTO
        assert screen.reader.size.width >= 78, "the reader takes the width"
        assert screen.reader.size.height >= 15
        assert not screen.documents.list_view.is_on_screen
        text = screen_text(app)
        assert "While American photographer Sam Gellman" in text
        footer = text.splitlines()[-1]
        assert "l list" in footer and "? help" in footer  # the way back is on screen

        await press(pilot, "l")  # back to the list
        assert screen.documents.list_view.is_on_screen and app.focused is screen.documents.list_view
        await press(pilot, "j", "enter")
        assert screen.reader.doc_id == BLOGGER
        await press(pilot, "tab")  # from the reader, tab goes to the list (no claims panel)
        assert app.focused is screen.documents.list_view
        await press(pilot, "tab")
        assert app.focused is screen.reader

        await press(pilot, "a")  # the claims panel stacks under the reader
        claims = screen.claims
        assert claims.list_view.is_on_screen and screen.reader.is_on_screen
        assert claims.region.y > screen.reader.region.y


async def test_200x60_uses_the_width_for_three_panes(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        list_region, reader_region, claims_region = (
            screen.documents.region,
            screen.reader.region,
            screen.claims.region,
        )
        assert list_region.right <= reader_region.x < reader_region.right <= claims_region.x
        assert reader_region.width >= 80 and claims_region.width >= 50
        assert reader_region.height >= 50
        count = len(app.library.claims(screen.reader.doc_id))
        assert count > 10 and f"Claims {count} of {count}" in screen_text(app)


async def test_claims_panel_lists_claims_in_order_filters_by_kind_and_moves_the_reader(
    seeds_env: tuple[Path, Path],
) -> None:
    index = Index(*seeds_env)
    claims = sorted(index.claims(PHOTO), key=lambda c: (c.start, c.end))
    index.close()
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "a")
        screen = app.screen
        panel = screen.claims
        assert app.focused is panel.list_view
        assert panel.list_view.rows == claims
        await press(pilot, "j", "j")
        assert screen.reader.current_claim == claims[2], "the reader follows the panel"
        await press(pilot, "enter")
        assert app.focused is screen.reader

        await press(pilot, "tab")  # to the claims panel
        assert app.focused is panel.list_view
        await press(pilot, "t")  # first kind: quantity
        kind = panel.kind
        assert kind == "quantity"
        assert panel.list_view.rows == [c for c in claims if "quantity" in c.kinds]
        assert f"Claims {len(panel.list_view.rows)} of {len(claims)}" in screen_text(app)

        await press(pilot, "w")  # check-worthy only reaches the panel too
        assert panel.list_view.rows == [c for c in claims if "quantity" in c.kinds and c.check_worthy]


async def test_document_list_sorts_and_filters(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        documents = app.screen.documents
        ids = lambda: [s.id for s in documents.list_view.rows]  # noqa: E731
        assert ids() == [PHOTO, BLOGGER]  # by title
        await press(pilot, "s")  # by date, newest first: the seeds have no dates, title order stays
        assert ids() == [PHOTO, BLOGGER]
        assert "Documents (2, undated) · newest first" in screen_text(app)
        await press(pilot, "s", "s")  # oldest first, then by words, longest first: the blogger has 865 words
        assert ids() == [BLOGGER, PHOTO]
        assert "Documents (2) · by words" in screen_text(app)
        await press(pilot, "s")  # by claims: the blogger has more
        assert ids() == [BLOGGER, PHOTO]
        await press(pilot, "f", *"insider")  # the photo essay's source
        assert ids() == [PHOTO]
        assert "Documents (1 of 2)" in screen_text(app)
        await press(pilot, "enter")  # enter in the filter opens the document under the cursor
        assert app.screen.reader.doc_id == PHOTO
        await press(pilot, "l", "l", "f", "escape")  # escape clears the filter
        assert ids() == [BLOGGER, PHOTO]


async def test_command_palette_opens_documents_and_runs_commands(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "travel")
        await settle(pilot, delay=0.3)
        await press(pilot, "enter")
        assert app.screen.reader.doc_id == BLOGGER
        await press(pilot, "ctrl+p")
        await type_text(pilot, "worthy")
        await settle(pilot, delay=0.3)
        await press(pilot, "enter")
        assert app.screen.check_worthy_only is True


@pytest.fixture(scope="module")
def sixty_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Sixty one-line documents and their index (read only: built once for both heights)."""
    root = tmp_path_factory.mktemp("sixty")
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"d{i:02}.txt").write_text(f"Title number {i:02}\n\nThe council said {i} roads closed.\n")
    return corpus, build_index(corpus, root / "index")


@pytest.mark.parametrize("height", [40, 41])
async def test_the_list_never_starts_with_half_a_row(sixty_env: tuple[Path, Path], height: int) -> None:
    app = make_app(sixty_env)
    async with app.run_test(size=(120, height)) as pilot:
        await settle(pilot)
        view = app.screen.documents.list_view
        for keys in (["G"], ["g", "pagedown", "pagedown"], ["s", "G", "s"], ["g", "j"] * 20):
            await press(pilot, *keys)
            assert view.scroll_offset.y % view.ROW_HEIGHT == 0, f"after {keys}"
            first = "".join(s.text for s in view.render_line(0)).strip()
            assert first.startswith("Title number"), f"after {keys}: {first!r}"
            assert view.cursor * view.ROW_HEIGHT >= view.scroll_offset.y  # and the cursor is on screen
            assert (view.cursor + 1) * view.ROW_HEIGHT <= view.scroll_offset.y + view.size.height
