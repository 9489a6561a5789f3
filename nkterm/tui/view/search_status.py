"""The search screen's status line for a search with results, fitted to a width.

Full wording when it fits ("132 document(s) match · AFP 30, Xinhua 23, Yonhap 22, +3 more ·
enter opens · ↑↓ choose · tab: timeline · esc closes"); when it does not (80 columns, long
source names, an "also:" list), the keys are said shorter ("enter opens · tab: timeline · esc
closes", then "enter · ↑↓ · tab · esc"), then fewer
sources are named ("AFP 30, +5 more"), then the other spellings go, and only then is the line
cut with "…". The count of matches always comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

SOURCE_CHARS = 24  # of a source's name: the others keep the room

_SEP = " · "


def short_source(source: str) -> str:
    """A source's name cut to ``SOURCE_CHARS`` with "…"."""
    return source if len(source) <= SOURCE_CHARS else source[: SOURCE_CHARS - 1] + "…"


@dataclass(frozen=True)
class HitsStatus:
    """What the status line says about a search with results; ``line(width)`` words it."""

    total: int
    what: str  # "document(s)" or "bookmark(s)"
    sources: tuple[tuple[str, int], ...] = ()  # who reported the hits, most first (names safe, one line)
    also: str = ""  # the other spellings the search matched, joined
    timeline: bool = False  # tab moves to the hits' timeline

    def _sources(self, shown: int) -> str:
        top = [f"{short_source(name)} {n:,}" for name, n in self.sources[:shown]]
        rest = len(self.sources) - len(top)
        if rest > 0:
            top.append(f"+{rest} more" if top else f"{rest} source{'s' if rest != 1 else ''}")
        return ", ".join(top)

    def _keys(self, level: int) -> str:
        """The keys: in full (0), without "↑↓ choose" (1), in one word each (2)."""
        tab = ["tab: timeline" if level < 2 else "tab"] if self.timeline else []
        if level == 2:
            return _SEP.join(["enter", "↑↓", *tab, "esc"])
        return _SEP.join(["enter opens", *(["↑↓ choose"] if level == 0 else []), *tab, "esc closes"])

    def _wordings(self) -> Iterator[str]:
        """Every wording, the fullest first."""
        head = f"{self.total:,} {self.what} match"
        also = f"also: {self.also}" if self.also else ""
        most = min(3, len(self.sources))
        # the most sources named with the keys shorter and shorter, then fewer sources
        steps = [(most, 0), (most, 1)] + [(shown, 2) for shown in range(most, -1, -1)]
        for keep_also in [True, False] if also else [False]:
            for shown, level in steps:
                parts = [head, self._sources(shown), also if keep_also else "", self._keys(level)]
                yield _SEP.join(p for p in parts if p)

    def line(self, width: int) -> str:
        """The fullest wording that fits ``width`` cells (0: no limit); the last one cut with "…"
        when none does."""
        last = ""
        for last in self._wordings():
            if width <= 0 or cell_len(last) <= width:
                return last
        return set_cell_size(last, width - 1) + "…"
