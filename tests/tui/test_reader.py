"""The reader as a person uses it: start, open a document, move with the keys."""

from __future__ import annotations

from pathlib import Path

from nkterm.index import Index
from nkterm.text import paragraphs, sentences
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import SIZE, make_app, press, screen_text, settle

PHOTO_TITLE = "PHOTOS: A Glimpse Of Ordinary Life In North Korea"
BLOGGER_TITLE = "Travel blogger Drew Binsky on three days in Pyongyang"


def _claims(env: tuple[Path, Path], doc_id: str) -> list:  # type: ignore[type-arg]
    index = Index(*env)
    try:
        return sorted(index.claims(doc_id), key=lambda c: (c.start, c.end))
    finally:
        index.close()


def _text(env: tuple[Path, Path], doc_id: str) -> str:
    index = Index(*env)
    try:
        return index.document(doc_id).text
    finally:
        index.close()


async def test_start_shows_the_document_list_and_enter_opens_the_selected_document(
    seeds_env: tuple[Path, Path],
) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Documents (2)" in text
        assert "PHOTOS: A Glimpse Of Ordinary Life In North…" in text  # cut to the pane, visibly
        assert "Travel blogger Drew Binsky" in text
        assert "nkterm · corpus" in text  # the header names the corpus
        # sorted by title: "PHOTOS" before "Travel"
        assert text.index("PHOTOS:") < text.index("Travel blogger")
        assert app.focused is app.screen.documents.list_view

        await press(pilot, "j", "enter")  # the second document: the blogger
        reader = app.screen.reader
        assert reader.doc_id == BLOGGER
        assert app.focused is reader
        text = screen_text(app)
        assert f"— {BLOGGER_TITLE}" in text.splitlines()[0]  # header: corpus — title
        assert "A travel blogger has gone inside North Korea" in text
        first = sentences(_text(seeds_env, BLOGGER))[0]
        assert reader.cursor == first


async def test_sentence_paragraph_and_end_keys_move_the_cursor(seeds_env: tuple[Path, Path]) -> None:
    text = _text(seeds_env, PHOTO)
    spans, paras = sentences(text), paragraphs(text)
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.screen.reader
        assert reader.doc_id == PHOTO
        assert reader.cursor == spans[0]
        await press(pilot, "j", "j")
        assert reader.cursor == spans[2]
        await press(pilot, "k")
        assert reader.cursor == spans[1]
        await press(pilot, "down")
        assert reader.cursor == spans[2]

        await press(pilot, "G")
        assert reader.cursor == spans[-1]
        assert reader.scroll_offset.y == reader.max_scroll_y > 0
        await press(pilot, "g")
        assert reader.cursor == spans[0]
        assert reader.scroll_offset.y == 0

        await press(pilot, "right_curly_bracket", "right_curly_bracket")
        assert reader.cursor.start == paras[2].start
        await press(pilot, "left_curly_bracket")
        assert reader.cursor.start == paras[1].start


async def test_the_view_follows_the_cursor_and_pages(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.screen.reader
        height = reader.scrollable_content_region.height
        await press(pilot, *["j"] * 12)
        first, last = reader._cursor_lines
        top = reader.scroll_offset.y
        assert top > 0, "12 sentences down, the view must have scrolled"
        assert top <= first and last < top + height, "the cursor stays on screen"

        await press(pilot, "g", "space")
        assert reader.scroll_offset.y == height - 2
        first, _ = reader._cursor_lines
        assert reader.scroll_offset.y <= first < reader.scroll_offset.y + height
        await press(pilot, "pageup")
        assert reader.scroll_offset.y == 0
        await press(pilot, "d")
        assert reader.scroll_offset.y == height // 2
        await press(pilot, "u")
        assert reader.scroll_offset.y == 0


async def test_brackets_walk_the_claims_and_the_detail_line_describes_them(
    seeds_env: tuple[Path, Path],
) -> None:
    claims = _claims(seeds_env, PHOTO)
    assert len(claims) >= 3, "claims.py finds claims in the seeds"
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.screen.reader
        first_claim = next(c for c in claims if c.start >= reader.cursor.start)
        await press(pilot, "right_square_bracket")
        assert reader.current_claim == first_claim
        assert reader.cursor.start <= first_claim.start < reader.cursor.end
        second = claims[claims.index(first_claim) + 1]
        await press(pilot, "right_square_bracket")
        assert reader.current_claim == second
        await press(pilot, "left_square_bracket")
        assert reader.current_claim == first_claim

        text = screen_text(app)
        detail = "\n".join(line for line in text.splitlines() if "score" in line or "cues:" in line)
        assert f"score {first_claim.score:.2f}" in detail
        assert first_claim.kinds[0] in detail
        assert "cues:" in detail


async def test_claims_have_kind_symbols_in_the_gutter_not_only_colour(seeds_env: tuple[Path, Path]) -> None:
    from nkterm.render import KIND_SYMBOLS

    claims = _claims(seeds_env, PHOTO)
    strong = next(c for c in claims if c.check_worthy)
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.screen.reader
        reader.goto_claim(strong)
        await settle(pilot)
        line = reader._cursor_lines[0] - reader.scroll_offset.y
        row = "".join(s.text for s in reader.render_line(line))
        gutter = row[:6]
        assert gutter.startswith("›*"), f"cursor and check-worthy marks: {row!r}"
        assert KIND_SYMBOLS[strong.kinds[0]] in gutter


async def test_w_shows_only_check_worthy_claims(seeds_env: tuple[Path, Path]) -> None:
    claims = _claims(seeds_env, PHOTO)
    weak = [c for c in claims if not c.check_worthy]
    assert weak, "the seeds have claims below 0.5"
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.screen.reader
        await press(pilot, "w")
        assert "check-worthy claims only" in screen_text(app)
        seen = []
        for _ in range(8):
            await pilot.press("right_square_bracket")
            seen.append(reader.current_claim)
        assert len({(c.start, c.end) for c in seen if c}) >= 4
        assert all(c is not None and c.check_worthy for c in seen), "w skips the claims below 0.5"
        await press(pilot, "w", "g", "right_square_bracket")
        assert reader.current_claim == next(c for c in claims if c.start >= reader.cursor.start)


async def test_clicking_a_document_opens_it(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # rows are two lines each: the second document's title is on row 2 of the list
        await pilot.click("#documents-list", offset=(5, 2))
        await settle(pilot)
        assert app.screen.reader.doc_id == BLOGGER
