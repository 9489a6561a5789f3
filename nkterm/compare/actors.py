"""Who does or denies what in a passage: the actor before a verb (``actor_before``: the
nearest capitalised word that is not an object) and what each denial cue says is not so
(``denial_scopes``). Used by ``units`` (a unit's scopes), ``relations`` (testimony) and
``slots`` (outcomes of a case).

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.compare.params import DENIAL_SCOPE
from nkterm.compare.words import CLAUSE_END_RE, DENIAL_RE, first_letters, stem

# the cues of a denial: verbs of denial, "never", "no longer", "not guilty" (a plain "not" negates
# too many things in passing to stand for a denial of the other passage's act)
_DENIAL_CUES = (
    r"(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed)?|refut(?:e|es|ed)|never|no\s+longer"
    r"|not\s+guilty|unaware)\b"
)
DENIAL_CUE_RE = re.compile(rf"\b{_DENIAL_CUES}", re.IGNORECASE)
DENIAL_CUE_ASCII_RE = first_letters(_DENIAL_CUES, "drnu")  # the same on ASCII text, faster
# what is dismissed when an opinion is: "dismissed fears/concerns/worries/criticism that ..."
_OPINION_STEMS = frozenset(
    stem(w) for w in ["fears", "concerns", "worries", "criticism", "criticisms", "doubts"]
)
# what is denied when a statement is: "denied claims/allegations/suggestions that ..." (the act follows)
_REPORT_STEMS = frozenset(
    stem(w)
    for w in ["claims", "allegations", "suggestions", "accusations", "rumours", "speculation", "charges"]
)
# what a court rules on, not what anyone denies: "rejected an attempt to have the case dismissed",
# "dismissed the appeal" (an outcome; a rejected offer or bid against an accepted one is still a
# conflict: test_compare_refer)
_PROCEEDING_STEMS = frozenset(
    stem(w) for w in ["attempt", "appeal", "application", "motion", "challenge", "plea", "case"]
)
# a court that rules: "the court rejected", "Judge Susan Ilston rejected", "an appeal court's decision
# to reject" (a court's word and at most three more right before the cue; "Speaking in court, Mr
# Ebbers rejected" is Ebbers's denial)
_COURT_BEFORE_RE = re.compile(
    r"\b(?:courts?|judges?|panel|tribunal|jury|justices?|magistrates?)(?:['’]s)?(?:\s+[\w'’-]+){0,3}\s+$",
    re.IGNORECASE,
)


def court_outcome(text: str, at: int) -> bool:
    """Whether the denial cue at ``at`` is a court's ruling, not a denial: "an appeal court's
    decision to reject the government's $280bn claim" rules on the claim, it says nothing is so
    or not so."""
    sentence = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at), 0)
    return _COURT_BEFORE_RE.search(text, sentence, at) is not None


@functools.lru_cache(maxsize=4096)
def denies(text: str) -> bool:
    """Whether ``text`` has a verb of denial (``DENIAL_RE``) that is not a court's ruling
    (memoised: ``relations.says_not`` asks it of a passage for every pair it is in)."""
    return any(not court_outcome(text, m.start()) for m in DENIAL_RE.finditer(text))


# a plea, not an account (session 19): "pleaded not guilty (to charges of fraud)", "denied (all) the
# charges", "denies any wrongdoing" - the person contests a charge without saying what happened
_PLEA_RE = re.compile(
    r"\b(?:(?:plead(?:s|ed|ing)?|pled)\s+not\s+guilty|not\s+guilty\s+plea"
    r"|(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing))\s+(?:all\s+|both\s+)?(?:the\s+|any\s+|these\s+)?"
    r"(?:charges?|allegations?|accusations?|wrongdoing)\b"
    # ...with no account after it ("rejected allegations he pressured Sullivan" names the act)
    r"(?=\s*(?:[,.;:!?\"')]|$)|\s+(?:of|against|over|in|relating|levelled|brought|made|by|at|from|and|as)\b))",
    re.IGNORECASE,
)


# a denial refused, asked for or not made: "pointedly refused to deny claims that ...", "did not
# deny", "challenged Mr Brown to deny reports that ..."
_REFUSED_BEFORE_RE = re.compile(
    r"\b(?:refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|fail(?:s|ed|ing)?)\s+to\s+$|\b(?:not|n't|never)\s+$"
    r"|\b(?:challeng|urg|ask|press|dar|call(?:ed|ing|s)?\s+on)\w*\s+(?:[\w'’.-]+\s+){1,3}to\s+$",
    re.IGNORECASE,
)


def _in_plea(text: str, at: int) -> bool:
    """Whether the denial cue at ``at`` is part of a plea (``_PLEA_RE``)."""
    return any(m.start() <= at < m.end() for m in _PLEA_RE.finditer(text))


@functools.lru_cache(maxsize=4096)
def plea_only(text: str) -> bool:
    """Whether every denial ``text`` makes is a plea (``_PLEA_RE``): "Mr Ebbers has pleaded not
    guilty to charges of fraud", "He has denied the charges". A plea opposes no report of the
    charge ("is on trial for fraud"), nor anyone's account of an act: it says the charge is
    contested, which both reports say. "denied all the charges, saying he was unaware of the
    fraud" says what he knew: not a plea only."""
    if _PLEA_RE.search(text) is None:
        return False
    cues = [m for m in DENIAL_CUE_RE.finditer(text) if not court_outcome(text, m.start())]
    return all(_in_plea(text, m.start()) for m in cues)


# breaking a promise in other words: "broken promises", "went back on a pledge", "backing out of a
# pledge", "reneged on": one act for the denial rule (the promise itself stays a word of its own)
PROMISE_BROKEN_RE = re.compile(
    r"\bbr(?:eak|eaks|oke|oken|eaking)(?=\s+(?:(?:a|an|his|her|their|its|the|my|our|your|that|this)\s+)?"
    r"(?:promise|pledge|word|vow|undertaking))"
    r"|\b(?:go|goes|went|gone|going)\s+back\s+on\b|\bback(?:s|ed|ing)?\s+out\s+of\b|\breneg(?:e|es|ed|ing)\b",
    re.IGNORECASE,
)
PROMISE_BROKEN = "~renege"  # the stem that stands for those words in a denial's scope


def promise_broken(text: str) -> list[re.Match[str]]:
    """``PROMISE_BROKEN_RE``'s phrases in ``text`` (most passages have none of their words: the
    regex is not run over them)."""
    lower = text.lower()
    if "back" not in lower and "brok" not in lower and "break" not in lower and "reneg" not in lower:
        return []
    return list(PROMISE_BROKEN_RE.finditer(text))


_CAPITALISED_RE = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_NOT_ACTORS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "the",
        "he",
        "she",
        "it",
        "they",
        "his",
        "her",
        "but",
        "however",
        "and",
        "a",
        "an",
        "in",
        "on",
        "at",
        # a pronoun or determiner opening a sentence is nobody's name ("We refute both charges",
        # "Other phishing scams try to recruit innocent people": session 19)
        *("we", "i", "you", "us", "our", "my", "your", "their", "its", "this", "that", "these", "those"),
        *("other", "others", "some", "many", "most", "all", "both", "each", "any", "there"),
    ]
)


# a name after a preposition is an object, not who acts: "his relationship with Mr Sullivan and denied"
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:with|to|by|of|for|from|against|about|at|on|in|into|over|than|and)\s+(?:(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+)?$"
)


# "the Marsh executive", "a Labour spokesman": a name between an article and the noun it qualifies
_ARTICLE_BEFORE_RE = re.compile(r"\b(?:[Tt]he|an?|An?)\s+$")
_MODIFIER_AFTER_RE = re.compile(
    r"\s+(?!(?:has|have|had|was|were|is|are|also|will|would|could|did|does|then|now|again|never|not)\b)"
    r"(?![a-z]+ly\b)[a-z][\w-]*\s+(?:(?:has|have|had|was|were|is|are|also)\s+)?"
    r"(?:[a-z]+\s+(?:he|she|they)\s+)?$"  # "the Marsh executive admitted he [instructed]"
)


def actor_before(text: str, at: int) -> tuple[str, str]:
    """Who does what the verb at ``at`` says: the stem of the nearest capitalised word before it
    in its sentence that is not an object ("Mr Ebbers has denied" -> ebber, "Mr Ebber's lawyers
    said he was unaware" -> ebber; "Ebbers played down his relationship with Mr Sullivan and
    denied" -> ebber), with the word as written; ("", "") when there is none, or when that word
    only qualifies the noun that acts ("the Marsh executive admitted")."""
    sentence = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at), 0)
    for m in reversed(list(_CAPITALISED_RE.finditer(text, sentence, at))):
        word = m.group(0).casefold().removesuffix("'s").removesuffix("’s").rstrip("'’")
        if word in _NOT_ACTORS or _OBJECT_BEFORE_RE.search(text, sentence, m.start()):
            continue
        if _MODIFIER_AFTER_RE.match(text, m.end(), at) and _ARTICLE_BEFORE_RE.search(
            text, sentence, m.start()
        ):
            return "", ""  # "the Marsh executive admitted": who acts is the executive, not Marsh
        return stem(word) or word, m.group(0).removesuffix("'s").removesuffix("’s").rstrip("'’")
    return "", ""


def denial_scopes(text: str, tokens: list[tuple[str, int, str]]) -> list[tuple[str, str, tuple[str, ...]]]:
    """For each denial cue of ``text`` (``DENIAL_CUE_RE``): the cue, who denies (the stem of the
    nearest capitalised word before it in its sentence, "" if none) and the stems of the content
    words after it, to the end of its clause, at most ``DENIAL_SCOPE`` of them."""
    out = []
    tokens = _promise_phrases(text, tokens)
    for m in DENIAL_CUE_RE.finditer(text):
        if court_outcome(text, m.start()):
            continue  # "the court rejected ...": a ruling, not a denial
        if _in_plea(text, m.start()) or _REFUSED_BEFORE_RE.search(text, max(0, m.start() - 48), m.start()):
            continue  # "pleaded not guilty to charges of fraud", "refused to deny claims that ..."
        clause = CLAUSE_END_RE.search(text, m.end())
        clause_end = clause.start() if clause else len(text)
        stems = [t for t, start, _w in tokens if m.end() <= start < clause_end][:DENIAL_SCOPE]
        if stems and stems[0] in _OPINION_STEMS:
            continue  # "dismissed fears that his plans are too modest": an opinion, not an act
        if stems and stems[0] in _PROCEEDING_STEMS:
            continue  # "rejected an attempt by the defence": an outcome or a refusal, not a denial
        stems = [t for t in stems if t not in _REPORT_STEMS]  # "denied claims that ...": the act follows
        actor = actor_before(text, m.start())[0]
        if stems:
            out.append((m.group(0), actor, tuple(dict.fromkeys(stems))))
    return out


def _promise_phrases(text: str, tokens: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """``tokens`` with the words of each phrase of ``PROMISE_BROKEN_RE`` made one token,
    ``PROMISE_BROKEN`` ("went back on" -> one stem, "a pledge" after it untouched)."""
    found = promise_broken(text)
    if not found:
        return tokens
    out = [t for t in tokens if not any(m.start() <= t[1] < m.end() for m in found)]
    out += [(PROMISE_BROKEN, m.start(), m.group(0)) for m in found]
    return sorted(out, key=lambda t: t[1])
