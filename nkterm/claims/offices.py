"""The holder of a government office the text never writes as anyone's title (issue 16, session
12, second round): "Tony Blair has said ... Tory leader Michael Howard said ... The prime
minister ridiculed" -> Tony Blair, the one person the text names before the office with no office
or role of their own. People named with a role ("Tory leader Michael Howard", "Foreign Secretary
Jack Straw", "Deputy Prime Minister John Prescott") hold another office; two people without one
("Tony Blair and Gordon Brown"), or none, and the office stays a role. Only a person the text
names: no list of office holders. Called by ``orgspeakers.org_or_role_speaker`` after
``Resolver.sole_person``. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import re
from typing import Protocol

from nkterm.claims.namewords import CHAIN, PERSON_ROLES, PERSONAL_TITLES, is_org, name_words
from nkterm.claims.shortforms import chain_words
from nkterm.claims.subjectwords import ROLES


class Resolver(Protocol):
    """What this module reads of ``nkterm.claims.speakers.Resolver`` (no import: no circle)."""

    text: str

    def full_name(self, name: str, pos: int) -> str: ...


# the lower-case word right before a name ("Tory leader Michael Howard", "chairman Liam Fox")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z][a-z-]*) $")
_ROLE_WORDS = PERSON_ROLES | ROLES
# words that make an office another one, or no one's now
OTHER_OFFICE = frozenset(
    {"former", "ex", "shadow", "deputy", "vice", "acting", "assistant", "junior", "under"}
)


def untitled_holder(resolver: Resolver, office: list[str], pos: int) -> str | None:
    """The one person named before ``pos`` (a name of two or three words) whom the text writes
    with no office or role of their own, as their full name; None when there are two or more,
    when there is none, when the sentence at ``pos`` names them (the office is then someone
    else's: "The premier praised Mr Brown"), or when the words of ``office`` make it another
    office ("the former cabinet secretary", "the shadow chancellor")."""
    if any(w.lower() in OTHER_OFFICE for w in office):
        return None
    text = resolver.text
    people: dict[str, str] = {}  # surname -> the name
    holders: set[str] = set()  # surnames of people with an office or role of their own
    asked = {w.lower() for w in office}
    for m in CHAIN.finditer(text):
        raw = name_words(m.group())
        words = chain_words(m.group())
        if not words or (m.start() < pos and not 2 <= len(words) <= 3) or is_org(" ".join(words)):
            continue
        lead = [w.lower().rstrip(".") for w in raw[: len(raw) - len(words)]]
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        roles = [w for w in lead if w not in PERSONAL_TITLES]
        if m.start() >= pos:
            # written later with another office as a title ("... not just President Bush"): a
            # person the text gives an office of their own, never the one asked about (session 14)
            if roles and asked.isdisjoint(roles) and any(w in _ROLE_WORDS for w in roles):
                holders.add(words[-1])
        elif roles or (before is not None and before.group(1) in _ROLE_WORDS):
            holders.add(words[-1])
        else:
            people.setdefault(words[-1], " ".join(words))
    free = [(s, name) for s, name in people.items() if s not in holders and _a_person(text, s)]
    if len(free) != 1:
        return None
    ((surname, name),) = free
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = text.find(". ", pos)
    if surname in text[start : end if end >= 0 else len(text)]:
        return None
    return resolver.full_name(name, pos)


_PERSONAL = ("Mr ", "Mrs ", "Ms ", "Miss ", "Dr ", "Sir ", "Lady ", "Lord ", "Dame ")


def _a_person(text: str, surname: str) -> bool:
    """Whether the text writes ``surname`` as a person's: after a personal title ("Mr Blair") or
    alone after a lower-case word (a comma allowed), no capitalised word after it ("said Blair";
    never "National Insurance", a name of two words that is no one's). Plain string search: no
    pattern compiled per name."""
    at = text.find(" " + surname)
    while at >= 0:
        end = at + 1 + len(surname)
        after = text[end : end + 2]
        if not (after[:1].isalnum() or after[:1] in "_'’-"):
            if text[max(0, at - 5) : at + 1].endswith(_PERSONAL):
                return True
            before = text[max(0, at - 30) : at].rstrip(",").split()
            if before and before[-1][:1].islower() and not (after[:1] == " " and after[1:2].isupper()):
                return True
        at = text.find(" " + surname, end)
    return False
