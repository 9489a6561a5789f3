"""The frozen results of the comparison (``Passage``, ``Pair``, ``Alignment``,
``Corroboration``), the relation labels, and ``HasSpan``: plain data, what the CLI prints as
JSON and the TUI shows. Imports nothing from the rest of nkterm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

AGREES = "agrees"
DIFFERS = "differs"
RELATED_ONLY = "related"  # corroboration only: the same subject, too loose a match to judge


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit of a document: a claim (``kinds`` are its claim kinds) or a sentence (``kinds``
    is empty). ``text`` is the document's text between the offsets, verbatim."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kinds": list(self.kinds)}


@dataclass(frozen=True, slots=True)
class Pair:
    """Two passages, one of each document, that say substantially the same thing."""

    a: Passage
    b: Passage
    similarity: float
    relation: str  # AGREES or DIFFERS
    # what made the match, heaviest first: "tours", "photographs/photographer", "locals≈people"
    shared_terms: tuple[str, ...]
    reason: str = ""  # why it DIFFERS, e.g. "numbers differ: 3 vs 5 days"; "" when it agrees

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "similarity": round(self.similarity, 4),
            "relation": self.relation,
            "shared_terms": list(self.shared_terms),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """Document A against document B: the pairs, best first, and what only one of them says
    (in text order)."""

    a_id: str
    b_id: str
    pairs: tuple[Pair, ...]
    only_a: tuple[Passage, ...]
    only_b: tuple[Passage, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a_id,
            "b": self.b_id,
            "pairs": [p.to_dict() for p in self.pairs],
            "only_a": [p.to_dict() for p in self.only_a],
            "only_b": [p.to_dict() for p in self.only_b],
        }


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A passage elsewhere in the corpus that discusses what a claim discusses."""

    doc_id: str
    title: str
    passage: Passage
    similarity: float
    relation: str  # AGREES, DIFFERS, or RELATED_ONLY when the method cannot tell
    shared_terms: tuple[str, ...]
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "title": self.title,
            "passage": self.passage.to_dict(),
            "similarity": round(self.similarity, 4),
            "relation": self.relation,
            "shared_terms": list(self.shared_terms),
            "reason": self.reason,
        }


class HasSpan(Protocol):
    """Anything with character offsets: a Claim, a Passage, a Span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...
