"""The reader's cursor through the widget: what the plain model (tests/unit/test_view_document_cursor.py)
cannot show: a resize of the terminal, as a person does it."""

from __future__ import annotations

from pathlib import Path

from nkterm.text import sentences
from tests.conftest import PHOTO
from tests.tui.conftest import SIZE, make_app, press, settle


async def test_the_cursor_stays_on_screen_when_the_terminal_narrows(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "l")  # the list hidden: the reader is the whole width
        reader = app.screen.reader
        assert reader.doc_id == PHOTO
        # near the bottom of the view at 120x40: a narrower pane wraps the lines above it
        # into more lines, which pushed it below the view
        height = reader.scrollable_content_region.height
        while reader.model.cursor_lines[1] < reader.scroll_offset.y + height - 4:
            await press(pilot, "j")
        cursor = reader.cursor
        assert cursor in sentences(reader.prepared.doc.text)
        for size in ((80, 24), (60, 20), SIZE):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            first, last = reader.model.cursor_lines
            top, height = reader.scroll_offset.y, reader.scrollable_content_region.height
            assert reader.cursor == cursor, size
            assert top <= last and first < top + height, (
                f"cursor lines {first}-{last}, view {top}+{height} at {size}"
            )
        await press(pilot, "j")  # and j goes on from there, not from the top of the screen
        assert reader.cursor.start >= cursor.end
