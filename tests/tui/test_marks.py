"""The reader's marks API (``DocumentView.set_marks``): styles layered over the claims, a
gutter symbol on every line of a span, lazy rendering, cleared with the document."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from nkterm.tui.view.marks import Mark
from nkterm.tui.widgets.document_view import DocumentView
from tests.conftest import BLOGGER, PHOTO
from tests.tui.conftest import SIZE, make_app, press, settle

GUTTER_COLUMN = 5  # the gutter's last cell: the mark symbol


def _rows(reader: DocumentView) -> list[tuple[int, str, list[tuple[str, Style | None]]]]:
    """(line index, plain text, segments) of every line on screen."""
    out = []
    for y in range(reader.scrollable_content_region.height):
        strip = reader.render_line(y)
        segments = [(s.text, s.style) for s in strip]
        out.append((reader.scroll_offset.y + y, "".join(t for t, _ in segments), segments))
    return out


def _style_at(segments: list[tuple[str, Style | None]], column: int) -> Style:
    at = 0
    for text, style in segments:
        if at <= column < at + len(text):
            return style or Style()
        at += len(text)
    raise IndexError(column)


async def test_marks_style_the_span_and_put_a_symbol_in_the_gutter(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        assert reader.doc_id == PHOTO
        wrapped = reader._wrapped
        assert wrapped is not None
        # a span from the start of the second text line to 3 characters into the fifth
        text_lines = [i for i in range(len(wrapped)) if i not in wrapped.decor][:6]
        start, end = wrapped.starts[text_lines[1]], wrapped.starts[text_lines[4]] + 3
        before = {line: text for line, text, _ in _rows(reader)}
        assert all(text[GUTTER_COLUMN] == " " for line, text in before.items() if line not in wrapped.decor)

        reader.set_marks((Mark(start, end, "bookmark", "◆"), Mark(0, 1, "made-up-role", "x")))
        await settle(pilot)
        rows = {line: (text, segments) for line, text, segments in _rows(reader)}
        for line in text_lines[1:5]:
            assert rows[line][0][GUTTER_COLUMN] == "◆", f"line {line}: {rows[line][0]!r}"
            assert rows[line][0][GUTTER_COLUMN + 1 :] == before[line][GUTTER_COLUMN + 1 :], "text unchanged"
        assert rows[text_lines[0]][0][GUTTER_COLUMN] == "x"  # an unknown role: symbol, no style
        assert rows[text_lines[5]][0][GUTTER_COLUMN] == " "
        between = [i for i in range(text_lines[1], text_lines[4]) if i in wrapped.decor]
        assert between and all(not rows[i][0].strip() for i in between), "blank lines stay blank"

        mark_bg = reader._style("mark-bookmark").bgcolor
        assert mark_bg is not None
        cursor_lines = range(reader._cursor_lines[0], reader._cursor_lines[1] + 1)
        for line in text_lines[1:4]:
            if line not in cursor_lines:  # the cursor's background wins on its sentence
                assert _style_at(rows[line][1], GUTTER_COLUMN + 2).bgcolor == mark_bg
        # the fifth line is marked for 3 characters only
        segments = rows[text_lines[4]][1]
        assert _style_at(segments, GUTTER_COLUMN + 1 + 1).bgcolor == mark_bg
        assert _style_at(segments, GUTTER_COLUMN + 1 + 5).bgcolor != mark_bg
        assert _style_at(rows[text_lines[5]][1], GUTTER_COLUMN + 2).bgcolor != mark_bg

        # lazy: only the lines on screen were drawn
        assert len(reader._cache) <= reader.scrollable_content_region.height

        reader.set_marks(())
        await settle(pilot)
        after = {line: text for line, text, _ in _rows(reader)}
        assert after == before


async def test_marks_keep_the_claim_colours_and_go_with_the_document(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        await press(pilot, "right_square_bracket")
        claim = reader.current_claim
        assert claim is not None
        await press(pilot, "G")  # the cursor away from the claim
        reader.scroll_to(y=reader._wrapped.line_of(claim.start), animate=False)
        reader.set_marks((Mark(claim.start, claim.end, "bookmark", "◆"),))
        await settle(pilot)
        rows = {line: segments for line, _, segments in _rows(reader)}
        line = reader._wrapped.line_of(claim.start)
        column = GUTTER_COLUMN + 1 + (claim.start - reader._wrapped.starts[line])
        style = _style_at(rows[line], column)
        kind_colour = reader._style(f"claim-{claim.kinds[0]}").color
        assert style.color == kind_colour, "the claim's colour shows through the mark"
        assert style.bgcolor == reader._style("mark-bookmark").bgcolor

        app.open_document(BLOGGER)
        await settle(pilot)
        assert reader.doc_id == BLOGGER
        assert reader.marks == ()
        assert all(text[GUTTER_COLUMN] == " " for _, text, _ in _rows(reader))
