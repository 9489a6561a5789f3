"""Numbers with what they count and how precisely they are written: "$9.37bn" is 9.37e9 dollars
to the nearest 0.01e9, "two weeks" is 14 days to the nearest 7, "4 200 people" is 4,200 people.

Owns ``numbers`` (find them in a passage) and ``same_amount`` (the rounding rule: two amounts
are equal when they differ by no more than half a unit of the coarser of the two precisions,
so "$9.37bn" ~ "$9.4bn" but "$9.37bn" !~ "$9.5bn"). Written for comparison; the claim detector
has its own number reading (nkterm.claims), which the two could share one day.
Pure: imports only ``nkterm.compare.words`` (the stemmer and the function words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nkterm.compare.words import FUNCTION_WORDS, stem


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    unit: str  # stemmed unit word, "%", a currency sign, "(year)", or "" for a bare number
    number: str  # the number as written: "3", "three", "30,000", "$5.2m", "5%"
    unit_text: str  # the unit word as written ("days"), or "" when ``number`` carries it
    precision: float = 1.0  # the place value of the last digit written, in ``unit``s


_WORD_NUMBERS: dict[str, int] = {
    **{
        w: n for n, w in enumerate(str.split("two three four five six seven eight nine ten eleven twelve"), 2)
    },
    **{
        w: n
        for n, w in enumerate(str.split("thirteen fourteen fifteen sixteen seventeen eighteen nineteen"), 13)
    },
    **{
        w: 10 * n for n, w in enumerate(str.split("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
    },
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUMBER_RE = re.compile(
    r"(?<![\w.,$£€¥])(?<!\d[-–])(?P<cur>[$£€¥])?"  # not the second half of a score ("2-0")
    # digits grouped by commas, or by a space or thin space ("4 200"), or plain
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")\b)(?![.,]?\d)"
    r"(?P<scale>\s(?:thousand|million|billion|trillion)\b|(?:k|m|bn)\b)?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.IGNORECASE,
)
# "5.2 million dollars" counts the same thing as "$5.2m"
_UNIT_SYMBOLS = {
    "dollar": "$",
    "dollars": "$",
    "pound": "£",
    "pounds": "£",
    "euro": "€",
    "euros": "€",
    "yen": "¥",
}
# units that are a whole number of another: "two weeks" is "14 days"
_CONVERSIONS: dict[str, tuple[str, float]] = {
    stem("week"): (stem("days"), 7.0),
    stem("fortnight"): (stem("days"), 14.0),
    stem("decade"): (stem("years"), 10.0),
}
_UNIT_WORD_RE = re.compile(r"[ \t-]*([A-Za-z]+)")
_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")
_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|between|and|early|late|mid|year|summer|winter|spring|autumn)\s+$",
    re.IGNORECASE,
)
_NOT_UNITS = FUNCTION_WORDS | {"per", "and", "or"}


def _precision(raw: str, is_word: bool) -> float:
    """The place value of the last digit written: "9.37" 0.01, "9.4" 0.1, "30,000" 1000 (a round
    number is as coarse as its trailing zeros), "two" 1."""
    if is_word:
        return 1.0
    digits = raw.replace(",", "").replace(" ", "").replace("\u2009", "").replace("\u202f", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1])
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** min(zeros, max(0, len(digits) - 1))


def numbers(text: str) -> tuple[list[Number], list[tuple[int, int]]]:
    """Numbers with what they count ("3 days", "5%", "$5.2m", "in 2011"), and the character
    ranges they cover, number and unit word."""
    out: list[Number] = []
    spans: list[tuple[int, int]] = []
    for m in _NUMBER_RE.finditer(text):
        raw = m.group("num")
        is_word = raw.lower() in _WORD_NUMBERS
        plain = re.sub(r"[,\s\u2009\u202f]", "", raw)
        value = float(_WORD_NUMBERS[raw.lower()]) if is_word else float(plain)
        scale_word = (m.group("scale") or "").strip().lower()
        scale = _SCALES.get(scale_word, 1.0)
        value *= scale
        precision = _precision(raw, is_word) * scale
        end = m.end()
        written = m.group(0).strip()
        unit, unit_text = "", ""
        if m.group("cur"):
            unit = m.group("cur")
        elif m.group("pct"):
            unit = "%"
        else:
            written = raw + (m.group("scale") or "")
            after = _UNIT_WORD_RE.match(text, end)
            if after and after.group(1).lower() not in _NOT_UNITS:
                unit_text = after.group(1)
                unit = _UNIT_SYMBOLS.get(unit_text.lower(), stem(unit_text))
                end = after.end()
            if not is_word and not scale_word and _YEAR_RE.fullmatch(plain) and "," not in raw:
                before = _YEAR_BEFORE_RE.search(text, 0, m.start())
                if not unit or before:
                    unit, unit_text, end = "(year)", "", m.end()
        if is_word and not unit:
            continue  # "two of them": too vague to compare
        if unit in _CONVERSIONS:
            unit, factor = _CONVERSIONS[unit]
            value, precision = value * factor, precision * factor
        out.append(Number(value, unit, written, unit_text, precision))
        spans.append((m.start(), end))
    return out, spans


def same_amount(a: Number, b: Number) -> bool:
    """Whether two numbers of one unit are equal within rounding: they differ by at most half
    the coarser of their two precisions ("$9.37bn" ~ "$9.4bn"; "14 days" ~ "two weeks")."""
    tolerance = max(a.precision, b.precision) / 2
    return abs(a.value - b.value) <= tolerance * (1 + 1e-9)
