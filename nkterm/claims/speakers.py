"""Who speaks: people's names and aliases, pronouns, first-person sections.

Owns ``SpeakerContext`` (the metadata detection may use: the people a text is about, its authors,
its sections) and ``Resolver``, which turns the subject of a reporting verb into a speaker: a
person of ``people`` (matched by full name, surname, first name or nickname, returned in its
canonical form), another name as written, or, for "he"/"she", the person in focus at that point
(the person of ``people`` named most recently, else the document's main person). Must not import
textual or whoosh.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from nkterm.claims.evidence import Report
from nkterm.claims.itrefs import it_speaker
from nkterm.claims.lexicon import NOT_NAMES
from nkterm.claims.nameforms import clipped_name, name_in_chain
from nkterm.claims.namewords import (
    CHAIN,
    FIRST_NAME_TITLES,
    GROUP_NOUNS,
    PERSON_ROLES,
    TITLE_WORDS,
    gender,
    is_org,
    name_words,
    person_words,
    strip_titles,
    surname_key,
)
from nkterm.claims.nounspeakers import noun_speaker
from nkterm.claims.orgrefs import OrgReferences
from nkterm.claims.orgspeakers import office_speaker, org_or_role_speaker, spoke_before, written_as_group
from nkterm.claims.patterns import Lazy
from nkterm.claims.people import NAME_WORD, TITLES, SpeakerContext, people_index
from nkterm.claims.pronouns import group_before, last_speaker, said_clause_start
from nkterm.claims.roles import named_in_sentence, role_holder
from nkterm.claims.shortforms import FirstNames, chain_words, expansion, initials_at
from nkterm.claims.subjectwords import DEMONYM, EPITHET_MODIFIER, NOT_DEMONYM
from nkterm.claims.wordfind import has_word
from nkterm.claims.works import is_title, may_name_works

# Titles written before a first name alone ("Sir Ronald", "Prince Saud" after "Prince Saud Al-Faisal")
_BEFORE_FIRST_NAMES = FIRST_NAME_TITLES | frozenset({"prince", "princess", "sheikh", "sheikha"})
_WORDS_BEFORE = re.compile(r"[\w'’-]+")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its"})
_DETERMINER_BEFORE = re.compile(r"(?<![\w'’])(?:[Tt]he|[Aa]n?) $")
# "the" and at most two lower-case modifiers before a noun ("the trade weekly")
_DEFINITE_BEFORE = re.compile(r"(?<![\w'’])[Tt]he (?:[a-z][\w-]* ){0,2}$")
# A titled name ("Mr Ebbers"): a person a "he" or "she" may mean
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Baroness)\.? [A-Z][\w-]+(?![\w'’])")


# "to" and a verb inside a subject: a clause the subject rules read past, never a name or a noun
# phrase (session 14)
_INFINITIVE = Lazy(r"(?<![\w'’-])to [a-z]")
_APPOSED_NAME = Lazy(r"(?:[A-Z][\w'’-]+ )+[A-Z][\w'’-]+, ")


def _person_after_office(written: str) -> str | None:
    """The two or three words after the last title word of a name an organisation's words open
    ("Scottish National Party Justice Minister Kenny MacAskill" -> "Kenny MacAskill"), when they
    are no organisation's; else None."""
    words = written.split()
    for i in range(len(words) - 3, 0, -1):
        if words[i].lower() in TITLE_WORDS:
            tail = words[i + 1 :]
            if (
                len(tail) <= 3
                and all(w[:1].isupper() and w.lower() not in TITLE_WORDS for w in tail)
                and not is_org(" ".join(tail))
            ):
                return " ".join(tail)  # (never "Office of the Deputy Prime Minister": an office)
            return None
    return None


def _plural_group(subject: str, kind: str) -> bool:
    head = subject.split()[-1].lower()
    return head in GROUP_NOUNS or (kind == "org" and head.endswith("s") and not head.endswith("ss"))


class Resolver:
    """Speaker resolution for one text."""

    def __init__(
        self,
        text: str,
        ctx: SpeakerContext,
        reports: list[Report],
        subjects: Callable[[int], Iterable[tuple[int, str]]] | None = None,
        inside: Callable[[int], bool] | None = None,
    ) -> None:
        """``subjects(pos)``: the names that are the subject of a sentence, before ``pos``, nearest
        first (found lazily: a "he" reads only the sentences back to the person it means).
        ``inside(pos)``: whether ``pos`` is inside a quote (a name mentioned in someone's quote is
        no one a later "she added" means)."""
        self._inside = inside
        self.ctx = ctx
        self.persons, pattern = people_index(ctx.people)
        self._mentions: list[int] = []
        self._mentioned: list[str] = []
        if pattern is not None:
            for m in pattern.finditer(text):
                if not m.group()[0].isupper():
                    continue  # names are capitalised; "sam" or "binsky" in lower case is no mention
                person = self.match(m.group())
                if person is not None:
                    self._mentions.append(m.start())
                    self._mentioned.append(person)
        self._text = self.text = text
        self._full_index: dict[str, list[tuple[int, str]]] | None = None  # surname -> full names
        self._first_names: FirstNames | None = None  # first word -> the one longer name
        self._chains: dict[str, list[tuple[int, str]]] = {}  # last word -> name chains
        self._reports = reports
        self._subjects = subjects
        self._named_index: tuple[list[tuple[int, str]], list[int]] | None = None
        # "it said": the organisation that spoke last
        orgs = [
            (r.subject_start, r.subject)
            for r in reports
            if r.subject
            and (r.subject_kind == "org" or (r.subject_kind == "name" and is_org(r.subject)))
            and r.subject.split()[-1].lower() not in PERSON_ROLES  # "it" is no prime minister
            and not (len(r.subject.split()) > 2 and r.subject.split()[0].lower() in PERSON_ROLES)
            and not _plural_group(r.subject, r.subject_kind)  # nor "Analysts say"
        ]
        self._orgs = sorted(orgs)
        self._by_subject = self.reports = sorted(reports, key=lambda r: r.subject_start)
        self._report_pos = [r.subject_start for r in self._by_subject]
        self._org_pos = [p for p, _ in self._orgs]
        self.orgrefs = OrgReferences(text, self._one_word_speakers)
        self._spoken: dict[Report, tuple[str | None, str]] = {}  # report -> (speaker, how)
        self._works: dict[str, bool] = {}

    def is_work(self, name: str) -> bool:
        """Whether the text writes ``name`` as the title of a work ("drama Wasp", "Wasp is set
        in"): no person, no speaker (``works.is_title``, once per name asked about)."""
        found = self._works.get(name)
        if found is None:
            if "" not in self._works:  # (once per text: whether any title can be written in it)
                self._works[""] = not may_name_works(self._text)
            found = self._works[name] = not self._works[""] and is_title(self._text, name)
        return found

    def _spoke_between(self, start: int, end: int) -> bool:
        """Whether someone named (a name or a speaking noun) spoke between ``start`` and ``end``."""
        lo = bisect.bisect_right(self._report_pos, start)
        hi = bisect.bisect_left(self._report_pos, end)
        return any(r.subject_kind in ("name", "org") for r in self._by_subject[lo:hi])

    def _one_word_speakers(self, pos: int) -> list[tuple[int, str]]:
        """One-word names that spoke before ``pos`` and are no one's surname ("Novartis said"),
        nearest first: organisations a "the firm" may mean that ``is_org`` cannot tell by name."""
        found: list[tuple[int, str]] = []
        for r in reversed(self._by_subject[: bisect.bisect_left(self._report_pos, pos)]):
            if r.subject_kind != "name" or not r.subject:
                continue
            ws = name_words(r.subject)
            if (
                len(ws) == 1
                and ws[0][:1].isupper()
                and ws[0].lower() not in TITLES
                and not self._full(ws[0].lower())
                and self._text[max(0, r.subject_start - 4) : r.subject_start] not in ("Mr ", "Ms ", "Dr ")
                and not self.after_the(r.subject_start)
                and not self.orgrefs.common_word(ws[0])
            ):
                found.append((r.subject_start, ws[0]))
        return found

    @property
    def _named(self) -> tuple[list[tuple[int, str]], list[int]]:
        """The people a "he" or "she" may mean, by position (and their positions); built the
        first time a pronoun needs them, so a text without one never pays for it."""
        if self._named_index is None:
            reports, text = self._reports, self._text
            # Without a people list, "he" is the last compatible person named as a speaker (or
            # with a title: "Mr Ebbers").
            named = [
                (r.subject_start, r.subject)
                for r in reports
                if r.subject_kind == "name" and r.subject and not is_org(r.subject)
            ]
            inside = self._inside
            named.extend(
                (m.start(), m.group())
                for m in _TITLED.finditer(text)
                if inside is None or not inside(m.start())
            )
            # the roles that spoke ("a Department for Education spokeswoman said"); people named as
            # the subject of a sentence ("Gordon Brown has outlined ...") are read by ``focus``
            named.extend(
                (r.subject_start, r.subject)
                for r in reports
                if r.subject_kind == "org" and r.subject and r.subject.split()[-1].lower() in PERSON_ROLES
            )
            ordered = sorted(named)
            self._named_index = ordered, [p for p, _ in ordered]
        return self._named_index

    def _full(self, surname: str) -> list[tuple[int, str]]:
        """Full names ("Bernie Ebbers") ending in ``surname`` (lower case), by position, so that
        "Mr Ebbers" is linked to them. The name chains of the text are found once (in C) and
        filed by their last word; only the chains of a surname asked for are read as names."""
        if self._full_index is None:
            chains: dict[str, list[tuple[int, str]]] = {}
            for m in CHAIN.finditer(self._text):
                chain = m.group()
                last = surname_key(chain[chain.rfind(" ") + 1 :])
                if last is not None:
                    chains.setdefault(last, []).append((m.start(), chain))
            self._chains = chains
            self._full_index = {}
        found = self._full_index.get(surname)
        if found is None:
            found = []
            for start, chain in self._chains.get(surname, ()):
                words = name_in_chain(self._text, start, chain)
                full = " ".join(words)
                if len(words) >= 2 and not is_org(full) and words[0][0].isupper() and words[-1][0].isupper():
                    found.append((start, full))
            self._full_index[surname] = found
        return found

    def _by_first_name(self, first: str, pos: int) -> str | None:
        """The full name written before ``pos`` that opens with ``first`` ("Sir Ronald" ->
        "Ronald Hastings", from "Commissioner Sir Ronald Hastings" earlier)."""
        for m in CHAIN.finditer(self._text, 0, pos):
            words = person_words(name_words(m.group()))
            words = strip_titles(" ".join(words)).split()
            if len(words) >= 2 and words[0] == first and not is_org(" ".join(words)):
                return " ".join(words)
        return None

    def is_surname(self, surname: str) -> bool:
        return bool(self._full(surname))  # a full name written ends in it

    def match(self, name: str) -> str | None:
        """The canonical name of the person ``name`` refers to, or None."""
        words = [w.lower() for w in NAME_WORD.findall(name)]
        if not words:
            return None
        joined = " ".join(words)
        best: tuple[int, str] | None = None
        for person in self.persons:
            points = sum(2 for w in words if w in person.strong) + sum(1 for w in words if w in person.weak)
            points += 2 if any(" " in s and s in joined for s in person.strong) else 0
            if points and (best is None or points > best[0]):
                best = (points, person.canonical)
        return best[1] if best else None

    def focus(self, pos: int, pronoun: str = "he") -> str | None:
        """The person a "he" or "she" at ``pos`` most likely refers to: the person of ``people``
        named last, else the last named speaker of a compatible gender."""
        i = bisect.bisect_left(self._mentions, pos) - 1
        if i >= 0:
            return self._mentioned[i]
        if self.persons:
            return self.persons[0].canonical
        named, named_pos = self._named
        j = bisect.bisect_left(named_pos, pos) - 1
        avoid = {"she": "m", "her": "m", "he": "f", "him": "f"}.get(pronoun)  # "": either
        # the nearest candidate first: speakers and titled names merged with sentence subjects
        # "Mr Bush's first task was to ..., he said": the clause before a tail's comma is what
        # was said, so its subject is no one the "he" means (session 14)
        said_from = said_clause_start(self._text, pos)
        subjects = iter(
            (p, n)
            for p, n in (self._subjects(pos) if self._subjects is not None else ())
            if not is_org(n)
            and not self._after_determiner(p)
            and " and " not in n  # one person
            and p < said_from
        )
        subject = next(subjects, None)
        while j >= 0 or subject is not None:
            from_subject = subject is not None and (j < 0 or subject > named[j])
            if subject is not None and from_subject:
                p, name = subject
                subject = next(subjects, None)
            else:
                p, name = named[j]
                j -= 1
            if self.after_the(p) and (DEMONYM.fullmatch(name) or EPITHET_MODIFIER.fullmatch(name)):
                # "The Spaniard believed ...": the person the epithet means, as its own report
                # reads it (session 13); no one when that is no one
                meant = self.epithet_person(p)
                return meant[0] if meant is not None else None
            if (
                (avoid is None or gender(name) != avoid)
                and " and " not in name
                and not self.orgrefs.described(name)
                and not self.is_work(name)  # a film or a book: no "she" (session 14)
            ):
                if name.split()[-1].lower() in PERSON_ROLES:
                    words = name.split()
                    role = " ".join(words[1:] if words[0].lower() in ("the", "a", "an") else words)
                    definite = words[0].lower() == "the" or self._text[max(0, p - 4) : p].lower() == "the "
                    holder = self.role_holder(role, p) if definite else None
                    if holder is None and from_subject:
                        continue  # a role that did the acting, named nowhere: look further back
                    return holder or role
                return self.full_name(name, p)
        return None

    def after_the(self, pos: int) -> bool:
        """ "the" or "a" right before ``pos``: what follows is a modifier or a role, not a
        person ("The Northern Ireland runner", "the Salford MP")."""
        return _DETERMINER_BEFORE.search(self._text, max(0, pos - 5), pos) is not None

    def _after_determiner(self, pos: int) -> bool:
        """A name after "the" or "a" is no person a "he" can mean ("The Simpsons is ...", "the
        new Licensing Act could ...")."""
        window = self._text[max(0, pos - 40) : pos]
        # never across a sentence or a quote, nor across the comma before a name in apposition
        # ("Senior engineer at the agency, Omar Saleh, wants ...": session 14)
        marks = '.!?;:,"“”' if _APPOSED_NAME.match(self._text, pos) else '.!?;:"“”'
        cut = max(window.rfind(c) for c in marks)
        before = _WORDS_BEFORE.findall(window[cut + 1 :])[-2:]
        if before and before[-1].lower() in _DETERMINERS:
            return True
        # "the new Licensing Act" (never "the director Oliver Stone")
        return (
            len(before) == 2
            and before[0].lower() in _DETERMINERS
            and before[1].islower()
            and before[1] not in PERSON_ROLES
            and before[1] not in GROUP_NOUNS
        )

    def full_name(self, name: str, pos: int) -> str:
        """The full name ``name`` is a short form of ("Mr Ebbers" -> "Bernie Ebbers" when that
        was written earlier; "Prime Minister Tony Blair" -> "Tony Blair"), else ``name``."""
        raw = person_words(name_words(name), role=self.after_the(pos))
        written = " ".join(raw) or " ".join(name.split())
        plain = strip_titles(written) or written
        words = plain.split()
        if not words:
            return written
        if len(words) == 1 and len(raw) == 2 and raw[0].lower() in _BEFORE_FIRST_NAMES:
            return self._by_first_name(words[0], pos) or written  # "Sir Ronald", "Prince Saud"
        # the writer's spelling first, before one in someone's quote (session 12; never a chain
        # opened by a word no name is: "With Giggs")
        quoted: str | None = None  # a match in someone's quote: only when the writer's text has none
        # (after a short title the list does not know: "Me den Hartog")
        tail = " ".join(words[1:]) if len(words) > 1 and len(words[0]) <= 3 else None
        for p, full in reversed(self._full(words[-1].lower())):
            if p > pos:
                continue
            if (
                full.endswith(plain)
                or plain.endswith(" " + full)
                or (tail is not None and full.endswith(tail))
            ):
                if not self._quoted_name(p, full):
                    return full
                quoted = quoted or full
        if quoted is not None:
            return quoted
        if len(raw) == 2 and raw[0][:1].isupper() and self._text.find(raw[0] + " ", 0, pos) >= 0:
            # "Judge Kleinberg" after "Superior Court Judge James Kleinberg": the name written
            # after the same word before (session 10, after the blind run)
            m = re.search(
                rf"(?<![\w'’-]){re.escape(raw[0])} ((?:[A-Z][\w'’-]+ )+{re.escape(raw[1])})(?![\w'’-])",
                self._text[:pos],
            )
            if m is not None and not is_org(m.group(1)):
                return m.group(1)
        if len(words) == 1 and len(raw) == 1:
            if self._first_names is None:
                self._full("")  # the text's name chains, filed by last word
                chains = (chain for filed in self._chains.values() for _, chain in filed)
                self._first_names = FirstNames(self._text, chains, self.orgrefs.common_word)
            longer = self._first_names.full(words[0])
            if longer is not None:
                return longer  # "His wife Sharon" -> Sharon Osbourne
        return plain if len(words) >= 2 else written

    def _quoted_name(self, pos: int, full: str) -> bool:
        inside = self._inside is not None and self._inside(pos)
        return inside or full.split()[0].lower() in NOT_NAMES

    def _last_speaker(self, pos: int, pronoun: str, *, past_subjects: bool = False) -> str | None:
        return last_speaker(
            self._by_subject[: bisect.bisect_left(self._report_pos, pos)],
            pos,
            pronoun,
            self.speaker,
            self._inside,
            None if past_subjects else self._subjects,
            640 if past_subjects else 320,  # (past a sentence or two about the topic)
        )

    def spoke_before(self, person: str, pos: int) -> bool:
        """Whether ``person`` is the speaker of a report by name or as "he"/"she" before ``pos``."""
        return spoke_before(self, person, pos)

    def speaker_past_topic(self, pos: int, pronoun: str, topic: str) -> str | None:
        """The person who spoke last before a "he said" at ``pos`` even when ``topic`` is the
        subject of a sentence since, when that speaker's own report named ``topic`` ("Bob Dwyer
        warned that Schalk Burger needed a break. Burger was crowned ... "I don't think he's
        played near that level," he said": Dwyer); None otherwise."""
        last = self._last_speaker(pos, pronoun, past_subjects=True)
        if last is None or last == topic:
            return None
        surname = topic.split()[-1]
        for r in reversed(self._by_subject[: bisect.bisect_left(self._report_pos, pos)]):
            if self.speaker(r)[0] == last:
                end = self._text.find(". ", r.verb_end)
                return last if has_word(self._text[r.verb_end : end if end >= 0 else pos], surname) else None
        return None

    def epithet_person(self, pos: int) -> tuple[str, str] | None:
        named = named_in_sentence(self._text, pos, self.full_name)
        if named is not None:
            return named, "named earlier in the sentence"
        focus = self.focus(pos, "")
        if focus is None or len(focus.split()) < 2 or written_as_group(self._text, focus, pos):
            return None  # (never a group: "a South African financier" is no Goldman Sachs)
        start = max(self._text.rfind(". ", 0, pos), self._text.rfind("\n", 0, pos)) + 1
        end = min(
            (e for e in (self._text.find(". ", pos), self._text.find("\n", pos)) if e >= 0),
            default=len(self._text),
        )
        if has_word(self._text[start:end], focus.split()[-1]):
            return None  # "Dallas said ..., but the Kiwi said": the sentence names the focus; the epithet is another
        return focus, "the person in focus"

    def sole_person(self, pos: int) -> str | None:
        """The one person named before ``pos`` (as a speaker, with a title or as the subject of a
        sentence), as their full name; None when two or more people are named (also as an object:
        any other name of two or three words), when none is, or when the sentence at ``pos``
        names them (the office is then someone else's)."""
        named, named_pos = self._named
        people = [
            n
            for _, n in named[: bisect.bisect_left(named_pos, pos)]
            if n.split()[-1].lower() not in PERSON_ROLES
        ]
        if self._subjects is not None:
            people.extend(
                n for p, n in self._subjects(pos) if not is_org(n) and not self._after_determiner(p)
            )
        surnames = {plain.split()[-1] for plain in map(strip_titles, people) if plain}
        if len(surnames) != 1:
            return None
        (surname,) = surnames
        # nor anyone else written with a name of two or three words ("an ally of Tony Blair")
        for m in CHAIN.finditer(self._text, 0, pos):
            ws = chain_words(m.group())
            if 2 <= len(ws) <= 3 and ws[-1] != surname and not is_org(" ".join(ws)):
                return None
        start = max(self._text.rfind(". ", 0, pos), self._text.rfind("\n", 0, pos)) + 1
        end = self._text.find(". ", pos)
        if surname in self._text[start : end if end >= 0 else len(self._text)]:
            return None  # "The premier insisted Mr Brown will ...": the office is someone else
        full = max((self.full_name(n, pos) for n in people), key=len)
        return full if len(full.split()) >= 2 else None

    def role_holder(self, role: str, pos: int) -> str | None:
        return role_holder(self._text, role, pos, self.full_name)

    def org_antecedent(self, noun: str, pos: int) -> str | None:
        """The organisation named before ``pos`` that a definite ``noun`` written there ("the
        charity", "the trade weekly") stands for, or None (``orgrefs.OrgReferences``)."""
        if not _DEFINITE_BEFORE.search(self._text, max(0, pos - 30), pos):
            return None
        return self.orgrefs.antecedent(noun, pos)

    def voice(self, pos: int) -> str | None:
        section = self.ctx.section_at(pos)
        if section is not None and section.kind == "first-person" and section.voice:
            return self.match(section.voice) or section.voice
        return None

    def boilerplate(self, start: int, end: int) -> bool:
        return bool(self.ctx.sections) and any(  # (per sentence: most texts have no sections)
            s.kind == "boilerplate" and s.start < end and start < s.end for s in self.ctx.sections
        )

    def speaker(self, report: Report) -> tuple[str | None, str]:
        """(speaker, how) for a reporting verb's subject; ``how`` explains the choice. Found once
        per report (rules, quote runs and a later "he said" ask again; it reads only the report)."""
        got = self._spoken.get(report)
        if got is None:
            got = self._spoken[report] = self._speaker(report)
        return got

    def _speaker(self, report: Report) -> tuple[str | None, str]:
        subject = report.subject or ""
        kind = report.subject_kind
        low = subject.lower()
        if _INFINITIVE.search(subject):
            return None, ""  # "They are there to verify official reports": a verb phrase, no speaker
        if (
            kind == "name"
            and low.endswith(("'s", "’s"))
            and 0 <= report.verb_start - report.subject_start <= len(subject) + 1
        ):
            return None, ""  # "O'Gara's comments", "Blair's claims": a possessor and a noun, no report
        if kind == "name":
            person = self.match(subject)
            if person is not None:
                return person, "named"
            if self.is_work(subject):
                return None, ""  # "Wasp tells the story of a young mum": a film speaks for no one
            office = office_speaker(self, report)  # "The Bishop of Durham, the Rt Rev Dr X," / "the Bishop"
            if office is not None:
                return office
            if (
                self.after_the(report.subject_start)
                and (DEMONYM.fullmatch(subject) or EPITHET_MODIFIER.fullmatch(subject))
                and subject.lower() not in NOT_DEMONYM
            ):  # (or "the Uruguayan-born researcher")
                # "the Russian revealed": the person named earlier in the sentence ("When Lleyton
                # Hewitt shook his hand ..., the Australian said"), else the person in focus
                meant = self.epithet_person(report.subject_start)
                if meant is not None:
                    return meant[0], f"the {subject} = {meant[0]}, {meant[1]}"
            role = self.after_the(report.subject_start)
            written = " ".join(person_words(name_words(subject), role=role))
            short = initials_at(self._text, report.subject_start, written)
            if short is not None:
                long = expansion(self._text, short, report.subject_start) or self.orgrefs.initials_name(short)
                return (long, f"{short} = {long}") if long else (short, "named")
            long = clipped_name(self._text, written)  # "Lib Dems" -> "Liberal Democrats"
            if long is not None:
                return long, f"{written} = {long}"
            if is_org(written):
                person = _person_after_office(written)
                if person is not None:
                    # "Scottish National Party Justice Minister Kenny MacAskill": the person, after
                    # the party and the office (session 14, second round)
                    return self.full_name(person, report.subject_start), f"{written} = {person}"
                return written, "named"
            if written == subject and " " not in written and not self._full(written.lower()):
                org = self.orgrefs.longer_name(written, report.subject_start)  # "Nortel" -> "Nortel Networks"
                if org is not None:
                    return org, f"{written} = {org}"
            full = self.full_name(written, report.subject_start)
            return full, "named" if full == written else f"{written} = {full}"
        if kind == "org":
            return org_or_role_speaker(self, report)
        if kind == "noun":
            # a document, an organisation noun, a person noun or a plural (``nounspeakers``)
            return noun_speaker(self, report)
        if kind == "pronoun":
            if low in ("he", "she", "him", "her"):
                last = self._last_speaker(report.subject_start, low)
                if last is not None:
                    return last, f"{low} = the last speaker"
                return self.focus(report.subject_start, low), f"{low} = person in focus"
            if low == "it":
                orgs = self._orgs[: bisect.bisect_left(self._org_pos, report.subject_start)]
                found = it_speaker(self, report, orgs, self._spoke_between)
                if found is not None:
                    return found
            if low == "they":
                group = group_before(
                    self._by_subject, report.subject_start, speaker=self.speaker, text=self._text
                )
                if group is not None:
                    return group, f"they = {group}"
            if low in ("i", "we"):
                voice = self.voice(report.subject_start)
                if voice is not None:
                    return voice, "first-person section"
                if low == "i" and self.ctx.authors:
                    return self.ctx.authors[0], "author"
        return None, ""
