"""What the reader highlights in a document's text, with the look-ups the cursor and the
drawing need. ``ShownClaims``: the claims drawn (all of a document's, or only the
check-worthy ones): those over a span, the one at a sentence, the next or previous one.
``Hits``: the search hits: those over a span, the first one after an offset. No Textual
import.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from nkterm.models import Claim, Span


class ShownClaims:
    """``claims`` ordered by (start, end); the check-worthy ones only if asked."""

    def __init__(self, claims: Sequence[Claim] = (), check_worthy_only: bool = False) -> None:
        self.claims = [c for c in claims if c.check_worthy or not check_worthy_only]
        self._starts = [c.start for c in self.claims]
        self._longest = max((c.end - c.start for c in self.claims), default=0)

    def __len__(self) -> int:
        return len(self.claims)

    def __contains__(self, claim: object) -> bool:
        return claim in self.claims

    def over(self, start: int, end: int) -> list[Claim]:
        """The claims over ``[start, end)``, by start."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [c for c in self.claims[lo:hi] if c.end > start]

    def at(self, sentence: Span) -> Claim | None:
        """The first claim that starts in ``sentence``, else one overlapping it."""
        here = self.over(sentence.start, sentence.end)
        starting = [c for c in here if c.start >= sentence.start]
        found = starting or here
        return found[0] if found else None

    def neighbour(self, current: Claim | None, offset: int, direction: int) -> Claim | None:
        """The next (+1) or previous (-1) claim: from ``current`` if it is shown, else from
        ``offset``."""
        if current is not None and current in self.claims:
            i = self.claims.index(current) + direction
        else:
            i = bisect.bisect_left(self._starts, offset) - (direction < 0)
        return self.claims[i] if 0 <= i < len(self.claims) else None


class Hits:
    """A document's search hits, ordered by start (``spans``)."""

    def __init__(self, spans: Sequence[Span] = ()) -> None:
        self.spans = tuple(sorted(spans, key=lambda s: s.start))
        self._starts = [h.start for h in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def over(self, start: int, end: int) -> list[int]:
        """The indexes of the hits over ``[start, end)``."""
        if not self._starts:
            return []
        lo = max(0, bisect.bisect_left(self._starts, start) - 1)
        hi = bisect.bisect_left(self._starts, end)
        return [i for i in range(lo, hi) if self.spans[i].end > start]

    def after(self, offset: int, step: int) -> int:
        """The index of the first hit starting at or after ``offset`` (``step`` +1), or of the
        last one before it (-1); out of range when there is none."""
        return bisect.bisect_left(self._starts, offset) - (step < 0)
