"""A role or an epithet that stands for a person: "the home secretary said" after "Home Secretary
Charles Clarke", "the Australian said" after "When Lleyton Hewitt shook his hand", "the star of
Rain Man and Tootsie said" about Dustin Hoffman. Split out of ``speakers.py`` (session 7), which
calls these from ``Resolver.speaker``; pure Python, must not import textual or whoosh.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from nkterm.claims.lexicon import SUBJECT_SKIP
from nkterm.claims.namewords import PERSON_ROLES, is_org, name_words, person_words, strip_titles
from nkterm.claims.subjectwords import (
    AGED,
    CLAUSE_OPENERS,
    DEMONYM,
    EPITHET_MODIFIER,
    EPITHETS,
    NOT_DEMONYM,
    ROLES,
)

# Words that open a sentence and never a name ("Earlier Tony Blair defended ...")
OPENERS = CLAUSE_OPENERS | SUBJECT_SKIP
# A word before a title that makes it another office ("Deputy Prime Minister", "shadow chancellor")
_OTHER_OFFICE = re.compile(r"(?i:deputy|vice|shadow|former|ex|acting|assistant|junior|under)[\s-]+$")
# A name in a prepositional phrase ("by ... chairman Tim Phillips") is no one an epithet means
_PREPOSITION_BEFORE = re.compile(r"\b(?:by|of|to|with|from|against|for|over|about)\s+(?:[\w'’-]+\s+){0,4}$")
_PERSON_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+")
_NAME = r"((?:[A-Z][\w'’-]+\s)+?[A-Z][\w'’-]+)"

FullName = Callable[[str, int], str]  # Resolver.full_name: "Mr Ebbers" -> "Bernie Ebbers"


def is_epithet(words: list[str]) -> bool:
    """ "star of Rain Man and Tootsie", "22-year-old", "two-time champion": one person, described."""
    head = next((k for k, w in enumerate(words) if w.lower() == "of"), len(words))
    last = words[head - 1].lower() if head else ""
    if last in EPITHETS or AGED.fullmatch(last) is not None:
        return True
    if head and EPITHET_MODIFIER.fullmatch(words[head - 1]):
        return True  # "the Uruguayan-born" (the subject rules cut "researcher" off)
    if 0 < head <= 2 and DEMONYM.fullmatch(" ".join(words[:head])) and last not in NOT_DEMONYM:
        return True  # "the Spaniard", "said the New Zealander" (session 13)
    # a person's role or a person described by age, caps, birthplace or nationality: "the
    # Uruguayan-born researcher", "The American forensics expert", "the 22-cap Dragons man"
    described = any(EPITHET_MODIFIER.fullmatch(w) or DEMONYM.fullmatch(w) for w in words[: head - 1])
    return described and (last in ROLES or last in PERSON_ROLES or last in ("man", "woman"))


def named_in_sentence(text: str, pos: int, full_name: FullName) -> str | None:
    """The last person named before ``pos`` in its sentence (two capitalised words or more, no
    organisation, outside quotes): what "the Czech" or "the 22-year-old" later in the same
    sentence means."""
    base = max(0, pos - 300)
    window = text[base:pos]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind('"'), window.rfind("”"))
    found = None
    for m in _PERSON_NAME.finditer(window, cut + 1):
        name = m.group().removesuffix("'s").removesuffix("’s").removesuffix("'").removesuffix("’")
        words = name.split()
        while words and words[0].lower() in OPENERS:
            words = words[1:]
        lead = window[max(cut + 1, m.start() - 40) : m.start()]
        if _PREPOSITION_BEFORE.search(lead) and name == m.group():
            continue  # "Reacting to a comment by chairman Tim Phillips, the American said": not him
            # (a possessor may be: "from Milan Baros' pass before the Czech added")
        if len(words) >= 2 and not is_org(" ".join(words)):
            found = (base + m.start(), " ".join(words))
    return full_name(found[1], found[0]) if found else None


def role_holder(text: str, role: str, pos: int, full_name: FullName) -> str | None:
    """The person a definite role means ("the home secretary said" -> Charles Clarke), when the
    text named them with that role before ``pos``: as a title ("Home Secretary Charles Clarke",
    "England coach Andy Robinson"; never a longer office: "Deputy Prime Minister John Prescott" is
    no prime minister) or in apposition ("Ken Macdonald, the director of public prosecutions,").
    The nearest such naming wins; none, and the role stays a role."""
    if not role or len(role) > 60:
        return None
    before = text[:pos]
    if not _may_hold(before, role):
        return None
    written = [(m.start(), m.end(1)) for m in _role_at(role).finditer(before)]  # overlapping too
    places = [(s, e) for s, e in written if s == 0 or not _name_char(before[s - 1])]
    found: tuple[int, str] | None = None
    for s, n in _after_role(places, before, _TITLE_TAIL):
        if _OTHER_OFFICE.search(text, max(0, s - 12), s) is None:
            found = (s, n.group(1))
    # apposition closes with a comma ("Ken Macdonald, the director of public prosecutions, says");
    # "... met Condoleezza Rice, the prime minister said" is a new clause
    if _may_follow_name(before, written):
        for m in _apposition(role).finditer(before):
            if found is None or m.start() > found[0]:
                found = (m.start(), m.group(1))
    # the role first, the name in commas: "singled out by Ofsted chief, David Bell, for ...",
    # "the Archbishop of Canterbury, Dr Rowan Williams, will preside"
    for s, n in _after_role(places, before, _COMMA_TAIL):
        if _OTHER_OFFICE.search(text, max(0, s - 12), s) is None and (found is None or s > found[0]):
            found = (n.start(1), n.group(1))
    if found is None:
        return None
    full = strip_titles(" ".join(person_words(name_words(found[1]))))
    if len(full.split()) < 2 or is_org(full):
        return None
    return full_name(full, found[0])


def _may_hold(before: str, role: str) -> bool:
    """False when none of ``role_holder``'s patterns can match ``before``: on ASCII text and
    role, each word of the role must be in the lower-cased text (what ``(?i:...)`` matches on
    ASCII); anything else may match. ~4 calls in 10 on BBC: no pattern compiled, no scan."""
    if not (before.isascii() and role.isascii()):
        return True
    lower = before.lower()
    return all(w in lower for w in role.lower().split())


# ``role_holder``'s patterns were three per role: ``(?<![\w'’-])ROLE\s+NAME(?![\w'’-])``,
# ``NAME,\s+(?:the\s+|a\s+)?ROLE(?=\s*,)`` and ``(?<![\w'’-])ROLE,\s+NAME\s*,`` (ROLE its words
# case-blind, joined by ``\s+``). Compiling one took ~1 ms (the ``[\w'’-]`` sets), once per role
# and worker. The first and the last open with the role: the role alone is found (a small pattern:
# ~0.1 ms) and the rest, the same for every role, is matched after it (``_after_role``); the
# second is compiled only when a place of the role can close it.
_TITLE_TAIL = re.compile(rf"\s+{_NAME}(?![\w'’-])")
# the office may go on with its place ("Bishop" in "The Bishop of Durham, the Rt Rev Dr Tom Wright,")
# and the name may open with "the" before its honorifics (stripped by ``strip_titles``)
_COMMA_TAIL = re.compile(
    rf"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+)*?[A-Z][\w'’-]+)?,\s+(?:the\s+)?{_NAME}\s*,"
)


def _name_char(ch: str) -> bool:  # the class ``[\w'’-]``, read as a pattern would
    return ch.isalnum() or ch in "_'’-"


def _after_role(
    places: list[tuple[int, int]], before: str, tail: re.Pattern[str]
) -> list[tuple[int, re.Match[str]]]:
    r"""What ``finditer`` of ROLE + ``tail`` finds in ``before``: the places (start, end) of the
    role in order, one taken where ``tail`` matches at its end and the match starts after the
    last match's end (matches never overlap). The role's end is one for each start: its words
    are literals and ``\s+`` runs up to the next one."""
    out: list[tuple[int, re.Match[str]]] = []
    free = 0
    for s, e in places:
        if s < free:
            continue
        n = tail.match(before, e)
        if n is not None:
            out.append((s, n))
            free = n.end()
    return out


def _may_follow_name(before: str, written: list[tuple[int, int]]) -> bool:
    r"""False when no place (start, end) of the role in ``before`` follows ``,\s+`` (or ``,\s+the\s+``,
    ``,\s+a\s+``) and precedes ``\s*,``: the apposition pattern cannot match then (``str.strip``
    strips what ``\s`` matches: both read Unicode white space)."""
    for s, e in written:
        if before[e:].lstrip()[:1] != ",":
            continue
        lead = before[:s]
        if lead != lead.rstrip():  # at least one space before the role
            lead = lead.rstrip()
            if lead.endswith(("the", "a")):
                cut = lead[: -3 if lead.endswith("the") else -1]
                if cut != cut.rstrip() and cut.rstrip().endswith(","):
                    return True
            if lead.endswith(","):
                return True
    return False


def _role_esc(role: str) -> str:
    return r"\s+".join(re.escape(w) for w in role.split())


@functools.lru_cache(maxsize=512)
def _role_at(role: str) -> re.Pattern[str]:
    """Every start of the role (a look-ahead: overlapping places too), its end as group 1."""
    return re.compile(rf"(?=((?i:{_role_esc(role)})))")


@functools.lru_cache(maxsize=512)
def _apposition(role: str) -> re.Pattern[str]:
    return re.compile(rf"{_NAME},\s+(?:the\s+|a\s+)?(?i:{_role_esc(role)})(?=\s*,)")
