"""What an update of an index reports (``UpdateReport``) and its progress callback type.

Apart from ``nkterm.build`` so that a no-change ``nkterm index`` (``Library.update`` finding the
corpus as the last full update left it: ``nkterm.freshness.same_scan``) reports without loading
the build, the catalog or the search backend. Must not import Whoosh or Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nkterm.corpus.discover import Problem

ProgressFn = Callable[[int, int], None]  # (documents done, documents to do)


@dataclass
class UpdateReport:
    """What ``update`` did, for the CLI and the TUI to tell the user."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    # the digest of the scan the update compared (``nkterm.freshness.scan_digest``) when, after
    # it, the manifest holds exactly that scan's files and no file failed: the next update may
    # compare a new scan's digest with it alone
    scan_digest: str | None = None

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "rebuilt": self.rebuilt,
            "problems": [str(p) for p in self.problems],
            "seconds": round(self.seconds, 3),
        }
