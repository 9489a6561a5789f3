"""Shared helpers of the speaker tests (test_speakers*.py): the claim that holds a fragment of a
text written for a test, its speaker and its speaker cue. No people list, no sections."""

from __future__ import annotations

from nkterm.claims import detect
from nkterm.models import Claim


def claim_with(text: str, fragment: str) -> Claim:
    """The claim of ``text`` that holds the start of ``fragment``; fails when none does."""
    start = text.index(fragment)
    for c in detect(text):
        if c.start <= start < c.end:
            return c
    raise AssertionError(f"no claim holds {fragment!r}: {detect(text)}")


def speaker_of(text: str, fragment: str) -> str | None:
    """The speaker of the claim holding ``fragment``; None when no claim holds it."""
    start = text.index(fragment)
    for c in detect(text):
        if c.start <= start < c.end:
            return c.speaker
    return None


def speaker_cue(text: str, fragment: str) -> str:
    """The "speaker: ..." cue of the claim holding ``fragment``."""
    return next(cue for cue in claim_with(text, fragment).cues if cue.startswith("speaker: "))
