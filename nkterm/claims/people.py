"""The people a document names in its metadata, for speaker resolution: ``SpeakerContext``
(people, authors, sections) and each person's strong keys (surname, nickname, full name) and weak
key (first name), matched by one compiled pattern. Split out of ``speakers.py`` (session 7); pure
Python, must not import textual or whoosh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nkterm.models import Document, Section

_NICKNAME = re.compile(r"""(?:"|''|“|‘|')\s*([^"“”‘’']+?)\s*(?:"|''|”|’|')""")
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*")
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "prof", "professor", "lord", "lady", "dame", "baroness"}
)
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
class Person:
    canonical: str
    strong: frozenset[str]  # surname, nickname, full name: enough on their own
    weak: frozenset[str]  # first name: used when nothing stronger matches


def _person(canonical: str) -> Person:
    nick = [m.group(1) for m in _NICKNAME.finditer(canonical)]
    plain = _NICKNAME.sub(" ", canonical)
    words = [w for w in NAME_WORD.findall(plain) if w.lower() not in TITLES]
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
    return Person(canonical, frozenset(strong), frozenset(weak - strong))


@lru_cache(maxsize=256)
def people_index(people: tuple[str, ...]) -> tuple[tuple[Person, ...], re.Pattern[str] | None]:
    persons = tuple(_person(p) for p in people if p and p.strip())
    words = sorted({w for p in persons for w in p.strong | p.weak}, key=len, reverse=True)
    if not words:
        return persons, None
    alt = "|".join(re.escape(w) for w in words)
    return persons, re.compile(rf"(?<![\w'’])(?:{alt})(?![\w'’])", re.IGNORECASE)
