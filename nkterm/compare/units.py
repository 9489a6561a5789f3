"""Units and their keys: which passages of a document are compared (``passages``: its strong
claims, its sentences elsewhere) and what each one says in comparable form (``unit_of``: stemmed
keys, related-term groups, numbers with their unit, negations, evaluations), prepared once per
passage text and kept in two bounded caches (``clear_caches`` empties them).

Must not import Textual, nor Whoosh directly.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from nkterm.analysis import analyze_names_joined
from nkterm.compare.actors import DENIAL_CUE_ASCII_RE, DENIAL_CUE_RE, denial_scopes, denies
from nkterm.compare.params import NEGATION_SCOPE, WEAK_CLAIM
from nkterm.compare.results import Passage
from nkterm.compare.words import (
    CLAUSE_END_RE,
    CONTRACTION_TAIL,
    EVALUATION_AXES,
    FUNCTION_WORDS,
    KEY_OF,
    PHRASES,
    first_letters,
    negations_and_denial,
)
from nkterm.dateline import find_dateline
from nkterm.models import Claim, Document, Span
from nkterm.numbers import Quantity, quantities
from nkterm.text import sentences as split_sentences


class PassageFilter(Protocol):
    """What ``passages`` asks of a prefilter (``nkterm.compare.prefilter.Prefilter`` is the one):
    whether a stretch of text can match, which claims and which paragraphs can."""

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool: ...
    def best_claims(self, text: str, claims: list[Claim]) -> list[Claim]: ...
    def paragraphs(self, doc: Document) -> list[Span]: ...


HEADLINE = "headline"  # the kind of the passage that is the document's title line

# page furniture that is not prose: photo captions and credits, "listen"/"click" links (matched
# at a passage's start: ``FURNITURE_RE.match(text, start)``)
FURNITURE_RE = re.compile(
    r"\s*(?:\(?(?:photo|picture|image|caption|credit|copyright|source|video|graphic)s?\b[^a-z]{0,3}[:)\-]"
    r"|©|\((?:ap|afp|reuters|getty|epa)\b|listen to\b|click here\b|read more\b|see also\b|watch\b)",
    re.IGNORECASE,
)


def headline_span(doc: Document) -> tuple[int, int] | None:
    """The document's title as its first line ("Ad sales boost Time Warner profit"), if the text
    opens with it: a headline is compared only with a headline."""
    text = doc.text
    first = len(text) - len(text.lstrip())
    line_end = text.find("\n", first)
    line_end = len(text) if line_end < 0 else line_end
    line = text[first:line_end].strip()
    if line and doc.title and " ".join(line.split()) == " ".join(doc.title.split()):
        return first, first + len(line)
    return None


def passages(
    doc: Document, claims: Sequence[Claim] = (), *, where: PassageFilter | None = None
) -> list[Passage]:
    """The units of ``doc`` in text order: its claims scored >= ``WEAK_CLAIM`` (of two
    overlapping claims the stronger), then every sentence that no kept claim overlaps.
    The title line, when the text opens with it, is one passage of kind ``HEADLINE``. Never
    compared: passages inside sections of kind ``boilerplate`` (newsletter links, page
    furniture), captions and credits (``FURNITURE_RE``), the agency dateline (a passage that
    opens with one starts after it), and passages without a single word.

    ``where``: only passages it accepts, and only paragraphs it accepts are split into
    sentences; corroboration uses it to skip what cannot match its claim."""
    skip = [(s.start, s.end) for s in doc.sections if s.kind == "boilerplate"]
    head = headline_span(doc)
    if head is not None:
        skip.append(head)
    dateline = find_dateline(doc.text)
    dateline_end = dateline.end if dateline is not None else -1

    def trimmed(start: int, end: int) -> int:
        if dateline is not None and start <= dateline.start < end and dateline.end < end:
            start = dateline.end
        while start < end and doc.text[start].isspace():
            start += 1
        return start

    def wanted(start: int, end: int) -> bool:
        if end <= start or not any(map(str.isalnum, doc.text[start:end])):
            return False
        if dateline is not None and dateline.start <= start and end <= dateline_end:
            return False
        if FURNITURE_RE.match(doc.text, start, end):
            return False
        return not any(s < end and start < e for s, e in skip)

    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (-c.score, c.start, c.end)):
        if claim.score < WEAK_CLAIM or not wanted(trimmed(claim.start, claim.end), claim.end):
            continue
        if _overlaps(claim.start, claim.end, kept):
            continue
        bisect.insort(kept, claim, key=lambda k: k.start)
    if where is not None:
        kept = sorted(where.best_claims(doc.text, kept), key=lambda k: k.start)
    out = []
    for c in kept:
        start = trimmed(c.start, c.end)
        out.append(Passage(start, c.end, doc.text[start : c.end], tuple(c.kinds)))
    if head is not None and (where is None or where.search(doc.text, *head)):
        out.append(Passage(head[0], head[1], doc.text[head[0] : head[1]], (HEADLINE,)))
    for sentence in _sentences(doc, where):
        start = trimmed(sentence.start, sentence.end)
        if not wanted(start, sentence.end):
            continue
        if where is not None and not where.search(doc.text, start, sentence.end):
            continue
        if _overlaps(start, sentence.end, kept):
            continue
        out.append(Passage(start, sentence.end, doc.text[start : sentence.end]))
    out.sort(key=lambda p: (p.start, p.end))
    return out


def _overlaps(start: int, end: int, kept: list[Claim]) -> bool:
    """Whether [start, end) overlaps one of ``kept`` (non-overlapping, sorted by start)."""
    i = bisect.bisect_left(kept, start, key=lambda k: k.end) if kept else 0
    return (i < len(kept) and kept[i].start < end and start < kept[i].end) or (
        i + 1 < len(kept) and kept[i + 1].start < end and start < kept[i + 1].end
    )


def _sentences(doc: Document, where: PassageFilter | None) -> Iterable[Span]:
    """The document's sentences, or only those of the paragraphs ``where`` matches: sentences
    never cross a paragraph, so splitting a paragraph on its own gives the same spans, and
    sentence splitting is most of what corroboration costs. A document read from the index
    has its sentences already (stored at indexing): those are picked, never split again."""
    if where is None:
        yield from doc.sentences
        return
    known = "sentences" in vars(doc)  # a cached property: present once computed or stored
    starts = [s.start for s in doc.sentences] if known else []
    for para in where.paragraphs(doc):
        if known:
            i = bisect.bisect_left(starts, para.start)
            while i < len(starts) and starts[i] < para.end:
                yield doc.sentences[i]
                i += 1
            continue
        for span in split_sentences(doc.text[para.start : para.end]):
            yield Span(para.start + span.start, para.start + span.end)


@dataclass(slots=True)
class Unit:
    passage: Passage
    # key -> {stem: the word as written}: a group key ("~people") can gather several stems
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    numbers: list[Quantity] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)  # key -> weight of its heaviest stem
    total: float = 0.0  # the sum of the weights...
    norm: float = 0.0  # ...or, for a short unit, MIN_WORDS median weights: what similarity divides by
    names: set[str] = field(default_factory=set)  # keys that are names (weigh NAME_FACTOR more)
    dropped: frozenset[str] = frozenset()  # the stems left out of this passage (``unit_of``'s drop)
    # a date the passage gives only by reference ("About the same time", "the day before"), read
    # from an earlier passage of its document (``slots.refer_dates``): (start, end of the
    # reference in this passage, month, first day, last day, year or "")
    context_date: tuple[int, int, str, int, int, str] | None = None
    # whom the passage's document is about, as name stems (``measure.document_subject``, set by
    # ``align`` when the rule of figures of one measure is on): whose a figure is when its clause
    # names no one; None when no document is known (a passage compared on its own)
    about: frozenset[str] | None = None

    # What the passage says is not so, read when a pair asks (``_polarity_parts``, memoised):
    # most units of a comparison are never a candidate pair's, and need only their keys.
    @property
    def negated(self) -> dict[str, str]:
        """stem -> the cue negating it ("not")."""
        return _polarity_parts(self.passage.text, self.dropped)[0]

    @property
    def polarity(self) -> dict[str, tuple[int, str]]:
        """evaluation axis -> (+1/-1/0, the words)."""
        return _polarity_parts(self.passage.text, self.dropped)[1]

    @property
    def negative(self) -> bool:
        """Says what is not so: a negation cue or a verb of denial."""
        return _polarity_parts(self.passage.text, self.dropped)[2]

    @property
    def scopes(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """What each denial says is not so: (cue as written, the stem of who denies, stems of the
        content words after it in its clause, at most ``DENIAL_SCOPE``): "Kenteris denied claims
        that he faked a crash" -> ("denied", "kenteri", ("claim", "fake", "crash"))."""
        return _polarity_parts(self.passage.text, self.dropped)[3]


def unit_of(passage: Passage, drop: frozenset[str] = frozenset()) -> Unit:
    """Keys, numbers and names of one passage (weights come later; negations, evaluations and
    denials when asked: ``Unit.negated`` etc.).

    Memoised by the passage's text and the dropped stems it contains (``_unit_parts``): a
    document's sentences are prepared once for every comparison it takes part in. The returned
    unit shares its keys, numbers, names, negations and scopes with other units of the same
    text: they are read-only after this (``make_weights`` sets only weights, total and norm)."""
    prepared = _prepared(passage.text)
    used = drop.intersection([t for t, _s, _e in prepared.analysed]) if drop else frozenset()
    keys, numbers, names = _unit_parts(passage.text, used)
    return Unit(passage, keys, numbers, names=names, dropped=used)


class _Prepared(NamedTuple):
    """What a passage's text says before any stem is dropped: its numbers, the words that
    phrases and numbers consumed, its analysed words (the index's stems, given names joined;
    those inside a number or phrase left out) with their name runs.
    (A named tuple: made for every passage, and quicker to make than a frozen dataclass.)"""

    numbers: list[Quantity]
    phrase_hits: list[tuple[str, str, str]]  # (group key, stem, words as written)
    analysed: list[tuple[str, int, int]]
    runs: dict[int, list[int]]


# a digit or a number word: what ``quantities`` needs to find anything ("2004", "two weeks");
# the words by their first letter, which the regex engine checks faster than 28 alternatives
_DIGIT_RE = re.compile(r"\d")
_NUMBER_WORDS = (
    r"(?:zero|one|t(?:wo|hree|en|welve|hirteen|wenty|hirty)|f(?:our|ive|ourteen|ifteen|orty|ifty)"
    r"|s(?:ix|even|ixteen|eventeen|ixty|eventy)|e(?:ight|leven|ighteen|ighty)|n(?:ine|ineteen|inety))\b"
)
_NUMBER_WORD_RE = re.compile(rf"\b{_NUMBER_WORDS}", re.IGNORECASE)
_NUMBER_WORD_ASCII_RE = first_letters(_NUMBER_WORDS, "zotfsen")  # the same on ASCII text, faster
# what each phrase needs in the lower-cased text before its pattern is run
_PHRASE_NEEDS = ("like", "allowed")
_CACHE_SIZE = 2048  # passages in each cache (a 7,000-word document has ~400); full, both hold ~20 MB


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _prepared(text: str) -> _Prepared:
    ascii_only = text.isascii()
    numberish = (
        _DIGIT_RE.search(text) is not None
        or (_NUMBER_WORD_ASCII_RE if ascii_only else _NUMBER_WORD_RE).search(text) is not None
    )
    # a number word alone ("twenty of them") is too vague to compare
    found = [q for q in quantities(text) if q.unit or q.year or q.written[:1].isdigit()] if numberish else []
    consumed = [(q.start, q.end) for q in found]
    phrase_hits: list[tuple[str, str, str]] = []
    lower = text.lower()
    for (pattern, key, word_stem), need in zip(PHRASES, _PHRASE_NEEDS, strict=True):
        if ascii_only and need not in lower:  # (a non-ASCII letter may match one case-insensitively)
            continue
        for m in pattern.finditer(text):
            phrase_hits.append((key, word_stem, " ".join(m.group(0).lower().split())))
            consumed.append((m.start(), m.end()))
    analysed = analyze_names_joined(text)
    if consumed or numberish or not text.isascii():  # (folding may make a digit: "²" -> "2")
        low = min((s for s, _e in consumed), default=0)  # words outside [low, high) overlap none
        high = max((e for _s, e in consumed), default=0)
        digit = _DIGIT_RE.search
        analysed = [
            t
            for t in analysed
            if (t[0].isalpha() or not digit(t[0]))
            and (t[2] <= low or t[1] >= high or not any(t[1] < e and s < t[2] for s, e in consumed))
        ]
    return _Prepared(
        numbers=found,
        phrase_hits=phrase_hits,
        analysed=analysed,
        runs=_name_runs(text, analysed),
    )


def prepared_words(text: str) -> list[tuple[str, int, int]]:
    """The analysed words of a passage as ``unit_of`` read them (memoised): (stem, start, end),
    given names joined, words inside a number or phrase left out."""
    return _prepared(text).analysed


def clear_caches() -> None:
    """Forget the prepared passages (``_prepared``, ``_unit_parts``, ``_polarity_parts``, ``actors.denies``)."""
    _prepared.cache_clear()
    _unit_parts.cache_clear()
    _polarity_parts.cache_clear()
    denies.cache_clear()


_UnitParts = tuple[dict[str, dict[str, str]], list[Quantity], set[str]]


def _content_tokens(text: str, drop: frozenset[str]) -> list[tuple[str, int, str, int]]:
    """The passage's words that count, in order: (stem, start, word lower-cased, index in its
    analysed words); function words, dropped stems, the "n't" of a contraction and the words of
    a name before its last left out."""
    prepared = _prepared(text)
    analysed, runs = prepared.analysed, prepared.runs
    function_words, startswith = FUNCTION_WORDS, text.startswith
    tails = any(tail in text for tail in CONTRACTION_TAIL)  # most passages have no "n't"
    out = []
    for k, (term, start, end) in enumerate(analysed):
        word = text[start:end].lower()
        if word in function_words or term in drop or (tails and startswith(CONTRACTION_TAIL, end)):
            continue
        run = runs.get(k) if runs else None
        if run is not None and k != run[-1]:
            continue  # "Kim Jong" of "Kim Jong Un": only the whole name and its last word count
        out.append((term, start, word, k))
    return out


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _unit_parts(text: str, drop: frozenset[str]) -> _UnitParts:
    """``unit_of``'s keys, numbers and names for ``text`` with the stems of ``drop`` left out."""
    prepared = _prepared(text)
    keys: dict[str, dict[str, str]] = {}
    names: set[str] = set()
    for number in prepared.numbers:
        key = number_key(number)
        keys.setdefault(key, {}).setdefault(key, number.written)
    for key, word_stem, written in prepared.phrase_hits:
        keys.setdefault(key, {}).setdefault(word_stem, written)
    analysed, runs = prepared.analysed, prepared.runs
    related = KEY_OF
    for term, start, word, k in _content_tokens(text, drop):
        key = related.get(term, term)
        stems = keys.get(key)
        if stems is None:
            keys[key] = {term: word}
        elif term not in stems:
            stems[term] = word
        if (runs and k in runs) or (start > 0 and text[start].isupper() and not _sentence_start(text, start)):
            names.add(key)
    if runs:
        for whole in sorted({tuple(r) for r in runs.values()}):
            terms = [analysed[k][0] for k in whole]
            if any(t in drop for t in terms):
                continue
            key = "@" + " ".join(terms)
            keys.setdefault(key, {}).setdefault(key, text[analysed[whole[0]][1] : analysed[whole[-1]][2]])
            names.add(key)
    return keys, prepared.numbers, names


_PolarityParts = tuple[
    dict[str, str], dict[str, tuple[int, str]], bool, list[tuple[str, str, tuple[str, ...]]]
]


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _polarity_parts(text: str, drop: frozenset[str]) -> _PolarityParts:
    """(negated, polarity, negative, scopes) of ``text`` with the stems of ``drop`` left out
    (``Unit``'s properties of the same names)."""
    cues, denied = negations_and_denial(text)
    if denied and not denies(text):
        denied = False  # only a court's ruling ("the court rejected the claim"): nothing denied
    negations = []
    for m in cues:
        clause = CLAUSE_END_RE.search(text, m.end())
        hedge = _HEDGE_RE.search(text, max(0, m.start() - 7), m.start())
        cue = f"{hedge.group(1).lower()} {m.group(0)}" if hedge else m.group(0)
        negations.append((m.end(), clause.start() if clause else len(text), cue))
    negative = bool(negations) or denied
    if not negative and not any(t in _EVALUATION_SIGNS for t, _s, _e in _prepared(text).analysed):
        return {}, {}, False, []  # (most passages: nothing negated, nothing evaluated)
    tokens = [(term, start, word) for term, start, word, _k in _content_tokens(text, drop)]
    denial = negative and (DENIAL_CUE_ASCII_RE if text.isascii() else DENIAL_CUE_RE).search(text) is not None
    scopes = denial_scopes(text, tokens) if denial else []
    negated: dict[str, str] = {}
    polarity: dict[str, tuple[int, str]] = {}
    # negation: the first content word(s) after a cue, within its clause
    negated_at: dict[int, str] = {}  # token start -> cue
    for cue_end, clause_end, cue in negations:
        for _term, start, _word in [t for t in tokens if cue_end <= t[1] < clause_end][:NEGATION_SCOPE]:
            negated_at.setdefault(start, cue)
    if negated_at:
        # a word counts as negated only if every use of it is ("saw X, did not see Y" negates nothing)
        for term, start, _word in tokens:
            if start in negated_at:
                negated.setdefault(term, negated_at[start])
        for term, start, _word in tokens:
            if start not in negated_at:
                negated.pop(term, None)
    for term, start, word in tokens:
        signs = _EVALUATION_SIGNS.get(term)
        if not signs:
            continue
        for axis, sign in signs:
            shown = word
            if start in negated_at:  # "not that much different" sides with "similar"
                if negated_at[start].startswith(HEDGED):
                    continue  # "may not win": takes no side
                sign, shown = -sign, f"{negated_at[start]} {word}"
            old = polarity.get(axis)
            polarity[axis] = (sign, shown) if old is None or old[0] == sign else (0, shown)
    return negated, polarity, negative, scopes


_NAME_GAP_RE = re.compile(r"[ \t]+|-")
# a negation only said to be possible ("One that may not win approval"): its cue is kept with the
# modal ("may not"), so that it negates but opposes no assertion and takes no side (``HEDGED``)
_HEDGE_RE = re.compile(r"\b(may|might)\s+$", re.IGNORECASE)
HEDGED = ("may ", "might ")  # how such a cue starts
# stem -> the evaluation axes it takes a side of, and which side
_EVALUATION_SIGNS: dict[str, list[tuple[str, int]]] = {}
for _axis, (_positive, _negative) in EVALUATION_AXES.items():
    for _stem in _positive:
        _EVALUATION_SIGNS.setdefault(_stem, []).append((_axis, 1))
    for _stem in _negative:
        _EVALUATION_SIGNS.setdefault(_stem, []).append((_axis, -1))


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _name_runs(text: str, analysed: list[tuple[str, int, int]]) -> dict[int, list[int]]:
    """Runs of two or more capitalised words next to each other ("Kim Jong Un", "Malcolm
    Glazer", "Football Association"): token index -> the indices of its run. A name is one
    thing: "Kim Jong Un" must not match "Kim Jong Il" on "Kim" and "Jong"."""
    # the capitalised words (in most passages only the first): a run is made of neighbours
    capitals = [
        k
        for k, t in enumerate(analysed)
        if text[t[1]].isupper() and text[t[1] : t[2]].lower() not in FUNCTION_WORDS
    ]
    runs: dict[int, list[int]] = {}
    if len(capitals) < 2:
        return runs
    current = [capitals[0]]
    for k in capitals[1:]:
        previous_end, start = analysed[k - 1][2], analysed[k][1]
        if (
            k - 1 == current[-1]
            and _NAME_GAP_RE.fullmatch(text, previous_end, start) is not None
            and "'" not in text[previous_end:start]
        ):
            current.append(k)
            continue
        if len(current) >= 2:
            runs.update(dict.fromkeys(current, current))
        current = [k]
    if len(current) >= 2:
        runs.update(dict.fromkeys(current, current))
    return runs


def number_key(number: Quantity) -> str:
    """The key of a number: what it counts and its value to two significant figures, so that
    amounts equal within rounding ("$9.37bn", "$9.4bn") meet; ``Quantity.agrees`` decides the rest.
    A year keeps its exact value: "the late 1990s" and "in 2004" share no number."""
    base = number.base[0]
    if number.year:
        return f"#{base:g} {number.key}"
    value = float(f"{base:.2g}") if base else 0.0
    return f"#{value:g} {number.key}"
