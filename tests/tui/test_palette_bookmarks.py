"""The command palette's bookmark commands: the panel, bookmark the sentence, export to a file."""

from __future__ import annotations

import json
from pathlib import Path

from nkterm import paths
from nkterm.tui.screens.bookmark_dialog import BookmarkDialog
from nkterm.tui.screens.bookmarks import BookmarksScreen
from tests.conftest import PHOTO
from tests.tui.bookmark_fixtures import bookmark_sentence
from tests.tui.conftest import SIZE, make_app, notifications, press, settle, type_text


async def _palette(pilot: object, text: str) -> None:
    await press(pilot, "ctrl+p")  # type: ignore[arg-type]
    await type_text(pilot, text)  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]  # the palette's matching: a worker, waited for
    await press(pilot, "enter")  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]


async def test_palette_exports_bookmarks_and_opens_the_panel(seeds_env: tuple[Path, Path]) -> None:
    bookmark_sentence(seeds_env, PHOTO, 2, note="why he went", tags=("intro",))
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _palette(pilot, "export as json")
        exports = sorted((paths.data_dir() / "exports").glob("bookmarks-*.json"))
        assert len(exports) == 1
        data = json.loads(exports[0].read_text("utf-8"))
        assert "why he went" in json.dumps(data)
        assert any(str(exports[0]) in m for m in notifications(app))
        await _palette(pilot, "export as markdown")
        [markdown] = (paths.data_dir() / "exports").glob("bookmarks-*.md")
        assert "why he went" in markdown.read_text("utf-8")
        await _palette(pilot, "bookmarks: open")
        assert isinstance(app.screen, BookmarksScreen)
        await press(pilot, "escape")
        await press(pilot, "enter")  # open a document; the palette bookmarks its sentence
        await _palette(pilot, "bookmark the sentence")
        assert isinstance(app.screen, BookmarkDialog)
