"""How much two units say the same thing, and whether they agree: key weights (IDF of the
pair's units or of the corpus), the weighted Ochiai similarity with the shared keys behind it
(``shared_keys``), and the conflict rules (``relation_of``: numbers, negation, evaluation).

Must not import Textual, nor Whoosh directly: the corpus is reached through ``Index`` methods.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from nkterm.compare.meanings import MEANING_PREFIX
from nkterm.compare.params import (
    MEANING_FACTOR,
    MIN_CORPUS_DOCS,
    MIN_WORDS,
    NAME_FACTOR,
    NUMBER_DF,
    RELATED_FACTOR,
)
from nkterm.compare.units import Unit
from nkterm.compare.words import COMMON_FACTOR, COMMON_STEMS

if TYPE_CHECKING:
    from nkterm.index import Index

IdfFn = Callable[[str], float]
IdfSpec = IdfFn | tuple[IdfFn, int] | None


class Weights:
    """Key weights: IDF from the corpus when given a function, else over the given units.

    A number weighs like a word found in ``NUMBER_DF`` of the units (or documents): a shared
    "3 days" is strong evidence, but not stronger than a word no other passage uses."""

    def __init__(self, units: Sequence[Unit], idf: IdfSpec) -> None:
        self._cache: dict[str, float] = {}
        self._idf: IdfFn | None
        if idf is None:
            self._idf = None
            self._df: Counter[str] = Counter()
            for u in units:
                self._df.update({s for stems in u.keys.values() for s in stems})
            n = len(units)
        elif isinstance(idf, tuple):
            self._idf, n = idf
        else:
            self._idf, n = idf, len(units)
        self._n = max(1, n)
        df = NUMBER_DF * self._n  # the IDF formulas: ours over units, Whoosh's over documents
        self.number = (
            math.log(self._n / max(1.0, df)) if self._idf is None else math.log(self._n / (df + 1)) + 1
        )
        if isinstance(self._idf, CorpusIdf):  # every word's IDF in one batch, not one by one
            words = {s for u in units for stems in u.keys.values() for s in stems}
            plain = [s for s in words if s[:1] not in "#@"]
            self._idf.prefetch({part for s in words if s[:1] in "#@" for part in _words(s)}.union(plain))
            self._fill(plain, self._idf.known)

    def _fill(self, plain: list[str], idf: dict[str, float]) -> None:
        """Weigh the plain stems (no number, no name of several words) whose IDF ``idf`` has,
        as ``__call__`` would, in one loop: a first comparison weighs thousands."""
        cache, common, factor = self._cache, COMMON_STEMS, COMMON_FACTOR
        for s in plain:
            value = idf.get(s)
            if value is None:
                continue
            if s in common:
                value *= factor
            cache[s] = value if value >= 0.1 else 0.1

    def __call__(self, key_stem: str) -> float:
        cached = self._cache.get(key_stem)
        if cached is not None:
            return cached
        if key_stem.startswith("#"):
            value = self.number
        elif key_stem.startswith("@"):  # a name of several words: its rarest word
            value = max(self(part) for part in key_stem[1:].split())
        elif self._idf is None:
            value = math.log(self._n / max(1, self._df[key_stem]))
        else:
            value = self._idf(key_stem)
        if key_stem in COMMON_STEMS:
            value *= COMMON_FACTOR
        value = max(value, 0.1)  # a word in every unit still counts a little, never negatively
        self._cache[key_stem] = value
        return value

    def weigh(self, unit: Unit) -> None:
        cache, names, weights = self._cache, unit.names, {}
        for key, stems in unit.keys.items():
            if len(stems) == 1:  # most keys: one stem (the cache inlined: a unit has many keys)
                (only,) = stems
                value = cache.get(only)
                if value is None:
                    value = self(only)
            else:
                value = max(self(s) for s in stems)
            weights[key] = value * NAME_FACTOR if key in names else value  # (x * 1.0 is x)
        unit.weights = weights
        unit.total = sum(unit.weights.values())


class CorpusIdf:
    """The index's IDF of a term, memoised for one comparison; ``prefetch`` looks many up in
    one batch (``Index.idfs``, which keeps the counts while the index is unchanged)."""

    def __init__(self, index: Index) -> None:
        self._index = index
        self._cache: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        value = self._cache.get(term)
        if value is None:
            value = self._cache[term] = self._index.idf(term)
        return value

    @property
    def known(self) -> dict[str, float]:
        """The IDFs looked up so far (read-only)."""
        return self._cache

    def prefetch(self, terms: Iterable[str]) -> None:
        cache = self._cache
        missing = [t for t in terms if t not in cache]
        if missing:
            cache.update(self._index.idfs(missing))


def corpus_idf(index: Index) -> tuple[IdfFn, int] | None:
    """The index's IDF (a ``CorpusIdf``) and its document count, or None when the corpus has
    fewer than ``MIN_CORPUS_DOCS`` documents and its statistics would say little (``align``
    then computes IDF over the two documents' units). Call it per comparison: the index
    keeps the term counts for as long as it is unchanged."""
    n = index.doc_count()
    if n < MIN_CORPUS_DOCS:
        return None
    return CorpusIdf(index), n


def _words(key_stem: str) -> list[str]:
    """The index terms whose IDF a key stem's weight needs (``Weights.__call__``)."""
    if key_stem.startswith("#"):
        return []
    if key_stem.startswith("@"):
        return key_stem[1:].split()
    return [key_stem]


def make_weights(units: Sequence[Unit], idf: IdfSpec, also: Sequence[Unit] = ()) -> Weights:
    """Weigh every unit's keys, and set the norm that similarity divides by: the unit's total
    weight, but at least ``MIN_WORDS`` median weights, so that a short sentence cannot reach a
    high similarity by sharing its two words ("Who will support their families?"). The
    returned weights give any stem's weight too. ``also``: units weighed the same way whose
    weights do not count in the median (with corpus IDF they then change no other unit's
    weights or norm: corroboration's documents of the claim's story beside those of its words)."""
    weights = Weights([*units, *also], idf)
    for u in (*units, *also):
        weights.weigh(u)
    every = sorted(w for u in units for w in u.weights.values())
    floor = MIN_WORDS * every[len(every) // 2] if every else 0.0
    for u in (*units, *also):
        u.norm = max(u.total, floor)
    return weights


def similarity_bound(a: Unit, b: Unit) -> float:
    """An upper bound of ``shared_keys(a, b, ...)``'s similarity at a fraction of its cost: each
    shared key counts sqrt(weight_a * weight_b), which is at least what it counts there, summed
    in the same order. ``align`` skips the pairs whose bound is under its threshold."""
    if not a.norm or not b.norm:
        return 0.0
    if len(a.keys) > len(b.keys):
        small, large = a.keys, b.keys
    else:
        small, large = b.keys, a.keys
    weights_a, weights_b, sqrt = a.weights, b.weights, math.sqrt
    score = 0.0
    for key in small:
        if key in large:
            score += sqrt(weights_a[key] * weights_b[key])
    return min(1.0, score / math.sqrt(a.norm * b.norm))


def shared_keys(a: Unit, b: Unit, weigh: Weights) -> tuple[float, list[tuple[float, str, str]]]:
    """Similarity of two weighed units and the shared keys behind it as (weight, label, key),
    heaviest first.

    A key both units reach through the same stem counts that stem's weight; one they reach
    through different members of a related group counts RELATED_FACTOR (of a group of words that
    mean the same, ``meanings``: MEANING_FACTOR) times the geometric mean of their weights. Either is at most sqrt(weight_a * weight_b), so the similarity,
    divided by sqrt(norm_a * norm_b) (norms >= totals), stays within [0, 1] (Cauchy-Schwarz)."""
    if not a.norm or not b.norm:
        return 0.0, []
    if len(a.keys) > len(b.keys):
        small, large = a.keys, b.keys
    else:
        small, large = b.keys, a.keys
    score = 0.0
    shared: list[tuple[float, str, str]] = []
    for key in small:
        if key not in large:
            continue
        stems_a, stems_b = a.keys[key], b.keys[key]
        common = [s for s in stems_a if s in stems_b]
        if common:
            best = common[0] if len(common) == 1 else max(common, key=lambda s: (weigh(s), s))
            factor = NAME_FACTOR if key in a.names and key in b.names else 1.0
            weight = min(weigh(best) * factor, math.sqrt(a.weights[key] * b.weights[key]))
            label = _label(stems_a[best], stems_b[best], True)
        else:
            factor = MEANING_FACTOR if key.startswith(MEANING_PREFIX) else RELATED_FACTOR
            weight = factor * math.sqrt(a.weights[key] * b.weights[key])
            label = _label(next(iter(stems_a.values())), next(iter(stems_b.values())), False)
        score += weight
        shared.append((weight, label, key))
    shared.sort(key=lambda x: (-x[0], x[1]))
    return min(1.0, score / math.sqrt(a.norm * b.norm)), shared


def _label(word_a: str, word_b: str, same_stem: bool) -> str:
    if word_a == word_b:
        return word_a
    return f"{word_a}/{word_b}" if same_stem else f"{word_a}≈{word_b}"


def shown_terms(shared: Sequence[tuple[float, str, str]], limit: int) -> tuple[str, ...]:
    """The labels of ``shared`` (``shared_keys``'s, heaviest first) that a reason or a pair
    lists, at most ``limit``: a word that is part of a shared name stands for that name, so it
    is not listed beside it. A name's last word is a key of its own ("@north korea" and
    "korea"): "same topic: North Korea, people, korea" and "Koryo Tours, North Korea, tours"
    said a name's part beside the name. Words are compared as written ("tours" is the key
    ``~travel``): a label is a part when each of its words ("korean/koreans") is a word of a
    name's label ("North Korean/North Koreans"). Only what is listed changes: the similarity
    still counts both keys."""
    names = [(_label_words(label), label) for _w, label, key in shared if key.startswith("@")]
    shown: list[str] = []
    for _weight, label, _key in shared:
        if len(shown) >= limit:
            break
        words = _label_words(label)
        label = next((name for name_words, name in names if words < name_words), label)
        if label not in shown:
            shown.append(label)
    return tuple(shown)


def _label_words(label: str) -> frozenset[str]:
    return frozenset(_LABEL_WORD.findall(label.casefold()))


_LABEL_WORD = re.compile(r"\w+")
