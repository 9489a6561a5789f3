"""A subject written after its verb: "said Mr X", "said managing director Rodrigo Rato", "said a
Vodafone spokesman", "said the national team coach." After an inverted verb the name must end its
clause ("said Beta had bought" is no inversion). Split out of ``subjects.py`` (session 7); the
finder's token helpers do the reading. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from nkterm.claims import lexicon as lx
from nkterm.claims.evidence import Subject
from nkterm.claims.namewords import NOT_IN_NAME
from nkterm.claims.orgrefs import DOCUMENT_NOUNS, ORG_NOUNS
from nkterm.claims.personnouns import BODY_NOUNS, PERSON_NOUNS
from nkterm.claims.subjectwords import AFTER_INVERTED, AGED, AUXILIARIES, CONNECT, ROLES, SPEAKING_NOUNS


class SubjectFinder(Protocol):
    """What this module reads of ``nkterm.claims.subjects.SubjectFinder`` (one sentence's tokens)."""

    lows: Sequence[str]
    starts: Sequence[int]
    ends: Sequence[int]
    hi: int

    def gap(self, k: int) -> str: ...
    def upper(self, k: int) -> bool: ...
    def chain_end(self, k: int) -> int: ...
    def person_of(self, k: int, j: int) -> Subject | None: ...


def _role_ending_clause(f: SubjectFinder, det: int, k: int) -> Subject | None:
    """After an inverted verb, "the national team coach" (up to three lower-case words before
    a role noun) when the role ends the clause."""
    lows = f.lows
    r = k
    while r + 1 < f.hi and r < k + 3 and f.gap(r).isspace():
        r += 1
    if any(
        not (lows[m].replace("-", "").isalpha() or AGED.fullmatch(lows[m])) or f.upper(m)
        for m in range(k, r + 1)
    ):
        return None
    if r + 1 < f.hi and f.gap(r).strip()[:1] not in AFTER_INVERTED:
        return None
    if lows[r] in ROLES or lows[r] in SPEAKING_NOUNS or AGED.fullmatch(lows[r]):
        return Subject("org", f.starts[det], f.ends[r])
    if (lows[r] in PERSON_NOUNS or lows[r] in BODY_NOUNS) and all(_role_word(lows[m]) for m in range(k, r)):
        # "said a clergyman", "says the think-tank" (WordNet, session 10); never across a verb or
        # an article ("said the bid undervalued the business")
        return Subject("org", f.starts[det], f.ends[r])
    if (
        lows[det] == "the"
        and (lows[r] in ORG_NOUNS or lows[r] in DOCUMENT_NOUNS)
        and all(_role_word(lows[m]) for m in range(k, r))
    ):
        # "..., warned the magazine.", "..., suggests the research, who": a definite body or
        # document that ends the clause (session 13, second round)
        return Subject("org", f.starts[det], f.ends[r])
    return None


def _role_word(w: str) -> bool:
    """A lower-case word that can describe a person before their name ("asbestosis sufferer",
    "20-year-old politics student"): a word or an age, never an auxiliary, a function word, a
    connector or a past form ("had", "that", "and", "bought")."""
    if AGED.fullmatch(w):
        return True
    return (
        w.replace("-", "").isalpha()
        and w not in AUXILIARIES
        and w not in lx.NOT_NAMES
        and w not in CONNECT
        and not w.endswith("ed")
    )


def _apposed(f: SubjectFinder, j: int, r: int) -> bool:
    """Tokens ``j + 1 .. r - 1`` are role words right after the name ending at ``j`` (no comma
    between: "RNID technology director", never "Robbie Bach, senior vice president,") and a comma
    sets the name at ``r`` in apposition to them."""
    return r > j + 1 and f.gap(j).isspace() and f.gap(r - 1).strip() == "," and f.lows[r] not in lx.NOT_NAMES


def name_after(f: SubjectFinder, k: int, *, inverted: bool) -> Subject | None:
    """A name (or he/she) starting at token ``k``. After an inverted verb ("said Mr X") the
    name must end its clause: "said Beta had bought" is no inversion."""
    lows, starts, ends = f.lows, f.starts, f.ends
    if k >= f.hi:
        return None
    if lows[k] in ("he", "she"):
        if inverted and k + 1 < f.hi and f.gap(k).strip()[:1] not in AFTER_INVERTED:
            return None  # "who has admitted she "doesn't like it"": no inversion
        return Subject("pronoun", starts[k], ends[k])
    # "said managing director Rodrigo Rato": role words before the name
    r = k
    while (
        r < f.hi
        and r < k + 3
        and lows[r].replace("-", "").isalpha()  # "said team-mate Chris Paterson"
        and not f.upper(r)
        and lows[r] not in CONNECT
    ):
        r += 1
    if (r > k and r < f.hi and f.upper(r) and (lows[r - 1] in ROLES or lows[r - 1] in SPEAKING_NOUNS)) and (
        lows[k] not in ("the", "a", "an") or r > k + 1
    ):
        k = r
    elif inverted and lows[k] not in ("the", "a", "an") and not f.upper(k):
        # "said asbestosis sufferer Bernie Banton, who ...", "said 20-year-old politics student
        # Nick Vaughan.": lower-case words of any role (no verb among them) before a name of two
        # words or more
        r = k
        while r + 1 < f.hi and r < k + 3 and not f.upper(r) and f.gap(r).isspace() and _role_word(lows[r]):
            r += 1
        if r > k and r < f.hi and f.upper(r) and f.chain_end(r) > r and lows[r] not in lx.NOT_NAMES:
            k = r
    det = k
    if lows[k] in ("the", "a", "an") and k + 1 < f.hi:
        k += 1
    if not f.upper(k) and lows[k] not in SPEAKING_NOUNS:
        if det < k and inverted:
            return _role_ending_clause(f, det, k)  # "said the national team coach."
        return None
    if f.upper(k) and lows[k] in lx.NOT_NAMES:
        return None
    j = f.chain_end(k)
    if lows[j].endswith(("'s", "s'")) and f.upper(k) and "of" not in lows[k:j]:
        # (never "said David Wyss of Standard & Poor's in New York": the possessive ends
        # the organisation the person is of)
        # "said Iron Maiden's Bruce Dickinson", "said Aguilera's agent Meghan Prophet": the
        # possessor is no speaker; the name after it (and its role words) is
        r = j + 1
        while r < f.hi and r <= j + 3 and lows[r].isalpha() and not f.upper(r) and lows[r] not in CONNECT:
            r += 1
        if r < f.hi and f.upper(r) and lows[r] not in lx.NOT_NAMES:
            k = det = r
            j = f.chain_end(r)
    # "said report author Mary Madden", "wrote S&P credit analyst Helena Hessel": the name
    # after the role words is the speaker
    r = j + 1
    while r < f.hi and r <= j + 3 and not f.upper(r) and lows[r].isalpha() and lows[r] not in CONNECT:
        r += 1
    # (and the name in apposition after an organisation's role: "said RNID technology
    # director, Guido Gybels.", session 11)
    if (
        (r > j + 1 or not f.upper(k))
        and r < f.hi
        and f.upper(r)
        and (f.gap(r - 1).isspace() or (_apposed(f, j, r) and inverted))
    ) and (lows[r - 1] in SPEAKING_NOUNS or lows[r - 1] in ROLES):
        k = det = r
        j = f.chain_end(r)
    elif inverted and f.upper(k) and det == k:
        # "said Florida state archivist Jody Norman", "said Acme president and chief executive
        # Bill Owens": lower-case role words of any kind (no verb: no auxiliary, no "-ed") between
        # an organisation and a person's name of two words that ends the clause
        r = j + 1
        while r < f.hi and r <= j + 5 and not f.upper(r) and lows[r].isalpha() and f.gap(r - 1).isspace():
            if lows[r] != "and" and (
                lows[r] in AUXILIARIES or lows[r] in lx.NOT_NAMES or lows[r].endswith("ed")
            ):
                break
            r += 1
        if r > j + 1 and r < f.hi and f.upper(r) and f.gap(r - 1).isspace() and lows[r - 1] != "and":
            e = f.chain_end(r)
            if e > r and (e + 1 >= f.hi or f.gap(e).strip()[:1] in AFTER_INVERTED):
                k = det = r
                j = e
    if inverted:
        after = f.gap(j).strip()[:1] if j + 1 < f.hi else ""
        if j + 1 < f.hi and after not in AFTER_INVERTED and lows[j + 1] not in ("who", "of", "from", "at"):
            return None
    if (
        f.upper(k)
        and j + 1 < f.hi
        and lows[j + 1] in SPEAKING_NOUNS
        and not f.upper(j + 1)
        and f.gap(j).isspace()
    ):
        j += 1  # "said a Vodafone spokesman"
        return Subject("org", starts[det], ends[j])
    kind = "name" if f.upper(k) and det == k else "org"
    if kind == "org" and lows[j] not in SPEAKING_NOUNS and not f.upper(j):
        return None
    if kind == "name" and "of" in lows[k:j]:
        # "said Dr Doug Williams of BT": the person, not the person of the organisation
        first = next((x for x in range(k, j) if lows[x].rstrip(".") not in NOT_IN_NAME), k)
        person = f.person_of(first, j + 1)
        if person is not None:
            return person
    return Subject(kind, starts[det if kind == "org" else k], ends[j])
