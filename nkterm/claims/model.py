"""Check-worthiness: a logistic regression over words, word pairs and cue features.

Owns the feature extraction shared with ``scripts/train_claims.py`` (so training and runtime see
the same features), the lazy, cached load of ``nkterm/data/claims_model.json``, the score and its
explanation (the strongest contributing features, shown as cues). Pure Python at runtime: no
numpy; must not import textual or whoosh.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, islice
from pathlib import Path

from nkterm.models import CLAIM_KINDS

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "claims_model.json"
MODEL_FORMAT = 1
_PRIOR = -1.15  # logit of the base rate (~24% check-worthy) when no model file can be read
_EXPLAIN_TOP = 3
_EXPLAIN_MIN = 0.15
_KIND_FEATURE = {k: f"[k:{k}]" for k in CLAIM_KINDS}


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]  # learned weights plus the genre priors: what the score uses
    meta: dict[str, object]
    priors: dict[str, float] = field(default_factory=dict)  # the part of a weight set by hand
    # strength order of the features (|weight| descending, then name): explanations sort by it
    rank: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Length buckets act as the intercept for a sentence's length: ranked last, so the
        # explanation names what the sentence says.
        order = sorted(self.weights, key=lambda f: (f.startswith("[len:"), -abs(self.weights[f]), f))
        object.__setattr__(self, "rank", {f: i for i, f in enumerate(order)})


def _shape(word: str) -> str:
    """Numbers become their shape, so "$4 billion" and "$700 billion" share one feature."""
    if not word[0].isdigit():
        return word
    if len(word) in (4, 5) and word[:2] in ("19", "20") and word[:4].isdigit():
        return "<year>"
    return "<num>"


def _length_bucket(n: int) -> str:
    if n < 5:
        return "[len:<5]"
    if n < 10:
        return "[len:5-9]"
    if n < 20:
        return "[len:10-19]"
    if n < 40:
        return "[len:20-39]"
    return "[len:40+]"


def features(lows: Sequence[str], cue_feats: Iterable[str], kinds: Iterable[str], question: bool) -> set[str]:
    """The binary features of one sentence: words (numbers by shape), adjacent word pairs, the
    cues that fired (``[q:money]``), the claim kinds (``[k:hedge]``), length and question."""
    # Words sorting before "a" start with a digit or a sign: only those need reshaping.
    words = [w if w >= "a" else _shape(w) for w in lows]
    feats = set(words)
    feats.update(map(" ".join, zip(words, islice(words, 1, None), strict=False)))
    feats.update(cue_feats)
    feats.update(map(_KIND_FEATURE.__getitem__, kinds))
    feats.add(_length_bucket(len(words)))
    if question:
        feats.add("[question]")
    return feats


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    """The learned weights, read once. A missing or unreadable file gives the base-rate prior,
    so detection keeps working (every score is then the same, and the cues say so)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        priors = {str(k): float(v) for k, v in data.get("priors", {}).items()}
        for f, prior in priors.items():
            weights[f] = round(weights.get(f, 0.0) + prior, 4)
        return Model(float(data["bias"]), weights, dict(data.get("meta", {})), priors)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("claims model %s unusable (%s): scores fall back to the prior", path, exc)
        return Model(_PRIOR, {}, {"fallback": True})


def score(model: Model, feats: set[str]) -> tuple[float, list[tuple[float, str]]]:
    """Probability of check-worthiness and the strongest contributing features (weight, name)."""
    return _probability(model, model.weights.keys() & feats)


def _probability(model: Model, known: set[str]) -> tuple[float, list[tuple[float, str]]]:
    weights = model.weights
    # fsum: exact, so the score does not depend on the set's (hash-seeded) iteration order
    z = model.bias + math.fsum(map(weights.__getitem__, known))
    z = max(-30.0, min(30.0, z))
    strongest = sorted(known, key=model.rank.__getitem__)[:_EXPLAIN_TOP]
    return 1.0 / (1.0 + math.exp(-z)), [(weights[f], f) for f in strongest if f[:5] != "[len:"]


class DocScorer:
    """Scores the sentences of one text. Word and word-pair weights are looked up once for the
    whole text with C-level ``map``; per sentence only the slices are combined. Gives exactly
    ``score(model, features(...))`` (a unit test holds it to that)."""

    __slots__ = ("bigram_weights", "bigrams", "model", "word_weights", "words")

    def __init__(self, model: Model, lows: Sequence[str]) -> None:
        get = model.weights.get
        self.model = model
        self.words = [w if w >= "a" else _shape(w) for w in lows]
        self.word_weights = list(map(get, self.words))
        self.bigrams = list(map(" ".join, zip(self.words, islice(self.words, 1, None), strict=False)))
        self.bigram_weights = list(map(get, self.bigrams))

    def score(
        self, lo: int, hi: int, cue_feats: Iterable[str], kinds: Iterable[str], question: bool
    ) -> tuple[float, list[tuple[float, str]]]:
        weights = self.model.weights
        # A weight is never 0 (tiny ones are dropped in training), so compress() keeps the known.
        known = set(compress(self.words[lo:hi], self.word_weights[lo:hi]))
        known.update(compress(self.bigrams[lo : hi - 1], self.bigram_weights[lo : hi - 1]))
        extra = set(cue_feats)
        extra.update(map(_KIND_FEATURE.__getitem__, kinds))
        extra.add(_length_bucket(hi - lo))
        if question:
            extra.add("[question]")
        known.update(weights.keys() & extra)
        return _probability(self.model, known)


def explain(contrib: list[tuple[float, str]], priors: dict[str, float] | None = None) -> list[str]:
    """Cues for the strongest learned features: ``learned: "percent" +0.91``, and
    ``learned: [rule:restriction] +2.10 (genre prior +1.50)`` when part of the weight is a prior."""
    out: list[str] = []
    for w, f in contrib:
        if abs(w) < _EXPLAIN_MIN:
            break
        name = f if f.startswith("[") else f'"{f}"'
        prior = priors.get(f) if priors else None
        out.append(f"learned: {name} {w:+.2f}" + (f" (genre prior {prior:+.2f})" if prior else ""))
    return out
