"""Who speaks when the subject of a reporting verb is an organisation or a role (split out of
``speakers.py`` in session 9, which calls it for ``Report.subject_kind == "org"``).

- a name in apposition beside the role speaks ("the work's author, US playwright Eve Ensler,
  says"; "The French statistics agency, INSEE, expects");
- a news medium named before its descriptor speaks ("Deutsche Welle radio station said");
- a definite role is its holder where the text names one ("the home secretary" -> the person
  written with that title, ``roles.role_holder``); a government office never written as a title
  is the one person the text names before it ("Gordon Brown has issued ... The chancellor said",
  session 9); else the role itself, an honest role speaker;
- an epithet is the person meant ("the Uruguayan-born researcher", "the 64-year-old");
- a definite organisation noun is the organisation named before it ("the charity");
- an office written capitalised ("The Bishop of Durham, the Rt Rev Dr Tom Wright, described",
  later "the Bishop said") is the person in apposition beside it, else the person the text wrote
  in apposition to (or as the title of) that office before (``office_speaker``, session 10).

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from nkterm.claims.evidence import Report
from nkterm.claims.namewords import PERSON_ROLES, TITLE_WORDS, is_org, name_words, person_words, strip_titles
from nkterm.claims.offices import OTHER_OFFICE, untitled_holder
from nkterm.claims.orgrefs import (
    DOCUMENT_NOUNS,
    GENERIC,
    ORG_NOUNS,
    OTHER_BODIES,
    OrgReferences,
    named_with_descriptor,
)
from nkterm.claims.patterns import SENTENCE_END, Lazy
from nkterm.claims.people import TITLES
from nkterm.claims.personnouns import BODY_NOUNS, PERSON_NOUNS
from nkterm.claims.roles import is_epithet
from nkterm.claims.roletable import described_holder, written_roles
from nkterm.claims.subjectwords import AGED, EPITHET_MODIFIER, NOT_TITLE_HEADS, OF_TITLES, OFFICES, ROLES
from nkterm.claims.wordfind import after_lower


class Resolver(Protocol):
    """What this module reads of ``nkterm.claims.speakers.Resolver`` (no import: no circle)."""

    text: str
    orgrefs: OrgReferences
    reports: list[Report]  # by subject position

    def full_name(self, name: str, pos: int) -> str: ...
    def role_holder(self, role: str, pos: int) -> str | None: ...
    def sole_person(self, pos: int) -> str | None: ...
    def epithet_person(self, pos: int) -> tuple[str, str] | None: ...
    def speaker(self, report: Report) -> tuple[str | None, str]: ...
    def is_surname(self, surname: str) -> bool: ...
    def after_the(self, pos: int) -> bool: ...


# Roles that speak for someone else, and ranks of birth: never the person in focus ("the
# spokesman said" after the minister spoke; "The prince apologised" after an MP's attack); nor
# a role made another by its word before ("the former cabinet secretary", ``OTHER_OFFICE``)
_NOT_FOCUS_ROLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople"}
    | {"prince", "princess", "king", "queen", "duke", "duchess", "earl", "countess", "pope"}
)
# A word before a title that makes it another office ("Deputy Prime Minister", "shadow chancellor")
_ROLE_HEADS = PERSON_ROLES | ROLES | (TITLE_WORDS - NOT_TITLE_HEADS)


class _WrittenHeads:
    """The nouns a role written beside a name may end in ("New Home Secretary Charles Clarke"):
    a role word or a WordNet person noun, never a personal title (looked up, not united: a union
    with the 30,000 person nouns cost 50 M instructions at import)."""

    def __contains__(self, word: object) -> bool:
        return (word in _ROLE_HEADS or word in PERSON_NOUNS) and word not in TITLES


_WRITTEN_HEADS = _WrittenHeads()
# A name in apposition after a role subject: ", US playwright Eve Ensler," (up to three role words)
_APPOSED = re.compile(
    r",\s+(?:[\w-]+\s+){0,3}?((?:[A-Z][\w'’-]+\s)+?[A-Z][\w'’-]+|(?!(?:MEP|MSP|OBE|MBE|CBE|USA)\b)[A-Z]{3,6}),\s*"
)


# a document noun right after an inverted subject, ending the clause ("said an agency statement."; never
# "according to a US research think-tank")
_DOCUMENT_AFTER = Lazy(
    r" (" + "|".join(sorted(DOCUMENT_NOUNS, key=len, reverse=True)) + r")(?=\s*(?:[,.;:!?\"”)]|$))"
)


def org_or_role_speaker(resolver: Resolver, report: Report) -> tuple[str | None, str]:
    """(speaker, how) for an organisation or role subject ("the foreign ministry said", "a
    company spokesman said", "the prime minister hailed")."""
    subject = report.subject or ""
    words = subject.removesuffix("'s").removesuffix("’s").split()
    definite = (bool(words) and words[0].lower() == "the") or (
        _THE_BEFORE.search(resolver.text, max(0, report.subject_start - 20), report.subject_start) is not None
    )  # ("The 24-year-old Reds skipper spoke out": an age between "the" and the role, session 14)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    named_as = " ".join(words)
    if report.verb_start < report.subject_start and (
        doc := _DOCUMENT_AFTER.match(resolver.text, report.subject_start + len(subject))
    ):
        # '"...," said an agency statement': the document the body issued speaks (session 14)
        return f"{named_as} {doc.group(1).lower()}", "organisation or role"
    apposed = _APPOSED.match(resolver.text, report.subject_start + len(subject))
    if (
        apposed is not None
        and apposed.end() <= report.verb_start + 1
        and (apposed.group(1).isupper() or not is_org(apposed.group(1)))
    ):
        # "the work's author, US playwright Eve Ensler, says": the person named beside the
        # role; "The French statistics agency, INSEE, expects": the body's initials
        if apposed.group(1).isupper():
            return apposed.group(1), f"the {named_as} = {apposed.group(1)}"
        person = resolver.full_name(apposed.group(1), apposed.start(1))
        return person, f"the {named_as} = {person}"
    if named_as[:1].isupper():  # "according to the Bishop": the office's holder
        office = office_speaker(resolver, report)
        if office is not None:
            return office
    named = named_with_descriptor(words)
    if named is not None:
        return named, f"the {named_as} = {named}"
    of = next((k for k, w in enumerate(words) if w.lower() == "of"), len(words))
    if definite and of > 0 and words[of - 1].lower() in _ROLE_HEADS:
        holder = resolver.role_holder(named_as, report.subject_start)
        if holder is not None:
            return holder, f"the {named_as} = {holder}"
        if words[of - 1].lower() in OFFICES and of == len(words):
            # "Gordon Brown has issued a rallying cry ... The chancellor said": an office never
            # written as anyone's title, in a text that names one person only so far
            holder = resolver.sole_person(report.subject_start)
            if holder is not None:
                return holder, f"the {named_as} = {holder}, the one person named"
    if definite and words and is_epithet(words):
        meant = resolver.epithet_person(report.subject_start)
        if meant is not None:
            return meant[0], f"the {named_as} = {meant[0]}, {meant[1]}"
        if len(words) == 1 and (AGED.fullmatch(words[0]) or EPITHET_MODIFIER.fullmatch(words[0])):
            return None, ""  # "the 21-year-old" with no one in focus: no speaker to show
    if (
        definite
        and 0 < len(words) <= 3
        and (words[-1] in ORG_NOUNS or words[-1] in OTHER_BODIES)  # "the think-tank" (session 10)
        and all(w.islower() for w in words)
    ):
        org = resolver.orgrefs.antecedent(words[-1], report.subject_start)
        if org is not None:
            return org, f"the {named_as} = {org}"
    if words and words[-1].lower() in _ROLE_HEADS and (definite or _possessed(resolver.text, report, words)):
        # "The Easyjet founder said" after "Founder Stelios Haji-Ioannou": the document's own
        # statement of who holds the role
        held = described_holder(resolver.text, words, report.subject_start, resolver.full_name)
        if held is not None:
            return held[0], f"the {named_as} = {held[0]}, the one {words[-1].lower()} the text names"
    if definite and of == len(words) and words and words[-1].lower() in OFFICES:
        # an office no other rule resolved: the one person the text names without an office of
        # their own (session 12, second round; never "the former cabinet secretary")
        holder = untitled_holder(resolver, words, report.subject_start)
        if holder is not None:
            return holder, f"the {named_as} = {holder}, the one person named without an office"
    if not definite and words and (named := named_next(resolver, report, words)) is not None:
        return named, f"the {named_as} = {named}, named next"
    if (
        definite
        and of == len(words)
        and 0 < len(words) <= 4
        and words[-1].lower() in _ROLE_HEADS
        and not any(w.endswith(("'s", "’s")) for w in words)
        and named_as.lower().removeprefix("prime ") not in OFFICES
        and words[-1].lower() not in _NOT_FOCUS_ROLES
        and not any(w.lower() in OTHER_OFFICE for w in words)
    ):
        # "Michael Howard pledged ... The Tory leader argued": a role no one is written with is
        # the person who spoke last (session 13); never a spokesman (someone else's voice) or a
        # bare government office (``untitled_holder`` above)
        meant = role_in_focus(resolver, report, words)
        if meant is not None:
            return meant
    return named_as, "organisation or role"


_THE_BEFORE = Lazy(r"(?<![\w'’-])[Tt]he (?:\d+-year-old )?$")
_INDEFINITE = Lazy(r"(?<![\w'’-])[Aa]n? (?:[\w'’-]+ ){0,2}$")  # "A US ", "A Dutch "


def named_next(resolver: Resolver, report: Report, words: list[str]) -> str | None:
    """The speaker an indefinite role introduces when the next sentence names them as its
    speaker for the first time (session 14): "A US researcher has suggested ... Mr Purushotma
    said" (a person, written before with no other role), "leading pension researchers have
    said ... The Pensions Policy Institute said" (a plural: an organisation whose name shares a
    word with the role's). Never a spokesman (someone's voice), never a role with "of"."""
    text = resolver.text
    head = words[-1].lower()
    if (
        head in ORG_NOUNS
        and len(words) <= 3
        and _INDEFINITE.search(text, max(0, report.subject_start - 30), report.subject_start)
    ):
        return _body_named_next(text, report, head)  # "A US bank has said ... Riggs Bank will"
    if (
        head in _NOT_FOCUS_ROLES
        or any(w.lower() == "of" or w.endswith(("'s", "’s", "'")) for w in words)
        or (head not in _ROLE_HEADS and head not in PERSON_NOUNS)
    ):
        return None  # (a possessive is as definite as "the": "Australian tennis' top official")
    plural = head.endswith("s") and not head.endswith("ss")
    if not (_INDEFINITE.search(text, max(0, report.subject_start - 30), report.subject_start) or plural):
        return None  # only a role that introduces someone: "A US researcher", "researchers"
    after = next((r for r in resolver.reports if r.subject_start > report.verb_end), None)
    if after is None or after.subject_kind != "name" or not after.subject:
        return None
    ends = SENTENCE_END.findall(text, report.verb_end, after.subject_start)
    if len(ends) != 1:
        return None  # only the next sentence
    who = resolver.speaker(after)[0]
    if who is None or is_org(who) != plural or (not plural and len(who.split()) < 2):
        return None
    if any(w in text[: report.subject_start] for w in who.split() if w[:1].isupper()):
        return None  # named before the role: someone else the role does not introduce
    if plural:
        stems = {w.lower()[:5] for w in words if len(w) >= 5}
        return who if any(w.lower()[:5] in stems for w in who.split() if len(w) >= 5) else None
    if _other_role(text, head, who, len(text)):
        return None  # "Opposition leader Michael Howard" is no "a government minister"
    return who


# The name opening a sentence (up to four capitalised words)
_OPENING_NAME = Lazy(r"(?:[A-Z][\w&'’-]*[ ]){0,3}[A-Z][\w&'’-]*(?![\w&'’-])")


def _body_named_next(text: str, report: Report, head: str) -> str | None:
    """The organisation an indefinite body ("A US bank", "a Japanese firm") is, when the next
    sentence opens with a name the text has not written before whose last word is the body's noun
    ("Riggs Bank") or, for a generic noun (company, firm, group), any organisation's name (session
    14, second round)."""
    end = SENTENCE_END.search(text, report.verb_end)
    m = _OPENING_NAME.match(text, end.end()) if end is not None else None
    if m is None:
        return None
    name = m.group()
    if " " not in name:
        return None  # one capitalised word opening a sentence is as often no name ("Charity")
    last = name.split()[-1].lower()
    if not (last == head or (head in GENERIC and len(name.split()) > 1 and is_org(name))):
        return None
    if name in text[: report.subject_start]:
        return None  # named before: not the one the indefinite body introduces
    return name


def role_in_focus(
    resolver: Resolver, report: Report, words: list[str], *, own_role: bool = False
) -> tuple[str, str] | None:
    """The person in focus a definite role ``words`` means ("The Tory leader argued", "The legal
    assistant said"): one who spoke before (by name, or as "he" or "she") and whom the text ties
    to no other organisation; with ``own_role``, also one the text writes with no other role
    ("Foreign Secretary Jack Straw" is no "the archbishop"); None otherwise."""
    meant = resolver.epithet_person(report.subject_start)
    if (
        meant is not None
        and meant[1] == "the person in focus"
        and spoke_before(resolver, meant[0], report.subject_start)
        and not _held_elsewhere(resolver.text, words, meant[0], report.subject_start)
        and not (own_role and _other_role(resolver.text, words[-1].lower(), meant[0], report.subject_start))
    ):
        return meant[0], f"the {' '.join(words)} = {meant[0]}, {meant[1]}"
    return None


def spoke_before(resolver: Resolver, person: str, pos: int) -> bool:
    """Whether ``person`` is the speaker of a report by name, or as "he" or "she" (session 14:
    "Austin Aitken is taking action ... He said ... The legal assistant said"), before ``pos``:
    a person who speaks in the text, never a book, a song or a club the focus may land on."""
    for r in resolver.reports:
        if r.subject_start >= pos:
            return False
        if (r.subject_kind == "name" or (r.subject or "").lower() in ("he", "she")) and resolver.speaker(r)[
            0
        ] == person:
            return True
    return False


def _held_elsewhere(text: str, role: list[str], person: str, pos: int) -> bool:
    """Whether the text ties ``person`` to something other than the organisation or party of
    ``role`` ("the Arsenal boss" after "Sir Alex Ferguson ... the Manchester United manager";
    "the Lib Dem leader" after "New Home Secretary Charles Clarke"), or writes them as a group
    ("band New Order" for "the Factory Records founder"). A role without a capitalised word
    before its head ("the lawyer") is never held elsewhere; nor one written with the same head
    ("New York Senator X" may be "the Democrat senator") or the same place ("technical
    coordinator at Cepes" may be "the Cepes researcher")."""
    mine = {w.lower() for w in role[:-1] if w[:1].isupper()}
    if not mine:
        return False
    if written_as_group(text, person, pos):
        return True  # "sucessor band New Order"
    head = role[-1].lower()
    plain = strip_titles(person)
    if len(plain.split()) < 2:
        return False
    for words, theirs in written_roles(text, plain, pos, _WRITTEN_HEADS):
        if theirs == head:
            continue
        places = {w.lower() for w in words if w[:1].isupper() and w.lower() != theirs}
        if not any(a[:4] == b[:4] for a in places for b in mine):  # "France" / "French"
            return True
    return False


def _other_role(text: str, head: str, person: str, pos: int) -> bool:
    """Whether the text writes ``person`` before ``pos`` with a role whose head is not ``head``
    ("Foreign Secretary Jack Straw" for "the archbishop"; "Cardinal X" may be "the cardinal")."""
    plain = strip_titles(person)
    if len(plain.split()) < 2:
        return False
    if any(
        theirs != head and not theirs.endswith("s")  # (one person's role is no plural: "said the banks")
        for _, theirs in written_roles(text, plain, pos, _WRITTEN_HEADS)
    ):
        return True
    before = text[: text.find(plain)] if plain in text[:pos] else ""
    title = before.split()[-1:] if before.endswith(" ") else []
    return (
        bool(title)
        and title[0][:1].isupper()
        and title[0].lower() != head
        and title[0].lower() in _ROLE_HEADS
    )


def written_as_group(text: str, person: str, pos: int) -> bool:
    """Whether the text writes ``person`` before ``pos`` as a group: a name ``is_org`` knows, or a
    WordNet body noun or an organisation noun right before the name ("band New Order",
    "investment bank Goldman Sachs")."""
    written_after = re.finditer(rf"([\w-]+)\s+{re.escape(person)}(?![\w'’-])", text[:pos])
    return is_org(person) or any(
        m.group(1).lower() in BODY_NOUNS or m.group(1).lower() in ORG_NOUNS for m in written_after
    )


def _possessed(text: str, report: Report, words: list[str]) -> bool:
    """ "its chief executive", "Amnesty International's chief": a role of someone named."""
    before = text[max(0, report.subject_start - 6) : report.subject_start].lower()
    return (
        before.endswith(("its ", "his ", "her ", "their "))
        or any(w.endswith(("'s", "’s")) for w in words[:-1])
        or (report.subject or "").lower().startswith(("its ", "their "))
    )


# A capitalised office: title words, then optionally "of" and its place ("Bishop", "Archbishop of
# Canterbury", "Prime Minister"); the person's own name never ("President Bush" is a name)
_OFFICE_WORDS = (TITLE_WORDS | OF_TITLES) - NOT_TITLE_HEADS
# the person in apposition right after the office, closed by a comma: ", the Rt Rev Dr Tom Wright,"
_OFFICE_APPOSED = re.compile(r",\s+(?:the\s+)?((?:[A-Z][\w'’.-]+\s)+?[A-Z][\w'’-]+)\s*,")


def is_office(subject: str) -> bool:
    """ "Bishop of Durham", "the Bishop", "Prime Minister": every word before "of" a title word."""
    words = subject.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or words[0].lower() not in _OFFICE_WORDS:
        return False  # (most subjects: one look-up)
    of = next((k for k, w in enumerate(words) if w.lower() == "of"), len(words))
    return all(w.lower() in _OFFICE_WORDS for w in words[:of])


def office_speaker(resolver: Resolver, report: Report) -> tuple[str | None, str] | None:
    """The person a capitalised office subject means: the name in apposition right after it
    ("The Bishop of Durham, the Rt Rev Dr Tom Wright, described"), else its holder written before
    (``roles.role_holder``: "the Bishop said" after that apposition). None: no person found."""
    subject = report.subject or ""
    if not is_office(subject):
        return None
    named_as = subject.removeprefix("the ").removeprefix("The ")
    after = report.subject_start + len(subject)
    apposed = _OFFICE_APPOSED.match(resolver.text, after)
    if apposed is not None and apposed.end() <= report.verb_start + 1:
        person = strip_titles(" ".join(person_words(name_words(apposed.group(1)))))
        if len(person.split()) >= 2 and not is_org(person):
            person = resolver.full_name(person, apposed.start(1))
            return person, f"the {named_as} = {person}"
    holder = resolver.role_holder(named_as, report.subject_start)
    if holder is not None:
        return holder, f"the {named_as} = {holder}"
    return None


def company_before(resolver: Resolver, reports: Sequence[Report], pos: int, after: int) -> str | None:
    """A one-word name that spoke between ``after`` and ``pos`` and is no one's surname
    ("Telmara said ... It said": Telmara; never "Hale said" when "Tom Hale" is written): what
    an "it said" may mean besides the organisations ``is_org`` knows (moved from ``speakers.py``,
    session 10). ``reports``: the text's reports by subject position."""
    text = resolver.text
    for r in reversed(reports):
        if r.subject_start >= pos:
            continue
        if r.subject_start <= after or pos - r.subject_start > 600:
            return None
        if r.subject_kind != "name" or not r.subject:
            continue
        words = name_words(r.subject)
        if len(words) != 1 or not words[0][:1].isupper() or words[0].lower() in TITLES:
            return None  # a person or a longer name spoke last
        word = words[0]
        if (
            resolver.is_surname(word.lower())  # "Hale said" after "Tom Hale": a person
            or text[max(0, r.subject_start - 4) : r.subject_start] in ("Mr ", "Ms ", "Dr ")
            or resolver.after_the(r.subject_start)  # "A Treasury spokesperson"
            or not after_lower(text, word)  # "Even without ..."
        ):
            return None
        return word
    return None
