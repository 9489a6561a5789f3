"""Figures of one measure (session 15, ``measure_slot``): two passages that give different values,
beyond rounding, for the same measure of the same subject at the same time, however far apart
the rest of their wording is ("Some 2,000 jobs ... may be cut if [the investment] goes ahead" /
"3,000 jobs ... could be lost if the deal goes ahead"; "only three minutes left to play" / "two
minutes of normal time remaining"; "Gatlin, who won in 9.87 seconds" / "Gatlin ... won ... with a
career-best time of 9.85 seconds").

One slot needs all of:

* the same unit (``nkterm.numbers``: "jobs", "minutes", "%", pounds), neither figure a year, and
  neither equal within rounding to a figure of that unit on the other side, nor written there;
* the same measure: a word next to each figure in its clause (``MEASURE_WINDOW`` content words on
  each side, as ``slots.anchors`` reads them; the sentence's words when the figure opens it) is
  the same word or means the same (a group of ``meanings.tsv``, or of ``MEASURE_GROUPS``:
  "cut" / "lost", "left" / "remaining"); words of movement ("rose", "fell") and of periods
  ("quarter", "annual") are no measure: "sales rose 5%" and "profits rose 3%" are two measures;
* the same subject: the passages share a name or a content word besides that measure word and
  their numbers, and no name on each side is missing from the other (``relations._names_apart``,
  checked by the caller);
* no sign of another period or event: the same movement (a rise in one and a fall or none in the
  other are two measures); no two different years, quarters (however written: "the third
  quarter" is "the July to September period"), months or weekdays; no time relative to another
  ("last week", "a year earlier", "the previous season") in one passage only; both or neither
  saying what may or will be (a forecast against an outcome: "is predicting a 2% fall" / "fell
  1%").

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from nkterm.analysis import analyze, analyze_names_joined
from nkterm.compare import params
from nkterm.compare.meanings import MEANING
from nkterm.compare.slots import _event_words, _mentions, anchors, time_frame
from nkterm.compare.units import HEADLINE, Unit, prepared_words
from nkterm.compare.words import EVALUATION_AXES
from nkterm.dateline import MONTH_NAMES
from nkterm.numbers import Quantity

_MOVEMENT = "up/down"  # the evaluation axis of rises and falls (``words.EVALUATION_AXES``)
_MOVEMENT_STEMS = frozenset().union(*EVALUATION_AXES[_MOVEMENT])

# words that name one measure in news figures, written from English: what is lost, what is left
MEASURE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("cut", "cuts", "lost", "lose", "losing", "loss", "losses", "shed", "axed", "slashed"),
    ("left", "remaining", "remain", "remains"),
)
_GROUP = "~measure"  # the key of a group of ``MEASURE_GROUPS``
_GROUP_OF = {
    term: f"{_GROUP}{k}"
    for k, words in enumerate(MEASURE_GROUPS)
    for w in words
    for term, _s, _e in analyze(w)
}
_GROUP_WORD_RE = re.compile(
    r"\b(?:" + "|".join(w for words in MEASURE_GROUPS for w in words) + r")\b", re.IGNORECASE
)
_GROUP_REACH = 40  # characters either side of a figure where a word of a group is looked for...
_CLAUSE_BREAK_RE = re.compile(r"[;:!?()\[\]\u2014]|[,.](?!\d)")  # ...in its clause
# periods and times: where a figure is, not what it measures
_TIME_WORDS = frozenset(
    term
    for w in [
        "quarter",
        "quarters",
        "month",
        "months",
        "period",
        "year",
        "years",
        "annual",
        "annualised",
        "annualized",
        "week",
        "weeks",
        "weekend",
        "day",
        "days",
        "season",
        "time",
        "first",
        "second",
        "third",
        "fourth",
        "final",
        "last",
        "previous",
    ]
    for term, _s, _e in analyze(w)
)
# a time given relative to another: the figure may be the other period's
_OTHER_TIME_RE = re.compile(
    r"\b(?:last|previous|prior|preceding)\s+(?:week|weekend|month|year|season|quarter)\b"
    r"|\b(?:a|one|two|three|four|five|six|\d+)\s+(?:weeks?|months?|years?|seasons?)\s+(?:ago|earlier|before)\b"
    r"|\bthe\s+(?:week|weekend|month|year|season|quarter)\s+before\b"
    r"|\b(?:same\s+period|this\s+time)\s+last\s+year\b",
    re.IGNORECASE,
)
# what may or will be: a forecast, a plan, a condition
_FORECAST_RE = re.compile(
    r"\b(?:would|could|should|may|might|will|shall|can|cannot|if|forecasts?|forecasting|predict(?:s|ed|ing)?"
    r"|expect(?:s|ed|ing)?|anticipat(?:e|es|ed|ing)|estimat(?:e|es|ed|ing)|projected"
    r"|(?:set|likely|due|plans?|planning|hopes?)\s+to)\b|'ll\b",
    re.IGNORECASE,
)
# a bound, not a value: "more than $1,000bn" is no rival of "$1.8 trillion"
_LOWER_BOUND_RE = re.compile(
    r"(?:more\s+than|over|at\s+least|above|upwards\s+of|in\s+excess\s+of|between)\s+$",
    re.IGNORECASE,
)
_UPPER_BOUND_RE = re.compile(
    r"(?:less\s+than|fewer\s+than|under|up\s+to|below|nearly|almost|at\s+most|no\s+more\s+than|within"
    r"|as\s+(?:much|many|high|low)\s+as|between\s+\S+\s+and)\s+$",
    re.IGNORECASE,
)
# a figure that is a period's length: "in the next 18 months", "over the past five years"
_SPAN_RE = re.compile(r"\b(?:next|past|last|coming|previous|following|first|final)\s+$", re.IGNORECASE)
_SPAN_ADJECTIVE_RE = re.compile(r"\w-(?:day|week|month|year)$", re.IGNORECASE)  # "four-month [highs]"
# a figure that is a difference from something else: "19% less than men", "$2bn more"
_DIFFERENCE_RE = re.compile(
    r"\s+(?:less|more|higher|lower|fewer|bigger|smaller|cheaper|dearer|faster|slower|longer|shorter)\b",
    re.IGNORECASE,
)
_AGE_UNITS = frozenset(("year old", "years old"))  # ages tell people apart, not a measure's values
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
# figures that say when, not how much: a date ("7 September": its unit is the month), a clock time
_WHEN_UNITS = frozenset((*MONTH_NAMES, *_WEEKDAYS, "gmt", "bst", "am", "pm", "hrs", "o'clock"))
# a time of day: two passages at two times of one day give a changing figure's two values
_CLOCK_RE = re.compile(r"\b(\d{1,2}[:.]\d\d|\d{4})\s*(?:gmt|bst|hrs|[ap]\.?m\b)", re.IGNORECASE)
# the base of a share: "32% of all mobiles" counts mobiles, "11% [of those asked]" people
_SHARE_OF_RE = re.compile(r"\s+of\s+(?:(?:all|the|its|their|total)\s+)*([^\W\d_]+)", re.IGNORECASE)


def _key(term: str) -> str:
    """What a word says as a measure: its group (``MEASURE_GROUPS``, then ``meanings.tsv``), or itself."""
    return _GROUP_OF.get(term) or MEANING.get(term) or term


# what joins a figure to the one before it as one amount: a conversion in brackets ("$3bn
# (£1.58bn)", "4bn euros ($5.2bn; £2.8bn)"), a compound ("18 years and 185 days")
_JOINED_RE = re.compile(r"\s*(?:[(\[;]|and)\s*", re.IGNORECASE)


def _head(unit: Unit, q: Quantity) -> Quantity:
    """The figure that ``q`` is part of: the first of a run of figures joined as one amount
    (``_JOINED_RE``), whose words say what the run measures; ``q`` itself when it stands alone."""
    numbers, text = unit.numbers, unit.passage.text
    k = next(k for k, n in enumerate(numbers) if n is q)
    while k > 0 and _JOINED_RE.fullmatch(text, numbers[k - 1].end, numbers[k].start):
        k -= 1
    return numbers[k]


def _measure_words(unit: Unit, q: Quantity) -> dict[str, str]:
    """What ``q`` measures: measure key -> word as written, from the words next to it (or to the
    figure it is part of: ``_head``) in its clause (``MEASURE_WINDOW`` each side), or its
    sentence's when it opens the sentence; words of movement, periods and times left out."""
    q = _head(unit, q)
    near = _event_words(unit, (q.start, q.end))
    found = dict.fromkeys(near, "") if near is not None else {}
    found.update(anchors(unit, q, params.MEASURE_WINDOW))
    # a word of ``MEASURE_GROUPS`` counts even where ``anchors`` drops it as common ("left")
    text = unit.passage.text
    for m in _GROUP_WORD_RE.finditer(
        text, max(0, q.start - _GROUP_REACH), min(len(text), q.end + _GROUP_REACH)
    ):
        between = text[min(m.end(), q.end) : max(m.start(), q.start)]
        if not _CLAUSE_BREAK_RE.search(between):
            found.setdefault(analyze(m.group(0))[0][0], m.group(0).lower())
    return {_key(s): (w or s) for s, w in found.items() if s not in _MOVEMENT_STEMS and s not in _TIME_WORDS}


@functools.lru_cache(maxsize=2048)
def _times(text: str) -> tuple[frozenset[str], bool, bool]:
    """(the years, quarters, months, weekdays and times of day named; a time relative to another;
    a forecast)."""
    clock = {m.group(1).replace(".", ":") for m in _CLOCK_RE.finditer(text)}
    return (
        time_frame(text) | clock,
        _OTHER_TIME_RE.search(text) is not None,
        _FORECAST_RE.search(text) is not None,
    )


def _other_time(a: Unit, b: Unit) -> bool:
    """Whether the passages show two periods or events (the module docstring): they do not name
    the same years, quarters (however written), months, weekdays and times of day, or one only
    gives a time relative to another, or one only a forecast."""
    frame_a, relative_a, forecast_a = _times(a.passage.text)
    frame_b, relative_b, forecast_b = _times(b.passage.text)
    return frame_a != frame_b or relative_a != relative_b or forecast_a != forecast_b


def _share_base(unit: Unit, q: Quantity) -> str:
    """What a share counts when the passage says it ("32% of all mobiles" -> "mobil"), else ""."""
    if q.key != "%":
        return ""
    m = _SHARE_OF_RE.match(unit.passage.text, q.end)
    terms = analyze(m.group(1)) if m else []
    return terms[0][0] if terms else ""


def _clause_names(unit: Unit, q: Quantity) -> set[str]:
    """The names in the clause of ``q`` (of the figure it is part of; its sentence when it opens
    it): capitalised words and runs of them, not the sentence's first word, as stems."""
    q = _head(unit, q)
    text = unit.passage.text
    sentence = text.rfind(". ", 0, q.start) + 2 if ". " in text[: q.start] else 0
    if _event_words(unit, (q.start, q.end)) is not None:
        start, end_at = sentence, text.find(". ", q.end)
        end = len(text) if end_at < 0 else end_at
    else:
        start = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(text, 0, q.start)), default=0)
        found = _CLAUSE_BREAK_RE.search(text, q.end)
        end = found.start() if found else len(text)
    return {
        t
        for t, s, e in analyze_names_joined(text)
        if start <= s
        and e <= end
        and text[s].isupper()
        and text[sentence:s].strip(" \t\n\"'“‘(")
        and not (q.start <= s < q.end)
    }


def _other_subjects(a: Unit, x: Quantity, b: Unit, y: Quantity) -> bool:
    """Whether each figure's clause names someone or something the other passage does not ("Ten
    former directors at WorldCom" / "Eighteen former Enron directors"; "Welsh councils" / "Council
    tax in Scotland"): two subjects' figures."""
    words_a = {w for key in a.keys for w in key.lstrip("@").split()} | {s for v in a.keys.values() for s in v}
    words_b = {w for key in b.keys for w in key.lstrip("@").split()} | {s for v in b.keys.values() for s in v}
    only_a = [n for n in _clause_names(a, x) if not set(n.split()) & words_b]
    only_b = [n for n in _clause_names(b, y) if not set(n.split()) & words_a]
    return bool(only_a) and bool(only_b)


def _difference(unit: Unit, q: Quantity) -> bool:
    """Whether ``q`` is a difference ("19% less than", "$2bn more"), not a level."""
    return _DIFFERENCE_RE.match(unit.passage.text, q.end) is not None


def _bound(unit: Unit, q: Quantity) -> int:
    """+1 when ``q`` is a lower bound ("more than $1,000bn", "£30m-plus"), -1 an upper one ("up to
    20", "nearly half"), 0 a value."""
    text = unit.passage.text
    before = text[max(0, q.start - 32) : q.start]
    if _LOWER_BOUND_RE.search(before) or text.startswith("-plus", q.end):
        return 1
    if _UPPER_BOUND_RE.search(before):
        return -1
    return 0


def _rivals(a: Unit, x: Quantity, b: Unit, y: Quantity) -> bool:
    """Whether ``x`` and ``y`` can be one figure's two values: within a factor of ``MEASURE_RATIO``
    (a figure twice another is another thing), neither a period's length ("the next 18 months"),
    and not a bound the other figure is within ("more than $1,000bn" / "$1.8 trillion")."""
    low, high = sorted((abs(x.value), abs(y.value)))
    if low <= 0 or high / low >= params.MEASURE_RATIO:
        return False
    if params.MEASURE_WHOSE and (
        _roundings(x, y) or _whole(a, x) != _whole(b, y) or _movement(a, x) != _movement(b, y)
    ):
        return False
    for unit, q in ((a, x), (b, y)):
        text = unit.passage.text
        # a period's length: "the next 18 months", "fresh four-month highs"
        if _SPAN_RE.search(text, max(0, q.start - 12), q.start) or _SPAN_ADJECTIVE_RE.search(q.written):
            return False
    if _difference(a, x) != _difference(b, y):
        return False  # "19% less than men" is a gap, "30% of men" a level
    for unit, q, other in ((a, x, y), (b, y, x)):
        head = _head(unit, q)
        converted = head is not q and "(" in unit.passage.text[head.end : q.start]
        bound = _bound(unit, head if converted else q)  # (a conversion is bounded as its amount is)
        if (bound > 0 and other.value >= q.value) or (bound < 0 and other.value <= q.value):
            return False
    return True


# a whole that another figure is part of: "all but 92 of the Lords' 750 [hereditary peers]"
_WHOLE_RE = re.compile(r"\d\S*\s+(?:out\s+)?of\s+(?:(?:the|its|their|all)\s+)?(?:[\w'’.-]+['’]s?\s+)?$")


def _whole(unit: Unit, q: Quantity) -> bool:
    """Whether ``q`` is the whole of another figure's part ("92 of the Lords' 750"), not a part
    or a level ("600 hereditaries lost their seats")."""
    return _WHOLE_RE.search(unit.passage.text, max(0, q.start - 40), q.start) is not None


_RISE_STEMS, _FALL_STEMS = EVALUATION_AXES[_MOVEMENT]


def _movement(unit: Unit, q: Quantity) -> int:
    """The movement ``q`` is of or after, from the movement word nearest to it in its clause: +1
    a rise ("rose 12% to A$4.76", "a 5% annual increase"), -1 a fall, 0 none ("were suspended at
    A$4.25": a level, another moment's than a level after a rise)."""
    q = _head(unit, q)
    text = unit.passage.text
    start = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(text, 0, q.start)), default=0)
    found = _CLAUSE_BREAK_RE.search(text, q.end)
    end = found.start() if found else len(text)
    best, sign = len(text) + 1, 0
    for t, s, e in analyze_names_joined(text):
        if s < start or e > end or (t not in _RISE_STEMS and t not in _FALL_STEMS):
            continue
        distance = q.start - e if e <= q.start else s - q.end
        if 0 <= distance < best:
            best, sign = distance, 1 if t in _RISE_STEMS else -1
    return sign


def _roundings(x: Quantity, y: Quantity) -> bool:
    """Whether two figures of two or more significant digits are one place of their last digit
    apart: two roundings of one value ("$9.3bn" / "$9.4bn" of one $9.35bn sale), not two values."""
    (vx, px), (vy, py) = x.base, y.base
    place = max(px, py)
    return min(abs(vx), abs(vy)) >= 10 * place and abs(vx - vy) <= place * (1 + 1e-9)


# capitalised for another reason than naming someone: months, weekdays, feasts
_NOT_NAMES = frozenset(
    term
    for w in (*MONTH_NAMES, *_WEEKDAYS, "christmas", "easter", "mr", "mrs", "ms", "dr", "sir")
    for term, _s, _e in analyze(w)
)


@functools.lru_cache(maxsize=2048)
def _cased(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(the stems ``text`` writes capitalised inside a sentence, those it writes lower-case, all
    its stems); months, weekdays and titles left out of the first. (The words ``unit_of`` has
    read already: most passages of a comparison are read for nothing else.)"""
    capital: set[str] = set()
    lower: set[str] = set()
    every: set[str] = set()
    for t, s, _e in prepared_words(text):
        if not t.isalpha():
            continue
        every.add(t)
        if text[s].islower():
            lower.add(t)
        elif text[max(0, s - 12) : s].rstrip(" \t\"'“‘(")[-1:] not in ("", ".", "!", "?", ":", "\n"):
            capital.add(t)
    return frozenset(capital - _NOT_NAMES), frozenset(lower), frozenset(every)


def document_subject(units: Sequence[Unit]) -> frozenset[str]:
    """Whom a document is about, as name stems: the names of its headline and first
    ``MEASURE_LEAD`` passages that at least ``MEASURE_MENTIONS`` of its passages give, and its
    most-given name(s). A name is a word written capitalised inside a sentence and never
    lower-case in the document ("Apple", "Rosneft", "UK"; not "Court", "Pay")."""
    parts = [_cased(u.passage.text) for u in units]
    names = frozenset().union(*(p[0] for p in parts)) - frozenset().union(*(p[1] for p in parts))
    mentions: Counter[str] = Counter(w for p in parts for w in p[2] & names)
    least = params.MEASURE_MENTIONS
    lead = [k for k, u in enumerate(units) if HEADLINE in u.passage.kinds]
    lead += [k for k, u in enumerate(units) if HEADLINE not in u.passage.kinds][: params.MEASURE_LEAD]
    subject = {w for k in lead for w in parts[k][2] & names if mentions[w] >= least}
    most = max(mentions.values(), default=0)
    if most >= least:
        subject.update(w for w, n in mentions.items() if n == most)
    return frozenset(subject)


def mark_subjects(units: Sequence[Unit]) -> None:
    """Set each unit's ``about`` to whom its document is about (``document_subject``; ``units``:
    one document's)."""
    about = document_subject(units)
    for u in units:
        u.about = about


def _whose(unit: Unit, q: Quantity) -> frozenset[str]:
    """Whose figure ``q`` is, as name stems: the names of its clause (``_clause_names``) when it
    names one, else whom its document is about (``Unit.about``); with ``MEASURE_WHOSE`` "both",
    the two together; empty when neither is known."""
    named = frozenset(w for n in _clause_names(unit, q) for w in n.split()) - _NOT_NAMES
    about = unit.about or frozenset()
    if params.MEASURE_WHOSE == "both":
        return named | about
    return named or about


def _same_subject(a: Unit, x: Quantity, b: Unit, y: Quantity) -> bool:
    """Whether ``x`` and ``y`` are one subject's figures: ``_whose`` shares a name, and with
    ``MEASURE_WHOSE`` "both" the two documents are about someone in common (``Unit.about``; not
    asked of passages compared without their documents)."""
    if (
        params.MEASURE_WHOSE == "both"
        and a.about is not None
        and b.about is not None
        and not a.about & b.about
    ):
        return False
    return bool(_whose(a, x) & _whose(b, y))


def measure_slot(a: Unit, b: Unit) -> tuple[Quantity, Quantity, str] | None:
    """(A's figure, B's figure, the measure word) when the passages give two values of one
    measure of one subject at one time (the module docstring); else None."""
    keys = {q.key for q in a.numbers if q.key and not q.year} & {
        q.key for q in b.numbers if q.key and not q.year
    }
    if not keys:
        return None  # (most candidate pairs: no figures of one unit on both sides)
    if a.polarity.get(_MOVEMENT, (0, ""))[0] != b.polarity.get(_MOVEMENT, (0, ""))[0]:
        return None  # "rose 3.8%" / "closed down 18%": two movements, not two values of one
    if _other_time(a, b):
        return None
    shared = {
        s for key, stems in a.keys.items() if not key.startswith("#") and key in b.keys for s in stems
    } | {k for k in a.keys if k.startswith("#") and k in b.keys}
    found_a = {k: [q for q in a.numbers if q.key == k and not q.year] for k in keys}
    found_b = {k: [q for q in b.numbers if q.key == k and not q.year] for k in keys}
    for x in a.numbers:
        if (
            x.key not in keys
            or x.year
            or x.key in _WHEN_UNITS
            or x.key in _AGE_UNITS
            or any(x.agrees(y) for y in b.numbers if y.key == x.key)
        ):
            continue
        measure_x = None
        for y in b.numbers:
            if y.key != x.key or y.year or any(y.agrees(z) for z in a.numbers if z.key == y.key):
                continue
            if _mentions(a.passage.text, y.value) or _mentions(b.passage.text, x.value):
                continue
            if len(found_a[x.key]) > 2 or len(found_b[y.key]) > 2 or not _rivals(a, x, b, y):
                continue  # (three or more figures of a unit: a list of things, no one value)
            if params.MEASURE_SUBJECTS and _other_subjects(a, x, b, y):
                continue  # ("Ten former directors at WorldCom" / "Eighteen former Enron directors")
            if params.MEASURE_WHOSE and not _same_subject(a, x, b, y):
                continue  # two firms' profits, each named only in its own article (or no one known)
            measure_x = _measure_words(a, x) if measure_x is None else measure_x
            measure_y = _measure_words(b, y)
            # a word's group first: it names the measure ('cut/lost'), not only what is near it
            base_x, base_y = _share_base(a, x), _share_base(b, y)
            if (base_x and _key(base_x) not in measure_y) or (base_y and _key(base_y) not in measure_x):
                continue  # "32% of all mobiles" / "11% [of people] regarded themselves": two bases
            common = sorted(
                (k for k in measure_x if k in measure_y),
                key=lambda k: (not k.startswith(_GROUP), not k.startswith("~"), k),
            )
            if len(common) < params.MEASURE_SHARED:
                continue  # (the measure and its subject both next to each figure)
            for k in common:
                # the subject: something else both give (a name, a word, a number)
                said = {t for t, _s, _e in analyze(measure_x[k])} | {t for t, _s, _e in analyze(measure_y[k])}
                if shared - said:
                    word = measure_x[k]
                    other = measure_y[k]
                    return x, y, word if word == other else f"{word}/{other}"
    return None


def clear_caches() -> None:
    """Forget the memoised times and cased words of passages (``_times``, ``_cased``)."""
    _times.cache_clear()
    _cased.cache_clear()
