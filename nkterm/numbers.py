"""Numbers in text: where each one is, its value, what it counts and how precisely it is written.

Owns ``quantities(text)`` and the rounding rule ``Quantity.agrees``; claim detection
(nkterm.claims) and comparison (nkterm.compare) both read numbers through it.

- "4 200", "4,200", "4\u00a0200" and "4\u2009200" are one number each (a space, no-break space
  or thin space between digit groups is a thousands separator); "$9.37bn" is 9,370,000,000
  dollars, "1.55bn euros" 1,550,000,000 euros, "five-years-old" 5 years old, "two million"
  2,000,000; "in 2004" is a year; the "0" of a score line ("2-0") is no number.
- ``precision`` is the place value of the last significant digit written ("4,200" -> 100,
  "4,213" -> 1, "$9.37bn" -> 10,000,000, "two" -> 1, a year -> 1).
- ``key`` is what the number counts in comparable form: "dollars", "%", "people", "job" (plural
  folded), "(year)" for a year, "" for a bare number; weeks and fortnights are counted in days
  and decades in years (``base``), so "two weeks" is 14 days to the nearest 7.
- Two quantities agree when they count the same thing and differ by no more than half the
  coarser of their two precisions: "$9.37bn" ~ "$9.4bn" (0.03bn <= 0.05bn), "$9.37bn" !~
  "$9.5bn", "14 days" ~ "two weeks", "29%" ~ "28.9%".

Pure Python (``re``); must not import textual or whoosh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_CURRENCY_WORDS = {"dollar": "dollars", "euro": "euros", "pound": "pounds"}
_ONES = {
    w: i
    for i, w in enumerate(
        str.split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
            " fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {
    w: 10 * i for i, w in enumerate(str.split("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
_NUMBER_WORD = "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True))
_UNIT = r"(?:\s?%|\s*per\s?cent\b|\s+percent\b|\s+[^\W\d_]+(?:-[^\W\d_]+)*)?"

# each pattern opens with a look-ahead on the characters a match can start with (a currency sign
# or a digit; the first letters of the number words): the same matches, ~2.5x faster to scan
_NUMERIC = re.compile(
    rf"(?=[$£€¥\d])(?P<cur>[$£€¥])?(?<![\w.,])(?<!\d[-–])(?P<num>{_DIGITS})(?P<dec>\.\d+)?"
    rf"(?P<mag>(?:bn|mn|tn|m|k)\b|\s(?:bn|mn|tn)\b|\s+(?:thousand|million|billion|trillion)\b)?"
    rf"(?P<unit>-[^\W\d_]+(?:-[^\W\d_]+)*|{_UNIT})",
    re.IGNORECASE,
)
# A number starts at a currency sign or a digit: a pattern that opens with a plain character set
# lets the regex engine skip to the first one in C; most sentences have none, and the full
# pattern then never runs.
_NUMERIC_START = re.compile(r"[$£€¥\d]")
_GROUP_SEPARATORS = re.compile(r"[,\s\u00a0\u2009\u202f]")
_TENS_ALT = "|".join(_TENS)
_DIGIT_ALT = "|".join(w for w, i in _ONES.items() if 0 < i < 10)
_WORDS = re.compile(
    rf"\b(?=[zotfsen])(?P<w>(?:{_TENS_ALT})(?:-(?:{_DIGIT_ALT}))?(?![\w])|(?:{_NUMBER_WORD})(?![\w]))"
    rf"(?P<mag>\s+(?:hundred|thousand|million|billion|trillion))?"
    rf"(?P<unit>-[^\W\d_]+(?:-[^\W\d_]+)*|{_UNIT})",
    re.IGNORECASE,
)
# The same patterns without IGNORECASE, for ASCII text lower-cased (same offsets; there
# IGNORECASE matches exactly what lower-casing does): half the cost of a case-blind scan.
_NUMERIC_LOWER = re.compile(_NUMERIC.pattern)
_WORDS_LOWER = re.compile(_WORDS.pattern)
# Every number word holds one of these (lower case): a lower-cased text with none has no number
# word, and substring tests cost less than the word pattern's scan
_WORD_PARTS: tuple[str, ...] = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "thirt", "fift", "twent", "forty", "zero"),
)
# Words after a number that are no unit of it
_NOT_UNITS = frozenset(
    str.split(
        "a an the and or of to in on at for by with from is are was were that this it he she they we"
        " i you as but if so than then per which who when while has have had will would be been"
    )
)
_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")
_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|between|and|early|late|mid|year|summer|winter|spring|autumn"
    r"|january|february|march|april|may|june|july|august|september|october|november|december)\W*$",
    re.IGNORECASE,
)
# units that are a whole number of another: "two weeks" is "14 days"
_CONVERSIONS = {"week": ("day", 7.0), "fortnight": ("day", 14.0), "decade": ("year", 10.0)}
_PLURALS = {"people": "people", "children": "child", "men": "man", "women": "woman", "persons": "people"}


def _singular(word: str) -> str:
    if word in _PLURALS:
        return _PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int  # span of the whole quantity in the text ("$9.37bn", "1.55bn euros", "two weeks")
    value: float
    unit: str | None  # "dollars", "euros", "%", "children", "years old"; None for a bare number
    precision: float  # place value of the last significant digit written
    written: str = ""  # the quantity as written ("$9.37bn", "4 200 people")
    year: bool = False  # a calendar year ("in 2004"), precise to the year

    @property
    def key(self) -> str:
        """What the number counts, comparable across wordings: "(year)" for a year, "" for a
        bare number, "%" and currency names as they are, other units with plurals folded and
        weeks counted in days ("4 200 people" -> "people", "30 jobs" -> "job", "two weeks" -> "day")."""
        if self.year:
            return "(year)"
        if not self.unit:
            return ""
        if self.unit == "%" or self.unit in _CURRENCIES.values():
            return self.unit
        key = " ".join(_singular(w) for w in self.unit.split())
        return _CONVERSIONS.get(key, (key, 1.0))[0]

    @property
    def base(self) -> tuple[float, float]:
        """(value, precision) counted in ``key``: "two weeks" is (14, 7) days."""
        factor = _CONVERSIONS.get(" ".join(_singular(w) for w in (self.unit or "").split()), ("", 1.0))[1]
        return self.value * factor, self.precision * factor

    def agrees(self, other: Quantity) -> bool:
        """Same thing counted (or either a bare number) and values equal within rounding: they
        differ by at most half the coarser of the two precisions."""
        if self.key and other.key and self.key != other.key:
            return False
        (va, pa), (vb, pb) = self.base, other.base
        return abs(va - vb) <= max(pa, pb) / 2 * (1 + 1e-9)


def _precision(digits: str, decimals: str, scale: int) -> float:
    if decimals:
        return 10.0 ** -len(decimals) * scale
    stripped = digits.rstrip("0")
    return float(10 ** (len(digits) - len(stripped)) * scale) if stripped else float(scale)


def _unit(raw: str) -> str | None:
    u = " ".join(raw.split()).lower()
    if not u:
        return None
    if u.replace(" ", "") in ("%", "percent"):
        return "%"
    u = u.lstrip("-").replace("-", " ")
    if u.split()[0] in _NOT_UNITS:
        return None
    return _CURRENCY_WORDS.get(u, u)


def quantities(text: str) -> list[Quantity]:
    """Every number written in ``text`` with its value, unit and precision, in text order."""
    out: list[Quantity] = []
    ascii_text = text.isascii()
    if ascii_text:
        scan, numeric, number_words = text.lower(), _NUMERIC_LOWER, _WORDS_LOWER
    else:
        scan, numeric, number_words = text, _NUMERIC, _WORDS
    first = _NUMERIC_START.search(scan)
    for m in numeric.finditer(scan, first.start()) if first is not None else ():
        raw = m.group("num")
        digits = _GROUP_SEPARATORS.sub("", raw)
        dec = (m.group("dec") or "")[1:]
        mag = (m.group("mag") or "").strip().lower()
        scale = _MAGNITUDE_WORDS.get(mag, 1)
        value = float(f"{digits}.{dec}" if dec else digits) * scale
        unit_raw = m.group("unit") or ""
        unit = _unit(unit_raw)
        end = m.end() if unit else m.end("unit") - len(unit_raw)
        if m.group("cur"):
            if unit is not None and unit != "%":
                end = m.end("unit") - len(unit_raw)  # "$5 fee": the fee is no currency
            unit = _CURRENCIES[m.group("cur")]
        year = (
            not (m.group("cur") or dec or mag)
            and unit != "%"
            and _YEAR_RE.fullmatch(raw) is not None
            and (unit is None or _YEAR_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()) is not None)
        )
        if year:
            unit, end = None, m.end("num")
        precision = 1.0 if year else _precision(digits, dec, scale)
        out.append(Quantity(m.start(), end, value, unit, precision, text[m.start() : end], year))
    if ascii_text and not any(w in scan for w in _WORD_PARTS):
        out.sort(key=lambda q: q.start)
        return out
    for m in number_words.finditer(scan):
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
        out.append(Quantity(m.start(), end, float(n * scale), unit, float(scale), text[m.start() : end]))
    out.sort(key=lambda q: q.start)
    return out
