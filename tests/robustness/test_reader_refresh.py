"""The reader's document list follows a re-index from the command line (issue 15, lower items).

The list stayed "Documents (600)" after ``nkterm index`` added a document in another terminal,
until the reader was restarted. A real reader (Pilot), a real ``nkterm index`` process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from nkterm.tui.app import NktermApp
from nkterm.tui.services import ReaderServices
from tests.conftest import ROOT, SEEDS
from tests.robustness.conftest import nkterm_env, record
from tests.tui.conftest import settle


async def test_the_document_list_notices_a_reindex_from_the_cli(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    count = len(list(corpus.glob("*.txt")))
    app = NktermApp(ReaderServices.for_folders(corpus, index))
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 60
        while len(app.summaries) != count and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert len(app.summaries) == count
        (corpus / "added.txt").write_text("A report added while the reader runs.\n", encoding="utf-8")
        env = nkterm_env(corpus, index, tmp_path / "home")
        run = subprocess.run(
            [sys.executable, "-m", "nkterm", "index"], cwd=ROOT, env=env, capture_output=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        # the reader looks at the index folder every 2 s; the bound is only there so that a
        # reader that never notices fails instead of hanging (a loaded machine needs longer)
        deadline = time.monotonic() + 60
        while len(app.summaries) != count + 1 and time.monotonic() < deadline:
            await pilot.pause(0.2)
        assert "added" in {s.id for s in app.summaries}, "the list did not notice the re-index"
        await settle(pilot)  # the list redrawn: waited for by events, not for a fixed time
        assert f"Documents ({count + 1})" in _screen(app)
        # and the index the reader searches is the new one
        result = app.library.search("reader runs")
        assert [h.id for h in result.hits] == ["added"]
    record("reader: the list follows a re-index from the CLI")


def _screen(app: NktermApp) -> str:
    from tests.tui.conftest import screen_text

    return screen_text(app)
