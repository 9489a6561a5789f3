"""Who "it" is when "it said" (moved out of ``speakers.py``, session 12, which calls it for a
pronoun subject "it"):

- the document or organisation that opened a sentence since the last organisation spoke ("The
  report also explored ... It said");
- a one-word company that spoke last ("Telmara said ... It said", ``orgspeakers.company_before``);
- else the organisation that spoke last, as the resolver read that report (session 12): its
  short form linked to the document's full form ("the BCC noted ... it said" -> British Chambers
  of Commerce), a definite noun to its organisation ("the company said ... It expected" -> UK
  Coal), never a role or a person it was linked to.

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from nkterm.claims.evidence import Report
from nkterm.claims.namewords import is_org
from nkterm.claims.orgrefs import DOCUMENT_NOUNS, ORG_NOUNS, OrgReferences, subject_before
from nkterm.claims.orgspeakers import Resolver as OrgResolver
from nkterm.claims.orgspeakers import company_before
from nkterm.claims.patterns import SENTENCE_END, Lazy


class Resolver(OrgResolver, Protocol):
    """What this module reads of ``nkterm.claims.speakers.Resolver`` (no import: no circle)."""

    orgrefs: OrgReferences

    def speaker(self, report: Report) -> tuple[str | None, str]: ...


# "The government has ruled out ..., because it says": an "it" after a conjunction in the sentence
# whose subject is a definite speaking body (session 14)
_BODY_OPENING = Lazy(
    r"(?:[A-Z][^.!?,\"“”]{0,40},\s+)?([Tt]he (?:[a-z][\w-]* ){0,2}?"
    r"(?:government|council|ministry|department|committee|commission|court|board|union|party|bank"
    r"|company|firm|agency|group|regulator|watchdog))\b"
)
_CONJUNCTION_BEFORE = Lazy(r"(?:,\s+|\s)(?:because|as|since|and|but|while|although|though|saying)\s+$")


def _own_subject(resolver: Resolver, report: Report) -> tuple[str | None, str] | None:
    """The body that opens the sentence of an "it" joined to it by a conjunction ("The government
    has ruled out raising the state pension age, because it says it would penalise ..."), read
    as that body's own report; None when the sentence opens otherwise."""
    text, pos = resolver.text, report.subject_start
    if _CONJUNCTION_BEFORE.search(text, max(0, pos - 12), pos) is None:
        return None  # (most "it"s: one short search)
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, pos - 300), pos)]
    start = ends[-1] if ends else max(0, pos - 300)
    m = _BODY_OPENING.match(text, start, pos)
    if m is None or any(c in text[m.end() : pos] for c in '.!?"“”'):
        return None
    body = Report(report.verb_start, report.verb_end, report.verb, m.group(1), "org", m.start(1))
    who, how = resolver.speaker(body)
    if who is None or (" = " not in how and who.split()[-1] in ORG_NOUNS):
        return None  # "The company ... but it said": the company named before, as before
    return who, f"it = {m.group(1).lower()}" + (f" = {who}" if " = " in how else "")


def it_speaker(
    resolver: Resolver,
    report: Report,
    orgs: Sequence[tuple[int, str]],
    spoke_between: Callable[[int, int], bool],
) -> tuple[str | None, str] | None:
    """(speaker, how) for "it" at ``report``; None: no organisation to mean. ``orgs``: the
    organisations that spoke before it, (subject position, subject), in order."""
    text, pos = resolver.text, report.subject_start
    own = _own_subject(resolver, report)
    if own is not None:
        return own
    opened = subject_before(text, pos)
    if opened is not None and not spoke_between(opened[0], pos):
        _, noun, name = opened
        if name and noun in ORG_NOUNS:
            return name, f"it = the {name} {noun}"
        org = resolver.orgrefs.antecedent(noun, opened[0]) if noun in ORG_NOUNS else None
        if org is not None or noun in DOCUMENT_NOUNS:
            return org or noun, f"it = the {noun}" + (f" = {org}" if org else "")
    company = company_before(resolver, resolver.reports, pos, orgs[-1][0] if orgs else -1)
    if company is not None:
        company = resolver.orgrefs.longer_name(company, pos) or company
        return company, f"it = {company}"
    if not orgs:
        return None
    at, org = orgs[-1]
    words = org.split()
    if words and words[0].lower() in ("the", "a", "an"):
        org = " ".join(words[1:])
    said = next((r for r in resolver.reports if r.subject_start == at and r.subject == orgs[-1][1]), None)
    if said is not None:
        who = resolver.speaker(said)[0]
        # a short form or a definite noun the resolver linked ("BCC", "company"); never a person
        if who is not None and who != org and (is_org(who) or org.isupper() or org.islower()):
            return who, f"{org} = {who}, it = {org}"
    return org, f"it = {org}"
