"""Name words: what the speaker rules know about names without metadata.

Owns the capitalised name chain (``CHAIN``: "Bernie Ebbers", "Jurgen den Hartog"), the words
that are never part of a person's name (titles, time words, function words: ``NOT_IN_NAME``),
``is_org`` (an organisation, not a person: "Foreign Ministry", "KCNA"), the role nouns that
stand for a person (``PERSON_ROLES``) or a group ("they": ``GROUP_NOUNS``) and ``gender`` (from
titles and role words only). Split out of ``speakers.py``; pure Python, must not import textual
or whoosh.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nkterm.dateline import MONTH_NAMES

_NAME_TAIL = r"[\w'’\-]*(?:\.[A-Z][\w'’\-]*)*"
_NAME_WORD = "[A-Z]" + _NAME_TAIL
# (the look-behind comes after the first capital: a pattern that opens with a character class lets
# the regex engine skip to the next capital letter, twice as fast as testing every position)
CHAIN = re.compile(
    rf"[A-Z](?<![\w'’][A-Z]){_NAME_TAIL}(?:[ ](?:(?:de|den|van|von|der|da|di|du|dos|le|la|bin|al|el)[ ])*{_NAME_WORD}){{1,6}}"
)
# Words of a title that go before a name and are no part of it ("Prime Minister Tony Blair").
_TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "prof",
        "professor",
        "lord",
        "lady",
        "dame",
        "baroness",
        "baron",
        "viscount",
        "prime",
        "minister",
        "president",
        "chancellor",
        "secretary",
        "foreign",
        "home",
        "general",
        "chief",
        "executive",
        "chairman",
        "chairwoman",
        "senator",
        "governor",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "premier",
        "leader",
        "deputy",
        "vice",
        "mayor",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "commander",
        "captain",
        "colonel",
        "marshal",
        "admiral",
        "sergeant",
        "officer",
        "commissioner",
        "director",
        "manager",
        "coach",
        "boss",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "skipper",
        "star",
        "singer",
        "actor",
        "actress",
        "rapper",
        "economist",
        "analyst",
        "attorney",
        "labour",
        "tory",
        "conservative",
        "liberal",
        "democrat",
        "republican",
        # roles written before a name, capitalised when they open a sentence ("Winger Dafydd
        # Rees", "Man-of-the-match Stephen Jones")
        "winger",
        "hooker",
        "fly-half",
        "scrum-half",
        "flanker",
        "full-back",
        "scorer",
        "man-of-the-match",
        "presenter",
        "producer",
        "critic",
        "editor",
        "founder",
        "guitarist",
        "drummer",
        "frontman",
        "comedian",
        "author",
        "novelist",
        "broadcaster",
        "designer",
        "strategist",
        "sprinter",
        "runner",
        "athlete",
        "swimmer",
        "cyclist",
        "golfer",
        "batsman",
        "bowler",
        "former",
        "acting",
        "shadow",
        "mp",
        "us",
        "uk",
        "eu",
        "un",
        "new",
    ]
)
_ORG_WORDS = frozenset(
    [
        "ministry",
        "government",
        "department",
        "agency",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "plc",
        "group",
        "bank",
        "office",
        "commission",
        "committee",
        "council",
        "court",
        "police",
        "army",
        "union",
        "party",
        "association",
        "federation",
        "organisation",
        "organization",
        "institute",
        "embassy",
        "university",
        "college",
        "school",
        "news",
        "times",
        "post",
        "journal",
        "network",
        "club",
        "united",
        "city",
        "rovers",
        "fc",
        "board",
        "authority",
        "service",
        "services",
        "airways",
        "airlines",
        "motors",
        "international",
        "reuters",
        "kcna",
        "yonhap",
        "afp",
        "bbc",
    ]
)
TITLE_WORDS = _TITLE_WORDS
_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "tomorrow",
        *MONTH_NAMES,
    ]
)
NOT_IN_NAME = (
    _TITLE_WORDS
    | _TIME_WORDS
    | frozenset(
        [
            "a",
            "an",
            "the",
            "but",
            "and",
            "on",
            "in",
            "at",
            "as",
            "after",
            "before",
            "when",
            "while",
            "however",
            "meanwhile",
            "if",
            "so",
            "for",  # "For Richard Tateson, ... he said": a viewpoint, no part of the name
            "me",  # "Me den Hartog told": a typing slip for "Mr"
            "now",  # "Now Wilson believes": a sentence opener
            "then",
            "yet",
            "still",
        ]
    )
)
_FEMALE = frozenset({"mrs", "ms", "miss", "lady", "dame", "baroness", "queen", "princess"})
_MALE = frozenset({"mr", "sir", "lord", "king", "prince"})


# Letters after a name that are no part of it ("Andrew Tyrie MP", "Marcus Webb QC").
POST_NOMINALS = frozenset({"mp", "qc", "kc", "mep", "msp", "mla", "obe", "mbe", "cbe"})
# Titles a person's name follows; the words before one are a role ("Police Commissioner Sir
# Ronald Hastings"). Sir and Dame go with a first name ("Sir Ronald").
PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "baroness"})
FIRST_NAME_TITLES = frozenset({"sir", "dame"})


def person_words(words: list[str], *, role: bool = False) -> list[str]:
    """The words of a written name that name the person: from its last personal title on when
    capitalised role words go before it ("Police Commissioner Sir Ronald Hastings", never
    "Lawyers for Mr Fawcett and Mr McDonald"), and without post-nominal letters ("Harriet Quayle
    MP" -> "Harriet Quayle"), unless ``role``: the name follows "the" or "a", so the letters
    name a role ("the Salford MP", "a Plaid Cymru MP")."""
    while (
        not role and len(words) > 2 and words[-1].lower().rstrip(".") in POST_NOMINALS and words[-1].isupper()
    ):
        words = words[:-1]
    k = 0  # the last personal title but the last word
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower().rstrip(".") in PERSONAL_TITLES:
            k = i
            break
    if k and all(w[:1].isupper() for w in words[:k]):
        return words[k:]
    return words


def name_words(name: str) -> list[str]:
    """The words of a written name without quotes, outer punctuation and a possessive "'s"
    (a new list on every call; the words are computed once per distinct name)."""
    return list(_name_words(name))


# The speaker rules ask about the same few names many times per document: the pure functions
# of a name string keep their answers (bounded, so a long build does not grow them).
@lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:
    words = (w.strip("\"“”‘’',.;:()") for w in name.replace("''", " ").split())
    return tuple(w.removesuffix("'s").removesuffix("’s") for w in words if w)


@lru_cache(maxsize=8192)
def surname_key(word: str) -> str | None:
    """The last name word of ``word`` (the last word of a name chain) in lower case, None when it
    has none: how ``speakers.Resolver`` files a text's name chains by surname."""
    words = _name_words(word)
    return words[-1].lower() if words else None


@lru_cache(maxsize=8192)
def strip_titles(name: str) -> str:
    words = _name_words(name)
    k = 0
    while k < len(words) - 1 and words[k].lower().rstrip(".") in _TITLE_WORDS:
        k += 1
    return " ".join(words[k:])


@lru_cache(maxsize=8192)
def is_org(name: str) -> bool:
    """A name that is an organisation, not a person ("Foreign Ministry", "KCNA", "Acme Corp")."""
    words = _name_words(name)
    if not words:
        return False
    if any(w.lower() in _ORG_WORDS for w in words):
        return True
    return len(words) == 1 and len(words[0]) > 1 and words[0].isupper()


# Plural nouns that "they" can stand for when they spoke just before (a capitalised one opening
# a sentence is read as a name: "Opponents say …").
GROUP_NOUNS = frozenset(
    [
        "opponents",
        "critics",
        "officials",
        "analysts",
        "campaigners",
        "experts",
        "residents",
        "ministers",
        "unions",
        "protesters",
        "observers",
        "economists",
        "researchers",
        "scientists",
        "activists",
        "investors",
        "doctors",
        "teachers",
        "lawyers",
        "supporters",
        "leaders",
        "police",
    ]
)

PERSON_ROLES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "director",
        "executive",
        "chairman",
        "chairwoman",
        "secretary",
        "minister",
        "president",
        "leader",
        "head",
        "official",
        "adviser",
        "editor",
        "manager",
        "coach",
        "analyst",
        "economist",
    ]
)
_FEMALE_ROLES = frozenset({"spokeswoman", "chairwoman", "actress", "businesswoman", "congresswoman"})
_MALE_ROLES = frozenset({"spokesman", "chairman", "businessman", "congressman"})


def gender(name: str) -> str | None:
    words = name.lower().split()
    first = words[0].rstrip(".") if words else ""
    if first in _FEMALE or (words and words[-1] in _FEMALE_ROLES):
        return "f"
    if first in _MALE or (words and words[-1] in _MALE_ROLES):
        return "m"
    return None
