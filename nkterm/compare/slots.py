"""Slots that two passages can fill with incompatible values, beyond those of ``relations``:
numbers (``number_slot``) and the outcome of a case for one person (``outcome_conflict``:
cleared in one, charged, convicted or banned in the other).

Number slots: two passages that give different numbers for one thing
("around £6bn will be available for tax cuts" / "tax cuts worth £4bn"; "the two-year ban
imposed on Tzekos" / "Tzekos has been banned for four years").

Below ``NUMBER_CONFLICT_MIN`` differing numbers are mostly two events or two measures ("rose
3.8% on Tuesday" / "closed down 18%"), so ``relations`` calls them a conflict only when they
fill the same slot: each passage gives one value of that unit, and does not write the other's
value anywhere ("12 months, only six of them paid" / "six months' paid leave"); a content word next to each
number (``ANCHOR_WORDS`` on either side, in its clause; not capitalised, not a number, not a
common word) is the same word; and both passages place it in the same time (the same years, months (May is left out: "may"),
weekdays and quarters named: "in November" / "in January" are two months' figures) and in
the same movement (a rise in one and a fall, or no movement, in the other are two measures).

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from nkterm.analysis import analyze_names_joined
from nkterm.compare.actors import actor_before
from nkterm.compare.units import Unit
from nkterm.compare.words import COMMON_STEMS, EVALUATION_AXES, FUNCTION_WORDS
from nkterm.dateline import MONTH_NAMES
from nkterm.numbers import Quantity

ANCHOR_WORDS = 3  # content words looked at on each side of a number
EVENT_WORDS = 2  # words a date or number opening its sentence must share with the other's (``_one_slot``)
REFERENCE_REACH = 3  # passages looked back for the date a reference ("the same day") stands for
_MOVEMENT = "up/down"  # the evaluation axis of rises and falls (``words.EVALUATION_AXES``)

_TIME_RE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|quarter|(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


# a clause's end, but not the separators inside a figure ("3,000 jobs - out of a total workforce of
# 6,500 - could be lost": the comma of "6,500" ends no clause)
_CLAUSE_END_RE = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;:!?\"“”()\[\]\u2014]")


# the denominator of a rate after a number ("$55.67 a barrel", "A$4.17-a-share", "530 pence per share")
_RATE_RE = re.compile(r"(?:\s*-\s*|\s+)(?:a|an|per)(?:\s*-\s*|\s+)[^\W\d_]+", re.IGNORECASE)


# a quarter of the year however written: "the third quarter", "the July to September period",
# "the three months to September", "the final quarter", "the last three months of 2004"
_QUARTER_OF = {
    **dict.fromkeys(("first", "1st", "january", "march"), "q1"),
    **dict.fromkeys(("second", "2nd", "april", "june"), "q2"),
    **dict.fromkeys(("third", "3rd", "july", "september"), "q3"),
    **dict.fromkeys(("fourth", "4th", "final", "october", "december"), "q4"),
}
_PERIOD_RE = re.compile(
    r"\b(?P<nth>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter\b"
    r"|\b(?:three[\s-]+months|quarter)\s+(?:to|ending|ended)\s+(?P<end>march|june|september|december)\b"
    r"|\b(?P<start>january|april|july|october)(?:\s*-\s*|\s+to\s+|-to-)(?P<to>march|june|september|december)\b"
    r"|\blast\s+three\s+months\s+of\s+(?=the\s+year|(?:19|20)\d\d)",
    re.IGNORECASE,
)


def periods(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The quarters of the year that ``text[start:end]`` names, however written, as (start, end,
    "q1".."q4"): "the third quarter" and "the July to September period" are one period."""
    out = []
    for m in _PERIOD_RE.finditer(text, start, len(text) if end is None else end):
        if m.group("nth"):
            quarter = _QUARTER_OF[m.group("nth").lower()]
        elif m.group("end"):
            quarter = _QUARTER_OF[m.group("end").lower()]
        elif m.group("start"):
            quarter = _QUARTER_OF[m.group("start").lower()]
            if _QUARTER_OF[m.group("to").lower()] != quarter:
                continue  # "January to June": half a year, no quarter
        else:
            quarter = "q4"
        out.append((m.start(), m.end(), quarter))
    return out


@functools.lru_cache(maxsize=2048)
def time_frame(text: str) -> frozenset[str]:
    """The years, months, weekdays and quarters a passage names ("in the fourth quarter of 2004"
    -> {"q4", "2004"}), lower-cased; a quarter however written ("the July to September period" ->
    {"q3"}), so two figures for one quarter are placed in one time and two quarters' are not."""
    found = periods(text)
    if found:
        rest, at = [], 0
        for start, end, _q in found:
            rest.append(text[at:start])
            at = end
        rest.append(text[at:])
        text = " ".join(rest)
    return frozenset([q for _s, _e, q in found] + [m.group(0).lower() for m in _TIME_RE.finditer(text)])


def other_periods(a: Unit, b: Unit) -> bool:
    """Whether the two passages are about different quarters or months: each names some and they
    share none ("grew 4.2% in the final quarter" / "grew 5.1% in the third quarter"): two
    periods' figures (a monthly index, a weekly chart), never one figure's two values."""
    frame_a = {
        t for t in time_frame(a.passage.text) if not t.isdigit() and t != "quarter" and t not in _WEEKDAYS
    }
    frame_b = {
        t for t in time_frame(b.passage.text) if not t.isdigit() and t != "quarter" and t not in _WEEKDAYS
    }
    return bool(frame_a) and bool(frame_b) and not frame_a & frame_b


_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def anchors(unit: Unit, number: Quantity | tuple[int, int], window: int = ANCHOR_WORDS) -> dict[str, str]:
    """The content words next to ``number`` (or a span: a date) in its clause: stem -> word as
    written, at most ``window`` (``ANCHOR_WORDS``) before and after it; capitalised words (names,
    and whatever opens the sentence), numbers, the denominator of a rate ("a share") and common
    words left out."""
    text = unit.passage.text
    span_start, span_end = (number.start, number.end) if isinstance(number, Quantity) else number
    start = 0
    for m in _CLAUSE_END_RE.finditer(text, 0, span_start):
        start = m.end()
    end_match = _CLAUSE_END_RE.search(text, span_end)
    end = end_match.start() if end_match else len(text)
    numbers = [(q.start, q.end) for q in unit.numbers] + [(span_start, span_end)]
    rate = _RATE_RE.match(text, span_end)  # "A$4.17-a-share": what is counted, not the slot
    if rate:
        numbers.append((rate.start(), rate.end()))
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    for term, s, e in analyze_names_joined(text):
        if s < start or e > end or any(qs < e and s < qe for qs, qe in numbers):
            continue
        word = text[s:e]
        if word[:1].isupper() or word.lower() in FUNCTION_WORDS or term in COMMON_STEMS or not term.isalpha():
            continue
        (before if e <= span_start else after).append((term, word.lower()))
    return dict(before[-window:] + after[:window])


_SMALL_NUMBERS = [
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
    "twenty",
]


def _mentions(text: str, value: float) -> bool:
    """Whether ``text`` writes ``value`` anywhere, in digits or (up to twenty) in words: the
    other passage's figure is then a part or a step of what this one says, not its rival."""
    if value != int(value):
        return re.search(rf"(?<![\d.,]){value:g}(?![\d]|[.,]\d)", text) is not None
    number = int(value)
    words = [str(number)] + ([_SMALL_NUMBERS[number]] if number < len(_SMALL_NUMBERS) else [])
    return re.search(rf"(?<![\d.,])(?:{'|'.join(words)})\b(?![.,]\d)", text, re.IGNORECASE) is not None


def number_slot(a: Unit, b: Unit) -> tuple[Quantity, Quantity, str] | None:
    """(A's number, B's number, the word they share) when the two passages give different values
    (beyond rounding) for the same thing, as the module docstring says; else None."""
    if time_frame(a.passage.text) != time_frame(b.passage.text):
        return None
    if a.polarity.get(_MOVEMENT, (0, ""))[0] != b.polarity.get(_MOVEMENT, (0, ""))[0]:
        # "rose 3.8%" / "closed down 18%": two movements, not two values of one
        return _level_slot(a, b) or _level_slot(b, a, swap=True)
    keys = {q.key for q in a.numbers if q.key and not q.year} & {
        q.key for q in b.numbers if q.key and not q.year
    }
    for key in sorted(keys):
        found_a = [q for q in a.numbers if q.key == key and not q.year]
        found_b = [q for q in b.numbers if q.key == key and not q.year]
        if len(found_a) != 1 or len(found_b) != 1 or found_a[0].agrees(found_b[0]):
            continue
        if _mentions(a.passage.text, found_b[0].value) or _mentions(b.passage.text, found_a[0].value):
            continue  # "entitled to 12 months, only six of them paid" / "six months' paid leave"
        word = _one_slot(a, (found_a[0].start, found_a[0].end), b, (found_b[0].start, found_b[0].end))
        if word:
            return found_a[0], found_b[0], word
    return _level_slot(a, b) or _level_slot(b, a, swap=True)


def _period_of(unit: Unit, q: Quantity) -> str:
    """The quarter the clause of ``q`` places it in ("grew 4.2% in the final quarter" -> "q4",
    "the third quarter's 5.1%" -> "q3"), the nearest when it names several; "" when none."""
    text = unit.passage.text
    start = 0
    for m in _CLAUSE_END_RE.finditer(text, 0, q.start):
        start = m.end()
    end_match = _CLAUSE_END_RE.search(text, q.end)
    found = periods(text, start, end_match.start() if end_match else len(text))
    if not found:
        return ""
    return min(found, key=lambda p: min(abs(p[0] - q.end), abs(q.start - p[1])))[2]


def period_slot(a: Unit, b: Unit) -> tuple[Quantity, Quantity, str] | None:
    """(A's number, B's number, the word they share) for two figures of one measure for one
    quarter that differ beyond rounding, in passages that give several figures for several
    quarters ("Consumer spending grew 4.2% in the final quarter, down from the third quarter's
    5.1%" / "consumer spending grew at 4.6% in the third quarter"): each number's own clause
    names the quarter (``periods``: "the July to September period" is the third quarter), the
    years the passages name are the same (or one names none), a word next to the figures of that
    unit in each (``_measure``) is the same, and neither passage writes the other's value. Figures of two different quarters (a weekly
    chart, monthly figures) are never compared."""
    keys = {q.key for q in a.numbers if q.key and not q.year} & {
        q.key for q in b.numbers if q.key and not q.year
    }
    if not keys:
        return None  # (most candidate pairs: no figures of one unit on both sides)
    years_a = {t for t in time_frame(a.passage.text) if t.isdigit()}
    years_b = {t for t in time_frame(b.passage.text) if t.isdigit()}
    if years_a and years_b and years_a != years_b:
        return None
    for x in a.numbers:
        if x.key not in keys or x.year:
            continue
        quarter = ""
        for y in b.numbers:
            if y.key != x.key or y.year or x.agrees(y):
                continue
            quarter = quarter or _period_of(a, x)
            if not quarter or _period_of(b, y) != quarter:
                continue
            if _mentions(a.passage.text, y.value) or _mentions(b.passage.text, x.value):
                continue
            measure_a, measure_b = _measure(a, x.key), _measure(b, y.key)
            word = next((measure_a[s] for s in measure_a if s in measure_b), "")
            if word:
                return x, y, word
    return None


_MOVEMENT_STEMS = frozenset().union(*EVALUATION_AXES[_MOVEMENT])
_PERIOD_WORDS = frozenset(
    ("quarter", "quarters", "months", "month", "period", "year", "annual", "annualised", *_QUARTER_OF)
)


def _measure(unit: Unit, key: str) -> dict[str, str]:
    """What a passage's figures of one unit measure: the words next to any of them, quarters,
    months and words of movement left out ("Consumer spending grew 4.2% in the final quarter, down
    from the third quarter's 5.1%" -> "consumer", "spending": said once for both figures; "The
    economy grew 3.7%" measures the economy, not what "grew" in another passage)."""
    return {
        s: w
        for q in unit.numbers
        if q.key == key
        for s, w in anchors(unit, q).items()
        if w not in _PERIOD_WORDS and s not in _MOVEMENT_STEMS
    }


_LEVEL_MIN = 1000  # a bare number this large ("4.7 million") may count what the other's counts
_TO_RE = re.compile(r"\bto\s+$", re.IGNORECASE)


def _level_slot(a: Unit, b: Unit, *, swap: bool = False) -> tuple[Quantity, Quantity, str] | None:
    """A number of ``a`` that says what it counts ("3.9 million units") and a bare one of ``b``
    ("4.7 million") that are one slot's two values: ``b`` gives no number of that kind and just
    one large bare number, within a factor of ten of ``a``'s and beyond rounding of it, a word
    next to each is the same, and when only one passage moves ("sales rise 8% to 4.7 million")
    its number is the level reached ("to"), not the movement. (``swap``: return B's first.)"""
    counted = [q for q in a.numbers if q.key and not q.year and q.key != "%"]
    bare = [q for q in b.numbers if not q.key and not q.year]
    if len(counted) != 1 or len(bare) != 1 or any(q.key == counted[0].key for q in b.numbers):
        return None
    x, y = counted[0], bare[0]
    if y.value < _LEVEL_MIN or not 0.1 <= x.value / y.value <= 10 or x.agrees(y):
        return None
    movement_a, movement_b = (u.polarity.get(_MOVEMENT, (0, ""))[0] for u in (a, b))
    if movement_a != movement_b:
        moving, number = (a, x) if movement_a else (b, y)
        if not _TO_RE.search(moving.passage.text, max(0, number.start - 6), number.start):
            return None
    if _mentions(a.passage.text, y.value) or _mentions(b.passage.text, x.value):
        return None
    word = _one_slot(a, (x.start, x.end), b, (y.start, y.end))
    if not word:
        return None
    return (y, x, word) if swap else (x, y, word)


# the outcomes of a case for the one it is about: cleared of it, or charged, convicted, banned
_CLEARED_RE = re.compile(r"\b(?:cleared|acquitted|exonerated|found\s+not\s+guilty)\b", re.IGNORECASE)
_CHARGED_RE = re.compile(
    r"\b(?:(?:was|were|been|being|is|are|be)\s+(?:formally\s+)?(?:charged|convicted|found\s+guilty|jailed"
    r"|sentenced|banned|suspended)|pleaded\s+guilty|faces?\s+charges|facing\s+charges)\b",
    re.IGNORECASE,
)


# a word each pattern's every match contains: an ASCII passage without any of them has no match
# (most passages; the IGNORECASE alternations cost ~25 us a passage, the look-ups ~1 us)
_NEEDS = {
    _CLEARED_RE: ("cleared", "acquitted", "exonerated", "guilty"),
    _CHARGED_RE: ("charge", "convicted", "guilty", "jailed", "sentenced", "banned", "suspended"),
}


@functools.lru_cache(maxsize=8192)
def _outcome_actors(text: str, pattern: re.Pattern[str]) -> dict[str, str]:
    """Who each outcome of ``pattern`` is about: the name before it (``actors.actor_before``).
    Memoised (a passage is checked against each of its candidates): callers must not change it."""
    found: dict[str, str] = {}
    if text.isascii():
        lower = text.lower()
        if not any(word in lower for word in _NEEDS[pattern]):
            return found
    for m in pattern.finditer(text):
        actor, written = actor_before(text, m.start())
        if actor:
            found.setdefault(actor, written)
    return found


def outcome_conflict(a: Unit, b: Unit) -> str:
    """Opposite outcomes of one case for the same person: one passage has them cleared
    (acquitted, found not guilty) and the other charged, convicted, banned or pleading guilty
    ("Kenteris and Thanou were cleared of missing drugs tests" / "Thanou was banned for missing
    three tests"). A passage that tells both outcomes of a person is the story, not a side."""
    for cleared_unit, other, side in ((a, b, "A"), (b, a, "B")):
        cleared = _outcome_actors(cleared_unit.passage.text, _CLEARED_RE)
        if not cleared:
            continue
        cleared = {
            k: v
            for k, v in cleared.items()
            if k not in _outcome_actors(cleared_unit.passage.text, _CHARGED_RE)
        }
        charged = _outcome_actors(other.passage.text, _CHARGED_RE)
        charged = {
            k: v for k, v in charged.items() if k not in _outcome_actors(other.passage.text, _CLEARED_RE)
        }
        both = sorted(cleared.keys() & charged.keys())
        if both:
            return f"opposite outcomes for {cleared[both[0]]}: cleared only in {side}"
    return ""


_MONTHS = MONTH_NAMES  # the one month-name table (nkterm.dateline's)
_MONTH = r"(?P<month>" + "|".join(_MONTHS) + r")"
_DAY = r"(?P<{}>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_PARTS = {"early": (1, 10), "beginning of": (1, 10), "start of": (1, 10), "mid": (11, 20), "middle of": (11, 20),
          "late": (21, 31), "end of": (21, 31)}  # fmt: skip
# "3 December", "3-5 December", "3 to 5 December", "December 3-5", "late December", "mid-December",
# "the end of December", each with its year if one follows
_DATE_RE = re.compile(
    rf"\b(?:{_DAY.format('day')}(?:\s*(?:-|–|to|and)\s*{_DAY.format('last')})?(?:\s+of)?\s+{_MONTH}"
    rf"|(?P<month2>{'|'.join(_MONTHS)})\s+{_DAY.format('day2')}(?:\s*(?:-|–|to)\s*{_DAY.format('last2')})?\b"
    rf"|(?:the\s+)?(?P<part>early|mid|late|(?:beginning|start|middle|end)\s+of)[\s-]+(?P<month3>{'|'.join(_MONTHS)}))"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)


def dates(text: str) -> list[tuple[int, int, str, int, int, str]]:
    """The day-of-month dates of a passage as (start, end, month, first day, last day, year or
    ""): "3-5 December" -> (.., "december", 3, 5, ""), "late December 2004" -> (.., 21, 31, "2004")."""
    return list(_dates(text))


@functools.lru_cache(maxsize=4096)
def _dates(text: str) -> tuple[tuple[int, int, str, int, int, str], ...]:
    """``dates``, memoised: ``align`` asks it of every candidate pair (``slot_conflict``)."""
    lower = text.lower()
    if not any(month in lower for month in _MONTHS):  # no month name, no date (most passages)
        return ()
    out = []
    for m in _DATE_RE.finditer(text):
        month = (m.group("month") or m.group("month2") or m.group("month3")).lower()
        if m.group("part"):
            first, last = _PARTS[" ".join(m.group("part").lower().split())]
        else:
            first = int(m.group("day") or m.group("day2"))
            last = int(m.group("last") or m.group("last2") or first)
        out.append((m.start(), m.end(), month, first, last, m.group("year") or ""))
    return tuple(out)


# a date given by reference to an earlier one: (pattern, days after the earlier date)
_REFERENCES = (
    (
        re.compile(
            r"\b(?:(?:at|about|around)\s+the\s+same\s+time|(?:on\s+)?the\s+same\s+day"
            r"|(?:later|earlier)\s+that\s+day|that\s+same\s+day)\b",
            re.IGNORECASE,
        ),
        0,
    ),
    (re.compile(r"\b(?:the\s+(?:day|night)\s+before|the\s+previous\s+day|a\s+day\s+earlier)\b", re.I), -1),
    (re.compile(r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after)\b", re.I), 1),
)


def refer_dates(units: Sequence[Unit]) -> None:
    """Give each unit that dates itself only by reference ("About the same time the web team
    started using ...", "The day before, ...") the date it refers to: that of the nearest of the
    ``REFERENCE_REACH`` units before it (in text order, one document's) that gives exactly one
    date, shifted by the reference's days when that date is one day ("the day before" 21 October
    is 20 October). ``date_slot`` then compares it as the passage's own date."""
    for k, unit in enumerate(units):
        text = unit.passage.text
        lower = text.lower()
        if ("day" not in lower and "same time" not in lower) or dates(text):
            continue  # (most passages: no reference, looked up before any pattern runs)
        for pattern, shift in _REFERENCES:
            m = pattern.search(text)
            if m is None:
                continue
            for earlier in reversed(units[max(0, k - REFERENCE_REACH) : k]):
                found = dates(earlier.passage.text)
                if not found:
                    continue
                if len(found) == 1:
                    _s, _e, month, first, last, year = found[0]
                    if shift and first != last:
                        break  # "the day before" a span of days: no one day
                    first, last = first + shift, last + shift
                    if 1 <= first <= 31 and 1 <= last <= 31:
                        unit.context_date = (m.start(), m.end(), month, first, last, year)
                break
            break


def _event_words(unit: Unit, span: tuple[int, int]) -> set[str] | None:
    """When the date or number at ``span`` opens its sentence, at most one word before it ("On
    21 October, the site began using ...", "About the same time the web team started using ...",
    "Aged 18 years and 185 days, the Mallorcan became the youngest ..."), it qualifies the whole
    sentence: the stems of the sentence's content words after it, past commas (capitalised words
    and numbers left out, as ``anchors`` does); None for one inside a clause."""
    text = unit.passage.text
    sentence = text.rfind(". ", 0, span[0]) + 2 if ". " in text[: span[0]] else 0
    before = text[sentence : span[0]].strip(" \t\n\"'“‘(")
    if before and (not before.isalpha()):
        return None  # two words or more before it: inside the sentence
    end = text.find(". ", span[1])
    end = len(text) if end < 0 else end
    return {
        t
        for t, s, e in analyze_names_joined(text)
        if span[1] <= s
        and e <= end
        and not text[s].isupper()
        and text[s:e].lower() not in FUNCTION_WORDS
        and t not in COMMON_STEMS
        and t.isalpha()
    }


def _slot_words(unit: Unit, span: tuple[int, int]) -> tuple[set[str], bool]:
    """The words that place a date or number in its slot: those of its whole sentence when it
    opens the sentence (``_event_words``, True), else its ``anchors`` (False)."""
    event = _event_words(unit, span)
    if event is not None:
        return event, True
    return set(anchors(unit, span)), False


def _one_slot(a: Unit, span_a: tuple[int, int], b: Unit, span_b: tuple[int, int]) -> str:
    """A word that puts two dates or numbers in one slot, or "": a word next to each is the same
    (``anchors``), or, when one of them opens its sentence, ``EVENT_WORDS`` of its sentence's
    words are next to (or in the sentence of) the other."""
    near_a, near_b = anchors(a, span_a), anchors(b, span_b)
    for s in near_a:
        if s in near_b:
            return near_a[s]
    (words_a, event_a), (words_b, event_b) = _slot_words(a, span_a), _slot_words(b, span_b)
    common = sorted(words_a & words_b)
    if (event_a or event_b) and len(common) >= EVENT_WORDS:
        return common[0]
    return ""


def date_slot(a: Unit, b: Unit) -> str:
    """Two dates for one thing: each passage gives one date, in the same month (and the same
    year, or no year), and their days do not overlap ("late December" / "3-5 December"), and a content word
    next to each date is the same (``anchors``); "" when there are none. "May" is read as a
    month only with a day or a part of the month."""
    found_a = dates(a.passage.text) or ((a.context_date,) if a.context_date else ())
    found_b = dates(b.passage.text) or ((b.context_date,) if b.context_date else ())
    if len(found_a) != 1 or len(found_b) != 1:
        return ""  # several dates: a schedule or a story's steps, no one slot to compare
    for month in sorted({d[2] for d in found_a} & {d[2] for d in found_b}):
        in_a = [d for d in found_a if d[2] == month]
        in_b = [d for d in found_b if d[2] == month]
        if len(in_a) != 1 or len(in_b) != 1:
            continue
        (sa, ea, _m, first_a, last_a, year_a), (sb, eb, _m2, first_b, last_b, year_b) = in_a[0], in_b[0]
        if year_a and year_b and year_a != year_b:
            continue
        if first_a <= last_b and first_b <= last_a:
            continue  # overlapping days: "December" / "3-5 December" may be the same
        if _one_slot(a, (sa, ea), b, (sb, eb)) or _same_participants(a, b):
            return f"dates differ: {_date_written(a, found_a[0])} vs {_date_written(b, found_b[0])}"
    return ""


def _date_written(unit: Unit, date: tuple[int, int, str, int, int, str]) -> str:
    """A date as the passage writes it; one given by reference with the date it stands for
    ("About the same time [early October]")."""
    start, end, month, first, last, year = date
    written = " ".join(unit.passage.text[start:end].split())
    if date is not unit.context_date:
        return written
    days = f"{first}" if first == last else f"{first}-{last}"
    part = {(1, 10): "early", (11, 20): "mid", (21, 31): "late"}.get((first, last))
    said = f"{part} {month.capitalize()}" if part else f"{days} {month.capitalize()}"
    return f"{written} [{said}{' ' + year if year else ''}]"


def _same_participants(a: Unit, b: Unit) -> bool:
    """Whether two passages name the same counted participants ("the best eight players" / "these
    eight players": a number with what it counts) or the same name of several words ("Petros
    Vasilakis"): a dated event of theirs is one event even when the words next to its two dates
    differ ("met ... in late December" / "will be brought together ... on 3-5 December")."""
    for key in a.keys.keys() & b.keys.keys():
        if key.startswith("@") or (key.startswith("#") and not key.endswith(" ") and "(year)" not in key):
            return True
    return False


def clear_caches() -> None:
    """Forget the memoised outcomes, dates and time frames of passages (``_outcome_actors``,
    ``_dates``, ``time_frame``)."""
    _outcome_actors.cache_clear()
    _dates.cache_clear()
    time_frame.cache_clear()


_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL_RE = re.compile(rf"\b(?:{'|'.join(_ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)


def ordinal_slot(a: Unit, b: Unit) -> str:
    """Two versions of one sentence that rank one thing differently ("Mr Brown's eighth" /
    "ninth" Budget, "3rd" / "4th"): each has an ordinal the other lacks; "" when none. Read
    only for near-identical wording (``relations``): elsewhere "first" is too often no rank."""
    found_a = [m.group(0).lower() for m in _ORDINAL_RE.finditer(a.passage.text)]
    found_b = [m.group(0).lower() for m in _ORDINAL_RE.finditer(b.passage.text)]
    only_a = [w for w in found_a if w not in found_b]
    only_b = [w for w in found_b if w not in found_a]
    if only_a and only_b:
        return f"ranks differ: {only_a[0]} vs {only_b[0]}"
    return ""
