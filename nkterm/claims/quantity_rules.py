"""Quantity cues of one sentence: numbers with their currency, magnitude and unit ("$1.5bn",
"24,997 points", "two percentage points"), ages, ranges, dates, and runs of number words ("one
hundred and sixty-three thousand jobs"). A mixin of ``scan``'s sentence scan. Pure Python; must
not import textual or whoosh.
"""

from __future__ import annotations

import re

from nkterm.claims import lexicon as lx
from nkterm.claims.scanstate import STOP, ScanState

_YEAR_RE = re.compile(r"(?:1[5-9]\d\d|20\d\d)s?")


def number_word(low: str) -> str | None:
    """The number word a token is or starts with ("sixty-three" -> "sixty"), else None."""
    if low in lx.NUMBER_WORDS:
        return low
    head, sep, _ = low.partition("-")
    return head if sep and head in lx.NUMBER_WORDS else None


class QuantityRules(ScanState):
    """The quantity rules of the sentence scan."""

    __slots__ = ()

    # -- quantities ----------------------------------------------------------------------------

    def _quantity(self, i: int) -> int:
        """A number (with its currency, magnitude and unit); returns the last token used."""
        lows, starts, ends, text = self.lows, self.starts, self.ends, self.text
        hi = self.hi
        low = lows[i]
        start = starts[i]
        cat = "number"
        if low[0] in lx.CURRENCY_SYMBOLS:
            if i + 1 < hi and lows[i + 1][0].isdigit() and starts[i + 1] == ends[i]:
                cat = "money"
                i += 1
                low = lows[i]
            else:
                return i
        if "-" in low:  # "25-year-old", "30-day", "2004-05"
            parts = low.split("-")
            if "old" in parts:
                cat = "age"
            elif all(p.isdigit() for p in parts):
                cat = "range"
            else:
                cat = next((lx.UNITS[p] for p in parts[1:] if p in lx.UNITS), cat)
            self._add("quantity", cat, start, ends[i], f"[q:{cat}]")
            return i
        j = i
        k = i + 1
        if k < hi and lows[k] in lx.MAGNITUDES:
            j, k = k, k + 1
        unit = ""
        if k < hi:
            nxt = lows[k]
            gap = text[ends[j] : starts[k]]
            if nxt == "%":
                cat, j = "percentage", k
            elif nxt == "per" and k + 1 < hi and lows[k + 1] == "cent":
                cat, j = "percentage", k + 1
            elif nxt[0].isdigit() and gap.strip() in ("-", "–"):
                cat, j = "range", k
            elif nxt == "to" and k + 1 < hi and lows[k + 1][0].isdigit():
                cat, j = "range", k + 1
            elif nxt in lx.UNITS:
                if cat != "money":
                    cat = lx.UNITS[nxt]
                j = k + 1 if nxt == "percentage" and k + 1 < hi and lows[k + 1] == "points" else k
            elif nxt in lx.MONTHS or (i > self.lo and lows[i - 1] in lx.MONTHS):
                cat = "date"
            elif nxt.isalpha() and nxt not in STOP and cat == "number" and not _YEAR_RE.fullmatch(low):
                unit, j = nxt, k
                if k + 1 < hi and lows[k + 1].endswith("s") and not nxt.endswith("s"):
                    j = k + 1
        if cat == "number" and not unit and _YEAR_RE.fullmatch(low):
            cat = "date"
        if i > self.lo and lows[i - 1] in ("ages", "aged", "age"):
            start, cat = starts[i - 1], "age"
        if cat == "range" and j + 1 < hi and lows[j + 1] in lx.UNITS:
            j += 1
        label = "number with unit" if unit else cat
        self._add("quantity", label, start, ends[j], f"[q:{cat}]")
        return j

    def _in_name(self, i: int) -> bool:
        """A number word inside a sentence written with a capital is part of a name when a
        capitalised word stands before it ("BBC Four", "Air Force One") or after it ("Three
        Gorges", "Six Nations"); not after an opening quote, a colon or a dash, where a new
        sentence may start ('he said: "Two men ...').
        """
        text, starts = self.text, self.starts
        if not text[starts[i]].isupper():
            return False
        if text[starts[i - 1]].isupper():
            return True
        before = text[: starts[i]].rstrip()[-1:]
        return (
            before not in ('"', "“", "‘", "'", ":", "(", "-", "–", "—", ";")
            and i + 1 < self.hi
            and text[starts[i + 1]].isupper()
        )

    def _number_words(self, i: int) -> int:
        """A run of number words ("one hundred and sixty-three thousand jobs"); returns the last
        token used, or ``i`` when the word is no quantity ("one of", "the two of us")."""
        lows, hi = self.lows, self.hi
        j = i
        while j + 1 < hi and (
            number_word(lows[j + 1])
            or (lows[j + 1] in ("and", "a") and j + 2 < hi and number_word(lows[j + 2]))
        ):
            j += 1
        first = number_word(lows[i]) or lows[i]
        if i > self.lo and self._in_name(i):
            return i  # part of a name: "BBC Four", "Formula One", "the Three Gorges Dam"
        head = lows[j]
        cat = "number"
        unit = ""
        if "-" in head:  # "five-years-old", "three-day"
            parts = head.split("-")[1:]
            if "old" in parts:
                cat = "age"
            elif any(p in lx.FRACTION_PARTS for p in parts):
                cat = "fraction"  # "two-thirds"
            else:
                cat = next((lx.UNITS[p] for p in parts if p in lx.UNITS), "number")
        k = j + 1
        if cat == "number" and k < hi:
            nxt = lows[k]
            if nxt == "per" and k + 1 < hi and lows[k + 1] == "cent":
                cat, j = "percentage", k + 1
            elif nxt in lx.UNITS:
                cat, j = (
                    lx.UNITS[nxt],
                    k + 1 if nxt == "percentage" and k + 1 < hi and lows[k + 1] == "points" else k,
                )
            elif nxt.isalpha() and nxt not in STOP:
                unit, j = nxt, k
                if k + 1 < hi and lows[k + 1].endswith("s") and not nxt.endswith("s"):
                    j = k + 1
        alone = cat == "number" and not unit and j == i
        if first in lx.WEAK_NUMBER_WORDS and (alone or (unit and j <= i + 2)):
            return i
        if alone and first not in lx.SELF_SUFFICIENT_NUMBERS:
            return i
        label = "number with unit" if unit else cat
        self._add("quantity", label, self.starts[i], self.ends[j], f"[q:{cat}]")
        return j
