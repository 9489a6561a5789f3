"""Quantities in text: where a number is, its value, its unit and how precisely it is written.

Owns ``quantities(text)``, the helper other modules (claim comparison, corroboration) use to read
numbers: "4 200", "4,200", "4\u00a0200" and "4\u2009200" are one number each (a space, no-break
space or thin space between digit groups is a thousands separator), "$9.37bn" is 9,370,000,000
dollars, "1.55bn euros" is 1,550,000,000 euros, "five-years-old" is 5 years old, "two million"
is 2,000,000. ``precision`` is the place value of the last significant written digit ("4,200"
-> 100, "4,213" -> 1, "$9.37bn" -> 10,000,000), so two figures agree when they differ by less
than the coarser precision. Pure Python (``re``); must not import textual or whoosh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SEP = "[ \u00a0\u2009\u202f]"
_DIGITS = rf"\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d{{1,3}}(?:{_SEP}\d{{3}}(?![\d,.]\d))+(?!\d)|\d+"
_MAGNITUDE_WORDS = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_ONES = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_NUMBER_WORD = "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True))
_UNIT = r"(?:\s?%|\s+per\s+cent\b|\s+percent\b|\s+[^\W\d_]+(?:-[^\W\d_]+)*)?"

_NUMERIC = re.compile(
    rf"(?P<cur>[$£€¥])?(?<![\w.,])(?P<num>{_DIGITS})(?P<dec>\.\d+)?"
    rf"(?P<mag>\s?(?:bn|mn|tn|m|k)\b|\s+(?:thousand|million|billion|trillion)\b)?"
    rf"(?P<unit>{_UNIT})",
    re.IGNORECASE,
)
_TENS_ALT = "|".join(_TENS)
_DIGIT_ALT = "|".join(w for w, i in _ONES.items() if 0 < i < 10)
_WORDS = re.compile(
    rf"\b(?P<w>(?:{_TENS_ALT})(?:-(?:{_DIGIT_ALT}))?(?![\w])|(?:{_NUMBER_WORD})(?![\w]))"
    rf"(?P<mag>\s+(?:hundred|thousand|million|billion|trillion))?"
    rf"(?P<unit>-[^\W\d_]+(?:-[^\W\d_]+)*|{_UNIT})",
    re.IGNORECASE,
)
# Words after a number that are no unit of it
_NOT_UNITS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "is",
        "are",
        "was",
        "were",
        "that",
        "this",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "as",
        "but",
        "if",
        "so",
        "than",
        "then",
        "per",
        "which",
        "who",
        "when",
        "while",
    ]
)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int  # span of the whole quantity in the text ("$9.37bn", "1.55bn euros")
    value: float
    unit: str | None  # "dollars", "euros", "%", "children", "years old"; None for a bare number
    precision: float  # place value of the last significant digit written

    def agrees(self, other: Quantity) -> bool:
        """Same unit (or either has none) and values within the coarser precision."""
        if self.unit and other.unit and self.unit != other.unit:
            return False
        return abs(self.value - other.value) < max(self.precision, other.precision)


def _precision(digits: str, decimals: str, scale: int) -> Decimal:
    if decimals:
        return Decimal(1).scaleb(-len(decimals)) * scale
    stripped = digits.rstrip("0")
    return Decimal(10) ** (len(digits) - len(stripped)) * scale if stripped else Decimal(scale)


def _unit(raw: str) -> str | None:
    u = " ".join(raw.split()).lower()
    if not u:
        return None
    if u in ("%", "per cent", "percent"):
        return "%"
    u = u.lstrip("-").replace("-", " ")
    if u.split()[0] in _NOT_UNITS:
        return None
    return u


def quantities(text: str) -> list[Quantity]:
    """Every number written in ``text`` with its value, unit and precision, in text order."""
    out: list[Quantity] = []
    for m in _NUMERIC.finditer(text):
        digits = re.sub(r"[,\s\u00a0\u2009\u202f]", "", m.group("num"))
        dec = (m.group("dec") or "")[1:]
        mag = (m.group("mag") or "").strip().lower()
        scale = _MAGNITUDE_WORDS.get(mag, 1)
        try:
            value = Decimal(f"{digits}.{dec}" if dec else digits) * scale
        except InvalidOperation:
            continue
        unit_raw = m.group("unit") or ""
        unit = _unit(unit_raw)
        end = m.end() if unit else m.end("unit") - len(unit_raw)
        if m.group("cur"):
            cur_unit = _CURRENCIES[m.group("cur")]
            if unit is not None and unit != "%":
                end = m.end("unit") - len(unit_raw)  # "$5 fee": the fee is no currency
            unit = cur_unit
        out.append(Quantity(m.start(), end, float(value), unit, float(_precision(digits, dec, scale))))
    for m in _WORDS.finditer(text):
        if any(q.start <= m.start() < q.end for q in out):
            continue
        word = m.group("w").lower()
        head, _, tail = word.partition("-")
        n = _TENS.get(head, _ONES.get(head, 0)) + _ONES.get(tail, 0)
        mag = (m.group("mag") or "").strip().lower()
        scale = 100 if mag == "hundred" else _MAGNITUDE_WORDS.get(mag, 1)
        unit_raw = m.group("unit") or ""
        unit = _unit(unit_raw)
        if unit is None and not mag and n < 10:
            continue  # "one of them", "two" alone: too often no quantity
        end = m.end() if unit else m.end("unit") - len(unit_raw)
        out.append(Quantity(m.start(), end, float(n * scale), unit, float(scale)))
    out.sort(key=lambda q: q.start)
    return out
