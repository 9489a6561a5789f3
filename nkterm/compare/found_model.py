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
INTERCEPT = -8.872663
COEFFICIENTS: dict[str, float] = {
    "sim": -0.454434,
    "raw": 7.188484,
    "number": 1.634999,
    "event": 0.521280,
    "rules": -0.114529,
    "story": 1.498112,
    "story_rel": 1.473264,
    "story_max": 1.997402,
    "sim_max": 0.124461,
    "sim_rel": 0.748679,
    "sim_rank": -0.388944,
    "doc_rank": 0.575060,
    "by_claim": 0.696042,
    "by_story": 0.524113,
    "object": 0.658739,
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
