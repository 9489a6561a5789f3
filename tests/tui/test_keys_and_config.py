"""Help generated from the bindings, keymap rebinding from config.yaml, bad config files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nkterm.tui.app import NktermApp
from nkterm.tui.screens.help import HelpScreen, own_bindings
from tests.conftest import PHOTO
from tests.tui.conftest import SIZE, make_app, notifications, press, screen_text, settle

# keys a feature owns: only these bindings may take them
OWNED = {
    "c": {"reader.compare", "corroborate.compare"},
    "o": {"reader.corroborate"},
    "b": {"reader.bookmark"},
    "B": {"app.bookmarks"},
    "v": {"reader.select"},
    "e": {"bookmarks.edit"},
    "x": {"bookmarks.delete"},
}


def _all_bindings() -> list:  # type: ignore[type-arg]
    from textual.binding import Binding

    classes = [NktermApp] + [cls for _title, cls in NktermApp.help_sources()]
    return [b for cls in classes for b in own_bindings(cls) if isinstance(b, Binding)]


def test_every_binding_has_an_id_and_none_takes_a_reserved_key() -> None:
    bindings = _all_bindings()
    assert bindings
    assert all(b.id for b in bindings), [b for b in bindings if not b.id]
    for key, owners in OWNED.items():
        taken = {b.id for b in bindings if key in {k.strip() for k in b.key.split(",")}}
        assert taken <= owners, (key, taken)
    slash = [b for b in bindings if "slash" in b.key.split(",")]
    assert [b.action for b in slash] == ["search"], "/ is only ever search"


async def test_help_lists_every_key_from_the_bindings(seeds_env: tuple[Path, Path]) -> None:
    app = make_app(seeds_env)
    async with app.run_test(size=(120, 200)) as pilot:  # tall enough to show the whole help
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for binding in _all_bindings():
            assert binding.id in text, f"{binding.id} missing from help"
        assert "Page back in the reader: pgup, shift+space, ^b (b is kept for bookmarks)" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keymap_in_config_rebinds_keys(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    config_file("keymap:\n  reader.next-claim: z\n  reader.next-sentence: [n, ctrl+j]\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.screen.reader
        assert reader.doc_id == PHOTO
        start = reader.cursor
        await press(pilot, "right_square_bracket")  # no longer bound
        assert reader.current_claim is None and reader.cursor == start
        await press(pilot, "z")
        assert reader.current_claim is not None
        claim_cursor = reader.cursor
        await press(pilot, "ctrl+j")
        assert reader.cursor.start > claim_cursor.start
        await press(pilot, "question_mark")
        rows = [line for line in screen_text(app).splitlines() if "reader.next-claim" in line]
        assert rows and rows[0].split("│")[1].strip() == "z"


async def test_bad_yaml_is_a_notification_naming_file_and_line(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    path = config_file("keymap:\n  reader.next-sentence: [j\n  other: x\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert any(str(path) in m and "line" in m and "not valid YAML" in m for m in messages), messages
        await press(pilot, "enter", "j")  # the defaults apply
        assert app.screen.reader.cursor.start > 0


async def test_unknown_binding_ids_and_bad_keys_are_reported_with_their_lines(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    path = config_file(
        "# my keys\nkeymap:\n  reader.next-claim: z\n  reader.nxt: j\n  app.help: 'not a key'\n"
    )
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert len(messages) == 1, messages  # one notification that says everything
        assert messages[0].startswith(f"2 problems in {path}")
        assert "line 4: keymap: no key binding has the id 'reader.nxt'" in messages[0]
        assert "line 5: app.help: not a key name: 'not a key'" in messages[0]
        await press(pilot, "enter", "z")  # the good line still applies
        assert app.screen.reader.current_claim is not None


async def test_a_config_of_thousands_of_problems_is_one_notification_and_starts_at_once(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    # Issue 15: 60,000 unknown ids (828 KB) took 21 s to the first full screen, with one
    # notification per problem, each expiring unseen. The largest file accepted (64 KB):
    lines = [f"  plugin.action-{i:04d}: ctrl+x" for i in range(2000)]
    path = config_file("keymap:\n" + "\n".join(lines) + "\n  reader.next-claim: z\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert len(messages) == 1, len(messages)
        assert messages[0].startswith(f"2,000 problems in {path}")
        assert "line 2: keymap: no key binding has the id 'plugin.action-0000'" in messages[0]
        assert messages[0].endswith("and 1,997 more")
        await press(pilot, "enter", "z")  # the one good line applies
        assert app.screen.reader.current_claim is not None


async def test_the_legend_is_one_key_away_and_names_every_kind(seeds_env: tuple[Path, Path]) -> None:
    from nkterm.models import CLAIM_KINDS
    from nkterm.render import KIND_SYMBOLS, KIND_TAGS
    from nkterm.tui.screens.legend import LegendScreen

    app = make_app(seeds_env)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "L")
        assert isinstance(app.screen, LegendScreen)
        lines = screen_text(app).splitlines()
        for kind in CLAIM_KINDS:
            row = next((line for line in lines if f" {kind} " in line and KIND_TAGS[kind] in line), None)
            assert row is not None, kind
            assert KIND_SYMBOLS[kind] in row
        assert any("check-worthy claim on this line" in line for line in lines)
        await press(pilot, "L")
        assert not isinstance(app.screen, LegendScreen)
