"""nkterm benchmarks: index build, no-change re-run, search latency, against SQLite FTS5.

Run the suite with ``python -m benchmarks`` from the repository root (see benchmarks/README.md).
The modules here may import anything from nkterm's public API and the standard library; they
never import Whoosh directly (``nkterm.index`` owns it). Textual is imported only inside the
functions of ``tui_measure.py`` and ``tui_bench.py`` that run the app, in child processes
when the suite runs them. Third-party corpora are read from /work/shared (or ``$NKTERM_BBC``)
and copied only into a temporary work folder, never into the repository.
"""

from __future__ import annotations

__all__ = ["REPO_ROOT"]

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
