"""Number slots (``number_slot``): two passages that give different numbers for one thing
("around £6bn will be available for tax cuts" / "tax cuts worth £4bn"; "the two-year ban
imposed on Tzekos" / "Tzekos has been banned for four years").

Below ``NUMBER_CONFLICT_MIN`` differing numbers are mostly two events or two measures ("rose
3.8% on Tuesday" / "closed down 18%"), so ``relations`` calls them a conflict only when they
fill the same slot: each passage gives one value of that unit; a content word next to each
number (``ANCHOR_WORDS`` on either side, in its clause; not capitalised, not a number, not a
common word) is the same word; and both passages place it in the same time (the same years, months (May is left out: "may"),
weekdays and quarters named: "in November" / "in January" are two months' figures) and in
the same movement (a rise in one and a fall, or no movement, in the other are two measures).

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import re

from nkterm.analysis import analyze_names_joined
from nkterm.compare.units import Unit
from nkterm.compare.words import CLAUSE_END_RE, COMMON_STEMS, FUNCTION_WORDS
from nkterm.numbers import Quantity

ANCHOR_WORDS = 3  # content words looked at on each side of a number
_MOVEMENT = "up/down"  # the evaluation axis of rises and falls (``words.EVALUATION_AXES``)

_TIME_RE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|quarter|(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


# the denominator of a rate after a number ("$55.67 a barrel", "A$4.17-a-share", "530 pence per share")
_RATE_RE = re.compile(r"(?:\s*-\s*|\s+)(?:a|an|per)(?:\s*-\s*|\s+)[^\W\d_]+", re.IGNORECASE)


def time_frame(text: str) -> frozenset[str]:
    """The years, months, weekdays and quarters a passage names ("in the fourth quarter of 2004"
    -> {"quarter", "2004"}), lower-cased."""
    return frozenset(m.group(0).lower() for m in _TIME_RE.finditer(text))


def anchors(unit: Unit, number: Quantity) -> dict[str, str]:
    """The content words next to ``number`` in its clause: stem -> word as written, at most
    ``ANCHOR_WORDS`` before and after it; capitalised words (names, and whatever opens the
    sentence), numbers, the denominator of a rate ("a share") and common words left out."""
    text = unit.passage.text
    start = 0
    for m in CLAUSE_END_RE.finditer(text, 0, number.start):
        start = m.end()
    end_match = CLAUSE_END_RE.search(text, number.end)
    end = end_match.start() if end_match else len(text)
    numbers = [(q.start, q.end) for q in unit.numbers]
    rate = _RATE_RE.match(text, number.end)  # "A$4.17-a-share": what is counted, not the slot
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
        (before if e <= number.start else after).append((term, word.lower()))
    return dict(before[-ANCHOR_WORDS:] + after[:ANCHOR_WORDS])


def number_slot(a: Unit, b: Unit) -> tuple[Quantity, Quantity, str] | None:
    """(A's number, B's number, the word they share) when the two passages give different values
    (beyond rounding) for the same thing, as the module docstring says; else None."""
    if time_frame(a.passage.text) != time_frame(b.passage.text):
        return None
    if a.polarity.get(_MOVEMENT, (0, ""))[0] != b.polarity.get(_MOVEMENT, (0, ""))[0]:
        return None  # "rose 3.8%" / "closed down 18%": two movements, not two values of one
    keys = {q.key for q in a.numbers if q.key and not q.year} & {
        q.key for q in b.numbers if q.key and not q.year
    }
    for key in sorted(keys):
        found_a = [q for q in a.numbers if q.key == key and not q.year]
        found_b = [q for q in b.numbers if q.key == key and not q.year]
        if len(found_a) != 1 or len(found_b) != 1 or found_a[0].agrees(found_b[0]):
            continue
        near_a, near_b = anchors(a, found_a[0]), anchors(b, found_b[0])
        shared = [s for s in near_a if s in near_b]
        if shared:
            return found_a[0], found_b[0], near_a[shared[0]]
    return None
