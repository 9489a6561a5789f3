"""A study that finds: "The poll found that ...", "The previous BRC survey found Christmas 2004 was
the worst ...", "An investigation commissioned by Shell found that ...", "..., a survey has found."
(issue 16, session 11).

"found" and "showed" are no reporting verbs (a person finds a wallet, a team shows its class):
they report only with a document as subject, the head of the subject phrase read by
``SubjectFinder.for_verb`` ("report research study survey poll ... investigation"; a body that
investigates, "the select committee found that", only before "that"). Part of the last fallback
of speaker choice (``speech_acts.fallback_speaker``); the sentence's kinds and score do not
change, only its speaker. An inverted tail ("..., a survey has found.") needs no rule of its
own: ``SubjectFinder.for_verb`` reads the subject after the comma. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from nkterm.claims.evidence import Report
from nkterm.claims.lexicon import words
from nkterm.claims.orgrefs import DOCUMENT_NOUNS
from nkterm.claims.quote_speakers import QuoteContext
from nkterm.claims.subjects import SubjectFinder

FINDING_VERBS = words("found finds showed shows")
# Bodies that find as a study does, but only "found that" ("the committee found the money" is not)
_FINDING_BODIES = words("committee commission panel inquiry watchdog regulator audit")
_PASSIVE = words("be been being is are was were")


def finding_speaker(n: int, ctx: QuoteContext) -> tuple[str, str] | None:
    """The document that found what sentence ``n`` says, with the cue text; None: no finding."""
    lo, hi = ctx.ranges[n]
    lows, starts, text = ctx.toks.lows, ctx.toks.starts, ctx.text
    if FINDING_VERBS.isdisjoint(lows[lo + 1 : hi]):
        return None
    for i in range(lo + 1, hi):
        if lows[i] not in FINDING_VERBS or not text[starts[i]].islower() or ctx.inside(starts[i]):
            continue
        if lows[i - 1] in _PASSIVE:
            continue  # "was found guilty"
        subj = SubjectFinder(text, lows, starts, ctx.toks.ends, lo, hi).for_verb(i)
        if subj is None or subj.kind not in ("noun", "org"):
            continue
        written = " ".join(text[subj.start : subj.end].split())
        head = written.split()[-1].lower()
        nxt = lows[i + 1] if i + 1 < hi else ""
        if head not in DOCUMENT_NOUNS and not (head in _FINDING_BODIES and nxt == "that"):
            continue
        if head in DOCUMENT_NOUNS:
            return head, f'"{written} {lows[i]}" (a finding)'
        report = Report(starts[i], ctx.toks.ends[i], lows[i], written, subj.kind, subj.start, subj.how)
        who, how = ctx.resolver.speaker(report)
        if who is None:
            return None
        return who, f'"{written} {lows[i]}" (a finding' + (f"; {how})" if how else ")")
    return None
