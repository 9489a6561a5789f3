"""Check-worthiness: a logistic regression over TF-IDF word n-grams plus binary cue features.

Owns the feature extraction shared with ``scripts/train_claims.py`` (so training and runtime see
the same features), the lazy, cached load of ``nkterm/data/claims_model.json``, the score and its
explanation (the strongest contributing features, shown as cues).

The score of a sentence is ``sigmoid(bias + sum(cue weights) + sum(w_f * idf_f) / norm)`` where
``f`` runs over the distinct word n-grams of the sentence that the model knows (binary TF,
scikit-learn's ``TfidfVectorizer(binary=True, norm="l2")``) and ``norm = sqrt(sum(idf_f ** 2))``.
The model file (format 3) stores the n-grams as a list ordered by (|w_f * idf_f|, n-gram) and,
in parallel, ``w_f * idf_f`` and ``idf_f ** 2``; scoring is one dict lookup per word and one
per word pair (by the two word ids) for the whole text, then two sums per sentence.

An optional third part, "sentence meaning": WordLlama's static token vectors (MIT), mean-pooled
over the sentence, enter the regression linearly, so training folds them into one number per word
(``U[w]``: the summed vectors of the word's tokens dotted with the learned weights) and its token
count ``n[w]``; the part scores ``sum(U) / sum(n)`` over the sentence's words (a word not in the
table: numbers and signs are spelt out one token per character, as the Llama tokenizer does;
other unknown words are left out). One dict lookup per word; the vectors themselves never ship.
Pure Python at runtime: no numpy, no scikit-learn; must not import textual or whoosh.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import cast

from nkterm.models import CLAIM_KINDS

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "claims_model.json"
MODEL_FORMAT = 3
_PRIOR = -1.15  # logit of the base rate (~24% check-worthy) when no model file can be read
_EXPLAIN_TOP = 3
_EXPLAIN_MIN = 0.15
_KIND_FEATURE = {k: f"[k:{k}]" for k in CLAIM_KINDS}
_MEANING = "\x00meaning"  # the sentence meaning part among the reasons (no n-gram or cue has it)


@dataclass(frozen=True)
class Meaning:
    """The word table of the "sentence meaning" part: word -> (U, n); single characters -> u and
    the bare word-start token's u for spelling out a number; ``centre`` is the part's value for
    an average training sentence (already in the bias; explanations show the part relative to it)."""

    table: dict[str, tuple[float, int]]
    chars: dict[str, float]
    lead: float
    centre: float

    def spell(self, word: str) -> tuple[float, int]:
        """A word not in the table: one token per character after the word-start token when it
        does not start with a letter and every character is a token; else left out (0, 0)."""
        chars = self.chars
        if not word or word[0].isalpha() or not all(c in chars for c in word):
            return _NOTHING
        return self.lead + sum(map(chars.__getitem__, word)), 1 + len(word)

    def words(self, lows: Sequence[str]) -> list[tuple[float, int]]:
        """(U, n) per word: the table in C, the few misses spelt out."""
        hits: list[tuple[float, int] | None] = list(map(self.table.get, lows))
        i = -1
        try:
            while True:
                i = hits.index(None, i + 1)
                hits[i] = self.spell(lows[i])
        except ValueError:
            pass
        return hits  # type: ignore[return-value]


_NOTHING = (0.0, 0)


_U, _N = itemgetter(0), itemgetter(1)
_FIRST, _SECOND = _U, _N


def _meaning(parts: Sequence[tuple[float, int]]) -> float:
    """The part's value for a sentence's (U, n) pairs: sum(U) / sum(n), 0 with no known word."""
    if not parts:
        return 0.0
    n = sum(map(_N, parts))
    return sum(map(_U, parts)) / n if n else 0.0


@dataclass(frozen=True)
class Model:
    """The learned weights. N-gram ``i`` is ``names[i]`` with ``weight[i]`` (its coefficient
    times its idf) and ``idf2[i]``; the file keeps the n-grams ordered by (|weight|, name), so an
    n-gram's id is also its rank as a reason and a sentence's strongest reasons are its largest
    ids. A sentence's distinct n-grams are a set of ints and its score two sums over them in C.
    Every known word pair is made of known words (min_df 2), so a pair is looked up by the ids of
    its two words (``pair_id``), never as a joined string."""

    bias: float
    names: list[str]  # id -> n-gram
    # id -> weight * idf and id -> idf ** 2, kept as C arrays of doubles (the same values as the
    # file's floats): a lookup reads one packed 8-byte slot instead of a pointer and a float object
    # somewhere on the heap, ~20% of the score's cost inside a build
    weight: Sequence[float]
    idf2: Sequence[float]
    cues: dict[str, float]  # cue, kind, length and question features -> weight
    meta: dict[str, object]
    meaning: Meaning | None = None
    word_id: dict[str, int] = field(init=False, repr=False, compare=False)  # word -> id
    pair_id: dict[tuple[int, int], int] = field(init=False, repr=False, compare=False)
    # cue -> (|weight|, cue, weight) for the cues an explanation may name (length buckets act as
    # the intercept for a sentence's length and are never named as a reason)
    reasons: dict[str, tuple[float, str, float]] = field(init=False, repr=False, compare=False)
    # word as written (lower case) -> (its word id, its meaning (U, n)) for every word of either
    # table, so a text's tokens need one lookup in one table instead of one in each (only with a
    # meaning table; see ``DocScorer``)
    lexicon: dict[str, tuple[int | None, tuple[float, int]]] = field(init=False, repr=False, compare=False)
    # a word of neither table (mostly numbers: "2004", "10") -> its lexicon entry as ``DocScorer``
    # spells it out, kept for the next texts (a corpus repeats them); emptied when full
    spelt: dict[str, tuple[int | None, tuple[float, int]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", array("d", self.weight))
        object.__setattr__(self, "idf2", array("d", self.idf2))
        # (run once per worker process: comprehensions, one look-up per word of a pair)
        word_id: dict[str, int] = {g: i for i, g in enumerate(self.names) if " " not in g}
        pairs = [(g, i) for i, g in enumerate(self.names) if " " in g]
        pair_id: dict[tuple[int, int], int] = {}
        get = word_id.get
        for g, i in pairs:
            left, _, right = g.partition(" ")
            a = get(left)
            if a is not None:
                b = get(right)
                if b is not None:
                    pair_id[a, b] = i
        object.__setattr__(self, "word_id", word_id)
        object.__setattr__(self, "pair_id", pair_id)
        reasons = {c: (abs(w), c, w) for c, w in self.cues.items() if not c.startswith("[len:")}
        object.__setattr__(self, "reasons", reasons)
        lexicon: dict[str, tuple[int | None, tuple[float, int]]] = {}
        if self.meaning is not None:
            meaning = self.meaning
            for w, part in meaning.table.items():
                lexicon[w] = (word_id.get(_shape(w) if w < "a" else w), part)
            for w, i in word_id.items():
                if w not in lexicon and not w.startswith("<"):  # (not the shapes: <num>, <year>)
                    lexicon[w] = (i, meaning.spell(w))
        object.__setattr__(self, "lexicon", lexicon)
        object.__setattr__(self, "spelt", {})

    @property
    def fallback(self) -> bool:
        return bool(self.meta.get("fallback"))

    @functools.cached_property
    def gram_id(self) -> dict[str, int]:
        """Any n-gram -> id (for scoring a sentence given as n-gram strings)."""
        return dict(zip(self.names, range(len(self.names)), strict=True))

    @property
    def ngrams(self) -> dict[str, tuple[float, float]]:
        """n-gram -> (weight * idf, idf ** 2), as a table to read."""
        return {g: (w, f) for g, w, f in zip(self.names, self.weight, self.idf2, strict=True)}


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


_BUCKETS = [_length_bucket(n) for n in range(41)]  # by min(n, 40)


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
    feats.add(_BUCKETS[n_words if n_words < 40 else 40])
    if question:
        feats.add("[question]")
    return feats


def _floats(value: object, n: int, what: str) -> list[float]:
    if not isinstance(value, list) or len(value) != n:
        raise ValueError(f"{what}: expected a list of {n} numbers")
    return list(map(float, value))  # (a worker reads ~130,000 of them when it starts: in C)


def _all_str(values: list[object]) -> bool:
    """Whether every value is a ``str`` (JSON makes no subclass of it), tested in C."""
    return set(map(type, values)) <= {str}


def _load_meaning(data: dict[str, object]) -> Meaning:
    words = data["words"]
    if not isinstance(words, list) or not _all_str(words):
        raise ValueError("meaning.words: expected a list of strings")
    u = _floats(data["u"], len(words), "meaning.u")
    n = [int(x) for x in _floats(data["n"], len(words), "meaning.n")]
    chars = data["chars"]
    if not isinstance(chars, dict):
        raise ValueError("meaning.chars: expected a table of characters")
    table = dict(zip(words, zip(u, n, strict=True), strict=True))
    return Meaning(
        table,
        {str(c): float(v) for c, v in chars.items()},
        float(data["lead"]),  # type: ignore[arg-type]
        float(data["centre"]),  # type: ignore[arg-type]
    )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    """The learned weights, read once. A missing or unreadable file gives the base-rate prior,
    so detection keeps working (every score is then the same, and the cues say so)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"unknown model format {data.get('format')!r}")
        names = data["ngrams"]
        if not isinstance(names, list) or not _all_str(names):
            raise ValueError("ngrams: expected a list of strings")
        weight = _floats(data["weight"], len(names), "weight")
        idf2 = _floats(data["idf2"], len(names), "idf2")
        cues = {str(k): float(v) for k, v in data["cues"].items()}
        meaning = _load_meaning(data["meaning"]) if "meaning" in data else None
        return Model(float(data["bias"]), names, weight, idf2, cues, dict(data.get("meta", {})), meaning)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        log.warning("claims model %s unusable (%s): scores fall back to the prior", path, exc)
        return Model(_PRIOR, [], [], [], {}, {"fallback": True})


def score(
    model: Model, grams: Iterable[str], cues: Iterable[str], lows: Sequence[str] = ()
) -> tuple[float, Contributions]:
    """Probability of check-worthiness and what made it (``.top()``: the strongest contributing
    features), for a sentence given as its n-grams, its cue features and (for the sentence
    meaning part, when the model has one) its lower-cased words."""
    get = model.gram_id.get
    ids = set(map(get, grams))
    ids.discard(None)
    parts = model.meaning.words(lows) if model.meaning is not None else []
    return _probability(model, ids, set(cues), parts, lows)  # type: ignore[arg-type]


class Contributions:
    """What made a score, ranked only when a claim's explanation asks for it."""

    __slots__ = ("cues", "ids", "inv", "lows", "model", "part", "parts", "total")

    def __init__(
        self,
        model: Model,
        ids: set[int],
        cues: set[str],
        inv: float,
        parts: Sequence[tuple[float, int]] = (),
        lows: Sequence[str] = (),
        part: float | None = None,
        total: int | None = None,
    ) -> None:
        self.model, self.ids, self.cues, self.inv = model, ids, cues, inv
        self.parts, self.lows = parts, lows
        # the meaning part's value, ``_meaning(parts)``, and its token count ``sum(n)``, when the
        # score already computed them
        self.part = _meaning(parts) if part is None else part
        self.total = total

    def meaning(self) -> float:
        """The sentence meaning part relative to an average training sentence."""
        m = self.model.meaning
        return self.part + m.centre if m is not None else 0.0

    def meaning_words(self, n: int = 2) -> list[tuple[float, str]]:
        """The ``n`` words that moved the meaning part most in its direction: a word's share is
        (U + centre * n_w) / sum(n), and the shares add up to ``meaning()``."""
        m = self.model.meaning
        parts = self.parts
        total = sum(map(_N, parts)) if self.total is None else self.total
        if m is None or not total:
            return []
        shares: dict[str, float] = {}
        centre, get = m.centre, shares.get
        for (u, k), w in zip(parts, self.lows, strict=True):
            if k:
                shares[w] = get(w, 0.0) + (u + centre * k) / total
        sign = 1.0 if self.part + m.centre >= 0 else -1.0
        if n != 2:
            # (-|share|, word) is unique per word: the tuples sort without a key function
            ranked = sorted([(-abs(v), w, v) for w, v in shares.items() if v * sign > 0])
            return [(v, w) for _, w, v in ranked[:n]]
        return _two_largest(shares, sign)

    def top(self, n: int = _EXPLAIN_TOP) -> list[tuple[float, str]]:
        """The ``n`` strongest contributions (signed weight, name). |w * idf| orders the n-grams
        (the norm is the same for all of them); length buckets act as the intercept for a
        sentence's length and are never named as a reason."""
        m, inv = self.model, self.inv
        names, weight = m.names, m.weight
        # ids are ranks (the file is ordered by |weight|, then name): the largest are the
        # strongest; sorted() runs in C and beats heapq.nlargest on a sentence's few dozen n-grams
        best = sorted(self.ids, reverse=True)[:n]
        ranked = [(abs(weight[i]) * inv, names[i], weight[i] * inv) for i in best]
        ranked.extend(filter(None, map(m.reasons.get, self.cues)))
        if m.meaning is not None:
            value = self.meaning()
            ranked.append((abs(value), _MEANING, value))
        ranked.sort(reverse=True)
        return [(w, name) for _, name, w in ranked[:n]]


_ZEROS = repeat(0.0)


def _two_largest(shares: dict[str, float], sign: float) -> list[tuple[float, str]]:
    """The two words of largest |share| among those of the ``sign`` (ties: the smaller word
    first), as sorting every (-|share|, word) would give them, in one pass: the sort of a
    sentence's tuples cost more than everything else in the explanation."""
    a1 = a2 = 0.0
    w1: str | None = None
    w2: str | None = None
    v1 = v2 = 0.0
    for w, v in shares.items():
        if v * sign > 0:
            a = v if v > 0 else -v
            if w1 is None or a > a1 or (a == a1 and w < w1):
                a2, w2, v2 = a1, w1, v1
                a1, w1, v1 = a, w, v
            elif w2 is None or a > a2 or (a == a2 and w < w2):
                a2, w2, v2 = a, w, v
    if w1 is None:
        return []
    return [(v1, w1)] if w2 is None else [(v1, w1), (v2, w2)]


def _probability(
    model: Model,
    ids: set[int],
    cues: set[str],
    parts: Sequence[tuple[float, int]] = (),
    lows: Sequence[str] = (),
) -> tuple[float, Contributions]:
    # The ids are ints: a set of them iterates in the same order on every run, so the plain sum
    # is reproducible. The cue names are strings (hash-seeded order): fsum, exact, for them.
    norm2 = sum(map(model.idf2.__getitem__, ids))
    inv = 1.0 / math.sqrt(norm2) if norm2 > 0 else 0.0
    part = _meaning(parts)
    z = (
        model.bias
        + sum(map(model.weight.__getitem__, ids)) * inv
        + math.fsum(map(model.cues.get, cues, _ZEROS))
        + part
    )
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z)), Contributions(model, ids, cues, inv, parts, lows, part)


_SPELT_MAX = 5_000  # ``Model.spelt``'s size: a BBC document has ~12 such words, most of them met before


class DocScorer:
    """Scores the sentences of one text. N-gram lookups are done once for the whole text (words
    by string, pairs by the ids of their words: no pair string is ever built); per sentence only
    the slices are combined into a set of ids. Gives exactly ``score(model, ngrams(...),
    cue_features(...))`` (a unit test holds it to that)."""

    __slots__ = ("lows", "model", "pair_ids", "parts", "word_ids")

    def __init__(self, model: Model, lows: Sequence[str]) -> None:
        self.model = model
        self.lows = lows
        # every lookup runs in C (map over dict.get): no Python loop per token
        self.word_ids: list[int | None]
        self.parts: list[tuple[float, int]] | None
        if model.meaning is None:
            self.parts = None
            self.word_ids = list(map(model.word_id.get, shaped(lows)))
        else:
            # one lookup per token in the combined table, the few words of neither table (mostly
            # numbers) looked up and spelt out one by one: the same ids and parts as
            # ``word_id.get(shaped(w))`` and ``meaning.words(lows)``
            found: list[tuple[int | None, tuple[float, int]] | None] = list(map(model.lexicon.get, lows))
            spelt = model.spelt
            i = -1
            try:
                while True:
                    i = found.index(None, i + 1)
                    w = lows[i]
                    entry = spelt.get(w)
                    if entry is None:
                        if len(spelt) >= _SPELT_MAX:
                            spelt.clear()
                        entry = spelt[w] = (
                            model.word_id.get(_shape(w) if w < "a" else w),
                            model.meaning.spell(w),
                        )
                    found[i] = entry
            except ValueError:
                pass
            self.word_ids = list(map(_FIRST, found))  # type: ignore[arg-type]
            self.parts = list(map(_SECOND, found))  # type: ignore[arg-type]
        self.pair_ids: list[int | None] = list(
            map(model.pair_id.get, zip(self.word_ids, islice(self.word_ids, 1, None), strict=False))  # type: ignore[arg-type]
        )

    def score(
        self, lo: int, hi: int, cue_feats: Iterable[str], kinds: Iterable[str], question: bool
    ) -> tuple[float, Contributions]:
        found = set(self.word_ids[lo:hi])
        found.update(self.pair_ids[lo : hi - 1])
        found.discard(None)
        ids = cast("set[int]", found)
        # cue_features() and _probability() written out: this runs once per sentence
        feats = set(cue_feats)
        feats.update(map(_KIND_FEATURE.__getitem__, kinds))
        n = hi - lo
        feats.add(_BUCKETS[n if n < 40 else 40])
        if question:
            feats.add("[question]")
        model = self.model
        if len(ids) > 1:
            # one itemgetter reads both arrays in C, in the set's order (the sums are the same
            # additions as ``sum(map(array.__getitem__, ids))``, whose slot wrapper packs an
            # argument tuple per element)
            get = itemgetter(*ids)
            norm2 = sum(get(model.idf2))
            weights = sum(get(model.weight))
        else:
            norm2 = sum(map(model.idf2.__getitem__, ids))
            weights = sum(map(model.weight.__getitem__, ids))
        inv = 1.0 / math.sqrt(norm2) if norm2 > 0 else 0.0
        z = model.bias + weights * inv
        z += math.fsum(map(model.cues.get, feats, _ZEROS))
        if self.parts is None:
            z = max(-30.0, min(30.0, z + 0.0))
            return 1.0 / (1.0 + math.exp(-z)), Contributions(model, ids, feats, inv, (), (), 0.0, 0)
        parts = self.parts[lo:hi]
        total = sum(map(_N, parts))
        part = sum(map(_U, parts)) / total if total else 0.0
        z = max(-30.0, min(30.0, z + part))
        return 1.0 / (1.0 + math.exp(-z)), Contributions(
            model, ids, feats, inv, parts, self.lows[lo:hi], part, total
        )


def explain(contrib: Contributions) -> list[str]:
    """Cues for the strongest learned features: ``learned: "percent" +0.91``."""
    out: list[str] = []
    for w, f in contrib.top():
        if abs(w) < _EXPLAIN_MIN:
            break
        if f == _MEANING:
            words = ", ".join(f'"{word}" {v:+.2f}' for v, word in contrib.meaning_words())
            out.append(f"learned: sentence meaning {w:+.2f}" + (f" (most: {words})" if words else ""))
            continue
        name = f if f.startswith("[") else f'"{f}"'
        out.append(f"learned: {name} {w:+.2f}")
    return out
