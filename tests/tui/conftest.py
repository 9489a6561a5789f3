"""Fixtures for the reader's Pilot and snapshot tests: real corpora and real indexes in temp
folders (built once per session where nothing changes them), and helpers to drive the app.

The root conftest points NKTERM_CONFIG / NKTERM_STATE / ... at fresh temp folders for every
test, so reading positions and config files never touch the real home.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from nkterm.config import Config, ConfigProblem
from nkterm.synthetic.text import generated_text
from nkterm.tui.app import NktermApp
from nkterm.tui.services import ReaderServices
from tests.conftest import SEEDS

SIZE = (120, 40)


def build_index(corpus: Path, index_dir: Path) -> Path:
    from nkterm.index import Index

    index = Index(corpus, index_dir)
    index.update()
    index.close()
    return index_dir


@pytest.fixture(scope="session")
def seeds_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of seeds/ (in a folder named "corpus") and its index, shared read-only."""
    root = tmp_path_factory.mktemp("seeds")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus, build_index(corpus, root / "index")


@pytest.fixture(scope="session")
def big_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus with one generated 100,000-word document (id "big") and a short one."""
    root = tmp_path_factory.mktemp("big")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text(
        "A generated report of a hundred thousand words\n\n" + generated_text(100_000)
    )
    (corpus / "small.txt").write_text("A short note\n\nThe council said 3 roads will close.\n")
    return corpus, build_index(corpus, root / "index")


def make_app(
    env: tuple[Path, Path],
    doc_id: str | None = None,
    *,
    compare: tuple[str, str] | None = None,
    config: Config | None = None,
    config_problems: list[ConfigProblem] | None = None,
) -> NktermApp:
    """The reader over ``env`` (corpus, index folder), its services made as the CLI makes them."""
    corpus, index_dir = env
    services = ReaderServices.for_folders(corpus, index_dir, config=config, config_problems=config_problems)
    return NktermApp(services, doc_id, compare=compare)


async def settle(pilot: Pilot[Any], delay: float = 0.0) -> None:
    """Let messages, timers (``delay`` seconds) and every worker (and what it posts) finish."""
    if delay:
        await pilot.pause(delay)
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` one after the other, then settle."""
    await pilot.press(*keys)
    await settle(pilot)


def screen_text(app: NktermApp) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def screen_segments(app: NktermApp) -> list[str]:
    return [segment.text for strip in app.screen._compositor.render_strips() for segment in strip]


@pytest.fixture
def config_file() -> Callable[[str], Path]:
    """Write config.yaml into the (per-test) NKTERM_CONFIG folder."""
    from nkterm.config import config_path

    def write(text: str) -> Path:
        path = config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _quicker_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits for "idle" in 20 ms slices after every key; 5 ms slices make a key press
    several times cheaper. The tests never rely on idleness alone: ``settle`` waits for the
    workers explicitly."""
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.005)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 0.005 / 20)
