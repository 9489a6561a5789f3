"""Keys typed faster than the reader answers, as ``tmux send-keys`` delivers them (several in one
write): enter after a query, and a key behind it, still opens what enter chose.

Textual runs an input's own ``enter`` binding after the characters queued behind it: typed fast,
"/gellman⏎j" searched for "gellmanj" and opened nothing, and the comparison picker's "bin⏎j"
filtered for "binj" ("no documents") and stayed open (seen in tmux on the 20k corpus); the same
held for the bookmark dialog (the note saved with the "j"), the document list's filter and the
bookmarks panel's filter. Each binds enter with priority, so it runs as the key arrives."""

from __future__ import annotations

from pathlib import Path

from nkterm.tui.screens.bookmark_dialog import BookmarkDialog
from nkterm.tui.screens.bookmarks import BookmarksScreen
from nkterm.tui.screens.compare import CompareScreen
from nkterm.tui.screens.compare_picker import ComparePicker
from nkterm.tui.screens.main import MainScreen
from nkterm.tui.screens.search import SearchScreen
from tests.conftest import BLOGGER, PHOTO
from tests.tui.bookmark_fixtures import saved
from tests.tui.conftest import SIZE, make_app, press, press_at_once, searched, settle, type_text


async def test_enter_and_a_key_behind_it_open_what_enter_chose(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "gellman")
        await searched(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.bar.result is not None and screen.bar.result.hits[0].id == PHOTO
        await press_at_once(pilot, "enter", "j")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen), "enter opened the first result"
        assert main.reader.doc_id == PHOTO

        await press(pilot, "c")
        picker = app.screen
        assert isinstance(picker, ComparePicker)
        await type_text(pilot, "bin")
        assert picker.list_view.current_id() == BLOGGER
        await press_at_once(pilot, "enter", "j")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen), "enter compared with the document chosen"
        assert (compare.a_id, compare.b_id) == (PHOTO, BLOGGER)

        await press(pilot, "escape")  # back to the reader, on the photo essay
        main = app.screen
        assert isinstance(main, MainScreen)
        await press(pilot, "b")
        assert isinstance(app.screen, BookmarkDialog)
        await type_text(pilot, "why he went")
        await press_at_once(pilot, "enter", "j")
        await settle(pilot)
        assert [b.note for b in saved()] == ["why he went"], "enter saved the note as typed"

        main.documents.list_view.focus()
        await press(pilot, "f")
        await type_text(pilot, "binsky")
        await press_at_once(pilot, "enter", "j")
        await settle(pilot)
        assert main.reader.doc_id == BLOGGER, "enter in the filter opened the document"

        await press(pilot, "B")
        panel = app.screen
        assert isinstance(panel, BookmarksScreen)
        await settle(pilot)
        await press(pilot, "f")
        await type_text(pilot, "why")
        await press_at_once(pilot, "enter", "j")
        await settle(pilot)
        assert app.screen is main, "enter in the panel's filter went to the bookmark"
        assert main.reader.doc_id == PHOTO
