"""How many examples a randomised (hypothesis) test tries: a small count by default, the long
count with ``NKTERM_LONG=1`` (the same switch as the robustness suite's ``scale``)."""

from __future__ import annotations

import os

LONG = os.environ.get("NKTERM_LONG", "") not in ("", "0")


def examples(long: int) -> int:
    """``long`` under ``NKTERM_LONG=1``; otherwise a third of it (at least 25)."""
    return long if LONG else max(25, long // 3)
