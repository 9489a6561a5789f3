"""Check-worthiness: a logistic regression over TF-IDF word n-grams plus binary cue features.

Owns the feature extraction shared with ``scripts/train_claims.py`` (so training and runtime see
the same features), the lazy, cached load of ``nkterm/data/claims_model.json``, the score and its
explanation (the strongest contributing features, shown as cues).

The score of a sentence is ``sigmoid(bias + sum(cue weights) + sum(w_f * idf_f) / norm)`` where
``f`` runs over the distinct word n-grams of the sentence that the model knows (binary TF,
scikit-learn's ``TfidfVectorizer(binary=True, norm="l2")``) and ``norm = sqrt(sum(idf_f ** 2))``.
The model file stores ``w_f * idf_f`` and ``idf_f ** 2`` per n-gram, so scoring is two dict
lookups per token and a sum. Pure Python at runtime: no numpy, no scikit-learn; must not import
textual or whoosh.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from pathlib import Path

from nkterm.models import CLAIM_KINDS

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "claims_model.json"
MODEL_FORMAT = 2
_PRIOR = -1.15  # logit of the base rate (~24% check-worthy) when no model file can be read
_EXPLAIN_TOP = 3
_EXPLAIN_MIN = 0.15
_KIND_FEATURE = {k: f"[k:{k}]" for k in CLAIM_KINDS}


@dataclass(frozen=True)
class Model:
    bias: float
    ngrams: dict[str, tuple[float, float]]  # n-gram -> (weight * idf, idf ** 2)
    cues: dict[str, float]  # cue, kind, length and question features -> weight
    meta: dict[str, object]
    # n-gram -> (|weight * idf|, n-gram, weight * idf, idf ** 2): what the scorer sums and ranks
    entries: dict[str, tuple[float, str, float, float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", {g: (abs(v[0]), g, v[0], v[1]) for g, v in self.ngrams.items()})

    @property
    def fallback(self) -> bool:
        return bool(self.meta.get("fallback"))


def _shape(word: str) -> str:
    """Numbers become their shape, so "$4 billion" and "$700 billion" share one feature."""
    if not word[0].isdigit():
        return word
    if len(word) in (4, 5) and word[:2] in ("19", "20") and word[:4].isdigit():
        return "<year>"
    return "<num>"


def shaped(lows: Sequence[str]) -> list[str]:
    # Words sorting before "a" start with a digit or a sign: only those need reshaping.
    return [w if w >= "a" else _shape(w) for w in lows]


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


def ngrams(lows: Sequence[str]) -> set[str]:
    """The distinct word n-grams of one sentence: words (numbers by shape) and word pairs."""
    words = shaped(lows)
    feats = set(words)
    feats.update(map(" ".join, zip(words, islice(words, 1, None), strict=False)))
    return feats


def cue_features(n_words: int, cue_feats: Iterable[str], kinds: Iterable[str], question: bool) -> set[str]:
    """The binary non-text features: cues that fired (``[q:money]``), the claim kinds
    (``[k:hedge]``), a length bucket and a question flag."""
    feats = set(cue_feats)
    feats.update(map(_KIND_FEATURE.__getitem__, kinds))
    feats.add(_length_bucket(n_words))
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
        grams = {str(k): (float(v[0]), float(v[1])) for k, v in data["ngrams"].items()}
        cues = {str(k): float(v) for k, v in data["cues"].items()}
        return Model(float(data["bias"]), grams, cues, dict(data.get("meta", {})))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        log.warning("claims model %s unusable (%s): scores fall back to the prior", path, exc)
        return Model(_PRIOR, {}, {}, {"fallback": True})


_Entry = tuple[float, str, float, float]  # (|weight * idf|, n-gram, weight * idf, idf ** 2)


def score(model: Model, grams: Iterable[str], cues: Iterable[str]) -> tuple[float, Contributions]:
    """Probability of check-worthiness and what made it (``.top()``: the strongest contributing
    features), for a sentence given as its n-grams and its cue features."""
    table = model.entries
    entries = [table[g] for g in set(grams) if g in table]
    return _probability(model, entries, set(cues))


class Contributions:
    """What made a score, ranked only when a claim's explanation asks for it."""

    __slots__ = ("cues", "entries", "inv")

    def __init__(self, entries: list[_Entry], cues: list[tuple[float, str, float]], inv: float) -> None:
        self.entries, self.cues, self.inv = entries, cues, inv

    def top(self, n: int = _EXPLAIN_TOP) -> list[tuple[float, str]]:
        """The ``n`` strongest contributions (signed weight, name). |w * idf| orders the n-grams
        (the norm is the same for all of them); length buckets act as the intercept for a
        sentence's length and are never named as a reason."""
        inv = self.inv
        # sorted() runs in C and beats heapq.nlargest on the few dozen n-grams of a sentence
        ranked = [(a * inv, g, w * inv) for a, g, w, _ in sorted(self.entries, reverse=True)[:n]]
        ranked.extend(c for c in self.cues if c[1][:5] != "[len:")
        ranked.sort(reverse=True)
        return [(w, name) for _, name, w in ranked[:n]]


def _probability(model: Model, entries: list[_Entry], cues: set[str]) -> tuple[float, Contributions]:
    cw = model.cues
    norm2 = math.fsum(map(itemgetter(3), entries))
    inv = 1.0 / math.sqrt(norm2) if norm2 > 0 else 0.0
    known_cues = [(abs(cw[c]), c, cw[c]) for c in cues if c in cw]
    # fsum: exact, so the score does not depend on the set's (hash-seeded) iteration order
    z = model.bias + math.fsum(map(itemgetter(2), entries)) * inv + math.fsum(map(itemgetter(2), known_cues))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z)), Contributions(entries, known_cues, inv)


class DocScorer:
    """Scores the sentences of one text. N-gram lookups are done once for the whole text; per
    sentence only the slices are combined. Gives exactly ``score(model, ngrams(...),
    cue_features(...))`` (a unit test holds it to that)."""

    __slots__ = ("bigram_entries", "model", "word_entries")

    def __init__(self, model: Model, lows: Sequence[str]) -> None:
        get = model.entries.get
        self.model = model
        words = shaped(lows)
        # every lookup runs in C (map over dict.get and str.join): no Python loop per token
        self.word_entries = list(map(get, words))
        self.bigram_entries = list(map(get, map(" ".join, zip(words, islice(words, 1, None), strict=False))))

    def score(
        self, lo: int, hi: int, cue_feats: Iterable[str], kinds: Iterable[str], question: bool
    ) -> tuple[float, Contributions]:
        known = set(filter(None, self.word_entries[lo:hi]))
        known.update(filter(None, self.bigram_entries[lo : hi - 1]))
        return _probability(self.model, list(known), cue_features(hi - lo, cue_feats, kinds, question))


def explain(contrib: Contributions) -> list[str]:
    """Cues for the strongest learned features: ``learned: "percent" +0.91``."""
    out: list[str] = []
    for w, f in contrib.top():
        if abs(w) < _EXPLAIN_MIN:
            break
        name = f if f.startswith("[") else f'"{f}"'
        out.append(f"learned: {name} {w:+.2f}")
    return out
