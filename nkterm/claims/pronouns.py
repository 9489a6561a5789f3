"""The last speaker a "he said" or "she said" means (session 7), and the group a "they said"
means (session 8): split out of ``speakers.py``, whose ``Resolver`` calls them. Pure Python; must not import textual or
whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from nkterm.claims.evidence import Report
from nkterm.claims.lexicon import words
from nkterm.claims.namewords import GROUP_NOUNS, gender, is_org
from nkterm.claims.patterns import PLURAL_NAME, SENTENCE_END, Lazy

_AVOID = {"she": "m", "her": "m", "he": "f", "him": "f"}


def last_speaker(
    before: Sequence[Report],
    pos: int,
    pronoun: str,
    speaker: Callable[[Report], tuple[str | None, str]],
    inside: Callable[[int], bool] | None,
    subjects: Callable[[int], Iterable[tuple[int, str]]] | None,
    reach: int = 320,
) -> str | None:
    """The person who spoke last before a "he said" at ``pos`` (within ~two sentences), when no
    person is the subject of a sentence since: "Mr Howard told the Today programme Mr Blair had
    refused ... He said:" is Mr Howard, not the Mr Blair his words mention. ``before``: the
    reports whose subject starts before ``pos``, by subject position. Two people ("Hope and
    Carswell") are no "he" or "she": the focus decides then. ``reach``: how far back (characters)
    a speaker's subject may be."""
    avoid = _AVOID.get(pronoun)
    for r in reversed(before):
        if pos - r.subject_start > reach:
            return None
        if inside is not None and inside(r.verb_start):
            continue
        if r.subject_kind == "pronoun" or not r.subject:
            continue  # an earlier "he said" means the same person: read on back
        if r.subject_kind == "org":
            # a role whose holder the text names ("according to the Bishop" = Tom Wright) is
            # that person; any other group or organisation: leave it to the focus
            who, how = speaker(r)
            if who is None or " = " not in how or is_org(who):
                return None
        elif r.subject_kind != "name":
            return None  # a group spoke last: leave it to the focus
        else:
            who, _ = speaker(r)
            if is_org(r.subject) and (
                who is None
                or is_org(who)
                or not r.subject.endswith(" " + who)
                or not all(w[:1].isupper() for w in r.subject.split())
            ):
                return None  # an organisation spoke last (never "Scottish National Party Justice
                # Minister Kenny MacAskill": the resolver reads the person out of it)
        if who is None or len(who.split()) < 2 or (avoid and gender(who) == avoid) or " and " in who:
            return None
        between = next(iter(subjects(pos)), None) if subjects is not None else None
        if between is not None and between[0] > r.verb_end and not is_org(between[1]):
            return None  # a person is the subject of a sentence since
        return who
    return None


_RELATIVES = frozenset({"who", "which", "that", "what", "whom", "whose", "where", "when"})
_SUBORDINATORS = words(
    """if when while although though as after before because since unless once until whether
    whereas whenever"""
)
_WORD = re.compile(r"[\w'’-]+")


def said_clause_start(text: str, pos: int) -> int:
    """Where the clause a "he said" at ``pos`` reports opens when the pronoun follows it after a
    comma ("Mr Bush's first task was ..., he said", session 14): the sentence's start, whose
    subject is then no one the "he" means; else ``pos``. Never after a clause opened by a
    subordinator ("If Holmes runs, she has indicated") nor inside a relative clause ("the prime
    minister who, he claims, is")."""
    if text[max(0, pos - 2) : pos] != ", ":
        return pos
    window = max(0, pos - 400)
    ends = [m.end() for m in SENTENCE_END.finditer(text, window, pos)]
    start = ends[-1] if ends else window
    found = _WORD.findall(text, start, pos)
    if not found or found[-1].lower() in _RELATIVES or found[0].lower() in _SUBORDINATORS:
        return pos
    return start


def group_before(
    reports: Sequence[Report],
    pos: int,
    reach: int = 400,
    speaker: Callable[[Report], tuple[str | None, str]] | None = None,
    text: str = "",
) -> str | None:
    """What a "they said" at ``pos`` means: the last group that spoke within ``reach``
    characters before it ("Opponents say …. They said …"): a speaking noun in the plural
    ("critics", "the unions", "analysts"), a plural of people or bodies ``speaker`` reads as a
    group ("Other parties have accused … They say", session 14), or a party written as a
    capitalised plural after "the" ("The Lib Dems say … they"). Any other named organisation
    is no antecedent of "they"."""
    opened = max(_PARTY_OPENS.finditer(text, max(0, pos - 300), pos), key=lambda m: m.end(), default=None)
    if opened is not None and len(SENTENCE_END.findall(text, opened.end(), pos)) <= 1:
        return opened.group(1)  # "The Lib Dems have published what they say", "... Now they say"
    for r in reversed(reports):
        if r.subject_start >= pos or not r.subject or r.subject_kind not in ("org", "name", "noun"):
            continue
        if pos - r.subject_start > reach:
            return None
        words = r.subject.split()
        head = words[-1].lower()
        if r.subject_kind == "noun":
            who, how = speaker(r) if speaker is not None else (None, "")
            if who is not None and how == "a group":
                return who
            continue
        if head in GROUP_NOUNS or (
            r.subject_kind == "org" and head.endswith("s") and not head.endswith("ss")
        ):
            return " ".join(words[1:] if len(words) > 1 and words[0].lower() in ("the", "a", "an") else words)
        if r.subject_kind == "name":
            if (
                PLURAL_NAME.search(r.subject)
                and text[max(0, r.subject_start - 4) : r.subject_start].lower() == "the "
            ):
                return r.subject  # "The Lib Dems say ... they"
            return None  # a named speaker in between: "they" does not reach past it
    return None


# a sentence opened by "the" and a party written as a capitalised plural: the "they" of that
# sentence or the next is that party (session 14)
_PARTY_OPENS = Lazy(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s)|(?<=\n))(?:(?:But|And|Now|So) )?[Tt]he "
    r"((?:[A-Z][\w-]* )*[A-Z][\w-]*[^sui's’\W]s)(?![\w'’-])"
)
