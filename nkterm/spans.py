"""``Span``: a half-open character range into a document's text, the one type both the plain
data (``nkterm.models``, which re-exports it) and the segmentation (``nkterm.text``) need.
Imports nothing from the rest of nkterm, and never Textual or Whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into a document's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}
