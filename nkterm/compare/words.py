"""The word tables of the comparison: function and common words, the related-terms groups,
short phrases, the evaluation axes and the negation cues; and ``stem``, the index's stemmer.

The tables are written as plain words and stemmed at import with the index's analyzer, so they
always agree with the index whatever its stemmer does ("intimidated" -> "intimidat", "news" ->
"new"). Extend them here. Must not import Textual, nor Whoosh (``nkterm.analysis.analyze``
is the only way to the analyzer).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nkterm.analysis import analyze
from nkterm.compare.meanings import MEANING
from nkterm.compare.params import MEANING_FACTOR

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
    don't doesn't didn't can't couldn't won't wouldn't isn't aren't wasn't weren't hasn't haven't
    hadn't shouldn't it's that's there's i'm i've i'd we're we've they're they've he's she's you're
    """
    )
)
COMMON_FACTOR = 0.3

# Who says so is not what is said: "..., according to its workers", "X told reporters" are left
# out when ``relations`` measures how much of a passage's proposition the other shares. Words as
# written, not stems: "reported" attributes, "intelligence reports" do not.
ATTRIBUTION_WORDS: frozenset[str] = frozenset(
    str.split(
        """
    according said says say saying told added claimed reported quoted insisted argued stated
    explained
    """
    )
)

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
    # testimony: one account has a person admit or know what the other has them deny
    "admits/denies": (
        "admit admits admitted admitting confirm confirms confirmed acknowledge acknowledged aware "
        "knew guilty",
        "deny denies denied denying denial refute refuted dispute disputed unaware innocent",
    ),
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


def first_letters(words: str, letters: str) -> re.Pattern[str]:
    r"""``\b(?:words)``, case-blind, behind a look-ahead at the letters its matches start with: the
    regex engine then skips every word starting otherwise (2-3x faster). The same matches as
    without the look-ahead on ASCII text (where no other letter folds to one of ``letters``)."""
    return re.compile(rf"\b(?=[{letters}])(?:{words})", re.IGNORECASE)


_NEGATION_WORDS = r"(?:not|no|never|none|nobody|nothing|neither|nor|cannot|hardly)\b"
_NEGATION_VERBS = r"(?:declin|refus|fail|resist)(?:e|es|ed|ing|s)?\s+(?:calls\s+)?to\b"
NEGATION_RE = re.compile(rf"\b{_NEGATION_WORDS}|\b\w+n['’]t\b|\b{_NEGATION_VERBS}", re.IGNORECASE)
# NEGATION_RE for ASCII text without "n't": its contraction alternative, which backtracks
# through every word, cannot match there
_NEGATION_ASCII_RE = first_letters(f"{_NEGATION_WORDS}|{_NEGATION_VERBS}", "nchdrf")
# verbs that deny: a passage with one says what is not so, like one with a negation
_DENIAL_WORDS = r"(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed)?|refut(?:e|es|ed))\b"
DENIAL_RE = re.compile(rf"\b{_DENIAL_WORDS}", re.IGNORECASE)
_DENIAL_ASCII_RE = first_letters(_DENIAL_WORDS, "dr")


def negation_cues(text: str) -> Iterator[re.Match[str]]:
    """``NEGATION_RE.finditer(text)``, faster on ASCII text."""
    if text.isascii() and ("'" not in text or "n't" not in text.lower()):
        return _NEGATION_ASCII_RE.finditer(text)
    return NEGATION_RE.finditer(text)


def denial_in(text: str) -> re.Match[str] | None:
    """``DENIAL_RE.search(text)``, faster on ASCII text."""
    return (_DENIAL_ASCII_RE if text.isascii() else DENIAL_RE).search(text)


# both in one pass: a negation cue and a denial verb never start at one place, nor inside each other
_NEGATION_OR_DENIAL_ASCII_RE = first_letters(
    f"(?P<negation>{_NEGATION_WORDS}|{_NEGATION_VERBS})|{_DENIAL_WORDS}", "nchdrf"
)


def negations_and_denial(text: str) -> tuple[list[re.Match[str]], bool]:
    """(``list(negation_cues(text))``, whether ``denial_in(text)`` finds one), in one pass over
    ASCII text without "n't" (most passages), which ``units`` asks of every passage."""
    if not text.isascii() or ("'" in text and "n't" in text.lower()):
        return list(negation_cues(text)), denial_in(text) is not None
    negations: list[re.Match[str]] = []
    denial = False
    for m in _NEGATION_OR_DENIAL_ASCII_RE.finditer(text):
        if m.group("negation") is None:
            denial = True
        else:
            negations.append(m)
    return negations, denial


CONTRACTION_TAIL = ("'t", "’t")
CLAUSE_END_RE = re.compile(r"[,.;:!?\"“”()\[\]\u2014]")


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
# stem -> its group key: the hand-written related-terms groups first, then, when pairing uses them
# (params.MEANING_FACTOR > 0), the words that mean the same (``meanings``); and each group key's
# member stems (the corroboration prefilter)
KEY_OF: dict[str, str] = {**MEANING, **RELATED} if MEANING_FACTOR > 0 else dict(RELATED)
GROUP_MEMBERS: dict[str, list[str]] = {}
for _stem, _key in KEY_OF.items():
    GROUP_MEMBERS.setdefault(_key, []).append(_stem)
COMMON_STEMS: frozenset[str] = frozenset(_stems(" ".join(COMMON_WORDS)))
EVALUATION_AXES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    axis: (frozenset(_stems(pos)), frozenset(_stems(neg))) for axis, (pos, neg) in EVALUATION_WORDS.items()
}
PHRASES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), "~" + group, stem(word)) for pattern, group, word in PHRASE_PATTERNS
)
