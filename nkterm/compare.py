"""Claim alignment between two documents, and corroboration across the corpus.

Owns ``align`` (which passages of two documents say substantially the same thing, and whether
they agree or differ), ``corroborate`` (which passages elsewhere in the corpus discuss a claim),
their frozen results (``Passage``, ``Pair``, ``Alignment``, ``Corroboration``) and the small word
tables the method uses. The method is lexical and explainable, so that every pair can say why
it was made; docs/compare.md describes it in full:

* A document is cut into *units*: its claims where the claim detector found them (score >=
  ``WEAK_CLAIM``), its sentences everywhere else; boilerplate sections are left out.
* A unit is a set of *keys*: the index's own stemmed terms (``nkterm.index.analyze``, so
  "photographer" and "photographs" meet) minus function words; a word of the related-terms
  table ``RELATED_WORDS`` ("locals" and "people", "guides" and "rules") stands for its group;
  a number becomes a ``number + unit`` key ("3 days").
* A key weighs its IDF: the corpus's (``Index.idf``) for a large enough index, else an IDF over
  the units of the two documents; common words (``COMMON_WORDS``) weigh less. Similarity is
  the weight of the shared keys over the geometric mean of the two units' weights (a weighted
  Ochiai coefficient, in [0, 1]); a match through a group counts ``RELATED_FACTOR`` of an
  exact one, and a short unit counts as ``MIN_WORDS`` words long.
* Pairs scoring >= ``THRESHOLD`` that share >= ``MIN_SHARED`` keys, not all of them the two
  documents' common topic, are the edges of a bipartite graph; the pairing is a maximum-weight
  matching of it (exact, by successive shortest paths), so a unit is paired at most once.
* A pair ``differs`` when the units give different numbers for the same unit, when one negates
  a word both use, or when they take opposite sides of an evaluation axis ("good"/"bad",
  "similar"/"different"); it ``agrees`` otherwise, and ``reason`` says which rule fired.

Must not import Textual, nor Whoosh directly: the corpus is reached only through
``nkterm.index.Index`` methods and ``nkterm.index.analyze``, which return plain data.
"""

from __future__ import annotations

import heapq
import math
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from nkterm.index import analyze
from nkterm.models import Claim, Document, Span
from nkterm.text import sentences as split_sentences

if TYPE_CHECKING:
    from nkterm.index import Index

AGREES = "agrees"
DIFFERS = "differs"
RELATED_ONLY = "related"  # corroboration only: the same subject, too loose a match to judge

THRESHOLD = 0.18  # least similarity for two units to be paired
MIN_SHARED = 2  # least number of shared keys (words, groups, numbers) for a pair...
TOPIC_SHARE = 0.15  # ...one of them not a topic word: a word in this share of each side's units
RELATED_FACTOR = 0.7  # a match through the related-terms table counts this much of an exact one
WEAK_CLAIM = 0.3  # claims scored below this are replaced by the sentences they sit in
MIN_WORDS = 6  # a unit is normalised as if it had at least this many (median-weight) words
MIN_CORPUS_DOCS = 50  # below this many documents corpus IDF says little: use the pair's own
NUMBER_DF = 0.01  # a matched number weighs like a word found in 1% of the units/documents
CORROBORATION_CANDIDATES = 12  # documents fetched by Index.more_like for each claim
PARAGRAPHS_PER_DOCUMENT = 4  # in a large corpus, corroboration reads each candidate's 4 best paragraphs
CORROBORATION_MIN = 0.15  # corroboration lists matches down to this similarity...
CORROBORATION_AGREES = 0.3  # ...and calls one without a conflict "agrees" from this one up
NEGATION_SCOPE = 1  # a negation cue governs at most this many content words after it
SHARED_SHOWN = 10  # shared terms listed per pair

IdfFn = Callable[[str], float]
IdfSpec = IdfFn | tuple[IdfFn, int] | None


# -- word tables ----------------------------------------------------------------------------------
# Written as plain words and stemmed at import with the index's analyzer, so they always agree
# with the index whatever its stemmer does ("intimidated" -> "intimidat", "news" -> "new").

# Dropped before matching: words that say nothing about what a passage is about. Negations are
# here too (they are handled by the negation rule), and reporting verbs ("said"), which every
# paragraph of a news report carries.
FUNCTION_WORDS: frozenset[str] = frozenset(
    str.split(
        """
    a about above after again against all also although am among an and any are around as at be
    because been before being below between both but by can could did do does doing done down
    during each either else even ever for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just ll me mine more most
    much many my myself no nor not of off on once one only onto or other our ours ourselves out
    over own re s said say saying says she should so some such t than that the their theirs them
    themselves then there these they this those through thus to too under until up upon us ve
    very was we were what whatever when where whether which while who whom whose why will with
    within would yet you your yours yourself mr mrs ms etc inside outside across below beneath
    beside near behind toward towards along beyond despite except via per
    """
    )
)

# Common words that say little about what a passage is about ("make", "back", "way"): they weigh
# COMMON_FACTOR of their IDF. IDF from two documents alone cannot know that "make" is common in
# English because it is rare in them; and even a corpus's IDF ranks "show" or "way" with
# topical words, which made loose corroborations ("shows", "ways", "used") on the BBC corpus.
COMMON_WORDS: frozenset[str] = frozenset(
    str.split(
        """
    able actually again ago almost already always another anything around away back bit came come
    comes coming day days did does done else enough even ever every everything far few
    first get gets getting give given gives go goes going gone got great group had hand
    help keep kept kind know known last later least left less let little long look lot lots made
    make makes making may might mind new next now often old part place put quite rather really
    right saw see seem seemed seems set show since small something sometimes soon still
    sure take taken takes taking tell thing things think thought time times told took top try tried
    turn two use used using want wanted way ways well went whole work world year years
    """
    )
)
COMMON_FACTOR = 0.3

# Groups of related words, for the variation a careful reader sees through ("locals"/"people",
# "guides"/"rules"). Chosen for first-hand accounts and reports of trips: who people are, where
# they went, what they could see and photograph, who controlled it. A match through a group
# counts RELATED_FACTOR of an exact match and is shown as "locals≈people".
RELATED_WORDS: dict[str, str] = {
    "people": "people person persons local locals citizen citizens resident residents public "
    "population everyone everybody civilian civilians inhabitants folk folks individuals",
    "likeness": "similar same alike identical normal ordinary typical usual everyday "
    "comparable resemble different differ differs unlike",
    "travel": "travel travelled travelling traveller travellers traveler travelers trip trips "
    "tour tours toured touring tourist tourists visit visited visiting visitor visitors journey "
    "holiday vacation",
    "image": "photo photos photograph photographs photographed photographing photographer "
    "photographers photography picture pictures image images camera cameras video videos film "
    "filmed filming footage documentary",
    "control": "guide guides guided minder minders escort escorted handler handlers chaperone "
    "supervised supervision usher ushered rule rules must allow allowed permit permitted "
    "permission forbid forbidden prohibit prohibited ban banned restrict restricted restriction "
    "restrictions control controlled controlling careful strict monitored organised organized "
    "preplanned staged",
    "finding": "discover discovers discovered discovery found realise realised realize realized "
    "learn learned learnt surprise surprised surprising",
    "fear": "afraid scared scary fear feared fears frightened intimidate intimidated intimidating "
    "nervous wary worried anxious terrified",
    "sight": "see saw seen seeing show showed shown showing look looked glimpse view observe "
    "observed witness witnessed",
    "speech": "speak spoke spoken speaking talk talked talking conversation conversations chat "
    "chatted interact interacted interaction communicate",
    "country": "country countries nation nations",
    "government": "government governments regime regimes authorities officials leadership",
    "propaganda": "propaganda rhetoric slogan slogans indoctrination",
    "forces": "soldier soldiers army military troops police",
    "children": "child children kid kids youngsters",
    "work": "job jobs work working worked employed employment career",
    "happiness": "happy happiness enjoy enjoying enjoyed fun cheerful joy",
    "media": "media press journalist journalists reporter reporters television tv newspaper newspapers",
}

# Short phrases that stand for a group word: (pattern, group, the word whose weight they take).
PHRASE_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:just|much|very|exactly|a lot|looks?|looked) like\b", "likeness", "similar"),
    (r"\bnot (?:be )?allowed\b", "control", "forbidden"),
)

# Evaluation axes: a pair whose units take opposite sides of one (after negation: "not that
# much different" sides with "similar") differs. Chosen to be evaluations, not topics.
EVALUATION_WORDS: dict[str, tuple[str, str]] = {
    "good/bad": (
        "good great better best excellent positive positivity success successful improve "
        "improved improvement benefit beneficial impressive",
        "bad worse worst poor negative negativity failure fail failed terrible awful disappointing",
    ),
    "friendly/hostile": (
        "friendly kind welcoming warm polite hospitable",
        "hostile unfriendly rude cold aggressive unwelcoming",
    ),
    "safe/dangerous": ("safe safety secure", "dangerous danger unsafe risky threatening"),
    "similar/different": (
        "similar same alike identical normal ordinary",
        "different differ differs unlike strange unusual abnormal",
    ),
    "happy/sad": ("happy happiness cheerful glad", "sad unhappy miserable depressed gloomy"),
    "easy/hard": ("easy easier simple", "hard harder difficult challenging"),
    "true/false": ("true honest accurate correct truth", "false dishonest inaccurate untrue lie lies wrong"),
    "up/down": (
        "rise rose risen rising increase increased increases grew grow growth gain gained",
        "fall fell fallen falling decrease decreased decline declined drop dropped shrink shrank loss",
    ),
    "win/lose": ("win won wins victory beat", "lose lost loses defeat defeated"),
    "support/oppose": (
        "support supports supported backed favour approve approved",
        "oppose opposed reject rejected criticise criticised condemn condemned",
    ),
    "afraid/calm": (
        "afraid scared fear frightened intimidated nervous worried terrified",
        "calm unafraid relaxed confident comfortable",
    ),
}

NEGATION_RE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|hardly)\b|\b\w+n['’]t\b",
    re.IGNORECASE,
)
_CONTRACTION_TAIL = ("'t", "’t")
_CLAUSE_END_RE = re.compile(r"[,.;:!?\"“”()\[\]\u2014]")


def stem(word: str) -> str:
    """The index's stem of one word ("" for a stop word)."""
    terms = analyze(word)
    return terms[0][0] if terms else ""


def _stems(words: str) -> set[str]:
    return {s for s in (stem(w) for w in words.split()) if s}


RELATED: dict[str, str] = {}  # stem -> group key
for _group, _words in RELATED_WORDS.items():
    for _stem in _stems(_words):
        RELATED.setdefault(_stem, "~" + _group)
COMMON_STEMS: frozenset[str] = frozenset(_stems(" ".join(COMMON_WORDS)))
EVALUATION_AXES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    axis: (frozenset(_stems(pos)), frozenset(_stems(neg))) for axis, (pos, neg) in EVALUATION_WORDS.items()
}
_PHRASES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), "~" + group, stem(word)) for pattern, group, word in PHRASE_PATTERNS
)


# -- results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit of a document: a claim (``kinds`` are its claim kinds) or a sentence (``kinds``
    is empty). ``text`` is the document's text between the offsets, verbatim."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kinds": list(self.kinds)}


@dataclass(frozen=True, slots=True)
class Pair:
    """Two passages, one of each document, that say substantially the same thing."""

    a: Passage
    b: Passage
    similarity: float
    relation: str  # AGREES or DIFFERS
    # what made the match, heaviest first: "tours", "photographs/photographer", "locals≈people"
    shared_terms: tuple[str, ...]
    reason: str = ""  # why it DIFFERS, e.g. "numbers differ: 3 vs 5 days"; "" when it agrees

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "similarity": round(self.similarity, 4),
            "relation": self.relation,
            "shared_terms": list(self.shared_terms),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """Document A against document B: the pairs, best first, and what only one of them says
    (in text order)."""

    a_id: str
    b_id: str
    pairs: tuple[Pair, ...]
    only_a: tuple[Passage, ...]
    only_b: tuple[Passage, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a_id,
            "b": self.b_id,
            "pairs": [p.to_dict() for p in self.pairs],
            "only_a": [p.to_dict() for p in self.only_a],
            "only_b": [p.to_dict() for p in self.only_b],
        }


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A passage elsewhere in the corpus that discusses what a claim discusses."""

    doc_id: str
    title: str
    passage: Passage
    similarity: float
    relation: str  # AGREES, DIFFERS, or RELATED_ONLY when the method cannot tell
    shared_terms: tuple[str, ...]
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "title": self.title,
            "passage": self.passage.to_dict(),
            "similarity": round(self.similarity, 4),
            "relation": self.relation,
            "shared_terms": list(self.shared_terms),
            "reason": self.reason,
        }


class HasSpan(Protocol):
    """Anything with character offsets: a Claim, a Passage, a Span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# -- units ----------------------------------------------------------------------------------------


def passages(
    doc: Document, claims: Sequence[Claim] = (), *, where: _Prefilter | None = None
) -> list[Passage]:
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


def _sentences(doc: Document, where: _Prefilter | None) -> Iterable[Span]:
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
class _Number:
    value: float
    unit: str  # stemmed unit word, "%", a currency sign, "(year)", or "" for a bare number
    number: str  # the number as written: "3", "three", "30,000", "$5.2m", "5%"
    unit_text: str  # the unit word as written ("days"), or "" when ``number`` carries it


@dataclass
class _Unit:
    passage: Passage
    # key -> {stem: the word as written}: a group key ("~people") can gather several stems
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    numbers: list[_Number] = field(default_factory=list)
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


def _numbers(text: str) -> tuple[list[_Number], list[tuple[int, int]]]:
    """Numbers with what they count ("3 days", "5%", "$5.2m", "in 2011"), and the character
    ranges they cover, number and unit word."""
    out: list[_Number] = []
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
        out.append(_Number(value, unit, written, unit_text))
        spans.append((m.start(), end))
    return out, spans


def _unit(passage: Passage, drop: frozenset[str] = frozenset()) -> _Unit:
    """Keys, numbers, negations and evaluations of one passage (weights come later)."""
    text = passage.text
    unit = _Unit(passage)
    numbers, consumed = _numbers(text)
    unit.numbers = numbers
    for number in numbers:
        key = f"#{number.value:g} {number.unit}"
        unit.add(key, key, f"{number.number} {number.unit_text}".strip())
    for pattern, key, word_stem in _PHRASES:
        for m in pattern.finditer(text):
            unit.add(key, word_stem, " ".join(m.group(0).lower().split()))
            consumed.append((m.start(), m.end()))
    tokens: list[tuple[str, int, str]] = []  # (stem, start, word as written)
    for term, start, end in analyze(text):
        word = text[start:end].lower()
        if word in FUNCTION_WORDS or term in drop or text[end : end + 2] in _CONTRACTION_TAIL:
            continue
        if any(ch.isdigit() for ch in term) or any(start < e and s < end for s, e in consumed):
            continue
        tokens.append((term, start, word))
        unit.add(RELATED.get(term, term), term, word)
    # negation: the first content word(s) after a cue, within its clause
    negated_at: dict[int, str] = {}  # token start -> cue
    for m in NEGATION_RE.finditer(text):
        clause = _CLAUSE_END_RE.search(text, m.end())
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


# -- weights --------------------------------------------------------------------------------------


class _Weights:
    """Key weights: IDF from the corpus when given a function, else over the given units.

    A number weighs like a word found in ``NUMBER_DF`` of the units (or documents): a shared
    "3 days" is strong evidence, but not stronger than a word no other passage uses."""

    def __init__(self, units: Sequence[_Unit], idf: IdfSpec) -> None:
        self._cache: dict[str, float] = {}
        self._idf: IdfFn | None
        if idf is None:
            self._idf = None
            self._df: Counter[str] = Counter()
            for u in units:
                self._df.update({s for stems in u.keys.values() for s in stems})
            n = len(units)
        elif isinstance(idf, tuple):
            self._idf, n = idf
        else:
            self._idf, n = idf, len(units)
        self._n = max(1, n)
        df = NUMBER_DF * self._n  # the IDF formulas: ours over units, Whoosh's over documents
        self.number = (
            math.log(self._n / max(1.0, df)) if self._idf is None else math.log(self._n / (df + 1)) + 1
        )

    def __call__(self, key_stem: str) -> float:
        cached = self._cache.get(key_stem)
        if cached is not None:
            return cached
        if key_stem.startswith("#"):
            value = self.number
        elif self._idf is None:
            value = math.log(self._n / max(1, self._df[key_stem]))
        else:
            value = self._idf(key_stem)
        if key_stem in COMMON_STEMS:
            value *= COMMON_FACTOR
        value = max(value, 0.1)  # a word in every unit still counts a little, never negatively
        self._cache[key_stem] = value
        return value

    def weigh(self, unit: _Unit) -> None:
        unit.weights = {key: max(self(s) for s in stems) for key, stems in unit.keys.items()}
        unit.total = sum(unit.weights.values())


_IDF_CACHES: weakref.WeakKeyDictionary[Any, tuple[tuple[int, Any], dict[str, float]]] = (
    weakref.WeakKeyDictionary()
)


def corpus_idf(index: Index) -> tuple[IdfFn, int] | None:
    """The index's IDF and its document count, or None when the corpus has fewer than
    ``MIN_CORPUS_DOCS`` documents and its statistics would say little (``align`` then computes
    IDF over the two documents' units). Memoised per index until the index changes."""
    n = index.doc_count()
    if n < MIN_CORPUS_DOCS:
        return None
    stamp = (n, index.manifest().get("generation"))
    entry = _IDF_CACHES.get(index)
    if entry is None or entry[0] != stamp:
        entry = (stamp, {})
        _IDF_CACHES[index] = entry
    cache = entry[1]

    def idf(term: str) -> float:
        value = cache.get(term)
        if value is None:
            value = cache[term] = index.idf(term)
        return value

    return idf, n


# -- similarity and relation ----------------------------------------------------------------------


def _shared(a: _Unit, b: _Unit, weigh: _Weights) -> tuple[float, list[tuple[float, str, str]]]:
    """Similarity of two weighed units and the shared keys behind it as (weight, label, key),
    heaviest first.

    A key both units reach through the same stem counts that stem's weight; one they reach
    through different members of a related group counts RELATED_FACTOR times the geometric
    mean of their weights. Either is at most sqrt(weight_a * weight_b), so the similarity,
    divided by sqrt(norm_a * norm_b) (norms >= totals), stays within [0, 1] (Cauchy-Schwarz)."""
    if not a.norm or not b.norm:
        return 0.0, []
    if len(a.keys) > len(b.keys):
        small, large = a.keys, b.keys
    else:
        small, large = b.keys, a.keys
    score = 0.0
    shared: list[tuple[float, str, str]] = []
    for key in small:
        if key not in large:
            continue
        stems_a, stems_b = a.keys[key], b.keys[key]
        common = [s for s in stems_a if s in stems_b]
        if common:
            best = max(common, key=lambda s: (weigh(s), s))
            weight = min(weigh(best), math.sqrt(a.weights[key] * b.weights[key]))
            label = _label(stems_a[best], stems_b[best], True)
        else:
            weight = RELATED_FACTOR * math.sqrt(a.weights[key] * b.weights[key])
            label = _label(next(iter(stems_a.values())), next(iter(stems_b.values())), False)
        score += weight
        shared.append((weight, label, key))
    shared.sort(key=lambda x: (-x[0], x[1]))
    return min(1.0, score / math.sqrt(a.norm * b.norm)), shared


def _label(word_a: str, word_b: str, same_stem: bool) -> str:
    if word_a == word_b:
        return word_a
    return f"{word_a}/{word_b}" if same_stem else f"{word_a}≈{word_b}"


def _relation(a: _Unit, b: _Unit) -> tuple[str, str]:
    """(DIFFERS, why) when the units conflict, else (AGREES, "")."""
    numbers_a: dict[str, list[_Number]] = defaultdict(list)
    numbers_b: dict[str, list[_Number]] = defaultdict(list)
    for n in a.numbers:
        if n.unit:
            numbers_a[n.unit].append(n)
    for n in b.numbers:
        if n.unit:
            numbers_b[n.unit].append(n)
    for unit_key, found_a in numbers_a.items():
        found_b = numbers_b.get(unit_key)
        if not found_b or {n.value for n in found_a} & {n.value for n in found_b}:
            continue
        na, nb = found_a[0], found_b[0]
        unit_text = f" {na.unit_text}" if na.unit_text else ""
        return DIFFERS, f"numbers differ: {na.number} vs {nb.number}{unit_text}"
    for key, stems_a in a.keys.items():
        stems_b = b.keys.get(key, {})
        for key_stem in stems_a:
            if key_stem not in stems_b:
                continue  # only a word both use, exactly, can be denied by one of them
            cue_a, cue_b = a.negated.get(key_stem), b.negated.get(key_stem)
            if (cue_a is None) != (cue_b is None):
                side = "A" if cue_a else "B"
                word = stems_a[key_stem] if cue_a else stems_b[key_stem]
                return DIFFERS, f'negation: "{cue_a or cue_b}" before "{word}" only in {side}'
    for axis, (sign_a, words_a) in a.polarity.items():
        sign_b, words_b = b.polarity.get(axis, (0, ""))
        if sign_a and sign_b and sign_a != sign_b:
            return DIFFERS, f'opposite evaluation: "{words_a}" vs "{words_b}"'
    return AGREES, ""


# -- matching -------------------------------------------------------------------------------------


def max_weight_matching(
    n_left: int, n_right: int, edges: Iterable[tuple[int, int, float]]
) -> list[tuple[int, int]]:
    """A maximum-weight matching of a bipartite graph (of any size, not necessarily maximum).

    Successive shortest augmenting paths with Dijkstra and Johnson potentials, i.e. the
    Hungarian method run on a sparse graph: after k augmentations the matching is a heaviest
    one of size k, and the gain of a further augmentation never increases, so stopping at the
    first path that gains nothing leaves a heaviest matching overall. O(k·E·log V).
    Edges of weight <= 0 are ignored; of repeated (left, right) edges the heaviest counts.
    Returns (left, right) pairs sorted by left.
    """
    best: dict[tuple[int, int], float] = {}
    for i, j, w in edges:
        if w > 0 and w > best.get((i, j), 0.0):
            best[(i, j)] = w
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n_left)]
    for (i, j), w in sorted(best.items()):
        adj[i].append((j, -w))  # the cost of edge i -> j; matching minimises total cost
    match_l = [-1] * n_left
    match_r = [-1] * n_right
    matched_cost = [0.0] * n_left
    # potentials make every residual edge's reduced cost c + pot[u] - pot[v] non-negative; the
    # initial residual graph is a DAG, so its shortest distances are: left 0, right min cost
    pot_l = [0.0] * n_left
    pot_r = [0.0] * n_right
    for i in range(n_left):
        for j, c in adj[i]:
            pot_r[j] = min(pot_r[j], c)
    inf = math.inf
    eps = 1e-12
    while True:
        dist_l = [inf] * n_left
        dist_r = [inf] * n_right
        prev_r = [-1] * n_right
        heap: list[tuple[float, int, int]] = []  # (distance, 0 left / 1 right, vertex)
        for i in range(n_left):
            if match_l[i] == -1 and adj[i]:  # free left vertices hang off the source at cost 0
                dist_l[i] = 0.0
                heap.append((0.0, 0, i))
        heapq.heapify(heap)
        end, end_cost = -1, inf
        while heap:
            d, side, v = heapq.heappop(heap)
            if side == 0:
                if d > dist_l[v]:
                    continue
                for j, c in adj[v]:
                    if match_l[v] == j:
                        continue  # a matched edge only runs right -> left in the residual graph
                    nd = d + c + pot_l[v] - pot_r[j]
                    if nd < dist_r[j] - eps:
                        dist_r[j], prev_r[j] = nd, v
                        heapq.heappush(heap, (nd, 1, j))
            else:
                if d > dist_r[v]:
                    continue
                i = match_r[v]
                if i == -1:
                    # a free right vertex reaches the sink; a path's true cost is its reduced
                    # length plus the potential of its end (the source's potential stays 0)
                    if d + pot_r[v] < end_cost - eps:
                        end, end_cost = v, d + pot_r[v]
                    continue
                nd = d - matched_cost[i] + pot_r[v] - pot_l[i]
                if nd < dist_l[i] - eps:
                    dist_l[i] = nd
                    heapq.heappush(heap, (nd, 0, i))
        if end == -1 or end_cost >= -eps:
            break  # no augmenting path gains weight any more
        # add distances to potentials (unreached vertices: the largest distance, which keeps
        # the reduced costs of edges into the reached part non-negative)
        cap = max([d for d in dist_l if d < inf] + [d for d in dist_r if d < inf])
        for i in range(n_left):
            pot_l[i] += min(dist_l[i], cap)
        for j in range(n_right):
            pot_r[j] += min(dist_r[j], cap)
        j = end
        while j != -1:
            i = prev_r[j]
            previous = match_l[i]
            match_l[i], match_r[j] = j, i
            matched_cost[i] = next(c for jj, c in adj[i] if jj == j)
            j = previous
    return [(i, match_l[i]) for i in range(n_left) if match_l[i] != -1]


# -- alignment ------------------------------------------------------------------------------------


def _subject_names(doc: Document) -> set[str]:
    """Stems of the names of the people a document is about: each account names its own subject
    ("Binsky said", "Gellman said"), which is no evidence that two passages match."""
    return {term for name in (*doc.people, *doc.authors) for term, _s, _e in analyze(name)}


def _topic_keys(units_a: Sequence[_Unit], units_b: Sequence[_Unit]) -> set[str]:
    """The words both documents keep using (in >= ``TOPIC_SHARE`` of the units of each, e.g.
    "North Korea" in two accounts of North Korea): their common subject. They add to the
    similarity, but a pair must also share something else."""
    df_a: Counter[str] = Counter(k for u in units_a for k in u.keys if not k.startswith(("~", "#")))
    df_b: Counter[str] = Counter(k for u in units_b for k in u.keys if not k.startswith(("~", "#")))
    least_a = max(2.0, TOPIC_SHARE * len(units_a))
    least_b = max(2.0, TOPIC_SHARE * len(units_b))
    return {k for k, n in df_a.items() if n >= least_a and df_b[k] >= least_b}


def _make_weights(units: Sequence[_Unit], idf: IdfSpec) -> _Weights:
    """Weigh every unit's keys, and set the norm that similarity divides by: the unit's total
    weight, but at least ``MIN_WORDS`` median weights, so that a short sentence cannot reach a
    high similarity by sharing its two words ("Who will support their families?"). The
    returned weights give any stem's weight too."""
    weights = _Weights(units, idf)
    for u in units:
        weights.weigh(u)
    every = sorted(w for u in units for w in u.weights.values())
    floor = MIN_WORDS * every[len(every) // 2] if every else 0.0
    for u in units:
        u.norm = max(u.total, floor)
    return weights


def align(
    doc_a: Document,
    doc_b: Document,
    claims_a: Sequence[Claim] = (),
    claims_b: Sequence[Claim] = (),
    *,
    idf: IdfSpec = None,
    threshold: float = THRESHOLD,
) -> Alignment:
    """Pair the units of two documents that say substantially the same thing.

    ``idf`` is a term -> IDF function (``Index.idf``), or ``(function, document count)`` as
    ``corpus_idf`` returns it; None computes IDF over the units of the two documents. A unit is
    paired at most once: the pairs are a maximum-weight matching of those scoring >= ``threshold``
    with >= ``MIN_SHARED`` shared keys. Every unit ends up in exactly one pair or one "only" list.
    """
    drop = frozenset(_subject_names(doc_a) | _subject_names(doc_b))
    units_a = [_unit(p, drop) for p in passages(doc_a, claims_a)]
    units_b = [_unit(p, drop) for p in passages(doc_b, claims_b)]
    weigh = _make_weights([*units_a, *units_b], idf)

    postings: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(units_b):
        for key in u.keys:
            postings[key].append(j)
    edges: list[tuple[int, int, float]] = []
    found: dict[tuple[int, int], list[tuple[float, str, str]]] = {}
    topic = _topic_keys(units_a, units_b)
    for i, u in enumerate(units_a):
        counts: Counter[int] = Counter()
        for key in u.keys:
            counts.update(postings.get(key, ()))
        for j, n_shared in counts.items():
            if n_shared < MIN_SHARED:
                continue
            sim, shared = _shared(u, units_b[j], weigh)
            if sim >= threshold and any(key not in topic for _w, _label, key in shared):
                edges.append((i, j, sim))
                found[(i, j)] = shared
    weight = {(i, j): w for i, j, w in edges}
    matching = max_weight_matching(len(units_a), len(units_b), edges)
    pairs: list[Pair] = []
    for i, j in matching:
        relation, reason = _relation(units_a[i], units_b[j])
        pairs.append(
            Pair(
                a=units_a[i].passage,
                b=units_b[j].passage,
                similarity=weight[(i, j)],
                relation=relation,
                shared_terms=tuple(label for _w, label, _key in found[(i, j)][:SHARED_SHOWN]),
                reason=reason,
            )
        )
    pairs.sort(key=lambda p: (-p.similarity, p.a.start, p.b.start))
    paired_a = {i for i, _ in matching}
    paired_b = {j for _, j in matching}
    return Alignment(
        a_id=doc_a.id,
        b_id=doc_b.id,
        pairs=tuple(pairs),
        only_a=tuple(u.passage for i, u in enumerate(units_a) if i not in paired_a),
        only_b=tuple(u.passage for j, u in enumerate(units_b) if j not in paired_b),
    )


def compare_texts(
    text_a: str, text_b: str, *, idf: IdfSpec = None
) -> tuple[float, str, str, tuple[str, ...]]:
    """How ``align`` sees two passages on their own: (similarity, relation, reason, shared
    terms), with IDF over the two passages unless given. For tests and for explaining."""
    a = _unit(Passage(0, len(text_a), text_a))
    b = _unit(Passage(0, len(text_b), text_b))
    sim, shared = _shared(a, b, _make_weights([a, b], idf))
    relation, reason = _relation(a, b)
    return sim, relation, reason, tuple(label for _w, label, _key in shared)


# -- corroboration --------------------------------------------------------------------------------


def unit_at(doc: Document, claims: Sequence[Claim], offset: int) -> Passage | None:
    """The unit (claim or sentence) of ``doc`` containing ``offset``, else the nearest one."""
    units = passages(doc, claims)
    for p in units:
        if p.start <= offset < p.end:
            return p
    if not units:
        return None
    return min(units, key=lambda p: min(abs(p.start - offset), abs(p.end - 1 - offset)))


def corroborate(
    index: Index,
    doc_id: str,
    claim: HasSpan,
    limit: int = 10,
    *,
    candidates: int = CORROBORATION_CANDIDATES,
    per_document: int = 2,
) -> list[Corroboration]:
    """Passages elsewhere in the corpus that discuss what ``claim`` (any span of ``doc_id``:
    a Claim, a Passage) says, best first.

    Candidate documents come from ``Index.more_like`` (the Whoosh key terms of the claim); in
    each, every unit is scored with ``align``'s similarity, and the best ``per_document``
    scoring >= ``CORROBORATION_MIN`` (with ``MIN_SHARED`` shared keys) are kept. A passage that
    would make an ``align`` pair (>= ``THRESHOLD``) and trips a conflict rule is DIFFERS; one
    without a conflict is AGREES from ``CORROBORATION_AGREES`` up, a stricter bar than
    ``align``'s because candidates come from a whole corpus rather than from a second account
    of the same story, so a moderate similarity often means only the same topic; anything
    else is RELATED_ONLY: about the same thing, too loosely matched to judge.
    Raises KeyError for an unknown ``doc_id``."""
    doc = index.document(doc_id)
    start, end = max(0, claim.start), min(len(doc.text), claim.end)
    text = doc.text[start:end]
    if not text.strip():
        return []
    query = _unit(Passage(start, end, text, tuple(getattr(claim, "kinds", ()) or ())))
    if not query.keys:
        return []
    found = index.more_like(text, exclude=doc_id, limit=candidates)
    corpus = corpus_idf(index)
    # a small corpus (no corpus IDF to rank paragraphs by) is cheap to read whole
    where = _prefilter(query, corpus[0], PARAGRAPHS_PER_DOCUMENT) if corpus else _prefilter(query)
    documents: list[tuple[Document, list[_Unit]]] = []
    for other_id, _score in found:
        other = index.document(other_id)
        units = [_unit(p) for p in passages(other, index.claims(other_id), where=where)]
        documents.append((other, units))
    all_units = [query] + [u for _doc, units in documents for u in units]
    weigh = _make_weights(all_units, corpus)
    results: list[Corroboration] = []
    for other, units in documents:
        scored: list[tuple[float, int, list[tuple[float, str, str]]]] = []
        for k, u in enumerate(units):
            sim, shared = _shared(query, u, weigh)
            if sim >= CORROBORATION_MIN and len(shared) >= MIN_SHARED:
                scored.append((sim, k, shared))
        scored.sort(key=lambda x: (-x[0], x[1]))
        for sim, k, shared in scored[:per_document]:
            relation, reason = _relation(query, units[k]) if sim >= THRESHOLD else (RELATED_ONLY, "")
            if relation == AGREES and sim < CORROBORATION_AGREES:
                relation = RELATED_ONLY
            results.append(
                Corroboration(
                    doc_id=other.id,
                    title=other.title,
                    passage=units[k].passage,
                    similarity=sim,
                    relation=relation,
                    shared_terms=tuple(label for _w, label, _key in shared[:SHARED_SHOWN]),
                    reason=reason,
                )
            )
    results.sort(key=lambda c: (-c.similarity, c.doc_id, c.passage.start))
    # the same passage in two documents (a corpus with duplicates, a syndicated story) once
    seen: set[str] = set()
    unique: list[Corroboration] = []
    for c in results:
        text = " ".join(c.passage.text.split()).casefold()
        if text not in seen:
            seen.add(text)
            unique.append(c)
    return unique[:limit]


@dataclass(frozen=True, slots=True)
class _Prefilter:
    """Finds the stretches of text that can share ``needed`` keys with a query, so that the rest
    are never split into sentences nor analysed (that is most of what corroboration costs).

    One pattern per key of the query (one pattern per key, not one alternation, because two
    keys can match the same word: "organ" and the group of "organised"): a word's stem begins
    the word as written (Porter only rewrites the last two letters; checked on the BBC
    vocabulary), a group matches any of its members or phrases. Numbers are written too many
    ways to look for, so each number in the query lowers ``needed`` by one. ``best`` bounds the
    work per document: only the paragraphs whose matched keys weigh most are split."""

    patterns: tuple[tuple[re.Pattern[str], float], ...]  # per key: pattern, the query's weight
    needed: int
    best: int | None = None

    def score(self, text: str, start: int = 0, end: int | None = None) -> float | None:
        """The query weight of the keys found between start and end; None if too few."""
        stop = len(text) if end is None else end
        found = [weight for pattern, weight in self.patterns if pattern.search(text, start, stop)]
        return sum(found) if len(found) >= self.needed else None

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return self.score(text, start, end) is not None

    def best_claims(self, text: str, claims: list[Claim]) -> list[Claim]:
        """The claims that can match, at most twice ``best`` of them (a claim is about a
        sentence, a paragraph about two), the most promising first."""
        scored = [(score, c) for c in claims if (score := self.score(text, c.start, c.end))]
        scored.sort(key=lambda x: (-x[0], x[1].start))
        return [c for _score, c in (scored if self.best is None else scored[: 2 * self.best])]

    def paragraphs(self, doc: Document) -> list[Span]:
        scored = [
            (score, para) for para in doc.paragraphs if (score := self.score(doc.text, para.start, para.end))
        ]
        if self.best is not None and len(scored) > self.best:
            scored = sorted(scored, key=lambda x: (-x[0], x[1].start))[: self.best]
        return sorted((para for _score, para in scored), key=lambda p: p.start)


def _prefilter(query: _Unit, weigh: IdfFn | None = None, best: int | None = None) -> _Prefilter | None:
    """The prefilter for ``query``, or None when none is possible (a query of numbers).
    ``weigh``: stem -> weight for ranking paragraphs (1 for every key without it)."""
    needed = MIN_SHARED - sum(1 for key in query.keys if key.startswith("#"))
    if needed < 1:
        return None
    patterns: list[tuple[re.Pattern[str], float]] = []
    for key, stems in query.keys.items():
        if key.startswith("#"):
            continue
        if key.startswith("~"):
            members = [s for s, group in RELATED.items() if group == key]
            alternatives = {p.pattern for p, group, _w in _PHRASES if group == key}
        else:
            members, alternatives = list(stems), set()
        alternatives.update(r"\b" + re.escape(_stem_prefix(s)) for s in members if s)
        weight = max(weigh(s) for s in stems) if weigh is not None else 1.0
        patterns.append((re.compile("|".join(sorted(alternatives)), re.IGNORECASE), weight))
    if not patterns:
        return None
    return _Prefilter(tuple(patterns), needed, best)


def _stem_prefix(key_stem: str) -> str:
    return key_stem[: max(3, len(key_stem) - 2)] if len(key_stem) > 3 else key_stem[:-1] or key_stem
