"""Patterns the speaker modules share, and a pattern compiled on its first use (session 14): the
rules of one session added some twenty patterns that most texts never ask for, and compiling
them all at import cost ~50 M instructions. Pure Python (``re`` only); must not import textual or
whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class Lazy:
    """A ``re.Pattern`` compiled the first time one of its methods is called."""

    __slots__ = ("_flags", "_pattern", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._pattern: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(self._source, self._flags)
        return self._pattern

    def search(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> list[str]:
        return self.compiled.findall(text, pos, endpos)


# The end of a sentence: its mark, closing quotes or brackets, the space after; or a line's end
SENTENCE_END = Lazy(r"[.!?][\"”’')]*\s+|\n")
# A name whose last word is a capitalised plural ("Lib Dems", "Tories", "Greens"), never one in
# -ss/-us/-is nor a possessive
PLURAL_NAME = Lazy(r"(?<![\w'’-])[A-Z][\w-]*[^sui's’]s$")
