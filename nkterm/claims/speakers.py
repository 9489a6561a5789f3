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
from dataclasses import dataclass
from functools import lru_cache

from nkterm.claims.evidence import Report
from nkterm.models import Document, Section

_NICKNAME = re.compile(r"""(?:"|''|“|‘|')\s*([^"“”‘’']+?)\s*(?:"|''|”|’|')""")
_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "prof", "professor", "lord", "lady", "dame"})
_PARTICLES = frozenset({"de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "al", "bin", "el"})


@dataclass(frozen=True, slots=True)
class SpeakerContext:
    """Document metadata for speaker resolution and for the sections that are never claims."""

    people: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()

    @classmethod
    def from_document(cls, doc: Document) -> SpeakerContext:
        return cls(tuple(doc.people), tuple(doc.authors), tuple(doc.sections))

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


@dataclass(frozen=True, slots=True)
class _Person:
    canonical: str
    strong: frozenset[str]  # surname, nickname, full name: enough on their own
    weak: frozenset[str]  # first name: used when nothing stronger matches


def _person(canonical: str) -> _Person:
    nick = [m.group(1) for m in _NICKNAME.finditer(canonical)]
    plain = _NICKNAME.sub(" ", canonical)
    words = [w for w in _WORD.findall(plain) if w.lower() not in _TITLES]
    strong = {n.lower() for n in nick}
    weak: set[str] = set()
    if words:
        if len(words) > 1:
            strong.add(words[-1].lower())
            if words[-2].lower() in _PARTICLES:
                strong.add(f"{words[-2]} {words[-1]}".lower())
            weak.add(words[0].lower())
        else:
            strong.add(words[0].lower())
    return _Person(canonical, frozenset(strong), frozenset(weak - strong))


@lru_cache(maxsize=256)
def _people_index(people: tuple[str, ...]) -> tuple[tuple[_Person, ...], re.Pattern[str] | None]:
    persons = tuple(_person(p) for p in people if p and p.strip())
    words = sorted({w for p in persons for w in p.strong | p.weak}, key=len, reverse=True)
    if not words:
        return persons, None
    alt = "|".join(re.escape(w) for w in words)
    return persons, re.compile(rf"(?<![\w'’])(?:{alt})(?![\w'’])", re.IGNORECASE)


class Resolver:
    """Speaker resolution for one text."""

    def __init__(self, text: str, ctx: SpeakerContext, reports: list[Report]) -> None:
        self.ctx = ctx
        self.persons, pattern = _people_index(ctx.people)
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
        # Without a people list, "he" is the last person named as a speaker.
        self._named = sorted(
            (r.subject_start, r.subject)
            for r in reports
            if r.subject_kind == "name" and r.subject and "." not in r.subject
        )
        self._named_pos = [p for p, _ in self._named]

    def match(self, name: str) -> str | None:
        """The canonical name of the person ``name`` refers to, or None."""
        words = [w.lower() for w in _WORD.findall(name)]
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

    def focus(self, pos: int) -> str | None:
        """The person a "he" or "she" at ``pos`` most likely refers to."""
        i = bisect.bisect_left(self._mentions, pos) - 1
        if i >= 0:
            return self._mentioned[i]
        if self.persons:
            return self.persons[0].canonical
        j = bisect.bisect_left(self._named_pos, pos) - 1
        if j >= 0:
            return self._named[j][1]
        return None

    def voice(self, pos: int) -> str | None:
        section = self.ctx.section_at(pos)
        if section is not None and section.kind == "first-person" and section.voice:
            return self.match(section.voice) or section.voice
        return None

    def boilerplate(self, start: int, end: int) -> bool:
        return any(s.kind == "boilerplate" and s.start < end and start < s.end for s in self.ctx.sections)

    def speaker(self, report: Report) -> tuple[str | None, str]:
        """(speaker, how) for a reporting verb's subject; ``how`` explains the choice."""
        subject = report.subject or ""
        kind = report.subject_kind
        low = subject.lower()
        if kind == "name":
            person = self.match(subject)
            if person is not None:
                return person, "named"
            return " ".join(subject.replace("''", " ").split()), "named"
        if kind == "pronoun":
            if low in ("he", "she", "him", "her"):
                return self.focus(report.subject_start), f"{low} = person in focus"
            if low in ("i", "we"):
                voice = self.voice(report.subject_start)
                if voice is not None:
                    return voice, "first-person section"
                if low == "i" and self.ctx.authors:
                    return self.ctx.authors[0], "author"
        return None, ""
