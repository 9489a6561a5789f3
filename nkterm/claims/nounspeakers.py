"""Who speaks when the subject of a reporting verb is a common noun the subject rules do not know
as a speaker (``Report.subject_kind == "noun"``; split out of ``speakers.py``, session 14):

- a document speaks for itself ("research has suggested", "The hand-written lawsuit said", "The
  legal submission described"), also when the noun read is the object of its preposition ("A
  report on the experiment said": the report, not the experiment);
- a definite organisation noun stands for the organisation named before it ("the alliance said");
- a definite person noun is the person the text names for it, as a role is ("Austin Aitken is
  taking action ... He said ... The legal assistant said": Austin Aitken); unnamed, no one;
- a plural of people or bodies speaks as written ("Other parties have accused", "Teachers say").

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import re
from typing import Protocol

from nkterm.claims.evidence import Report
from nkterm.claims.lexicon import words
from nkterm.claims.offices import OTHER_OFFICE
from nkterm.claims.orgrefs import DOCUMENT_NOUNS, plural_body
from nkterm.claims.orgspeakers import Resolver as OrgResolver
from nkterm.claims.orgspeakers import named_next, role_in_focus
from nkterm.claims.patterns import Lazy
from nkterm.claims.personnouns import PERSON_NOUNS


class Resolver(OrgResolver, Protocol):
    """What this module reads of ``nkterm.claims.speakers.Resolver`` (no import: no circle)."""

    def org_antecedent(self, noun: str, pos: int) -> str | None: ...


# "A report on the experiment", "the study by the university": a document, then a preposition and
# up to three words before the noun the subject rules read
_DOCUMENT_BEFORE = Lazy(
    r"(?<![\w'’-])(" + "|".join(sorted(DOCUMENT_NOUNS, key=len, reverse=True)) + r")s?"
    r" (?:on|of|into|about|by|from|for) (?:[\w'’-]+ ){0,3}$",
    re.IGNORECASE,
)
# "the" and up to two lower-case modifiers before the noun ("The legal assistant", "the hospital's
# senior surgeon" never: a possessive is someone's role)
_DEFINITE_ROLE = Lazy(r"(?<![\w'’-])([Tt]he (?:[a-z][a-z-]* ){0,2})$")
# the words before a plural's modifiers ("the", "some", a sentence's start): what opens the phrase
_OPENERS = frozenset({"the", "some", "many", "most", "all", "several"})
# words that end the clause before the phrase ("But opposition parties say", "where social workers")
_CLAUSE_BREAKS = words("but so yet while where when as if because though although that")
# a preposition before the noun (articles and lower-case modifiers between): the noun is its object
_AFTER_PREPOSITION = Lazy(
    r"(?<![\w'’-])(?:in|on|at|by|from|with|of|for|to|into|against|under|over|about)"
    r" (?:the |a |an |this |that |its |their |his |her )?(?:[a-z][\w-]* ){0,2}$"
)
# Verbs of saying only (never "denied the same player", "responded with six goals"): a person noun
# the subject rules do not know as a role speaks only with one of these
_SAYING = words(
    """said says told tells added adds explained explains insisted insists claimed claims argued
    argues warned warns stressed stresses admitted admits replied replies"""
)
# the author named after a document: "The statement issued by Lycos" (never "a report by the
# Fraser of Allander Institute": a plain "by" or "from" is as often part of the document's label)
_AUTHOR = Lazy(
    r"\s+(?:issued|published|released|sent|written|filed)\s+by"
    r"\s+(?:the\s+)?((?:[A-Z][\w&'’-]*\s+)*[A-Z][\w&'’-]*)\b"
)
# words before a person noun that make it another person's or no role ("the deputy speaker")
_NOT_HEADS = words("same other latter first last new")  # "the same replied": no role
_NOT_ROLES = OTHER_OFFICE | _NOT_HEADS
# a word right after the "verb" that makes it a noun or a participle ("claims against", "estimated
# to", "accused by")
_NOT_AFTER = words("to by as against of for from in on over with")
_WORD = Lazy(r"[\w'’-]+")


def _object(text: str, at: int) -> bool:
    return _AFTER_PREPOSITION.search(text, max(0, at - 50), at) is not None


def noun_speaker(resolver: Resolver, report: Report) -> tuple[str | None, str]:
    """(speaker, how) for a common-noun subject; (None, "") when it names no one."""
    subject = report.subject or ""
    low = subject.lower()
    text, at = resolver.text, report.subject_start
    after = _WORD.match(text, report.verb_end + 1)
    # "doping claims against", "estimated to be": a noun or a participle, for the readings below
    # that take a noun the subject rules did not (never "the alliance said in a statement")
    verb = after is None or after.group().lower() not in _NOT_AFTER
    before = _DOCUMENT_BEFORE.search(text, max(0, at - 60), at)
    if before is not None and verb and not _object(text, before.start()):
        return before.group(1).lower(), "a document"
    if _object(text, at):
        return None, ""  # "The company named in the lawsuit denied": the noun is no subject
    if low in DOCUMENT_NOUNS:
        author = _AUTHOR.match(text, at + len(subject))
        if author is not None and author.end() <= report.verb_start:
            return author.group(1), f"the {low} of {author.group(1)}"  # "The statement issued by Lycos said"
        return low, "a document"
    org = resolver.org_antecedent(subject, at)
    if org is not None:
        return org, f"the {low} = {org}"
    if low in PERSON_NOUNS and not low.endswith("s"):
        role = _DEFINITE_ROLE.search(text, max(0, at - 40), at)
        role_words = [*role.group(1).split()[1:], subject] if role is not None else []
        if (
            role_words
            and low not in _NOT_HEADS
            and report.verb.lower() in _SAYING
            and not _NOT_ROLES.intersection(role_words[:-1])
        ):
            meant = role_in_focus(resolver, report, role_words, own_role=True)
            if meant is not None:
                return meant  # a role alone, tied to no one, is no speaker here
        elif (introduced := named_next(resolver, report, [subject])) is not None:
            return introduced, f"a {low} = {introduced}, named next"  # "A Dutch engineer has suggested"
        return None, ""
    if plural_body(low):
        mods = _modifiers(text, at)
        if not verb or mods is None:
            return None, ""  # "the one million seafarers estimated to": a participle
        return " ".join([*mods, low]), "a group"
    return None, ""


def _modifiers(text: str, at: int) -> list[str] | None:
    """The lower-case words (up to two) before the noun at ``at`` when its phrase opens there:
    after "the", "some", "many" or at a sentence's start ("Other parties", "the rival firms");
    None when it does not ("Yesterday teachers", "one million seafarers", "talks with producers":
    the noun is no subject)."""
    start = at
    found: list[str] = []
    for _ in range(3):
        prev = list(_WORD.finditer(text, max(0, start - 25), start))
        if not prev:
            return found if start - 25 <= 0 else None
        m = prev[-1]
        gap = text[m.end() : start]
        if gap != " ":
            return found if "\n" in gap or gap.rstrip().endswith((".", "!", "?", '"', "”")) else None
        word = m.group().lower()
        if word in _OPENERS or word in _CLAUSE_BREAKS:
            return found
        if m.group()[:1].isupper():  # a capitalised word opens the phrase only at a sentence's start
            before = text[max(0, m.start() - 2) : m.start()]
            return [word, *found] if m.start() == 0 or before.endswith((". ", "\n")) else None
        if not word.isalpha():
            return None
        found.insert(0, word)
        start = m.start()
    return None
