"""The README's picture of the reader is this test's screen: it cannot go stale.

``UPDATE_README=1 pytest tests/tui/test_readme_screenshot.py`` writes the screen into README.md
(between the marker comment and the end of the code block after it); without it, the test fails
when the README shows anything but what the reader shows now (counts, layout, keys)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import PHOTO, SEEDS
from tests.tui.conftest import build_index, make_app, press, screen_text, settle

README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- the screen of tests/tui/test_readme_screenshot.py -->"
SIZE = (110, 26)


@pytest.fixture(scope="module")
def seeds_named_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("readme")
    corpus = root / "seeds"  # the app's title names the folder, as on a fresh checkout
    shutil.copytree(SEEDS, corpus)
    return corpus, build_index(corpus, root / "index")


async def test_the_readme_shows_the_reader_as_it_is(seeds_named_seeds: tuple[Path, Path]) -> None:
    app = make_app(seeds_named_seeds, PHOTO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j")
        screen = "\n".join(line.rstrip() for line in screen_text(app).splitlines())
    text = README.read_text("utf-8")
    block = re.compile(re.escape(MARKER) + r"\n```\n(.*?)\n```", re.S)
    found = block.search(text)
    assert found is not None, f"README.md lost its marker {MARKER}"
    if os.environ.get("UPDATE_README") == "1":
        README.write_text(text[: found.start(1)] + screen + text[found.end(1) :], "utf-8")
        return
    assert found.group(1) == screen, "the README's screen is stale: UPDATE_README=1 pytest " + __file__
