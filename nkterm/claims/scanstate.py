"""The state one sentence's cue rules share, and the token classes they test.

Owns ``Tokens`` (a whole text's tokens: offsets, lower-cased forms, cue triggers), ``lower``, the
word classes several rule families read (stop and function words, what may stand between the
words of one name), and ``ScanState``: the sentence's tokens, its evidence and ``_add``. The rule
families (``scan`` for phrases and reported speech, ``quantity_rules``, ``statement_rules``)
extend it. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass

from nkterm.claims import lexicon as lx
from nkterm.claims.evidence import Evidence

NAME_GAP = frozenset(" '\"“”‘’")  # what may stand between the words of one name (Drew ''Binsky'')

STOP = lx.words(
    """
    of the a an and or to in on at for by with from is are was were that this it he she they we i
    you who which than as per be been has have had not no its his her their our my your so but if
    then more less about over under up down out into
    """
)
FUNCTION = STOP | lx.words(
    """
    will would could can should might may must did do does whom these those when while what how
    why where being never there here just only it's that's
    """
)


@dataclass(slots=True)
class Tokens:
    """The tokens of a whole text: offsets, lower-cased forms, and the indices of the tokens that
    can start a cue (so the per-sentence rules skip the other ~75% of tokens)."""

    low: str  # the lower-cased text, same length as the original
    starts: list[int]
    ends: list[int]
    lows: list[str]
    triggers: list[int]


def lower(text: str) -> str:
    """Lower-case ``text`` keeping every offset (a few characters grow when lower-cased: "İ")."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[:1] or c for c in text)
    return low.replace("’", "'")


class ScanState:
    """The tokens ``lo..hi`` of one sentence of ``text`` and the evidence found in them."""

    __slots__ = ("ends", "ev", "furniture", "hi", "lo", "lows", "starts", "text")

    def __init__(self, text: str, toks: Tokens, lo: int, hi: int) -> None:
        self.text = text
        self.starts = toks.starts
        self.ends = toks.ends
        self.lows = toks.lows
        self.lo = lo
        self.hi = hi
        self.ev = Evidence()
        self.furniture = False  # holds a word that page furniture is made of

    def _add(self, kind: str, label: str, start: int, end: int, feat: str) -> None:
        self.ev.add(kind, label, self.text[start:end], start, end, feat)
