"""The footer (nkterm/tui/widgets/footer.py): the focused pane's keys, composed again only when
they change. Both tests read what one app run saw (``footers``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkterm.tui.app import NktermApp
from nkterm.tui.widgets.footer import MainFooter
from tests.tui.conftest import SIZE, Seen, drive_once, make_app, press, screen_text, settle


def footer_line(app: NktermApp) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.fixture(scope="module")
def footers(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """One reader over the seeds: the footer on the list, on the reader, on the list again
    (each with a change of bindings that changes no key), then resized to 80x24 and back."""

    async def drive(seen: Seen) -> None:
        app = make_app(seeds_env)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            footer = app.screen.query_one(MainFooter)
            on_list = list(footer.query("FooterKey"))
            seen["list"] = ([key.has_class("-compact") for key in on_list], footer_line(app))
            # the bindings signal a change that changes no key: the same keys stay mounted
            app.screen.refresh_bindings()
            await settle(pilot)
            seen["list.same keys"] = list(footer.query("FooterKey")) == on_list

            await press(pilot, "enter")  # the reader takes the focus: its keys are shown
            on_reader = list(footer.query("FooterKey"))
            seen["reader"] = (
                bool(set(on_reader) & set(on_list)),
                [key.has_class("-compact") for key in on_reader],
                footer_line(app),
            )
            app.screen.refresh_bindings()
            await settle(pilot)
            seen["reader.same keys"] = list(footer.query("FooterKey")) == on_reader

            await press(pilot, "tab")  # back to the list: its keys again, as before
            seen["list again"] = (
                footer_line(app),
                [key.key for key in footer.query("FooterKey")] == [key.key for key in on_list],
            )

            seen["wide"] = footer_line(app)
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            seen["narrow"] = footer_line(app)
            await pilot.resize_terminal(*SIZE)
            await settle(pilot)
            seen["wide again"] = footer_line(app)

    return drive_once(tmp_path_factory, drive)


def test_the_footer_is_composed_again_only_when_its_keys_change(footers: Seen) -> None:
    compact, line = footers["list"]
    assert compact and all(compact), "the list's keys, compact"
    assert "⏎ open" in line and "s sort" in line
    assert footers["list.same keys"], "a change of bindings that changes no key keeps the keys"

    shared, compact, line = footers["reader"]
    assert not shared, "the reader's keys are new ones"
    assert "[ ] claim" in line and "s sort" not in line
    assert all(compact)
    assert footers["reader.same keys"]

    line, same = footers["list again"]
    assert "⏎ open" in line and "[ ] claim" not in line
    assert same, "the list's keys again, as before"


def test_a_resize_to_a_narrow_screen_drops_the_palette_key_at_once(footers: Seen) -> None:
    """The main screen hides ``^p palette`` below NARROW columns (its room goes to the pane's
    keys); Textual's footer reads that only as it composes, so it stayed until focus moved."""
    assert footers["wide"].rstrip().endswith("^p palette")
    narrow = footers["narrow"]
    assert "palette" not in narrow and narrow.startswith("⏎ open s sort")
    # the keys the help lists anyway make room: "? help" and every other key whole (at 80
    # columns the line ran past the edge: "... c comp")
    assert narrow.rstrip().endswith("? help B bookmarks"), narrow
    assert "q quit" not in narrow
    assert footers["wide again"].rstrip().endswith("^p palette")


# the widths where a key is left out or comes back (80 to 130 columns; ^p from 100)
WIDTHS = (130, 122, 121, 120, 115, 110, 105, 100, 99, 90, 86, 85, 80)


@pytest.fixture(scope="module")
def footer_lines(seeds_env: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Seen:
    """The list's and the reader's footer line at each of ``WIDTHS``, and their keys."""

    async def drive(seen: Seen) -> None:
        app = make_app(seeds_env)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for pane in ("list", "reader"):
                if pane == "reader":
                    await press(pilot, "enter")
                footer = app.screen.query_one(MainFooter)
                for width in WIDTHS:
                    await pilot.resize_terminal(width, SIZE[1])
                    await settle(pilot)
                    keys = {
                        k.action: f"{k.key_display} {k.description}".strip()
                        for k in footer.query("FooterKey")
                    }
                    labels = [
                        str(label.content) for label in footer.query("FooterLabel")
                    ]  # "claim" of "[ ] claim"
                    seen[pane, width] = (footer_line(app), keys, labels)
                await pilot.resize_terminal(*SIZE)
                await settle(pilot)

    return drive_once(tmp_path_factory, drive)


@pytest.mark.parametrize("pane", ["list", "reader"])
def test_every_key_in_the_footer_is_whole_at_any_width(footer_lines: Seen, pane: str) -> None:
    """At 120 columns the list's footer ended "B bookmark▏^p palette" (its keys were 2 cells
    wider than the room beside ^p). The keys the help lists anyway (q, a, w) make room, first
    to last, only as far as needed; the rest are whole at every width."""
    _line, every, _labels = footer_lines[pane, WIDTHS[0]]
    assert {"quit", "toggle_claims", "toggle_check_worthy"} <= set(every), "at 130 columns: every key"
    for width in WIDTHS:
        line, keys, labels = footer_lines[pane, width]
        assert len(line) == width
        rest = line
        for text in sorted([*keys.values(), *labels], key=len, reverse=True):
            assert text in rest, (width, text, line)
            rest = rest.replace(text, "", 1)
        assert not rest.replace("▏", "").strip(), (width, line)  # nothing cut
        assert line.rstrip().endswith("^p palette" if width >= 100 else "? help B bookmarks"), (width, line)
        left_out = set(every) - set(keys) - {"command_palette"}  # (^p: below 100 columns, by the screen)
        assert left_out <= {"quit", "toggle_claims", "toggle_check_worthy"}, (width, left_out)
        order = ["quit", "toggle_claims", "toggle_check_worthy"]
        assert left_out == set(order[: len(left_out)]), (width, left_out)
        if left_out:  # and only as far as needed: the last one left out would not fit
            last = order[len(left_out) - 1]
            keys_part = line.split("▏")[0]  # (the room is before ^p's border)
            room = len(keys_part) - len(keys_part.rstrip(" ")) - 1  # (after the last key's margin)
            assert room < len(every[last]) + 1, (width, line)  # (+ its own margin)
