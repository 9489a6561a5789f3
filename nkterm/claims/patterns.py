"""Patterns the speaker modules share, and a pattern compiled on its first use (session 14): the
rules of one session added some twenty patterns that most texts never ask for, and compiling
them all at import cost ~50 M instructions. Pure Python (``re`` only); must not import textual or
whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class Lazy:
    """A ``re.Pattern`` compiled the first time one of its methods is asked for; from then on
    its methods are the compiled pattern's own (bound on the instance: no call in between)."""

    __slots__ = ("_flags", "_source", "findall", "finditer", "match", "search")
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    def __getattr__(self, name: str) -> Any:
        # (called only while the slots are empty: the first use)
        if name not in ("search", "match", "finditer", "findall"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        self.search, self.match = compiled.search, compiled.match
        self.finditer, self.findall = compiled.finditer, compiled.findall
        return getattr(compiled, name)


# The end of a sentence: its mark, closing quotes or brackets, the space after; or a line's end
SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+|\n")
# A name whose last word is a capitalised plural ("Lib Dems", "Tories", "Greens"), never one in
# -ss/-us/-is nor a possessive
PLURAL_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w-]*[^sui's’]s$")
