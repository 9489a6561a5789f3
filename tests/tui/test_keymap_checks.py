"""The keymap as the README shows it: no false clash, bad keys and taken keys reported at start
with their lines, a broken YAML file keeps what comes before the error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import PHOTO
from tests.tui.conftest import SIZE, make_app, notifications, press, settle


async def test_the_readme_example_applies_without_a_warning(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    config_file("keymap:\n  reader.next-claim: z\n  app.quit: [q, ctrl+q]\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "z")  # a document open: every binding has been applied
        assert app.screen.reader.current_claim is not None
        assert notifications(app) == []


async def test_an_invalid_key_is_reported_as_invalid_with_its_line_at_start(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    path = config_file("keymap:\n  reader.next-claim: z\n  reader.previous-claim: ctrl+foo\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert any(f"{path}, line 3" in m and "not a key" in m and "'ctrl+foo'" in m for m in messages), (
            messages
        )
        assert not any("more than one action" in m for m in messages)
        await press(pilot, "enter", "z")
        first = app.screen.reader.current_claim
        assert first is not None
        await press(pilot, "z", "left_square_bracket")  # its default key still works
        assert app.screen.reader.current_claim == first
        assert [m for m in notifications(app) if "keymap" in m] == [m for m in messages if "keymap" in m]


async def test_a_key_taken_from_another_binding_is_reported(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    path = config_file("keymap:\n  reader.previous-claim: j\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert any(
            f"{path}, line 2" in m and "takes 'j' from reader.next-sentence" in m and "keeps down" in m
            for m in messages
        ), messages
        await press(pilot, "enter")
        assert app.screen.reader.doc_id == PHOTO


async def test_bad_yaml_keeps_the_lines_before_the_error(
    seeds_env: tuple[Path, Path], config_file: Callable[[str], Path]
) -> None:
    path = config_file("keymap:\n  reader.next-claim: z\n  reader.next-sentence: [j\nreader: {\n")
    app = make_app(seeds_env)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert any(
            str(path) in m and "not valid YAML" in m and "lines 1-2 still apply" in m for m in messages
        )
        await press(pilot, "enter", "z")  # line 2 applied
        assert app.screen.reader.current_claim is not None
