"""Units and their keys: which passages of a document are compared (``passages``: its strong
claims, its sentences elsewhere) and what each one says in comparable form (``unit_of``: stemmed
keys, related-term groups, numbers with their unit, negations, evaluations).

Must not import Textual, nor Whoosh directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nkterm.compare.params import NEGATION_SCOPE, WEAK_CLAIM
from nkterm.compare.results import Passage
from nkterm.compare.words import (
    CLAUSE_END_RE,
    CONTRACTION_TAIL,
    EVALUATION_AXES,
    FUNCTION_WORDS,
    NEGATION_RE,
    PHRASES,
    RELATED,
    stem,
)
from nkterm.index import analyze
from nkterm.models import Claim, Document, Span
from nkterm.text import sentences as split_sentences

if TYPE_CHECKING:
    from nkterm.compare.prefilter import Prefilter


def passages(doc: Document, claims: Sequence[Claim] = (), *, where: Prefilter | None = None) -> list[Passage]:
    """The units of ``doc`` in text order: its claims scored >= ``WEAK_CLAIM`` (of two
    overlapping claims the stronger), then every sentence that no kept claim overlaps.
    Passages inside sections of kind ``boilerplate`` (newsletter links, page furniture) and
    passages without a single word are left out.

    ``where``: only passages it accepts, and only paragraphs it accepts are split into
    sentences; corroboration uses it to skip what cannot match its claim."""
    skip = [(s.start, s.end) for s in doc.sections if s.kind == "boilerplate"]

    def wanted(start: int, end: int) -> bool:
        if end <= start or not any(ch.isalnum() for ch in doc.text[start:end]):
            return False
        return not any(s <= start and end <= e for s, e in skip)

    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (-c.score, c.start, c.end)):
        if claim.score < WEAK_CLAIM or not wanted(claim.start, claim.end):
            continue
        if any(claim.start < k.end and k.start < claim.end for k in kept):
            continue
        kept.append(claim)
    if where is not None:
        kept = where.best_claims(doc.text, kept)
    out = [Passage(c.start, c.end, doc.text[c.start : c.end], tuple(c.kinds)) for c in kept]
    for sentence in _sentences(doc, where):
        if not wanted(sentence.start, sentence.end):
            continue
        if where is not None and not where.search(doc.text, sentence.start, sentence.end):
            continue
        if any(sentence.start < k.end and k.start < sentence.end for k in kept):
            continue
        out.append(Passage(sentence.start, sentence.end, doc.text[sentence.start : sentence.end]))
    out.sort(key=lambda p: (p.start, p.end))
    return out


def _sentences(doc: Document, where: Prefilter | None) -> Iterable[Span]:
    """The document's sentences, or only those of the paragraphs ``where`` matches: sentences
    never cross a paragraph, so splitting a paragraph on its own gives the same spans, and
    sentence splitting is most of what corroboration costs."""
    if where is None:
        yield from doc.sentences
        return
    for para in where.paragraphs(doc):
        for span in split_sentences(doc.text[para.start : para.end]):
            yield Span(para.start + span.start, para.start + span.end)


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    unit: str  # stemmed unit word, "%", a currency sign, "(year)", or "" for a bare number
    number: str  # the number as written: "3", "three", "30,000", "$5.2m", "5%"
    unit_text: str  # the unit word as written ("days"), or "" when ``number`` carries it


@dataclass
class Unit:
    passage: Passage
    # key -> {stem: the word as written}: a group key ("~people") can gather several stems
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    numbers: list[Number] = field(default_factory=list)
    negated: dict[str, str] = field(default_factory=dict)  # stem -> the cue negating it ("not")
    polarity: dict[str, tuple[int, str]] = field(default_factory=dict)  # axis -> (+1/-1/0, words)
    weights: dict[str, float] = field(default_factory=dict)  # key -> weight of its heaviest stem
    total: float = 0.0  # the sum of the weights...
    norm: float = 0.0  # ...or, for a short unit, MIN_WORDS median weights: what similarity divides by

    def add(self, key: str, key_stem: str, surface: str) -> None:
        self.keys.setdefault(key, {}).setdefault(key_stem, surface)


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
    r"(?<![\w.,$£€¥])(?P<cur>[$£€¥])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:"
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
_UNIT_WORD_RE = re.compile(r"[ \t-]*([A-Za-z]+)")
_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")
_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|between|and|early|late|mid|year|summer|winter|spring|autumn)\s+$",
    re.IGNORECASE,
)
_NOT_UNITS = FUNCTION_WORDS | {"per", "and", "or"}


def _numbers(text: str) -> tuple[list[Number], list[tuple[int, int]]]:
    """Numbers with what they count ("3 days", "5%", "$5.2m", "in 2011"), and the character
    ranges they cover, number and unit word."""
    out: list[Number] = []
    spans: list[tuple[int, int]] = []
    for m in _NUMBER_RE.finditer(text):
        raw = m.group("num")
        is_word = raw.lower() in _WORD_NUMBERS
        value = float(_WORD_NUMBERS[raw.lower()]) if is_word else float(raw.replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        value *= _SCALES.get(scale, 1.0)
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
            if not is_word and not scale and _YEAR_RE.fullmatch(raw):
                before = _YEAR_BEFORE_RE.search(text, 0, m.start())
                if not unit or before:
                    unit, unit_text, end = "(year)", "", m.end()
        if is_word and not unit:
            continue  # "two of them": too vague to compare
        out.append(Number(value, unit, written, unit_text))
        spans.append((m.start(), end))
    return out, spans


def unit_of(passage: Passage, drop: frozenset[str] = frozenset()) -> Unit:
    """Keys, numbers, negations and evaluations of one passage (weights come later)."""
    text = passage.text
    unit = Unit(passage)
    numbers, consumed = _numbers(text)
    unit.numbers = numbers
    for number in numbers:
        key = f"#{number.value:g} {number.unit}"
        unit.add(key, key, f"{number.number} {number.unit_text}".strip())
    for pattern, key, word_stem in PHRASES:
        for m in pattern.finditer(text):
            unit.add(key, word_stem, " ".join(m.group(0).lower().split()))
            consumed.append((m.start(), m.end()))
    tokens: list[tuple[str, int, str]] = []  # (stem, start, word as written)
    for term, start, end in analyze(text):
        word = text[start:end].lower()
        if word in FUNCTION_WORDS or term in drop or text[end : end + 2] in CONTRACTION_TAIL:
            continue
        if any(ch.isdigit() for ch in term) or any(start < e and s < end for s, e in consumed):
            continue
        tokens.append((term, start, word))
        unit.add(RELATED.get(term, term), term, word)
    # negation: the first content word(s) after a cue, within its clause
    negated_at: dict[int, str] = {}  # token start -> cue
    for m in NEGATION_RE.finditer(text):
        clause = CLAUSE_END_RE.search(text, m.end())
        clause_end = clause.start() if clause else len(text)
        for _term, start, _word in [t for t in tokens if m.end() <= t[1] < clause_end][:NEGATION_SCOPE]:
            negated_at.setdefault(start, m.group(0))
    # a word counts as negated only if every use of it is ("saw X, did not see Y" negates nothing)
    for term, start, _word in tokens:
        if start in negated_at:
            unit.negated.setdefault(term, negated_at[start])
    for term, start, _word in tokens:
        if start not in negated_at:
            unit.negated.pop(term, None)
    for term, start, word in tokens:
        for axis, (positive, negative) in EVALUATION_AXES.items():
            sign = 1 if term in positive else -1 if term in negative else 0
            if not sign:
                continue
            shown = word
            if start in negated_at:  # "not that much different" sides with "similar"
                sign, shown = -sign, f"{negated_at[start]} {word}"
            old = unit.polarity.get(axis)
            unit.polarity[axis] = (sign, shown) if old is None or old[0] == sign else (0, shown)
    return unit
