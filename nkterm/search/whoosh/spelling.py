"""The index's spelling list, in memory: every word of the corpus's bodies as written (folded, not
stemmed, stop words out) with the number of documents it is in, for fuzzy words (``word~``)
and "did you mean". It replaces Whoosh's spelling field, which cost ~40% of Whoosh's
indexing time, and whose term table a fuzzy word walked on disk, segment by segment.

Kept in ``spelling.json`` in the index folder, written after each commit and tied to the index
generation; a missing or stale file (a run killed between commit and write) is rebuilt from
the stored bodies. Edit distances come from rapidfuzz (C++), imported on the first look-up. Imports no Whoosh.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path
from typing import Any

from nkterm.analysis import tokens
from nkterm.files import write_json

SPELLING_FILE = "spelling.json"
_ONE = 1


def words_of(text: str) -> list[str]:
    """The distinct words of ``text`` as the spelling list keeps them."""
    return sorted({t.term for t in tokens(text, stem_words=False)})


class Spelling:
    """Words and their document counts; ``within`` and ``closest`` look words up by edits."""

    def __init__(self, counts: dict[str, int] | None = None) -> None:
        self.counts: dict[str, int] = counts if counts is not None else {}
        self._by_first: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.counts)

    def copy(self) -> Spelling:
        return Spelling(dict(self.counts))

    def add(self, words: Iterable[str]) -> None:
        """One more document with each of ``words`` (``words_of``: distinct)."""
        counts = self.counts
        if not isinstance(words, list | tuple):
            words = list(words)
        # each count + 1, in C (map, zip, dict.update): ~150 words a document in the build
        counts.update(zip(words, map(_ONE.__add__, map(counts.get, words, repeat(0))), strict=True))
        self._by_first = None

    def remove(self, words: Iterable[str]) -> None:
        counts = self.counts
        for word in words:
            n = counts.get(word, 0) - 1
            if n > 0:
                counts[word] = n
            else:
                counts.pop(word, None)
        self._by_first = None

    def df(self, word: str) -> int:
        """In how many documents ``word`` is."""
        return self.counts.get(word, 0)

    def _pool(self, first: str) -> list[str]:
        if self._by_first is None:
            by_first: dict[str, list[str]] = {}
            for word in self.counts:
                by_first.setdefault(word[:1], []).append(word)
            self._by_first = by_first
        return self._by_first.get(first, []) if first else list(self.counts)

    def within(self, word: str, maxdist: int, prefix: int = 0) -> list[str]:
        """The words within ``maxdist`` edits of ``word`` (itself included when it is one)
        that share its first ``prefix`` letters (Whoosh's ``terms_within``)."""
        if not word:
            return []
        if prefix > len(word):  # as Whoosh: the query says what it cannot mean
            raise ValueError(f"a fuzzy prefix of {prefix} letters is longer than {word!r}")
        start = word[:prefix]
        pool = self._pool(word[:1] if prefix else "")
        if len(start) > 1:
            pool = [w for w in pool if w.startswith(start)]
        from rapidfuzz import process  # here: only fuzzy words and "did you mean" need it
        from rapidfuzz.distance import Levenshtein

        found = process.extract(word, pool, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None)
        return sorted(w for w, _distance, _i in found)

    def closest(self, word: str) -> str | None:
        """The word one edit away (else two) from ``word``, same first letter, in most
        documents; None when there is none."""
        for edits in (1, 2):
            candidates = [c for c in self.within(word, edits, prefix=1) if c != word]
            if candidates:
                return max(candidates, key=lambda c: (self.df(c), c))
        return None


def load(directory: Path, generation: int) -> Spelling | None:
    """The list saved for ``generation``, or None (missing, unreadable or of another one)."""
    try:
        data: Any = json.loads((directory / SPELLING_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generation") != generation:
        return None
    words = data.get("words")
    if not isinstance(words, dict) or not all(type(n) is int for n in words.values()):
        return None
    return Spelling(words)


def save(directory: Path, generation: int, spelling: Spelling) -> None:
    write_json(directory / SPELLING_FILE, {"generation": generation, "words": spelling.counts})


def from_bodies(bodies: Iterable[str]) -> Spelling:
    """The list made from scratch (an index without a current ``spelling.json``)."""
    spelling = Spelling()
    for body in bodies:
        spelling.add(words_of(body))
    return spelling
