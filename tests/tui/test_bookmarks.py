"""Bookmarks in the reader as a person uses them: b (with a note and tags), v to select, the
marks in the text, the B panel (filter, enter, e, x, u), orphans, a broken or locked file,
and bookmark: / btag: in the search bar. Real store (per-test NKTERM_DATA; the module's
``bookmarked`` run has its own), real index. b and escape in the dialog are checked on what
one app run saw (``bookmarked``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from textual.widgets import Input

from nkterm.bookmarks import default_path
from nkterm.models import Span
from nkterm.tui.screens.bookmark_dialog import BookmarkDialog
from nkterm.tui.screens.bookmarks import BookmarksScreen
from nkterm.tui.screens.help import HelpScreen
from nkterm.tui.view.marks import BOOKMARK_GUTTER, SELECTION_GUTTER
from nkterm.tui.widgets.bookmark_list import BookmarkList
from tests.conftest import BLOGGER, PHOTO
from tests.tui.bookmark_fixtures import (
    bookmark_sentence,
    document,
    gutter_marks,
    lines_of,
    saved,
    sentence_spans,
)
from tests.tui.conftest import (
    SIZE,
    Seen,
    build_index,
    drive_once,
    make_app,
    notifications,
    press,
    screen_text,
    searched,
    settle,
    type_text,
)

BLOGGER_TITLE = "Travel blogger Drew Binsky on three days in Pyongyang"
PHOTO_TITLE = "PHOTOS: A Glimpse Of Ordinary Life In North Korea"


async def _type(pilot: object, text: str) -> None:
    await type_text(pilot, text)  # type: ignore[arg-type]


# -- b, v and the dialog ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bookmarked(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """The photo essay opened: b and escape in the dialog, then j j and b with a note and tags:
    what each step showed and saved."""

    async def drive(seen: Seen) -> None:
        app = make_app(seeds_env, PHOTO)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            reader = app.screen.reader
            await press(pilot, "b")
            await _type(pilot, "never mind")
            await press(pilot, "escape")
            seen["escape"] = (app.screen is app.main_screen, default_path().exists(), gutter_marks(reader))

            await press(pilot, "j", "j")
            seen["j j"] = (reader.cursor, reader.current_claim, gutter_marks(reader))
            await press(pilot, "b")
            seen["b"] = (type(app.screen), screen_text(app))
            await _type(pilot, "why he went")
            await press(pilot, "tab")
            await _type(pilot, "intro, photo travel")
            await press(pilot, "enter")
            seen["saved"] = (app.screen is app.main_screen, saved(), notifications(app))
            claim = seen["j j"][1]
            marks = gutter_marks(reader)
            seen["marks"] = (marks, lines_of(reader, Span(claim.start, claim.end)) if claim else [])

    return drive_once(tmp_path_factory, drive)


def test_b_saves_the_claim_under_the_cursor_with_note_and_tags_and_marks_it(
    seeds_env: tuple[Path, Path], bookmarked: Seen
) -> None:
    spans = sentence_spans(seeds_env, PHOTO)
    cursor, claim, marks = bookmarked["j j"]
    assert cursor == spans[2]
    assert claim is not None, "the third sentence of the photo essay is a claim"
    assert not any(mark != " " for mark in marks.values()), "no mark before b"

    screen, text = bookmarked["b"]
    assert screen is BookmarkDialog
    assert "Bookmark this passage" in text
    assert "He’s made a habit of travelling" in text  # the passage, in the dialog
    assert "claim: GEN generalization" in text

    closed, bookmarks, messages = bookmarked["saved"]
    assert closed, "enter saves and closes the dialog"
    [bookmark] = bookmarks
    assert bookmark.doc_id == PHOTO
    assert (bookmark.position.start, bookmark.position.end) == (claim.start, claim.end)
    assert bookmark.quote.exact == document(seeds_env, PHOTO).text[claim.start : claim.end]
    assert bookmark.note == "why he went"
    assert bookmark.tags == ("intro", "photo", "travel")
    assert bookmark.claim is not None and (bookmark.claim.start, bookmark.claim.end) == (
        claim.start,
        claim.end,
    )
    assert bookmark.claim.kinds == claim.kinds
    assert any("bookmarked “He’s made a habit" in m for m in messages)

    marks, passage = bookmarked["marks"]
    assert all(marks[line] == BOOKMARK_GUTTER for line in passage), marks
    assert {line for line, mark in marks.items() if mark == BOOKMARK_GUTTER} == set(passage)


def test_escape_in_the_dialog_saves_nothing(bookmarked: Seen) -> None:
    closed, file_exists, marks = bookmarked["escape"]
    assert closed, "escape closes the dialog"
    assert not file_exists, "nothing saved"
    assert set(marks.values()) == {" "}


async def test_v_j_selects_sentences_and_b_bookmarks_the_selection(seeds_env: tuple[Path, Path]) -> None:
    spans = sentence_spans(seeds_env, PHOTO)
    text = document(seeds_env, PHOTO).text
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        await press(pilot, "j", "v", "j", "j")
        selection = Span(spans[1].start, spans[3].end)
        assert reader.selection() == selection
        marks = gutter_marks(reader)
        assert all(marks[line] == SELECTION_GUTTER for line in lines_of(reader, selection)), marks
        await press(pilot, "k")  # k shrinks it again
        assert reader.selection() == Span(spans[1].start, spans[2].end)
        await press(pilot, "j")

        await press(pilot, "b")
        assert isinstance(app.screen, BookmarkDialog)
        assert "3 sentences" in screen_text(app)
        await press(pilot, "enter")  # no note, no tags: fine

        [bookmark] = saved()
        assert (bookmark.position.start, bookmark.position.end) == (selection.start, selection.end)
        assert bookmark.quote.exact == text[selection.start : selection.end]
        assert bookmark.claim is None and bookmark.note == "" and bookmark.tags == ()
        assert not reader.selecting, "saving ends the selection"
        marks = gutter_marks(reader)
        assert all(marks[line] == BOOKMARK_GUTTER for line in lines_of(reader, selection)), marks

        # escape cancels a selection; v toggles it off too
        await press(pilot, "G", "v", "k")
        assert reader.selecting
        await press(pilot, "escape")
        assert not reader.selecting
        assert SELECTION_GUTTER not in gutter_marks(reader).values()
        await press(pilot, "v", "v")
        assert not reader.selecting
        assert len(saved()) == 1


async def test_saved_bookmarks_are_marked_when_the_document_opens(seeds_env: tuple[Path, Path]) -> None:
    spans = sentence_spans(seeds_env, BLOGGER)
    bookmark_sentence(seeds_env, BLOGGER, 1, "the blogger", ("travel",))
    bookmark_sentence(seeds_env, PHOTO, 1)  # another document's: not marked here
    app = make_app(seeds_env, BLOGGER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        assert reader.doc_id == BLOGGER
        marks = gutter_marks(reader)
        assert {line for line, mark in marks.items() if mark == BOOKMARK_GUTTER} == set(
            lines_of(reader, spans[1])
        )
        assert len(reader.marks) == 1


async def test_a_rebound_bookmark_key_and_the_help_list_the_new_keys(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    config_file("keymap:\n  reader.bookmark: m\n")
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        assert app.screen is app.main_screen, "b is rebound to m"
        await press(pilot, "m")
        assert isinstance(app.screen, BookmarkDialog)
        await press(pilot, "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {bid: keys for _title, section in app.screen.sections for keys, _does, bid in section}
        assert rows["reader.bookmark"] == "m"
        assert rows["reader.select"] == "v"
        assert rows["app.bookmarks"] == "B"
        for binding_id in ("bookmarks.edit", "bookmarks.delete", "bookmarks.undo", "bookmarks.filter"):
            assert binding_id in rows


# -- the panel ---------------------------------------------------------------------------------------


async def test_the_panel_groups_filters_edits_deletes_and_undoes(seeds_env: tuple[Path, Path]) -> None:
    first = bookmark_sentence(seeds_env, PHOTO, 1, "the photographer's day job", ("intro",))
    bookmark_sentence(seeds_env, PHOTO, 8, "", ("guides",))
    bookmark_sentence(seeds_env, BLOGGER, 1, "the blogger arrives", ("intro", "travel"))
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        assert isinstance(app.screen, BookmarksScreen)
        panel = app.screen
        text = screen_text(app)
        assert "3 bookmarks in 2 documents" in text
        assert PHOTO_TITLE in text and BLOGGER_TITLE in text
        assert text.index(PHOTO_TITLE) < text.index(BLOGGER_TITLE)  # by title
        assert "the photographer's day job" in text and "#intro" in text
        assert "no note (e adds one)" in text
        assert "“While American photographer Sam Gellman" in text
        assert panel.list_view.current == first  # the cursor skips the document heading

        # filter: a tag, then words
        await press(pilot, "f")
        await _type(pilot, "tag:travel")
        await settle(pilot)
        text = screen_text(app)
        assert "the blogger arrives" in text and PHOTO_TITLE not in text
        assert "1 match 'tag:travel'" in text
        await press(pilot, "escape")  # clears the filter, back to the list
        assert panel.query_one("#bookmarks-filter", Input).value == ""
        assert app.focused is panel.list_view
        assert PHOTO_TITLE in screen_text(app)
        assert panel.list_view.current is not None and "travel" in panel.list_view.current.tags, "kept"
        await press(pilot, "g")
        assert panel.list_view.current == first

        # e: the same dialog, filled in
        await press(pilot, "e")
        assert isinstance(app.screen, BookmarkDialog)
        note = app.screen.query_one("#bookmark-note", Input)
        assert note.value == "the photographer's day job"
        await press(pilot, "ctrl+u")  # clear the line
        await _type(pilot, "Uber by day")
        await press(pilot, "tab", "ctrl+u")
        await _type(pilot, "intro job")
        await press(pilot, "enter")
        assert app.screen is panel
        edited = next(b for b in saved() if b.id == first.id)
        assert edited.note == "Uber by day" and edited.tags == ("intro", "job")
        assert edited.created == first.created
        text = screen_text(app)
        assert "Uber by day" in text and "#job" in text
        assert panel.list_view.current is not None and panel.list_view.current.id == first.id

        # x deletes, u brings it back
        await press(pilot, "x")
        assert first.id not in {b.id for b in saved()}
        assert "Uber by day" not in screen_text(app)
        assert any("deleted" in m and "u brings it back" in m for m in notifications(app))
        assert "2 bookmarks in 2 documents" in screen_text(app)
        await press(pilot, "u")
        assert saved()[0].id == first.id, "back in its place in the file"
        assert "Uber by day" in screen_text(app)
        await press(pilot, "u")
        assert any("nothing to undo" in m for m in notifications(app))

        await press(pilot, "escape")
        assert app.screen is app.main_screen


async def test_enter_in_the_panel_goes_to_the_passage(seeds_env: tuple[Path, Path]) -> None:
    blogger = sentence_spans(seeds_env, BLOGGER)
    photo = sentence_spans(seeds_env, PHOTO)
    late = len(blogger) - 3  # far below the first screen
    bookmark_sentence(seeds_env, BLOGGER, late, "near the end")
    bookmark_sentence(seeds_env, PHOTO, 14, "photo passage")
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        assert reader.doc_id == PHOTO and reader.cursor == photo[0]

        # the photo essay's bookmark: the open document, the cursor moves there
        await press(pilot, "B")
        assert app.screen.list_view.current.note == "photo passage"  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert app.screen is app.main_screen
        assert reader.doc_id == PHOTO and reader.cursor == photo[14]

        # the blogger's: another document opens, on the passage, in view
        await press(pilot, "B", "j", "enter")
        assert reader.doc_id == BLOGGER
        assert reader.cursor == blogger[late]
        top, height = reader.scroll_offset.y, reader.scrollable_content_region.height
        passage = lines_of(reader, blogger[late])
        assert top > 0 and top <= passage[0] and passage[-1] < top + height
        assert all(gutter_marks(reader)[line] == BOOKMARK_GUTTER for line in passage)
        assert app.focused is reader


def _seed_index_copy(template: tuple[Path, Path], tmp_path: Path) -> Path:
    """A writable copy of the run's seed index (built once, ``tests/conftest.py``), for a copy
    of seeds/ (``seed_corpus``: the same files and times, so nothing needs re-indexing)."""
    shutil.copytree(template[1], tmp_path / "index")
    return tmp_path / "index"


async def test_an_orphan_is_shown_with_its_saved_quote_after_the_text_changed(
    seed_corpus: Path, tmp_path: Path, _seed_template: tuple[Path, Path]
) -> None:
    env = (seed_corpus, _seed_index_copy(_seed_template, tmp_path))
    spans = sentence_spans(env, PHOTO)
    text = document(env, PHOTO).text
    gone = bookmark_sentence(env, PHOTO, 8, "the guides", ("guides",))
    kept = bookmark_sentence(env, PHOTO, 2, "still here")
    # the document loses the bookmarked sentence (its text is rewritten on disk)
    path = next(p for p in seed_corpus.rglob("*") if p.is_file() and gone.quote.exact in p.read_text("utf-8"))
    path.write_text(path.read_text("utf-8").replace(gone.quote.exact, "A new sentence replaced it."), "utf-8")
    build_index(*env)
    assert gone.quote.exact not in document(env, PHOTO).text
    app = make_app(env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen.reader
        marked = {line for line, mark in gutter_marks(reader).items() if mark == BOOKMARK_GUTTER}
        assert marked == set(lines_of(reader, spans[2])), "only the bookmark still in the text"
        assert text[spans[2].start : spans[2].end] == kept.quote.exact

        await press(pilot, "B")
        shown = screen_text(app)
        assert "1 orphan" in shown
        assert "Orphans · 1 bookmark whose passage is no longer in the text" in shown
        assert f"“{gone.quote.exact[:50]}" in shown  # as saved
        assert "from " + PHOTO_TITLE in shown
        assert shown.index("still here") < shown.index("Orphans")
        panel_list = app.screen.query_one(BookmarkList)
        await press(pilot, "j")
        assert panel_list.current is not None and panel_list.current.id == gone.id
        assert panel_list.current.orphan
        await press(pilot, "enter")  # opens the document, and says the passage is gone
        assert app.screen is app.main_screen and reader.doc_id == PHOTO
        assert any("no longer in the document" in m for m in notifications(app))


# -- a file that cannot be written -----------------------------------------------------------------


async def test_a_broken_bookmarks_file_is_a_notification_and_is_never_overwritten(
    seeds_env: tuple[Path, Path],
) -> None:
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = b"version: 1\nbookmarks:\n  - id: abc\n    exact: [not closed\n"
    path.write_bytes(broken)
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert any(str(path) in m and "line 5" in m and "read-only" in m for m in messages), messages
        await press(pilot, "b")
        assert app.screen is app.main_screen, "no dialog: the note would be lost"
        await press(pilot, "B")
        assert "read-only" in screen_text(app)
        # not "no bookmarks yet": the broken file holds them (seen in tmux after a hand edit)
        assert "no bookmarks yet" not in screen_text(app)
        assert "no bookmark could be read: the file is broken" in screen_text(app)
        await press(pilot, "x", "escape")
    assert path.read_bytes() == broken
    assert list(path.parent.glob("bookmarks.yaml.broken-*")), "a copy was made for the user"


async def test_a_held_lock_is_a_notification_and_the_next_try_saves(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.bookmarks.lock_timeout = 0.2
        lock = FileLock(app.bookmarks.lock_path)
        app.bookmarks.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock:  # another nkterm is saving
            await press(pilot, "b", "enter")
            await settle(pilot, 0.3)
        messages = notifications(app)
        assert any("another nkterm process" in m and str(app.bookmarks.lock_path) in m for m in messages), (
            messages
        )
        assert not default_path().exists()
        await press(pilot, "b", "enter")
        assert len(saved()) == 1


# -- search ---------------------------------------------------------------------------------------


async def test_bookmark_and_btag_queries_list_bookmarks_and_open_their_passage(
    seeds_env: tuple[Path, Path],
) -> None:
    blogger = sentence_spans(seeds_env, BLOGGER)
    bookmark_sentence(seeds_env, BLOGGER, 20, "what the guides allowed", ("travel", "guides"))
    bookmark_sentence(seeds_env, PHOTO, 3, "photographer in Pyongyang", ("photo",))
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await _type(pilot, "btag:travel")
        await searched(pilot)
        text = screen_text(app)
        assert "1 bookmark(s) match" in text
        assert BLOGGER_TITLE in text and "  bookmark" in text
        assert "what the guides allowed" in text and "#travel" in text
        await press(pilot, "enter")
        reader = app.screen.reader
        assert app.screen is app.main_screen and reader.doc_id == BLOGGER
        assert reader.cursor == blogger[20]

        await press(pilot, "slash", "ctrl+u")
        await _type(pilot, "bookmark:pyongyang")
        await searched(pilot)
        text = screen_text(app)
        assert "1 bookmark(s) match" in text and PHOTO_TITLE in text  # found in the note
        await press(pilot, "ctrl+u")
        await _type(pilot, "bookmark:")
        await searched(pilot)
        assert "2 bookmark(s) match" in screen_text(app), screen_text(app)
        await press(pilot, "ctrl+u")
        await _type(pilot, "btag:nothing")
        await searched(pilot)
        assert "no bookmark matches" in screen_text(app)


async def test_an_index_damaged_while_the_reader_runs_still_lists_the_bookmarks(
    seed_corpus: Path, tmp_path: Path, _seed_template: tuple[Path, Path]
) -> None:
    env = (seed_corpus, _seed_index_copy(_seed_template, tmp_path))
    # a bookmark of the document not open: the library holds the open one's text in memory,
    # so the other one is read from the (now wiped) index
    kept = bookmark_sentence(env, BLOGGER, 2, "still listed")
    app = make_app(env, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for path in env[1].iterdir():  # another process (or a failing disk) wipes the index
            path.unlink()
        await press(pilot, "B")
        await settle(pilot)
        panel_list = app.screen.query_one(BookmarkList)
        assert panel_list.current is not None and panel_list.current.id == kept.id
        assert not panel_list.current.orphan, "an unreadable index does not make orphans"
        # the open catalog still serves the text; the search index's files are gone, so a
        # search says what to do
        await press(pilot, "escape")
        await press(pilot, "slash")
        await _type(pilot, "pyongyang")
        await press(pilot, "enter")
        await settle(pilot)
        shown = screen_text(app) + " ".join(notifications(app))
        assert "damaged" in shown, shown
        assert "Orphans" not in screen_text(app)
        # the search bar's bookmark: search degrades the same way
        await press(pilot, "escape", "slash")
        await _type(pilot, "bookmark:listed")
        await searched(pilot)
        assert "search failed" not in screen_text(app)
