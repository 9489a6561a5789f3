"""Nouns whose first WordNet sense is a person ("clergyman", "student", "sufferer", "archivist")
or a body of people ("union", "think-tank", "industry"), singular and plural: a general source of
the speaker phrases that follow an inverted verb ("..., says the think-tank.", '"...," said a
clergyman') and of the role words before a name, where the hand lists (``subjectwords.ROLES``,
``SPEAKING_NOUNS``) know only the common ones. Read once from ``person_nouns.txt`` and
``group_nouns.txt`` beside this module, GENERATED from WordNet 3.0 by
benchmarks/derive_person_nouns.py (session 10; see there for the rule and the licence). Pure
Python; must not import textual or whoosh.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _read(name: str) -> frozenset[str]:
    lines = (_HERE / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


PERSON_NOUNS: frozenset[str] = _read("person_nouns.txt")
BODY_NOUNS: frozenset[str] = _read("group_nouns.txt")
