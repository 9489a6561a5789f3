"""The frozen results of the comparison (``Passage``, ``Pair``, ``Alignment``,
``Corroboration``), the relation labels, and ``HasSpan``: plain data, what the CLI prints as
JSON and the TUI shows. Imports nothing from the rest of nkterm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

AGREES = "agrees"  # the same proposition (docs/compare.md: "same")
DIFFERS = "differs"  # the same slot with incompatible values ("conflicts")
RELATED_ONLY = "related"  # the same topic, different propositions
UNPAIRED = "unpaired"  # compare_texts only: two passages align would not pair
WEAK = "weakly related"  # corroboration: a word match below FOUND_MIN, shown only on request
# what each shown label means, for --json readers
MEANINGS = {AGREES: "same", DIFFERS: "conflicts", RELATED_ONLY: "related", WEAK: "weak"}


@dataclass(frozen=True, slots=True)
class Change:
    """A changed word of a near-identical pair: its span in the document and its kind
    ("number", "name" or "word")."""

    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Independence:
    """Whether two documents are independent accounts, and if not, why."""

    independent: bool
    reasons: tuple[str, ...] = ()
    shingle_overlap: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "independent": self.independent,
            "reasons": list(self.reasons),
            "shingle_overlap": round(self.shingle_overlap, 4),
        }


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
    relation: str  # AGREES, DIFFERS or RELATED_ONLY
    # what made the match, heaviest first: "tours", "photographs/photographer", "locals≈people"
    shared_terms: tuple[str, ...]
    reason: str = ""  # why this relation, e.g. "numbers differ beyond rounding: 3 vs 5 days"
    # word-level differences when the passages are near-identical (else both empty)
    changes_a: tuple[Change, ...] = ()
    changes_b: tuple[Change, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "similarity": round(self.similarity, 4),
            "relation": self.relation,
            "meaning": MEANINGS.get(self.relation, self.relation),
            "shared_terms": list(self.shared_terms),
            "reason": self.reason,
            "changes_a": [c.to_dict() for c in self.changes_a],
            "changes_b": [c.to_dict() for c in self.changes_b],
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
    independence: Independence | None = None
    # conflicts beside the one-to-one pairs: a passage of a pair (or of an "only" list) that also
    # contradicts a passage of the other document, best first (relation DIFFERS, with its reason)
    also_differs: tuple[Pair, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a_id,
            "b": self.b_id,
            "independence": self.independence.to_dict() if self.independence else None,
            "pairs": [p.to_dict() for p in self.pairs],
            "also_differs": [p.to_dict() for p in self.also_differs],
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
    relation: str  # AGREES, DIFFERS, RELATED_ONLY, or WEAK below FOUND_MIN
    shared_terms: tuple[str, ...]
    reason: str = ""
    source: str = ""  # the independent source it counts for (a representative document's source or id)
    independent: bool = True  # False: not independent of the claim's own document

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "title": self.title,
            "passage": self.passage.to_dict(),
            "similarity": round(self.similarity, 4),
            "relation": self.relation,
            "meaning": MEANINGS.get(self.relation, self.relation),
            "shared_terms": list(self.shared_terms),
            "reason": self.reason,
            "source": self.source,
            "independent": self.independent,
        }


@dataclass(frozen=True, slots=True)
class CorroborationReport:
    """What the corpus says about a claim: ``found`` (matches >= FOUND_MIN, best first),
    ``weak`` (word matches below it, "weakly related"), and how many independent sources the
    found passages come from. ``nothing`` when no passage passes the threshold: the answer
    "no passage in the corpus discusses this" - or, when ``might`` weakly related passages are
    likely enough that the corpus may discuss it after all (``params.NOTHING_PROBABILITY``; they
    come first in ``weak``), "no passage clearly discusses this; N weakly related passages might"."""

    found: tuple[Corroboration, ...]
    weak: tuple[Corroboration, ...]
    sources: int
    might: int = 0

    @property
    def nothing(self) -> bool:
        return not self.found

    def summary(self) -> str:
        """ "5 passages from 3 independent sources", "no passage in the corpus discusses this",
        "no passage clearly discusses this; 2 weakly related passages might"."""
        if self.nothing and self.might:
            s = "s" if self.might != 1 else ""
            return f"no passage clearly discusses this; {self.might} weakly related passage{s} might"
        if self.nothing:
            return "no passage in the corpus discusses this"
        n = len(self.found)
        passages = f"{n} passage{'s' if n != 1 else ''}"
        dependent = sum(1 for c in self.found if not c.independent)
        if self.sources == 0:
            return f"{passages}, all from sources not independent of this document"
        s = "s" if self.sources != 1 else ""
        out = f"{passages} from {self.sources} independent source{s}"
        return out + (f" ({dependent} not independent of this document)" if dependent else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "nothing_found": self.nothing,
            "weak_might_discuss": self.might,
            "independent_sources": self.sources,
            "found": [c.to_dict() for c in self.found],
            "weak": [c.to_dict() for c in self.weak],
        }


class HasSpan(Protocol):
    """Anything with character offsets: a Claim, a Passage, a Span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...
