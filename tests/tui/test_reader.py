"""The reader as a person uses it: start, open a document, move with the keys.

Most checks read what one app run saw (``reading``: the list at start, j and enter, a click,
the cursor keys, the claim brackets, the gutter, w), each test its own part of it: one app
start instead of six. The paging test has its own (a 20-row terminal)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nkterm.index import Index
from nkterm.text import paragraphs, sentences
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import SIZE, Seen, drive_once, make_app, press, screen_text, settle

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


@pytest.fixture(scope="module")
def reading(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """One reader over the seeds, driven as a person reads: what each step showed, by name."""
    photo, claims = _text(seeds_env, PHOTO), _claims(seeds_env, PHOTO)

    async def drive(seen: Seen) -> None:
        app = make_app(seeds_env)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            seen["start.text"] = screen_text(app)
            seen["start.list focused"] = app.focused is app.screen.documents.list_view

            await press(pilot, "j", "enter")  # the second document: the blogger
            reader = app.screen.reader
            seen["enter.doc"] = reader.doc_id
            seen["enter.reader focused"] = app.focused is reader
            seen["enter.text"] = screen_text(app)
            seen["enter.cursor"] = reader.cursor

            # rows are two lines each: the first document's title is on row 0 of the list
            await press(pilot, "tab")
            await pilot.click("#documents-list", offset=(5, 0))
            await settle(pilot)
            seen["click.doc"] = reader.doc_id

            await _keys(pilot, app, seen, photo)
            await _brackets(pilot, app, seen, claims)
            await _gutter(pilot, app, seen, claims)
            await _check_worthy_only(pilot, app, seen, claims)

    return drive_once(tmp_path_factory, drive)


async def _keys(pilot: Any, app: Any, seen: Seen, text: str) -> None:
    """The sentence, paragraph and end keys in the photo document, from its first sentence."""
    reader = app.screen.reader
    await press(pilot, "enter")
    seen["keys.doc"] = reader.doc_id
    seen["keys.start"] = reader.cursor
    for name, keys in (("j j", ("j", "j")), ("k", ("k",)), ("down", ("down",))):
        await press(pilot, *keys)
        seen[f"keys.{name}"] = reader.cursor
    await press(pilot, "G")
    seen["keys.G"] = (reader.cursor, reader.scroll_offset.y, reader.max_scroll_y)
    await press(pilot, "g")
    seen["keys.g"] = (reader.cursor, reader.scroll_offset.y)
    await press(pilot, "right_curly_bracket", "right_curly_bracket")
    seen["keys.}}"] = reader.cursor
    await press(pilot, "left_curly_bracket")
    seen["keys.{"] = reader.cursor


async def _brackets(pilot: Any, app: Any, seen: Seen, claims: list) -> None:  # type: ignore[type-arg]
    """] ] [ from the document's first sentence, and the detail line then."""
    reader = app.screen.reader
    await press(pilot, "g")
    seen["brackets.from"] = reader.cursor
    for key in ("]", "]", "["):
        await press(pilot, "right_square_bracket" if key == "]" else "left_square_bracket")
        seen.setdefault("brackets.claims", []).append(reader.current_claim)
        seen.setdefault("brackets.cursors", []).append(reader.cursor)
    seen["brackets.text"] = screen_text(app)


async def _gutter(pilot: Any, app: Any, seen: Seen, claims: list) -> None:  # type: ignore[type-arg]
    """The gutter of the line of a check-worthy claim the cursor was put on."""
    reader = app.screen.reader
    reader.goto_claim(next(c for c in claims if c.check_worthy))
    await settle(pilot)
    line = reader._cursor_lines[0] - reader.scroll_offset.y
    seen["gutter.row"] = "".join(s.text for s in reader.render_line(line))


async def _check_worthy_only(pilot: Any, app: Any, seen: Seen, claims: list) -> None:  # type: ignore[type-arg]
    """w, then ] eight times; w again, g, ]."""
    reader = app.screen.reader
    await press(pilot, "g", "w")
    seen["w.text"] = screen_text(app)
    walked = []
    for _ in range(8):
        await press(pilot, "right_square_bracket")
        walked.append(reader.current_claim)
    seen["w.walked"] = walked
    await press(pilot, "w", "g", "right_square_bracket")
    seen["w.off"] = (reader.cursor, reader.current_claim)


def test_start_shows_the_document_list_and_enter_opens_the_selected_document(
    seeds_env: tuple[Path, Path], reading: Seen
) -> None:
    text = reading["start.text"]
    assert "Documents (2)" in text
    assert "PHOTOS: A Glimpse Of Ordinary Life In North…" in text  # cut to the pane, visibly
    assert "Travel blogger Drew Binsky" in text
    assert "nkterm · corpus" in text  # the header names the corpus
    # sorted by title: "PHOTOS" before "Travel"
    assert text.index("PHOTOS:") < text.index("Travel blogger")
    assert reading["start.list focused"], "the list has the focus at start"

    assert reading["enter.doc"] == BLOGGER, "j, enter: the second document"
    assert reading["enter.reader focused"], "the reader takes the focus"
    text = reading["enter.text"]
    assert f"— {BLOGGER_TITLE}" in text.splitlines()[0]  # header: corpus — title
    assert "A travel blogger has gone inside North Korea" in text
    first = sentences(_text(seeds_env, BLOGGER))[0]
    assert reading["enter.cursor"] == first


def test_sentence_paragraph_and_end_keys_move_the_cursor(seeds_env: tuple[Path, Path], reading: Seen) -> None:
    text = _text(seeds_env, PHOTO)
    spans, paras = sentences(text), paragraphs(text)
    assert reading["keys.doc"] == PHOTO
    assert reading["keys.start"] == spans[0], "a document opens on its first sentence"
    assert reading["keys.j j"] == spans[2]
    assert reading["keys.k"] == spans[1]
    assert reading["keys.down"] == spans[2]
    cursor, top, bottom = reading["keys.G"]
    assert cursor == spans[-1], "G: the last sentence"
    assert top == bottom > 0, "G: scrolled to the end"
    assert reading["keys.g"] == (spans[0], 0), "g: the first sentence, scrolled to the top"
    assert reading["keys.}}"].start == paras[2].start
    assert reading["keys.{"].start == paras[1].start


def test_brackets_walk_the_claims_and_the_detail_line_describes_them(
    seeds_env: tuple[Path, Path], reading: Seen
) -> None:
    claims = _claims(seeds_env, PHOTO)
    assert len(claims) >= 3, "claims.py finds claims in the seeds"
    first_claim = next(c for c in claims if c.start >= reading["brackets.from"].start)
    second = claims[claims.index(first_claim) + 1]
    after_first, after_second, back = reading["brackets.claims"]
    assert after_first == first_claim, "] goes to the first claim after the cursor"
    cursor = reading["brackets.cursors"][0]
    assert cursor.start <= first_claim.start < cursor.end, "the cursor is on the claim's sentence"
    assert after_second == second, "] again: the next claim"
    assert back == first_claim, "[: the claim before"

    text = reading["brackets.text"]
    detail = "\n".join(line for line in text.splitlines() if "score" in line or "cues:" in line)
    assert f"score {first_claim.score:.2f}" in detail
    assert first_claim.kinds[0] in detail
    assert "cues:" in detail


def test_claims_have_kind_symbols_in_the_gutter_not_only_colour(
    seeds_env: tuple[Path, Path], reading: Seen
) -> None:
    from nkterm.render import KIND_SYMBOLS

    strong = next(c for c in _claims(seeds_env, PHOTO) if c.check_worthy)
    row = reading["gutter.row"]
    gutter = row[:6]
    assert gutter.startswith("›*"), f"cursor and check-worthy marks: {row!r}"
    assert KIND_SYMBOLS[strong.kinds[0]] in gutter


def test_w_shows_only_check_worthy_claims(seeds_env: tuple[Path, Path], reading: Seen) -> None:
    claims = _claims(seeds_env, PHOTO)
    assert [c for c in claims if not c.check_worthy], "the seeds have claims below 0.5"
    assert "check-worthy claims only" in reading["w.text"]
    seen = reading["w.walked"]
    assert len({(c.start, c.end) for c in seen if c}) >= 4
    assert all(c is not None and c.check_worthy for c in seen), "w skips the claims below 0.5"
    cursor, claim = reading["w.off"]
    assert claim == next(c for c in claims if c.start >= cursor.start), "w again: every claim"


def test_clicking_a_document_opens_it(reading: Seen) -> None:
    assert reading["enter.doc"] == BLOGGER
    assert reading["click.doc"] == PHOTO, "a click on the first row opens the photo document"


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
