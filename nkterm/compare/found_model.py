"""Corroboration's found decision in a large corpus: a logistic regression over a candidate
passage's features, and the data it reads (``Candidate``, ``Gathered``).

The coefficients are plain numbers, written by ``scripts/train_corroboration.py`` from the
labelled claim sets (``benchmarks/data/corroboration_claims*.yaml``, features dumped by
``benchmarks/corroboration_loso.py``); the features are computed in ``corroboration.features``.
Imports nothing of nkterm.compare but its plain data types; must not import Textual nor Whoosh.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkterm.compare.units import Unit
    from nkterm.models import Document


@dataclass(slots=True)
class Candidate:
    """A passage of another document that could discuss the claim, and what was measured."""

    sim: float  # align's similarity with the names discounted (``name_discounted``)
    raw: float  # ...and before the discount
    other: Document
    unit: Unit
    shared: list[tuple[float, str, str]]  # shared keys, heaviest first (``shared_keys``)
    claim_rank: int | None  # the document's rank among those the claim's words proposed
    story_rank: int | None  # ...among those the claim's document's key terms proposed
    story: float  # story closeness of the two documents (``story.closeness``); 0 without corpus IDF


@dataclass(slots=True)
class Gathered:
    """``corroboration.gather``'s answer: the claim's document and unit, every candidate passage
    (best similarity first, each text once), the units of the documents the claim's own words
    proposed (what its event words are read against), and whether corpus statistics were used."""

    doc: Document
    query: Unit
    candidates: list[Candidate]
    claim_units: list[list[Unit]]
    corpus: bool


# written by scripts/train_corroboration.py (standardised features folded into the weights)
INTERCEPT = -8.435640
COEFFICIENTS: dict[str, float] = {
    "sim": 1.094333,
    "raw": 6.529883,
    "number": 1.653983,
    "event": 0.515061,
    "rules": -0.110442,
    "story": 1.728651,
    "story_rel": 1.073304,
    "story_max": 1.506031,
    "sim_max": -0.220874,
    "sim_rel": 0.259154,
    "sim_rank": -0.270735,
    "doc_rank": 0.607555,
    "by_claim": 0.817783,
    "by_story": 0.704038,
    "object": 0.518164,
}


def probability(
    values: Mapping[str, float],
    coefficients: Mapping[str, float] | None = None,
    intercept: float | None = None,
) -> float:
    """The model's probability that a passage with these feature ``values`` discusses the claim."""
    weights = COEFFICIENTS if coefficients is None else coefficients
    z = (INTERCEPT if intercept is None else intercept) + sum(w * values[name] for name, w in weights.items())
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


def rank_of(value: float, others: Sequence[float]) -> int:
    """How many of ``others`` are larger than ``value`` (0: the best)."""
    return sum(1 for v in others if v > value)
