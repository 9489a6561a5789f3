"""The comparison screen and corroboration as a person uses them: open a comparison (``c`` and
the picker, or ``nkterm compare A B``), walk the pairs, scroll one pane (keys or mouse wheel)
and watch the other follow, bookmark from a pane and see the marks, stack at 80 columns,
corroborate a claim with ``o`` and jump to a result.

Expected pairs come from ``nkterm.compare`` itself on the same real index, so the tests check
what the screen shows against the core, not against numbers copied from a run.

Opening a comparison: test_compare_open; corroboration: test_corroborate; what they share:
compare_fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from nkterm.bookmarks import BookmarkStore
from nkterm.models import Span
from nkterm.tui.messages import BookmarksChanged
from nkterm.tui.screens.bookmark_dialog import BookmarkDialog
from nkterm.tui.view.marks import BOOKMARK_GUTTER, Mark
from nkterm.tui.widgets.compare_view import CompareView
from nkterm.tui.widgets.pair_list import SYMBOLS, CompareItem
from tests.conftest import BLOGGER, PHOTO
from tests.tui import bookmark_fixtures as fx
from tests.tui.compare_fixtures import (
    align_docs,
    assert_item_shown,
    compared,
    open_comparison,
    pairs_in_a_order,
    shows,
)
from tests.tui.conftest import SIZE, make_app, press, screen_text, settle, type_text, wheel

# -- walking and filtering -------------------------------------------------------------------------


async def test_brackets_walk_the_pairs_and_f_filters_them_by_relation(seeds_env: tuple[Path, Path]) -> None:
    alignment = align_docs(seeds_env, BLOGGER, PHOTO)
    pairs = pairs_in_a_order(alignment)
    assert len(pairs) >= 4
    agrees = [p for p in pairs if p.kind == "agrees"]
    differs = [p for p in pairs if p.kind == "differs"]
    related = [p for p in pairs if p.kind == "related"]
    assert related, "two travellers' accounts: mostly the same topic, different propositions"
    app = make_app(seeds_env, compare=(BLOGGER, PHOTO))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_comparison(pilot, seeds_env)
        assert screen.current == pairs[0]
        for i in range(1, 4):
            await press(pilot, "right_square_bracket")
            assert screen.current == pairs[i]
            assert screen.pair_list.cursor == i
            assert_item_shown(app, screen, pairs[i])
            assert f"({i + 1} of {len(pairs)})" in screen_text(app)  # the status line
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert screen.current == pairs[1]
        assert_item_shown(app, screen, pairs[1])

        # the keys work from the pair list too, and moving its cursor moves the panes
        await press(pilot, "tab", "tab")
        assert app.focused is screen.pair_list
        await press(pilot, "j")
        assert screen.current == pairs[2]
        assert_item_shown(app, screen, pairs[2])
        await press(pilot, "right_square_bracket")
        assert_item_shown(app, screen, pairs[3])

        # f filters the list by relation (from the pair list, on the fourth pair)
        await press(pilot, "f")
        assert screen.pair_list.rows == agrees
        assert f"= agrees: {len(agrees)} listed (f)" in screen_text(app)
        await press(pilot, "f")
        assert screen.pair_list.rows == differs
        if not differs:  # the seeds' two accounts do not contradict each other
            assert "no pairs of this kind (f: next filter)" in screen_text(app)
        await press(pilot, "f")
        assert screen.pair_list.rows == related
        assert f"≈ related: {len(related)} listed (f)" in screen_text(app)
        await press(pilot, "f")
        only_a = screen.pair_list.rows
        assert [item.a for item in only_a] == list(alignment.only_a)
        assert "A ONLY IN A" in screen_text(app)
        await press(pilot, "right_square_bracket")
        assert screen.current == only_a[0]
        assert_item_shown(app, screen, only_a[0])
        await press(pilot, "right_square_bracket")
        assert_item_shown(app, screen, only_a[1])
        await press(pilot, "F", "F", "F", "F")  # back to the pairs
        assert screen.pair_list.rows == pairs_in_a_order(alignment)


async def test_at_80_columns_the_status_line_gives_the_pairs_whole_reason(tmp_path: Path) -> None:
    # a row of the pair list cuts the reason to the width; the status line under the panes wraps
    # to two lines, so that the reason is read whole
    env = _roads(tmp_path)
    app = make_app(env, compare=("council", "mayor"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_comparison(pilot, env)
        item = screen.current
        assert item is not None and item.pair is not None
        reason = " ".join(item.pair.reason.split())
        assert len(f"sync on (s) · tab: next pane · ≠ differs 0.00 (1 of 1): {reason}") > 78, (
            "longer than a row"
        )
        assert reason in _status_line(screen_text(app))


def _roads(tmp_path: Path) -> tuple[Path, Path]:
    """Two documents whose one pair differs: 3 roads (the council) against 5 (the mayor)."""
    from tests.tui.conftest import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "council.txt").write_text(
        "Harbour roads\n\nThe city council said 3 roads near the harbour will close for repairs next week.\n\n"
        "The bakery on the corner sells bread.\n"
    )
    (corpus / "mayor.txt").write_text(
        "The mayor speaks\n\nAccording to the mayor, 5 roads near the harbour will close for repairs next week.\n"
    )
    return corpus, build_index(corpus, tmp_path / "index")


async def test_a_differing_pair_says_so_in_words_and_symbols(tmp_path: Path) -> None:
    env = _roads(tmp_path)
    app = make_app(env, compare=("council", "mayor"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_comparison(pilot, env)
        item = screen.current
        assert item is not None and item.kind == "differs"
        text = screen_text(app)
        assert "1. ≠ DIFFERS" in text and "numbers differ beyond rounding: 3 vs 5 roads" in text
        assert "≠ differs" in _status_line(text), "the status line names the relation"
        for side in ("a", "b"):
            view = screen.view(side)
            passage = item.passage(side)
            assert passage is not None
            row = view.row_of(passage.start)
            assert row is not None
            line = "".join(segment.text for segment in view.render_line(row))
            assert line[5] == "≠", f"the gutter marks the pair: {line!r}"
        await press(pilot, "f", "f")  # differs only
        assert screen.pair_list.rows == [item]


# -- scrolling by alignment ------------------------------------------------------------------------


def _anchor(pairs: list[CompareItem], side: str, end: int) -> CompareItem | None:
    """The pair whose passage on ``side`` starts last before ``end``."""
    before = [p for p in pairs if p.passage(side).start < end]  # type: ignore[union-attr]
    return max(before, key=lambda p: p.passage(side).start) if before else None  # type: ignore[union-attr]


async def test_sync_scroll_follows_the_partner_and_s_turns_it_off(seeds_env: tuple[Path, Path]) -> None:
    pairs = pairs_in_a_order(align_docs(seeds_env, BLOGGER, PHOTO))
    async with compared(seeds_env) as (app, pilot, screen):
        view_a, view_b = screen.view("a"), screen.view("b")
        assert app.focused is view_a
        followed = 0
        current = screen.current
        for _ in range(40):  # move through A a sentence at a time
            b_before = view_b.cursor
            await press(pilot, "j")
            anchor = _anchor(pairs, "a", view_a.cursor.end)
            if anchor is not None and anchor != current:
                current = anchor
                assert anchor.b is not None and anchor.a is not None
                assert shows(view_b, anchor.b.start), "B went to the partner"
                level = view_b.row_of(anchor.b.start) == view_a.row_of(anchor.a.start)
                at_an_end = view_b.scroll_offset.y in (0, view_b.max_scroll_y)
                assert level or at_an_end, "level with A, unless B cannot scroll that far"
                assert screen.current == anchor and screen.pair_list.current == anchor
                followed += 1
            else:
                assert view_b.cursor == b_before, "between pairs B stays where it is"
            if followed >= 3:
                break
        assert followed >= 3

        await press(pilot, "s")
        assert "sync off (s)" in screen_text(app)
        b_cursor, b_top = view_b.cursor, view_b.scroll_offset.y
        passed = 0
        for _ in range(40):
            await press(pilot, "j")
            anchor = _anchor(pairs, "a", view_a.cursor.end)
            if anchor is not None and anchor != current:
                current = anchor
                passed += 1
                if passed >= 2:
                    break
        assert passed >= 2, "A went past two more pairs"
        assert (view_b.cursor, view_b.scroll_offset.y) == (b_cursor, b_top), "B did not follow"

        await press(pilot, "s")
        assert "sync on (s)" in screen_text(app)
        # B leads too: a page down in B takes A to the partner of the last pair B passed
        await press(pilot, "tab", "space")
        assert app.focused is view_b
        anchor = _anchor(pairs, "b", view_b.cursor.end)
        if anchor is not None and anchor != current:
            assert anchor.a is not None
            assert shows(view_a, anchor.a.start)


async def test_compare_keys_are_in_the_help_and_can_be_rebound(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    from nkterm.tui.screens.help import HelpScreen

    config_file("keymap:\n  compare.next-pair: z\n  compare.toggle-sync: ctrl+s\n")
    pairs = pairs_in_a_order(align_docs(seeds_env, BLOGGER, PHOTO))
    app = make_app(seeds_env, compare=(BLOGGER, PHOTO))
    async with app.run_test(size=(120, 200)) as pilot:
        screen = await open_comparison(pilot, seeds_env)
        await press(pilot, "z")
        assert screen.current == pairs[1]
        await press(pilot, "ctrl+s")
        assert screen.sync is False
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = screen_text(app).splitlines()
        for binding_id, keys in (
            ("compare.next-pair", "z"),
            ("compare.previous-pair", "["),
            ("compare.filter", "f"),
            ("compare.toggle-sync", "^s"),
            ("reader.compare", "c"),
            ("reader.corroborate", "o"),
            ("corroborate.compare", "c"),
        ):
            row = next((r for r in rows if f" {binding_id} " in r or r.rstrip().endswith(binding_id)), None)
            assert row is not None, binding_id
            assert row.split("│")[1].strip() == keys, row


# -- layout ----------------------------------------------------------------------------------------


async def test_stacked_at_80(seeds_env: tuple[Path, Path]) -> None:
    """(Side by side at 120 columns: test_run_app_compare_opens_on_the_comparison.)"""
    pairs = pairs_in_a_order(align_docs(seeds_env, BLOGGER, PHOTO))
    app = make_app(seeds_env, compare=(BLOGGER, PHOTO))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_comparison(pilot, seeds_env)
        assert screen.has_class("-stacked")
        a, b = screen.panes["a"].region, screen.panes["b"].region
        assert a.bottom <= b.y, "A above B"
        assert a.width >= 78 and b.width >= 78
        assert screen.view("a").size.height >= 4 and screen.view("b").size.height >= 4
        assert screen.pair_list.is_on_screen
        footer = screen_text(app).splitlines()[-1]
        assert "[ ] pair" in footer and "esc back" in footer
        # the reader hides b and v in its footer; at 80 columns the comparison still shows them
        assert "b bookmark" in footer and "v select" in footer and "s sync" in footer, footer
        assert "f filter" in footer and "? help" in footer, footer
        await press(pilot, "right_square_bracket")
        assert_item_shown(app, screen, pairs[1])


# -- the mouse wheel -------------------------------------------------------------------------------


async def _wheel(pilot: Pilot[Any], view: CompareView, *, down: bool, times: int = 1) -> None:
    """Turn the mouse wheel over ``view``, as the terminal reports it (through the screen)."""
    for _ in range(times):
        await wheel(pilot, view, (20, 3), down=down)  # answered


def _cursor_on_screen(view: CompareView) -> bool:
    row = view.row_of(view.cursor.start)
    return row is not None and 0 <= row < view.scrollable_content_region.height


async def test_the_mouse_wheel_scrolls_the_other_pane_like_the_keys(seeds_env: tuple[Path, Path]) -> None:
    pairs = pairs_in_a_order(align_docs(seeds_env, BLOGGER, PHOTO))
    async with compared(seeds_env) as (app, pilot, screen):
        view_a, view_b = screen.view("a"), screen.view("b")
        current, followed = screen.current, 0
        for _ in range(60):  # the wheel over B, a notch at a time, A's keyboard focus untouched
            top = view_b.scroll_offset.y
            a_before = (view_a.cursor, view_a.scroll_offset.y)
            await _wheel(pilot, view_b, down=True)
            assert view_b.scroll_offset.y > top, "the wheel scrolls the pane under the mouse"
            assert _cursor_on_screen(view_b), "B's cursor moved with the text"
            anchor = _anchor(pairs, "b", view_b.cursor.end)
            if anchor is not None and anchor != current:
                current = anchor
                assert anchor.a is not None and anchor.b is not None
                assert shows(view_a, anchor.a.start), "A went to the partner"
                # level with B's passage, or at the top when B's begins above the view
                row_b = view_b.row_of(anchor.b.start)
                assert row_b is not None and row_b < view_b.scrollable_content_region.height
                level = view_a.row_of(anchor.a.start) == max(0, row_b)
                assert level or view_a.scroll_offset.y in (0, view_a.max_scroll_y)
                assert screen.current == anchor and screen.pair_list.current == anchor
                followed += 1
            else:
                assert (view_a.cursor, view_a.scroll_offset.y) == a_before, "between pairs A stays"
            if followed >= 3:
                break
        assert followed >= 3
        assert app.focused is view_a

        # the wheel over A, upwards: B follows A back
        followed = 0
        for _ in range(60):
            await _wheel(pilot, view_a, down=False)
            anchor = _anchor(pairs, "a", view_a.cursor.end)
            if anchor is not None and anchor != current:
                current = anchor
                assert anchor.b is not None
                assert shows(view_b, anchor.b.start), "B went to the partner"
                followed += 1
                break
        assert followed == 1

        # sync off: the wheel scrolls one pane alone
        await press(pilot, "s")
        a_before = (view_a.cursor, view_a.scroll_offset.y)
        top = view_b.scroll_offset.y
        await _wheel(pilot, view_b, down=True, times=8)
        assert view_b.scroll_offset.y > top
        assert (view_a.cursor, view_a.scroll_offset.y) == a_before, "A did not follow"
        assert "sync off (s)" in screen_text(app)


# -- bookmarks -------------------------------------------------------------------------------------


def _gutter_of(view: CompareView, span: Span) -> set[str]:
    marks = fx.gutter_marks(view)
    return {marks[line] for line in fx.lines_of(view, span) if line in marks}


async def test_bookmarks_are_marked_in_the_panes_and_b_v_bookmark_from_them(
    seeds_env: tuple[Path, Path],
) -> None:
    earlier = fx.bookmark_sentence(seeds_env, PHOTO, 2)  # made in the reader (or the CLI) before
    earlier_span = Span(earlier.position.start, earlier.position.end)
    async with compared(seeds_env) as (app, pilot, screen):
        view_a, view_b = screen.view("a"), screen.view("b")
        assert Mark(earlier_span.start, earlier_span.end, "bookmark-gutter", BOOKMARK_GUTTER) in view_b.marks
        assert not any(m.role.startswith("bookmark") for m in view_a.marks), "A has none"
        view_b.place(earlier_span.start, 3)
        await settle(pilot)
        assert _gutter_of(view_b, earlier_span) == {BOOKMARK_GUTTER}, "B marks its bookmark like the reader"

        # b in pane A: the note dialog, then the passage is saved and marked at once
        assert app.focused is view_a
        claim = view_a.current_claim
        passage = Span(claim.start, claim.end) if claim is not None else view_a.cursor
        row = screen.pair_list.current
        assert row is not None and row.a is not None and row.a.start <= passage.start < row.a.end
        assert _gutter_of(view_a, passage) == {SYMBOLS[row.kind]}, "a pair shows its relation before"
        await press(pilot, "b")
        assert isinstance(app.screen, BookmarkDialog)
        await type_text(pilot, "first pair")
        await press(pilot, "enter")
        assert app.screen is screen
        new = [b for b in fx.saved() if b.doc_id == BLOGGER]
        assert [(b.position.start, b.position.end, b.note) for b in new] == [
            (passage.start, passage.end, "first pair")
        ]
        assert _gutter_of(view_a, passage) == {BOOKMARK_GUTTER}, "and the bookmark after"
        assert f"{BOOKMARK_GUTTER} bookmarked in A" in _status_line(screen_text(app)), "the status line"

        # v selects two sentences, b bookmarks the selection
        await press(pilot, "j", "j", "v", "j")
        selection = view_a.selection()
        assert selection is not None
        await press(pilot, "b")
        assert isinstance(app.screen, BookmarkDialog)
        assert "2 sentences" in screen_text(app)
        await press(pilot, "enter")
        assert not view_a.selecting
        assert (selection.start, selection.end) in {(b.position.start, b.position.end) for b in fx.saved()}
        assert _gutter_of(view_a, selection) == {BOOKMARK_GUTTER}

        # a bookmark the main screen saved: its app-wide BookmarksChanged reaches the comparison
        # (no polling of the file: nothing changes here until the message comes)
        later = fx.sentence_spans(seeds_env, PHOTO)[4]
        saved = BookmarkStore().add(fx.document(seeds_env, PHOTO), later.start, later.end)
        await settle(pilot, 0.2)
        assert later not in screen._bookmarks["b"]
        app.main_screen.post_message(BookmarksChanged(PHOTO, saved))
        await settle(pilot)
        assert later in screen._bookmarks["b"]

        # the bookmarks panel over the comparison: a bookmark deleted there is unmarked on return
        assert earlier_span in screen._bookmarks["b"]
        BookmarkStore().remove(earlier.id)  # as another nkterm (or the panel) would
        await press(pilot, "B")
        await press(pilot, "escape")
        assert app.screen is screen
        assert earlier_span not in screen._bookmarks["b"] and later in screen._bookmarks["b"]


# -- snapshot --------------------------------------------------------------------------------------


def test_comparison_snapshot(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """The blogger's account against the photo essay at 120x40, on the second pair: both passages
    level, `≈` (related: two travellers, the same topics) in the gutters, the pair list with
    relation words and reasons, the sync status line."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        await settle(pilot)

    app = make_app(seeds_env, compare=(BLOGGER, PHOTO))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_comparison_snapshot_at_80x24(snap_compare: Any, seeds_env: tuple[Path, Path]) -> None:
    """At 80x24: A above B, on the second pair, whose passage in A is bookmarked (`▌` in A's
    gutter instead of `≈`, "▌ bookmarked in A" in the status line, `≈` beside the partner in B);
    the footer keeps b, v, s and f."""
    pairs = pairs_in_a_order(align_docs(seeds_env, BLOGGER, PHOTO))
    second = pairs[1].a
    assert second is not None
    doc = fx.document(seeds_env, BLOGGER)
    BookmarkStore().add(doc, second.start, second.end, "a surprise")

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        await settle(pilot)

    app = make_app(seeds_env, compare=(BLOGGER, PHOTO))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def _status_line(text: str) -> str:
    """The comparison's status line: the two rows above the footer, as one line."""
    return " ".join(" ".join(text.splitlines()[-3:-1]).split())
