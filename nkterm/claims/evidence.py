"""What the cue rules find in a sentence: the cues per kind, model features, reporting verbs.

Plain data shared by ``scan`` (which fills it), ``quotes`` and ``speakers`` (which read the
reports) and ``pipeline``. Imports nothing from the rest of nkterm; never textual or whoosh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Cue kinds that weigh on the score but make no claim (not in CLAIM_KINDS): the speaker's stance.
SIGNALS: frozenset[str] = frozenset({"stance"})


@dataclass(frozen=True, slots=True)
class Report:
    """A reporting verb and the subject it was found with (``subject`` as written, or None)."""

    verb_start: int
    verb_end: int
    verb: str
    subject: str | None
    subject_kind: str  # "name", "pronoun", "org" (a speaking common noun), "noun" or "none"
    subject_start: int  # offset of the subject (the verb's when there is none)
    how: str = ""  # how the subject was found when not right before the verb ("appositive skipped")


@dataclass(slots=True)
class Evidence:
    """What the cue rules found in one sentence."""

    kinds: set[str] = field(default_factory=set)  # claim kinds only, never a signal
    cues: list[tuple[str, str, int, int]] = field(default_factory=list)  # (kind, cue, start, end)
    feats: list[str] = field(default_factory=list)  # cue features for the learned model
    reports: list[Report] = field(default_factory=list)
    question: bool = False
    boilerplate: bool = False  # page furniture: never a claim

    def add(self, kind: str, label: str, quoted: str, start: int, end: int, feat: str) -> None:
        """Record a cue; of two cues of one kind where one covers the other, keep the longer
        ("just like everyone else", not also "like everyone else")."""
        cues = self.cues
        for n in range(len(cues) - 1, -1, -1):
            k, _, s, e = cues[n]
            if k == kind:
                if s <= start and end <= e:
                    return
                if start <= s and e <= end:
                    del cues[n]
        if kind not in SIGNALS:
            self.kinds.add(kind)
        self.feats.append(feat)
        if len(cues) < 24:
            cues.append((kind, f'{label}: "{" ".join(quoted.split())}"', start, end))


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject of a reporting verb found in a sentence's tokens (``subjects``)."""

    kind: str  # "name", "pronoun", "org" (a speaking common noun) or "noun" (no speaker)
    start: int
    end: int
    how: str = ""  # how it was found, when not plainly before the verb
