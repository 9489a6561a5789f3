"""Organisations referred to by a common noun: "the charity", "the trade weekly", "the firm".

Owns ``OrgReferences`` (issue 16, session 8): the named organisation a definite organisation noun
stands for. "The Fostering Network ... The charity recommends" is the Fostering Network,
"Screen Daily has said ... according to the trade weekly" is Screen Daily, "Novartis said ... the
firm said" is Novartis. The antecedent is the most recent organisation named before the noun
(within ``_REACH`` characters) that is compatible with it:

- its name ends in the noun ("the alliance" -> Countryside Alliance; never a name the noun
  follows: "The South Yorkshire company" is no name of a company);
- it is described by the noun where it is named: the noun right before the name ("trade weekly
  Screen Daily", "the charity Fostering Network") or heading an apposition after it ("Fostering
  Network, a charity that ...");
- else the nearest organisation named within ``_NEAR`` characters, known by its words
  (``is_org``: "Nortel Networks"; never a two-letter "UK") or as the employer of a role named
  after it ("Fostering Network executive director Robert Tapsfield ... The charity recommends");
- for the nouns any business is ("the company", "the firm", "the group"): the nearest such
  organisation within ``_REACH``, or a one-word name that spoke and is no one's surname (the
  resolver's hook: "Novartis said ... the firm said"), as its longer name when it is a short form.

``OrgReferences.longer_name`` (session 9) gives the one organisation whose longer name a one-word
short form opens ("Nortel Networks ... Nortel said" is Nortel Networks).

A noun with no compatible organisation named before it stays what it is ("the company said" in an
article that names none gives "company"). Government, ministries, police and parties are never
resolved: "the government" is its own speaker. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from nkterm.claims.lexicon import words
from nkterm.claims.namewords import GROUP_NOUNS, PERSON_ROLES, is_org, name_words
from nkterm.claims.personnouns import BODY_NOUNS, PERSON_NOUNS
from nkterm.claims.subjectwords import (
    CLAUSE_OPENERS,
    DEMONYM,
    PHRASE_OPENERS,
    ROLES,
    SPEAKING_NOUNS,
    TIME_WORDS,
)

# Nouns that stand for one organisation named before them.
ORG_NOUNS = words(
    """
    company firm group charity alliance network agency bank weekly daily newspaper paper magazine
    broadcaster station channel association organisation organization body regulator watchdog
    club retailer maker manufacturer carrier airline operator insurer lender giant chain publisher
    studio label foundation trust institute website
    """
)
# Documents that speak for their authors ("the research indicated", "It said" after "The report
# also explored"): their own speakers, kept as the noun.
DOCUMENT_NOUNS = words(
    "report research study survey poll review findings inquiry investigation audit analysis guide test"
    " lawsuit submission statement letter document petition complaint memo filing indictment"
)


def plural_body(low: str) -> bool:
    """Whether ``low`` (lower case) is the plural of a noun of people or bodies: a WordNet person
    or group noun ("ministers", "firms") or the plural of an organisation noun above ("airlines",
    "lenders", "carriers"): bodies of a kind, which speak as a group ("Low-cost airlines have
    criticised", session 14, second round)."""
    if not low.endswith("s") or low.endswith("ss"):
        return False
    return low in BODY_NOUNS or low in PERSON_NOUNS or low[:-1] in ORG_NOUNS


# Nouns any business is: the antecedent need not have been described with them.
# Singular nouns of a body of people (WordNet noun.group, first sense) no list here knows as a
# speaker ("the think-tank", "the convention"): "the" + one stands for the organisation that
# spoke or was named before, like "the company"; the known speaking nouns ("the government",
# "the committee", "the police", "the firms") keep their own rules
OTHER_BODIES = frozenset(w for w in BODY_NOUNS if not w.endswith("s")) - SPEAKING_NOUNS - GROUP_NOUNS
GENERIC = words("company firm group organisation organization")
_REACH = 1500
_NEAR = 600  # an organisation not described with the noun: only this close
# Role words after an organisation's name make it an employer ("Fostering Network executive director")
_STAFF = words("executive director spokesman spokeswoman spokesperson chairman chairwoman boss founder")
_ROLE_WORDS = PERSON_ROLES | ROLES | words("chief president head")
# Capitalised words that open sentences and are no names: time words, openers, common nouns
# of speakers ("Prosecutors said")
_NOT_ORG_WORDS = TIME_WORDS | CLAUSE_OPENERS | PHRASE_OPENERS | SPEAKING_NOUNS | GROUP_NOUNS
# Words of a public body's name: no company ("the company" never means "Office of ...")
_PUBLIC = words(
    """
    ministry government department office commission committee council court police army embassy
    university college school party authority service parliament assembly
    """
)
_DESCRIBED_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?([a-z][\w-]*)\b")
_NOT_NAMES = words("the a an in on at but and however it this that he she they we i mr mrs ms")


def _noun_after(text: str, end: int) -> str:
    """The lower-case word written right after a name ("magazine" of "PC Pro magazine"), or ""."""
    m = _WORD_AFTER.match(text, end)
    return m.group(1) if m is not None else ""


_WORD_AFTER = re.compile(r" ([a-z][a-z-]*)\b")


class OrgReferences:
    """The named organisations of one text, found once, for the nouns that refer to them."""

    def __init__(self, text: str, spoke: Callable[[int], list[tuple[int, str]]]) -> None:
        """``spoke(pos)``: one-word names that spoke before ``pos`` and are no one's surname,
        nearest first (organisations ``is_org`` does not know by their name: "Novartis")."""
        self._text = text
        self._spoke = spoke
        self._names: list[tuple[int, int, str]] | None = None
        self._lower: set[str] | None = None

    def common_word(self, word: str) -> bool:
        """Whether the text also writes ``word`` in lower case ("Prosecutors said" is no name
        when "prosecutors" is written too)."""
        lower = self._lower_words()
        return word.lower() in lower or word.lower() in _NOT_ORG_WORDS

    def _lower_words(self) -> set[str]:
        """The words the text writes in lower case (found once per text)."""
        if self._lower is None:
            self._lower = set(_LOWER_WORD.findall(self._text))
        return self._lower

    def _chains(self) -> list[tuple[int, int, str]]:
        if self._names is None:
            self._names = _names(self._text, self._lower_words())
        return self._names

    def described(self, name: str) -> bool:
        """Whether the text writes ``name`` with a news medium's noun right after it ("PC Pro
        magazine"): an organisation, whatever its words (session 12: no "he"; never "Parry firm",
        a headline's adjective)."""
        text, at = self._text, self._text.find(name + " ")
        while at >= 0:
            if (at == 0 or not text[at - 1].isalnum()) and _noun_after(text, at + len(name)) in _MEDIA:
                return True
            at = text.find(name + " ", at + 1)
        return False

    def antecedent(self, noun: str, pos: int) -> str | None:
        """The organisation named before ``pos`` that "the ``noun``" stands for, or None."""
        noun = noun.lower().removesuffix("'s").removesuffix("’s")
        body = noun in OTHER_BODIES  # "the think-tank" (WordNet noun.group, session 10)
        if noun not in ORG_NOUNS and not body:
            return None
        text = self._text
        generic = noun in GENERIC or body
        nearest: tuple[int, str] | None = None  # not described with the noun, but an organisation
        for start, end, name in reversed(self._chains()):
            if end > pos:
                continue
            if pos - start > _REACH:
                break
            if _compatible(text, start, end, name, noun, pos):
                return name
            if nearest is None and (
                (generic and _business(text, end, name))
                or (pos - start <= _NEAR and _employer(text, end))
                or (noun in _MEDIA and pos - start <= _NEAR and _media_name(name) and _spoke_after(text, end))
            ):
                nearest = (start, name)  # ("the local Arab News said ... The newspaper said")
        if generic:
            for p, name in self._spoke(pos):
                if pos - p <= _REACH and (nearest is None or p > nearest[0]):
                    return self.longer_name(name, p) or name
                break
        return nearest[1] if nearest is not None else None

    def initials_name(self, short: str) -> str | None:
        """The one name of the initials ``short`` and one more word that the text writes as an
        organisation, before or after the short form ("RSA Security" for "..., said security
        firm RSA", written three paragraphs on after "companies, like"; "mining firm WMC
        Resources"); None when there is none, or several, or the longer name is written with no
        organisation noun before it ("director for BT Consumer", "chief executive of EMI Music").
        Session 13: ``shortforms.expansion`` reads only names the initials spell, before them."""
        text = self._text
        found = {
            name
            for _, _, name in self._chains()
            if name.startswith(short + " ") and name.count(" ") == short.count(" ") + 1
        }
        if len(found) != 1:
            return None
        (name,) = found
        at = text.find(name)
        while at >= 0:
            for noun in re.findall(r"[a-z]+", text[max(0, at - 30) : at])[-3:]:
                if noun in ORG_NOUNS or noun[:-1] in ORG_NOUNS or noun[:-3] + "y" in ORG_NOUNS:
                    return name  # "mining firm WMC Resources", "companies, like RSA Security"
            at = text.find(name, at + 1)
        return None

    def longer_name(self, word: str, pos: int) -> str | None:
        """The one organisation named before ``pos`` whose longer name opens with the one word
        ``word`` (its short form: "Nortel" -> "Nortel Networks", "Veltrax" -> "Veltrax Holdings
        plc"), known as an organisation by its words (``is_org``, also in the plural: "Networks");
        None when there is none, or several, or a longer name opening with it is not known as an
        organisation ("Acme Foods" beside "Acme Bank")."""
        if len(word) < 3 or word.isupper() or not word[:1].isupper():
            return None
        text, at = self._text, self._text.find(word + " ", 0, pos)
        while at >= 0 and not (
            text[at + len(word) + 1 : at + len(word) + 2].isupper()
            or text.startswith(("of ", "for ", "& "), at + len(word) + 1)
        ):
            at = text.find(word + " ", at + 1, pos)
        if at < 0 or self.common_word(word):
            return None  # (a plain search first: most one-word names open no longer name)
        found: set[str] = set()
        for start, _, name in self._chains():
            if start >= pos:
                break
            ws = name.split()
            if len(ws) >= 2 and ws[0] == word:
                if not (is_org(name) or is_org(name.removesuffix("s"))):
                    return None  # "Halvorsen Foods" beside "Halvorsen Bank": which one is unsure
                found.add(name)
        return found.pop() if len(found) == 1 else None


_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Z][\w&'’-]*)*"
_NAME = re.compile(rf"(?<![\w'’]){_WORD}(?:[ ](?:(?:of|for) (?:the )?|& )?{_WORD})*")


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


def _names(text: str, lower: set[str]) -> list[tuple[int, int, str]]:
    """Capitalised name chains (one word or more) with what is no part of a name cut off.
    ``lower``: the words the text writes in lower case (``_LOWER_WORD``)."""
    out: list[tuple[int, int, str]] = []
    for m in _NAME.finditer(text):
        read = _chain_name(m.group())
        if read is None:
            continue
        offset, length, name, low = read
        if low is not None and low in lower:
            continue  # "Prosecutors say": a word the text also writes in lower case
        start = m.start() + offset
        out.append((start, start + length, name))
    return out


@functools.lru_cache(maxsize=8192)
def _chain_name(raw: str) -> tuple[int, int, str, str | None] | None:
    """What ``_names`` keeps of a chain as written, read once per distinct chain: (offset of
    its first kept word, length of the kept words, the name, the lower-case name when it is one
    word: no name if the text writes it in lower case), or None when nothing is a name."""
    ws = raw.split()
    while ws and (ws[0].lower() in _NOT_NAMES or ws[0].endswith("-based")):
        ws = ws[1:]  # "The ...", "California-based Institute"
    if not ws:
        return None
    name = " ".join(w.removesuffix("'s").removesuffix("’s").rstrip("'’") for w in ws)
    low = name.lower()
    if len(ws) == 1 and (low in _STAFF or low in _ROLE_WORDS or low in _NOT_ORG_WORDS):
        return None  # "Chief executive ...", "In December, ...", "Meanwhile, ..."
    return raw.find(ws[0]), len(" ".join(ws)), name, low if len(ws) == 1 else None


def _media_name(name: str) -> bool:
    """A name a "the newspaper" may mean: an organisation's (``is_org``: "Arab News", "Financial
    Times"), never an acronym ("IMF" is no paper)."""
    return is_org(name) and not name.isupper()


def _spoke_after(text: str, end: int) -> bool:
    """A reporting verb right after a name ("Arab News said", "Screen Daily has said")."""
    return _SAID.match(text, end) is not None


_SAID = re.compile(r"\s+(?:has\s+|had\s+)?(?:said|says|reported|reports|claimed|claims|added)\b")


def _employer(text: str, end: int) -> bool:
    """A role written right after a name makes it an employer ("Fostering Network executive
    director Robert Tapsfield")."""
    after = text[end : end + 30].split()
    return bool(after) and after[0].lower() in _STAFF


def _business(text: str, end: int, name: str) -> bool:
    """Whether a name is an organisation a "the company" may mean: by its words (``is_org``),
    never a public body ("Office of Management and Budget") nor a bare acronym ("HIV", "LSE":
    an acronym counts only when it spoke), or as an employer."""
    ws = {w.lower() for w in name_words(name)}
    if is_org(name) and not name.isupper() and not ws & _PUBLIC:
        return True
    return _employer(text, end)


def _compatible(text: str, start: int, end: int, name: str, noun: str, pos: int) -> bool:
    """Whether the organisation named at ``start:end`` is a ``noun`` (its description never the
    noun at ``pos`` itself: "in December, the bank said")."""
    ws = name_words(name)
    if ws and ws[-1].lower() == noun:
        return True  # "Countryside Alliance" is an alliance
    before = text[max(0, start - 40) : start].rstrip().lower()
    if before.endswith(noun) and not before[-len(noun) - 1 : -len(noun)].isalnum():
        return True  # "trade weekly Screen Daily", "the charity Fostering Network"
    if noun in _MEDIA and _noun_after(text, end) == noun:
        return True  # "PC Pro magazine" (session 12; never "the South Yorkshire company")
    m = _DESCRIBED_AFTER.match(text, end)
    return m is not None and m.start(1) < pos - 1 and m.group(1).lower() == noun  # "X, a charity that"


# A sentence opening with a definite organisation or document noun ("The report also explored",
# "The Argonaut group went ..."), after an optional opening phrase ("In a survey, the charity ...")
_SUBJECT_OPENING = re.compile(
    r"(?:^|(?<=[.!?])[\"”’']?\s+)(?:[A-Z][^.!?,\"“”]{0,40},\s+)?[Tt]he\s+"
    r"((?:[A-Z][\w&'’-]*\s+){0,3})(?:[a-z][\w-]*\s+){0,2}?("
    + "|".join(sorted(ORG_NOUNS | DOCUMENT_NOUNS, key=len, reverse=True))
    + r")\b(?!\s+of\b)",
    re.MULTILINE,
)


def subject_before(text: str, pos: int, reach: int = 400) -> tuple[int, str, str] | None:
    """The nearest sentence before ``pos`` (within ``reach``) whose subject is a definite
    organisation or document noun: (its position, its head noun, the name written before the
    noun: "Argonaut" of "The Argonaut group", else ""), for an "it" after it."""
    found: tuple[int, str, str] | None = None
    for m in _SUBJECT_OPENING.finditer(text, max(0, pos - reach), pos):
        name = " ".join(m.group(1).split())
        if name and (DEMONYM.fullmatch(name.split()[-1]) or len(name) <= 2):
            name = ""  # "The Japanese maker", "the US firm": no name of the organisation
        found = (m.start(2), m.group(2), name)
    return found


# What a news medium is called after its name ("Associated Press news agency")
_MEDIA = frozenset(
    {
        "agency",
        "station",
        "newspaper",
        "paper",
        "magazine",
        "broadcaster",
        "website",
        "weekly",
        "daily",
        "channel",
    }
)


def named_with_descriptor(words: list[str]) -> str | None:
    """ "Deutsche Welle radio station", "the Associated Press news agency": a name of two or more
    words before the lower-case words of a news medium; the name speaks (never "the South Korean
    news agency", a demonym; never a company or group: "The South Yorkshire company" is a place)."""
    k = 0
    while k < len(words) and words[k][:1].isupper():
        k += 1
    tail = words[k:]
    if k < 2 or not 0 < len(tail) <= 2 or not all(w.islower() for w in tail) or tail[-1] not in _MEDIA:
        return None
    if DEMONYM.fullmatch(words[k - 1]) or any("'" in w or "’" in w for w in words[:k]):
        return None
    return " ".join(words[:k])
