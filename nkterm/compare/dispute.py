"""A passage that disputes what the other asserts (``dispute_conflict``): a cue of dispute
("denied", "rejected", "dismissed", "a distortion", "untrue", "nonsense") followed, later in
its sentence, by the other passage's own words — a run of ``RUN_WORDS`` or more content words
in the same order — which the other passage says without any negation or dispute of its own.

This is the accusation quoted inside its denial: Sturgeon's "quite staggering that any
politician ... should encourage young people to get drunk" / McConnell's "you have contributed
to this distortion by saying it is staggering that I 'should encourage young people to get
drunk'". Unlike ``relations.denial_conflict`` it does not need the one who disputes to be
named in both passages: the shared run (the other's words, quoted or repeated) ties the two to
one proposition instead.

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.analysis import analyze_names_joined
from nkterm.compare.meanings import same_meaning
from nkterm.compare.units import Unit
from nkterm.compare.words import COMMON_STEMS, FUNCTION_WORDS, NEGATION_RE, stem

RUN_WORDS = 4  # content words in a row, in both passages, that make the disputed proposition one
NEGATION_REACH = 20  # characters before the run in which a negation makes it the other's denial too

# cues of dispute: verbs and nouns that say a statement is wrong (a bare "not" or "never" says
# what is not so, but not that someone else's statement is false)
_DISPUTE = (
    r"(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)"
    r"|distort(?:s|ed|ing|ion)|misrepresent(?:s|ed|ing|ation)|untrue|falsely|nonsense|rubbish"
    r"|scotch(?:es|ed)?|not\s+true|wrongly)\b"
)
_DISPUTE_RE = re.compile(rf"\b{_DISPUTE}", re.IGNORECASE)
_NEEDS = ("den", "reject", "dismiss", "refut", "distort", "misrepresent", "untrue", "false", "nonsense")
_NEEDS_MORE = ("rubbish", "scotch", "true", "wrong")
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")
# nouns that name what is disputed rather than say it: "denied claims that ...", "rejected the idea"
_REPORT_STEMS = frozenset(
    stem(w)
    for w in [
        "claims",
        "allegations",
        "suggestions",
        "accusations",
        "charges",
        "reports",
        "rumours",
        "idea",
        "notion",
    ]
)


_Word = tuple[str, int, int]  # (stem, start, end)


@functools.lru_cache(maxsize=4096)
def _disputed(text: str) -> tuple[tuple[int, tuple[_Word, ...]], ...]:
    """For each dispute cue of ``text``: (its end, negative when a pronoun is who disputes; the
    content words after it to the end of its sentence, the nouns that name a report, "claims
    that", left out). Memoised."""
    if text.isascii():
        lower = text.lower()
        if not any(w in lower for w in _NEEDS) and not any(w in lower for w in _NEEDS_MORE):
            return ()
    cues = list(_DISPUTE_RE.finditer(text))
    if not cues:
        return ()
    words = _content(text)
    out = []
    for m in cues:
        end = _SENTENCE_END_RE.search(text, m.end())
        stop = end.start() if end else len(text)
        after = tuple(w for w in words if m.end() <= w[1] < stop and w[0] not in _REPORT_STEMS)
        # "He denied the charges": who "he" is decides whether that is the other's accused
        # (``testimony.testimony_conflict`` reads pronouns); only a quotation is taken then
        pronoun = _PRONOUN_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()) is not None
        out.append((-m.end() if pronoun else m.end(), after))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _content(text: str) -> tuple[_Word, ...]:
    """The content words of ``text``: no function word, no common word, no capitalised word (a
    name is who, not what is said: "Foreign Secretary Jack Straw" is no proposition)."""
    return tuple(
        (t, s, e)
        for t, s, e in analyze_names_joined(text)
        if not text[s].isupper() and text[s:e].lower() not in FUNCTION_WORDS and t not in COMMON_STEMS
    )


def _run_in(after: tuple[_Word, ...], text: str) -> tuple[int, int, int] | None:
    """The longest run of ``RUN_WORDS`` or more of the words ``after`` that ``text`` has in the
    same order (or words that mean the same: ``meanings``), one after another among its content
    words: (its first index in ``after``, its
    start and end in ``text``); None when there is none."""
    words = _content(text)
    terms = [t for t, _s, _e in words]
    best: tuple[int, int, int] | None = None  # (length, first index in after, first index in words)
    for i in range(len(after)):
        for j in range(len(terms)):
            if not same_meaning(after[i][0], terms[j]):
                continue
            n = 1
            while i + n < len(after) and j + n < len(terms) and same_meaning(after[i + n][0], terms[j + n]):
                n += 1
            if n >= RUN_WORDS and (best is None or n > best[0]):
                best = (n, i, j)
    if best is None:
        return None
    n, i, j = best
    return i, words[j][1], words[j + n - 1][2]


_PRONOUN_BEFORE_RE = re.compile(r"\b(?:he|she|they)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OPEN_QUOTE_RE = re.compile(r"(?:^|[\s(])[\"“‘']")


def _quoted(text: str, cue_end: int, at: int) -> bool:
    """Whether a quotation opens between the cue and ``at`` ("by saying it is staggering that I
    'should encourage ...'"): the disputed words are then the other's own, quoted."""
    return _OPEN_QUOTE_RE.search(text, cue_end, at + 1) is not None


def dispute_conflict(a: Unit, b: Unit) -> str:
    """Why one passage disputes what the other asserts (see the module docstring), or "". The
    run must be what the cue disputes: its first word right after the cue ("rejected claims
    that [he] leaked the budget report"), or a quotation of the other's words; a run further on
    is the disputed statement's object or setting ("rejected allegations he pressured Sullivan
    to falsify the company's financial statements" / "Sullivan admitted to falsifying the
    company's financial statements": not Ebbers' act)."""
    for dispute, other, side in ((a, b, "A"), (b, a, "B")):
        cues = _disputed(dispute.passage.text)
        if not cues:
            continue
        text = other.passage.text
        if _disputed(text):
            continue  # both dispute something: no assertion to oppose
        for cue_at, after in cues:
            run = _run_in(after, text)
            if run is None:
                continue
            first, start, end = run
            quoted = _quoted(dispute.passage.text, abs(cue_at), after[first][1])
            if (first or cue_at < 0) and not quoted:
                continue
            if NEGATION_RE.search(text, max(0, start - NEGATION_REACH), end):
                continue  # the other passage says it is not so too ("does not want to encourage ...")
            said = " ".join(text[start:end].split())
            return f'opposite polarity: {side} disputes what the other asserts ("{said}")'
    return ""


def clear_caches() -> None:
    """Forget the memoised dispute cues and content words of passages."""
    _disputed.cache_clear()
    _content.cache_clear()
