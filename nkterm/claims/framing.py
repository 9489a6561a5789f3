"""Framed speech: a sentence that announces a speech or statement ("The full text of the speech
is as follows:", "The statement reads:") gives its speaker to every sentence after it.

Owns ``framed_speakers()``. The speaker is, in order: the subject of a reporting verb in the
framing sentence ("Kim Jong Un said as follows:"), a name in the possessive there ("the full
text of Kim Jong Un's speech"), the subject of the sentence before ("Kim Jong Un made a speech at
the meeting."), else the person in focus. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from nkterm.claims.evidence import Evidence
from nkterm.claims.scan import Tokens
from nkterm.claims.speakers import Resolver
from nkterm.claims.subjects import SubjectFinder
from nkterm.models import Span

_FRAME = re.compile(
    r"(?i)(?:\b(?:full\s+)?text\s+of\b[^.!?]{0,80}?\b(?:speech|statement|address|letter|message|remarks|"
    r"report|editorial|article|declaration|communiqu[eé]|appeal|order|decree)\b[^.!?]{0,60}?"
    r"\b(?:as\s+follows|below|reads?|is\s+this)\s*[:.]?\s*$"
    r"|\b(?:said|stated|declared|wrote|reads?)\s+as\s+follows\s*:?\s*$"
    r"|\b(?:speech|statement|letter|message|address)\s+(?:reads|read|goes|went)\s*:\s*$)"
)
_POSSESSIVE = re.compile(r"([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,4})['’]s\b")


_HINT = re.compile(r"as\s+follows|text\s+of|\breads?\s*:|\b(?:goes|went)\s*:|\bbelow\b", re.IGNORECASE)


def framed_speakers(
    text: str,
    spans: Sequence[Span],
    ranges: Sequence[tuple[int, int]],
    toks: Tokens,
    evidence: Sequence[Evidence],
    resolver: Resolver,
) -> dict[int, tuple[str, str]]:
    """For each sentence index after a framing sentence: (speaker, why)."""
    out: dict[int, tuple[str, str]] = {}
    starts = [sp.start for sp in spans]
    tried: set[int] = set()
    low = toks.low
    if not any(h in low for h in ("follows", "text of", "reads", "read:", "goes:", "went:", "below")):
        return out
    for hint in _HINT.finditer(text):
        n = bisect.bisect_right(starts, hint.start()) - 1
        if n < 0 or n in tried or n in out:
            continue
        tried.add(n)
        sp = spans[n]
        sentence = text[sp.start : sp.end]
        if not _FRAME.search(sentence):
            continue
        who = _frame_speaker(text, spans, ranges, toks, evidence, resolver, n)
        if who is None:
            continue
        words = sentence.split()
        preview = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        for m in range(n + 1, len(spans)):
            out[m] = (who, f'framed speech ("{preview}")')
    return out


def _frame_speaker(
    text: str,
    spans: Sequence[Span],
    ranges: Sequence[tuple[int, int]],
    toks: Tokens,
    evidence: Sequence[Evidence],
    resolver: Resolver,
    n: int,
) -> str | None:
    for r in evidence[n].reports:
        who, _ = resolver.speaker(r)
        if who is not None:
            return who
    sp = spans[n]
    m = _POSSESSIVE.search(text, sp.start, sp.end)
    if m is not None:
        return resolver.full_name(m.group(1), m.start())
    if n > 0:
        lo, hi = ranges[n - 1]
        if hi > lo:
            subj = SubjectFinder(text, toks.lows, toks.starts, toks.ends, lo, hi).sentence_subject(hi, "")
            if subj is not None and subj.kind in ("name", "org"):
                name = text[subj.start : subj.end]
                return resolver.full_name(name, subj.start) if subj.kind == "name" else name
    return resolver.focus(sp.start)
