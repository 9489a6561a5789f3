"""The footer (nkterm/tui/widgets/footer.py): the focused pane's keys, composed again only when
they change."""

from __future__ import annotations

from pathlib import Path

from nkterm.tui.app import NktermApp
from nkterm.tui.widgets.footer import MainFooter
from tests.tui.conftest import SIZE, make_app, press, screen_text, settle


def footer_line(app: NktermApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_is_composed_again_only_when_its_keys_change(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(MainFooter)
        on_list = list(footer.query("FooterKey"))
        assert on_list and all(key.has_class("-compact") for key in on_list)
        assert "⏎ open" in footer_line(app) and "s sort" in footer_line(app)

        # the bindings signal a change that changes no key: the same keys stay mounted
        app.screen.refresh_bindings()
        await settle(pilot)
        assert list(footer.query("FooterKey")) == on_list

        await press(pilot, "enter")  # the reader takes the focus: its keys are shown
        on_reader = list(footer.query("FooterKey"))
        assert not set(on_reader) & set(on_list)
        assert "[ ] claim" in footer_line(app) and "s sort" not in footer_line(app)
        assert all(key.has_class("-compact") for key in on_reader)
        app.screen.refresh_bindings()
        await settle(pilot)
        assert list(footer.query("FooterKey")) == on_reader

        await press(pilot, "tab")  # back to the list: its keys again, as before
        assert "⏎ open" in footer_line(app) and "[ ] claim" not in footer_line(app)
        assert [key.key for key in footer.query("FooterKey")] == [key.key for key in on_list]


async def test_a_resize_to_a_narrow_screen_drops_the_palette_key_at_once(
    seeds_env: tuple[Path, Path],
) -> None:
    """The main screen hides ``^p palette`` below NARROW columns (its room goes to the pane's
    keys); Textual's footer reads that only as it composes, so it stayed until focus moved."""
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert footer_line(app).rstrip().endswith("^p palette")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "palette" not in footer_line(app) and footer_line(app).startswith("⏎ open s sort")
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert footer_line(app).rstrip().endswith("^p palette")
