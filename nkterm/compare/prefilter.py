"""The corroboration prefilter: a regex per key of a claim that finds the paragraphs and
sentences of a candidate document that can match it, so that the rest is never split into
sentences nor analysed. Must not import Textual, nor Whoosh directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nkterm.compare.params import MIN_SHARED
from nkterm.compare.words import GROUP_MEMBERS, PHRASES
from nkterm.models import Claim, Document, Span

if TYPE_CHECKING:
    from nkterm.compare.similarity import IdfFn
    from nkterm.compare.units import Unit


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Finds the stretches of text that can share ``needed`` keys with a query, so that the rest
    are never split into sentences nor analysed (that is most of what corroboration costs).

    One pattern per key of the query (one pattern per key, not one alternation, because two
    keys can match the same word: "organ" and the group of "organised"): a word's stem begins
    the word as written (Porter only rewrites the last two letters; checked on the BBC
    vocabulary), a group matches any of its members or phrases. Numbers are written too many
    ways to look for, so each number in the query lowers ``needed`` by one. ``best`` bounds the
    work per document: only the paragraphs whose matched keys weigh most are split."""

    patterns: tuple[tuple[re.Pattern[str], float], ...]  # per key: pattern, the query's weight
    needed: int
    best: int | None = None

    def score(self, text: str, start: int = 0, end: int | None = None) -> float | None:
        """The query weight of the keys found between start and end; None if too few."""
        stop = len(text) if end is None else end
        found = [weight for pattern, weight in self.patterns if pattern.search(text, start, stop)]
        return sum(found) if len(found) >= self.needed else None

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return self.score(text, start, end) is not None

    def best_claims(self, text: str, claims: list[Claim]) -> list[Claim]:
        """The claims that can match, at most twice ``best`` of them (a claim is about a
        sentence, a paragraph about two), the most promising first."""
        scored = [(score, c) for c in claims if (score := self.score(text, c.start, c.end))]
        scored.sort(key=lambda x: (-x[0], x[1].start))
        return [c for _score, c in (scored if self.best is None else scored[: 2 * self.best])]

    def paragraphs(self, doc: Document) -> list[Span]:
        scored = [
            (score, para) for para in doc.paragraphs if (score := self.score(doc.text, para.start, para.end))
        ]
        if self.best is not None and len(scored) > self.best:
            scored = sorted(scored, key=lambda x: (-x[0], x[1].start))[: self.best]
        return sorted((para for _score, para in scored), key=lambda p: p.start)


def prefilter_for(query: Unit, weigh: IdfFn | None = None, best: int | None = None) -> Prefilter | None:
    """The prefilter for ``query``, or None when none is possible (a query of numbers).
    ``weigh``: stem -> weight for ranking paragraphs (1 for every key without it)."""
    needed = MIN_SHARED - sum(1 for key in query.keys if key.startswith("#"))
    if needed < 1:
        return None
    patterns: list[tuple[re.Pattern[str], float]] = []
    for key, stems in query.keys.items():
        if key.startswith("#"):
            continue
        if key.startswith("~"):
            members = GROUP_MEMBERS.get(key, [])
            alternatives = {p.pattern for p, group, _w in PHRASES if group == key}
        else:
            members, alternatives = list(stems), set()
        alternatives.update(r"\b" + re.escape(_stem_prefix(s)) for s in members if s)
        weight = max(weigh(s) for s in stems) if weigh is not None else 1.0
        patterns.append((re.compile("|".join(sorted(alternatives)), re.IGNORECASE), weight))
    if not patterns:
        return None
    return Prefilter(tuple(patterns), needed, best)


def _stem_prefix(key_stem: str) -> str:
    return key_stem[: max(3, len(key_stem) - 2)] if len(key_stem) > 3 else key_stem[:-1] or key_stem
