"""Checks on the subject ``SubjectFinder`` finds for a verb of saying (session 10, split out of
``subjects.py``, whose ``for_verb`` calls ``checked``):

- a noun read as a verb gives no subject: a plural followed by a past verb of saying ("The
  Envisional reports said": the noun heads the subject of "said"), or a singular "-s" form after
  lower-case words joined by "and" ("rebuttals and counter claims.": two heads never take it);
- a document made by someone speaks for itself ("A survey by Hostway suggests" -> survey);
- an apposition never closed by its comma ("John Houlihan, editor of Computerandvideogames.com
  told") is the person before it, not the organisation it names;
- people in the plural or a body of people head a subject ("Some delegates even spoke of",
  ``plural_people``);
- a name in apposition speaks for a phrase no rule reads as a speaker ("His mother, Giselle,
  said"), between dashes when brackets shorten it ("a consumer group - Consumers Against ...
  (Caspian) - has claimed"), and before a stray comma ("The men's solicitor Matthew Knight, said
  that") (session 13, second round);
- a capitalised "-ing" word opening a sentence is a gerund, no name ("Avoiding political
  correctness is ..."), unless the text writes it capitalised inside a sentence (session 13,
  third round: ``opening_gerund``).

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from nkterm.claims.evidence import Subject
from nkterm.claims.namewords import is_org
from nkterm.claims.orgrefs import DOCUMENT_NOUNS
from nkterm.claims.personnouns import BODY_NOUNS, PERSON_NOUNS
from nkterm.claims.speechverbs import VERBS
from nkterm.claims.subjectwords import AUXILIARIES, DETERMINERS, QUANTIFIERS, ROLES

# Past forms of the verbs of saying ("said", "reported", "told"): after a plural noun they make it
# the head of their subject ("The Envisional reports said")
PAST_SPEECH = frozenset(w for w in VERBS if not w.endswith("s") or w.endswith("ss"))

# What follows the role noun of an apposition: its organisation ("editor of X", "fellow at the IPPR")
_ROLE_LINKS = frozenset({"of", "at", "for", "with", "from", "in"})


class SubjectFinder(Protocol):
    """What this module reads of ``nkterm.claims.subjects.SubjectFinder`` (one sentence's tokens)."""

    text: str
    lows: Sequence[str]
    starts: Sequence[int]
    ends: Sequence[int]
    lo: int
    hi: int

    def gap(self, k: int) -> str: ...
    def upper(self, k: int) -> bool: ...
    def phrase_ending(self, j: int) -> Subject | None: ...
    def _token_at(self, pos: int) -> int: ...


def checked(f: SubjectFinder, i: int, find: Callable[[int], Subject | None]) -> Subject | None:
    """The subject ``find`` gives the verb at token ``i``, checked as the module says."""
    lows = f.lows
    plural = lows[i].endswith("s") and not lows[i].endswith("ss")
    if plural and i + 1 < f.hi and f.gap(i).isspace() and lows[i + 1] in PAST_SPEECH:
        return None
    subject = find(i)
    if subject is None:
        return None
    k = f._token_at(subject.start)
    if (
        plural
        and subject.kind not in ("name", "pronoun")
        and k > f.lo
        and lows[k - 1] == "and"
        and f.gap(k - 1).isspace()
    ):
        return None  # "rebuttals and counter claims.": the nouns of a list
    if subject.kind == "name" and k - 1 > f.lo and lows[k - 1] in ("by", "for", "the"):
        doc = _document_before(f, k - 1)
        if doc is not None:
            return doc
    return _open_apposition(f, k, i) or subject


def _document_before(f: SubjectFinder, k: int) -> Subject | None:
    """ "A survey by Hostway suggests", "a new poll conducted for the BBC suggests", "An
    investigation commissioned by Shell found": the document speaks, its maker or client named
    after "by"/"for" (token ``k`` or the one before "the") is no subject (session 11: the
    participle between them)."""
    lows = f.lows
    if lows[k] == "the":
        k -= 1
    if k - 1 < f.lo or lows[k] not in ("by", "for"):
        return None
    d = k - 1
    if lows[d].endswith("ed") and d - 1 >= f.lo and lows[d - 1] in DOCUMENT_NOUNS:
        d -= 1  # "conducted", "commissioned": a participle after the document
    elif lows[k] != "by":
        return None  # "a report for the BBC" is no maker: only "by" without a participle
    if lows[d] not in DOCUMENT_NOUNS:
        return None
    return Subject("noun", f.starts[d], f.ends[d], "the document")


def _open_apposition(f: SubjectFinder, k: int, i: int) -> Subject | None:
    """ "John Houlihan, editor of Computerandvideogames.com told": the words from the comma to
    the verb open in lower case and hold a person noun (a role) with no determiner or auxiliary
    before it and "of"/"at"/... or a name (or the verb) after it; the comma follows a person's
    name of two words or more."""
    lows = f.lows
    c = k - 1
    while c >= f.lo and c >= k - 8 and "," not in f.gap(c):
        c -= 1
    if c < f.lo or c + 1 >= i or f.upper(c + 1) or lows[c + 1] in DETERMINERS or f.gap(c).strip() != ",":
        return None  # (", the Bishop said" after "in the Northern Echo": a subject of its own)
    if any(not f.gap(m).isspace() for m in range(c + 1, i)):
        return None
    head = next(
        (
            m
            for m in range(c + 1, i)
            if (lows[m] in ROLES or lows[m] in PERSON_NOUNS)
            and (m + 1 == i or lows[m + 1] in _ROLE_LINKS or f.upper(m + 1))
        ),
        None,
    )  # (", became the first Scot to be confirmed": a clause, no role)
    if head is None or any(lows[m] in DETERMINERS or lows[m] in AUXILIARIES for m in range(c + 1, head)):
        return None
    named = f.phrase_ending(c)
    if named is None or named.kind != "name":
        return None
    name = f.text[named.start : named.end]
    if len(name.split()) < 2 or is_org(name):
        return None
    return Subject("name", named.start, named.end, "named before its role")


def apposed_name(f: SubjectFinder, k: int, j: int) -> Subject | None:
    """ "His mother, Giselle, said": the tokens ``k..j`` between the commas are one name (every
    word capitalised, two at most, no organisation) and the phrase before the first comma is a
    common noun no rule reads as a speaker: the name speaks."""
    if j - k > 1 or any(not f.upper(m) for m in range(k, j + 1)):
        return None
    if any(not f.gap(m).isspace() for m in range(k, j)):
        return None
    named = f.phrase_ending(j)
    if named is None or named.kind != "name" or named.start != f.starts[k]:
        return None
    if is_org(f.text[named.start : named.end]):
        return None
    return Subject("name", named.start, named.end, "named between commas")


# Words that open the clause a verb of saying reports ("said that", "said the", "said he")
_CLAUSE_STARTS = frozenset(
    {"that", "he", "she", "it", "they", "we", "there", "the", "a", "an", "his", "her", "its", "their"}
)


def dashed_name(f: SubjectFinder, j: int) -> Subject | None:
    """ "a consumer group - Consumers Against Supermarket Privacy Invasion and Numbering (Caspian)
    - has claimed": the name between the dash and the brackets (token ``j`` its last word),
    capitalised words joined by "and", "of", "for" or "the", after a common noun. An
    organisation (a name its initials shorten), so that a later "it warned" is it."""
    k = j
    while k > f.lo and f.gap(k - 1).isspace():
        k -= 1
    if k <= f.lo or f.gap(k - 1).strip() not in ("-", "–", "—") or not f.upper(k) or not f.upper(j):
        return None
    if any(not f.upper(m) and f.lows[m] not in ("and", "of", "for", "the") for m in range(k, j + 1)):
        return None
    if f.upper(k - 1):
        return None  # "Acme - Beta Corp (BC) -": two names, no apposition to read
    return Subject("org", f.starts[k], f.ends[j], "named between dashes")


def unopened_apposition(f: SubjectFinder, j: int, i: int) -> Subject | None:
    """ "The men's solicitor Matthew Knight, said that": a comma before the verb (token ``i``)
    that closes no apposition (no comma or dash before it in the sentence) after a name of two
    words or more, with only a role before the name ("The men's solicitor"), the verb opening a
    clause ("said that", "said the"): the name speaks (never "Szilard Nemeth, recalled in place
    of X, was": a participle)."""
    if i + 1 >= f.hi or f.lows[i + 1] not in _CLAUSE_STARTS or not f.gap(i).isspace():
        return None
    if any(not f.gap(m).isspace() for m in range(f.lo, j)):
        return None
    named = f.phrase_ending(j)
    if named is None or named.kind != "name" or len(f.text[named.start : named.end].split()) < 2:
        return None
    k = f._token_at(named.start)
    for m in range(f.lo, k):
        w = f.lows[m]
        if not (
            w in DETERMINERS
            or w.endswith(("'s", "’s", "s'"))
            or (not f.upper(m) and (w in ROLES or w in PERSON_NOUNS))
        ):
            return None
    if is_org(f.text[named.start : named.end]):
        return None
    return Subject("name", named.start, named.end, "comma before the verb")


# Prepositions that tie a tail to the person noun heading a subject ("a lawyer for the bloggers")
_TAIL_LINKS = frozenset({"of", "for", "at", "from", "with", "representing"})


def head_with_tail(f: SubjectFinder, k: int) -> Subject | None:
    """ "A lawyer for the three bloggers said": for a lower-case phrase starting at token ``k``
    (after its determiner) that no rule reads as a speaker, the person noun before the
    preposition, with a determiner before it ("a", "the", "his"): a role speaker, its head only
    (the tail names whom it speaks for). None when the words before are no such head."""
    lows, lo = f.lows, f.lo
    p = k - 1 if k - 1 >= lo and lows[k - 1] in DETERMINERS and f.gap(k - 1).isspace() else k
    h = p - 2
    if h < lo or lows[p - 1] not in _TAIL_LINKS or not f.gap(p - 1).isspace() or not f.gap(h).isspace():
        return None
    head = lows[h]
    if not (head in ROLES or head in PERSON_NOUNS):
        return None
    if h == lo and head.endswith("s") and not head.endswith("ss"):
        pass  # "Members of the public said": a plural opening the sentence needs no determiner
    elif f.upper(h) or h - 1 < lo or lows[h - 1] not in DETERMINERS or not f.gap(h - 1).isspace():
        return None
    return Subject("org", f.starts[h], f.ends[h], "the head before its tail")


_OFFICE_LINKS = frozenset({"of", "for", "the", "and", "&"})


def apposed_person(f: SubjectFinder, subject: Subject, before: int) -> Subject | None:
    """The person named between commas right after a sentence's office or role subject (", Tessa
    Jowell, has hit out"): two or three capitalised words that are no organisation, the second
    comma followed by a lower-case word other than "and"/"or" (a list is no apposition). The
    office itself may hold commas ("Culture, Media and Sport"): up to 12 tokens are read."""
    lows = f.lows
    k = f._token_at(subject.end)
    for c in range(k - 1, min(before - 1, k + 11)):
        if c >= k and not (
            f.upper(c) or lows[c] in _OFFICE_LINKS or lows[c] in ROLES or lows[c] in PERSON_NOUNS
        ):
            return None  # only the office's own words come before the apposition
        if "," not in f.gap(c) or f.gap(c).strip() != ",":
            continue
        e = c + 1
        while e < before and f.upper(e) and e - c <= 4 and f.gap(e).isspace():
            e += 1
        n = e - c  # capitalised words after the comma, the last at token e
        if not (2 <= n <= 3 and e < before - 1 and f.upper(e) and f.gap(e).strip() == ","):
            continue
        nxt = e + 1
        if f.upper(nxt) or lows[nxt] in ("and", "or") or not lows[nxt].isalpha():
            continue
        name = f.text[f.starts[c + 1] : f.ends[e]]
        if is_org(name) or lows[c + 1] in DETERMINERS:
            return None
        return Subject("name", f.starts[c + 1], f.ends[e], "named beside the office")
    return None


def plural_people(f: SubjectFinder, k: int, low: str) -> bool:
    """People in the plural or a body of people (WordNet nouns) heading a phrase that opens at
    token ``k`` after a determiner or a quantifier, or opens the sentence: "Some delegates even
    spoke of", "The couple, who married last year, claimed", "Members said" (session 11); never
    the object of a preposition ("talks with Disney's producers revealed") nor a count ("the one
    million seafarers estimated to be")."""
    lows = f.lows
    before = lows[k - 1] if k > f.lo else ""
    if before and before not in DETERMINERS and before not in QUANTIFIERS:
        return False
    if k - 2 >= f.lo and lows[k - 2] in _PREPOSITIONS:
        return False  # "A leading expert on the Cuban economy says": the object, not the head
    if low in BODY_NOUNS:
        # (never "a public airing following"; the WordNet bodies that in news are a thing far
        # more often: "the US economy added 337,000 jobs", "The row blew up", "the data suggests")
        return bool(before) and not low.endswith("ing") and low not in _THINGS_MORE_OFTEN
    return low in PERSON_NOUNS and low.endswith("s") and not low.endswith("ss")


_THINGS_MORE_OFTEN = frozenset(["economy", "row", "law", "data", "social", "entourage", "market", "markets"])
# ("after" and "before" open clauses as often: "after the law lords said")
_PREPOSITIONS = frozenset(
    [
        "at", "on", "with", "for", "of", "from", "in", "by", "to", "about", "against", "among", "between",
        "over", "under", "into", "around", "across", "throughout", "within", "near", "behind", "beyond",
        "through", "during",
    ]
)  # fmt: skip


def opening_gerund(f: SubjectFinder, start: int, end: int) -> bool:
    """Whether ``start..end`` is a capitalised "-ing" word opening the sentence alone ("Avoiding
    political correctness is ..."): a gerund, no name, unless the text writes it capitalised
    after another word too ("... said Jo Fleming. Fleming added"). Session 13."""
    text = f.text
    if start != f.starts[f.lo] or end != f.ends[f.lo] or f.lo + 1 >= f.hi:
        return False
    word = text[start:end]
    if len(word) < 6 or not word.endswith("ing") or not text[f.starts[f.lo + 1]].islower():
        return False
    if f.lows[f.lo] == "according":
        return False  # "According to Pat Ferguson, President of AMBO, ...": X speaks
    at = text.find(word)
    while at >= 0:
        after = text[at + len(word) : at + len(word) + 1]
        before = text[max(0, at - 8) : at].rstrip(" ")[-1:]
        if not (after.isalnum() or after == "-") and (before.isalnum() or before in (",", ";", "(")):
            return False  # written capitalised inside a sentence: a name
        at = text.find(word, at + 1)
    return True
