"""Fixtures for the reader's Pilot and snapshot tests: real corpora and real indexes in temp
folders (built once per session where nothing changes them), and helpers to drive the app.

The root conftest points NKTERM_CONFIG / NKTERM_STATE / ... at fresh temp folders for every
test, so reading positions and config files never touch the real home.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import time
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from nkterm.config import Config, ConfigProblem
from nkterm.synthetic.text import generated_text
from nkterm.tui.app import NktermApp
from nkterm.tui.services import ReaderServices
from tests.conftest import build_seeds, built_once

SIZE = (120, 40)


def build_index(corpus: Path, index_dir: Path) -> Path:
    from nkterm.index import Index

    index = Index(corpus, index_dir)
    index.update()
    index.close()
    return index_dir


@pytest.fixture(scope="session")
def seeds_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of seeds/ (in a folder named "corpus") and its index, shared read-only (built
    once per run: tests/conftest.py's ``built_once``)."""
    root = built_once(tmp_path_factory, "seeds", build_seeds)
    return root / "corpus", root / "index"


def _build_big(root: Path) -> None:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text(
        "A generated report of a hundred thousand words\n\n" + generated_text(100_000)
    )
    (corpus / "small.txt").write_text("A short note\n\nThe council said 3 roads will close.\n")
    build_index(corpus, root / "index")


@pytest.fixture(scope="session")
def big_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus with one generated 100,000-word document (id "big") and a short one (its index
    takes ~7 s of CPU: built once per run)."""
    root = built_once(tmp_path_factory, "big", _build_big)
    return root / "corpus", root / "index"


Seen = dict[str, Any]


def drive_once(tmp_path_factory: pytest.TempPathFactory, driver: Callable[[Seen], Awaitable[None]]) -> Seen:
    """Run ``driver`` once (for a module-scoped fixture) and return what it saw, by name: one
    app run whose keys serve several tests, each test then checking its own part of what was
    seen (an app start is ~0.3-0.5 s of CPU; the keys that follow are ~30 ms each). The
    NKTERM_* folders point at a fresh temp folder of the run's own, as the root conftest does
    for each test. A driver that fails fails every test that reads from it (at set-up)."""
    seen: Seen = {}
    home = tmp_path_factory.mktemp("driven-home")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DATA", "CONFIG", "STATE", "CACHE"):
            patch.setenv(f"NKTERM_{name}", str(home / name.lower()))
        patch.delenv("NKTERM_CORPUS", raising=False)
        patch.delenv("NKTERM_INDEX", raising=False)
        asyncio.run(driver(seen))
    return seen


Step = Callable[[Pilot[Any], NktermApp, Seen], Awaitable[None]]


def drive_steps(
    tmp_path_factory: pytest.TempPathFactory,
    env: tuple[Path, Path],
    *steps: Step,
    doc_id: str | None = None,
    size: tuple[int, int] = SIZE,
) -> Seen:
    """``drive_once`` of one reader over ``env`` (opened on ``doc_id``) at ``size``: started,
    settled, then each ``step(pilot, app, seen)`` in turn, each keeping what it saw by name."""

    async def drive(seen: Seen) -> None:
        app = make_app(env, doc_id)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for step in steps:
                await step(pilot, app, seen)

    return drive_once(tmp_path_factory, drive)


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
    app = NktermApp(services, doc_id, compare=compare)
    app.notify = _NotifyRecorder(app.notify)  # type: ignore[method-assign]
    return app


class _NotifyRecorder:
    """``App.notify`` that also keeps each message (screens and widgets notify through the
    app): what the tests read, through Textual's public ``notify`` only."""

    def __init__(self, notify: Callable[..., None]) -> None:
        self._notify = notify
        self.messages: list[str] = []

    def __call__(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.messages.append(str(message))
        self._notify(message, *args, **kwargs)


def notifications(app: NktermApp) -> list[str]:
    """Every message the app has notified since it was made (by ``make_app``), oldest first."""
    recorder = app.notify
    assert isinstance(recorder, _NotifyRecorder), "an app made by make_app"
    return list(recorder.messages)


async def settle(pilot: Pilot[Any], delay: float = 0.0) -> None:
    """Let messages, timers (``delay`` seconds) and every worker (and what it posts) finish:
    waited for by events, not by the process looking idle (which takes longer, the more
    loaded the machine)."""
    if delay:
        await pilot.pause(delay)
    await _answered(pilot)


async def _workers_done(pilot: Pilot[Any]) -> None:
    """Until no worker is pending or running (one replaced by a newer one of its group is
    cancelled: that is an end too)."""
    app = pilot.app
    for _ in range(100):
        busy = [w for w in app.workers if not w.is_finished]
        if not busy:
            return
        running = [w for w in busy if w.state != WorkerState.PENDING]
        if running:
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete(running)
        await pilot.pause(0)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], *, limit: float = 120.0, every: float = 0.1
) -> bool:
    """Until ``condition()`` holds, looking every ``every`` seconds (for what runs outside the
    app's events: a build in a worker process, a file another process writes, a timer).
    ``limit`` seconds of wall time is a bound against hanging only, far beyond what a loaded
    machine takes: the answer is the condition, never the time it took."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(every)
    return True


async def searched(pilot: Pilot[Any]) -> None:
    """Until every search bar on the screen has answered the text typed into it (its debounce
    timer fired ``DEBOUNCE`` s after the last key, the query ran, its answer is shown: the
    bar is no longer ``pending``), then the app is quiet. Waited for by the bar's state, a few
    hundredths of a second after the answer, instead of a fixed delay after the last key."""
    from nkterm.tui.widgets.search_bar import SearchBar

    await _answered(pilot)
    bars = list(pilot.app.screen.query(SearchBar))
    assert await wait_until(pilot, lambda: not any(bar.pending for bar in bars), every=0.02), "no answer"
    await _answered(pilot)


def _key_event(key: str) -> events.Key:
    """The event a terminal sends for ``key``: a key name ("enter", "ctrl+p", "slash") or one
    character ("/", "é"), as Textual names them."""
    if len(key) == 1:
        name = key
        if not key.isalnum():
            try:
                name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
            except ValueError:
                name = {"\t": "tab", "\n": "enter", "\r": "enter"}.get(key, key)
            name = KEY_NAME_REPLACEMENTS.get(name, name)
        return events.Key(name, key)
    return events.Key(key, key_to_character(key))


async def send_keys(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` one after the other, each answered before the next (no wait for the process
    to look idle, which depends on the machine's speed: the key's messages and workers are
    waited for)."""
    app = pilot.app
    for key in keys:
        app.post_message(_key_event(key))
        await _answered(pilot)


async def _answered(pilot: Pilot[Any]) -> None:
    """Until the app has answered: its messages handled, its workers done (and what they
    posted handled, and the workers that started), as a person waits before the next key.
    Waited for by its state, not by a count of pauses: after each pause (every message queued
    on the screen handled, the screen refreshed), until no message pump of the app or of a
    screen's widgets has a message waiting and no worker is busy (a key's action may post
    more, a worker posts its answer: each is one more pause)."""
    for _ in range(_PAUSES):
        for _ in range(_YIELDS):
            await asyncio.sleep(0)
            if _quiet(pilot.app):
                break
        await pilot.pause(0)
        await _workers_done(pilot)
        if _quiet(pilot.app):
            return


_PAUSES = 12  # a bound against a loop: a key's answer is seen quiet after 1-3 pauses
_YIELDS = 50


def _quiet(app: NktermApp) -> bool:
    """No message waiting in the app or in any widget of its screens, and no worker busy."""
    if app.message_queue_size or any(not w.is_finished for w in app.workers):
        return False
    return not any(
        node.message_queue_size
        for screen in app.screen_stack
        for node in screen.walk_children(with_self=True)
    )


async def wheel(pilot: Pilot[Any], widget: Widget, offset: tuple[int, int], *, down: bool) -> None:
    """Turn the mouse wheel one notch over ``offset`` (column, row) of ``widget``, as a terminal
    reports it: an event posted to the app at that point of the screen, then answered."""
    x, y = widget.region.x + offset[0], widget.region.y + offset[1]
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    pilot.app.post_message(
        kind(None, x, y, 0, 1 if down else -1, 0, False, False, False, screen_x=x, screen_y=y)
    )
    await _answered(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` into the focused input as a fast typist does (or a terminal's buffer under
    load): every key sent at once, in order, then answered. What each key starts (a search, the
    palette's matching) may be overtaken by the next, as in the app; use ``press`` where the
    test is about what each key does."""
    await press_at_once(pilot, *text)


async def press_at_once(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` (names or characters) as a terminal's buffer delivers them: all sent, in
    order, then the app's answer to the last waited for (``press`` waits after each). The app
    paints once instead of once per key (60 j/k in the reader: ~1 ms of CPU a key instead of
    ~16): for moves whose steps the test does not look at. Keys of one kind only: Textual runs
    a bound key's action (backspace in an input) after the characters queued behind it, so a
    burst of "x", "backspace", "y" types "y" before it deletes (as a real terminal's burst
    would)."""
    app = pilot.app
    for key in keys:
        app.post_message(_key_event(key))
    await _answered(pilot)


def post_keys(pilot: Pilot[Any], *keys: str) -> None:
    """Send ``keys`` as a terminal does and return at once, without waiting for the app's answer:
    for a key whose worker is held on purpose (a locked file), where waiting for the workers
    would wait for the lock. The test then waits for the state it needs (``wait_until``)."""
    for key in keys:
        pilot.app.post_message(_key_event(key))


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys`` one after the other, each answered before the next (``send_keys``): the
    app is quiet after the last (see ``_answered``)."""
    await send_keys(pilot, *keys)


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="[0-9.]+" clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>'
)
_SVG_CHAR_WIDTH = 12.2  # rich's export_svg: font size 20 x aspect ratio 0.61


def _screen_runs(app: NktermApp) -> list[tuple[int, int, str]]:
    """(row, column, text) of every run of text on the screen, from Textual's public
    screenshot (``App.export_screenshot``, an SVG of what the terminal shows)."""
    svg = app.export_screenshot()
    return [
        (int(line), round(float(x) / _SVG_CHAR_WIDTH), html.unescape(text).replace("\xa0", " "))
        for x, line, text in _SVG_TEXT.findall(svg)
    ]


def screen_text(app: NktermApp) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    width, height = app.size
    rows = [""] * height
    for row, column, text in sorted(_screen_runs(app)):
        if 0 <= row < height:
            line = rows[row]
            rows[row] = line + " " * max(0, column - cell_len(line)) + text
    return "\n".join(row.ljust(width) for row in rows)


def screen_segments(app: NktermApp) -> list[str]:
    """Each run of text on the screen, as drawn."""
    return [text for _row, _column, text in _screen_runs(app)]


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
