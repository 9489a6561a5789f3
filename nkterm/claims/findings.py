"""A study that finds: "The poll found that ...", "The previous BRC survey found Christmas 2004 was
the worst ...", "An investigation commissioned by Shell found that ...", "..., a survey has found."
(issue 16, session 11); "The tests found", "The group test of 100 printers discovered", "...,
the survey of 5,196 firms found.", "It found that" after "The comprehensive test also revealed"
(session 12).

"found", "showed" and "discovered" are no reporting verbs (a person finds a wallet, a team shows
its class): they report only with a document as subject, the head of the subject phrase read by
``SubjectFinder.for_verb`` ("report research study survey poll ... investigation test", singular
or plural), or the noun before "of" when the subject is the object of a document's "of" ("The
survey of 5,196 firms found": the finder reads "firms"); "it" when the resolver reads it as a
document that opened a sentence before; a body that investigates ("the select committee found
that") only before "that". Part of the last fallback of speaker choice
(``speech_acts.fallback_speaker``); the sentence's kinds and score do not change, only its
speaker. An inverted tail ("..., a survey has found.") needs no rule of its own:
``SubjectFinder.for_verb`` reads the subject after the comma. Pure Python; must not import
textual or whoosh.
"""

from __future__ import annotations

from nkterm.claims.evidence import Report, Subject
from nkterm.claims.lexicon import words
from nkterm.claims.orgrefs import DOCUMENT_NOUNS
from nkterm.claims.quote_speakers import QuoteContext
from nkterm.claims.subjects import SubjectFinder

FINDING_VERBS = words("found finds showed shows discovered discovers")
# Bodies that find as a study does, but only "found that" ("the committee found the money" is not)
_FINDING_BODIES = words("committee commission panel inquiry watchdog regulator audit")
_PASSIVE = words("be been being is are was were")


def document_noun(word: str) -> str | None:
    """The document noun ``word`` is, in the singular ("tests" -> "test", "studies" -> "study")."""
    if word in DOCUMENT_NOUNS:
        return word
    if word.endswith("ies") and word[:-3] + "y" in DOCUMENT_NOUNS:
        return word[:-3] + "y"
    if word.endswith("s") and word[:-1] in DOCUMENT_NOUNS:
        return word[:-1]
    return None


def _of_head(ctx: QuoteContext, lo: int, subj: Subject) -> tuple[int, str] | None:
    """The document whose "of" phrase holds the subject the finder read ("the survey of 5,196
    firms", "The group test of 100 home photo printers"): the token before "of", when only
    lower-case words and numbers stand between "of" and the subject; (its token, its noun)."""
    lows, starts, ends, text = ctx.toks.lows, ctx.toks.starts, ctx.toks.ends, ctx.text
    k = subj.start
    j = next((t for t in range(lo, len(starts)) if starts[t] >= k), None)
    if j is None:
        return None
    for _ in range(6):
        j -= 1
        if j <= lo or not text[ends[j] : starts[j + 1]].isspace():
            return None
        if lows[j] == "of":
            doc = document_noun(lows[j - 1]) is not None and text[ends[j - 1] : starts[j]].isspace()
            return (j - 1, lows[j - 1]) if doc else None
        if not (text[starts[j]].islower() or text[starts[j]].isdigit()):
            return None
    return None


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
        if subj is None:
            continue
        written = " ".join(text[subj.start : subj.end].split())
        nxt = lows[i + 1] if i + 1 < hi else ""
        if subj.kind == "pronoun" and written.lower() == "it":
            # "The comprehensive test also revealed ... It found that": the document before
            report = Report(starts[i], ctx.toks.ends[i], lows[i], written, subj.kind, subj.start, subj.how)
            who, how = ctx.resolver.speaker(report)
            if who is not None and (document_noun(who.lower()) is not None or nxt == "that"):
                return who, f'"{written} {lows[i]}" (a finding; {how})'
            continue
        if subj.kind not in ("noun", "org"):
            continue
        head = written.split()[-1].lower()
        words_ = written.lower().split()
        if "of" in words_[1:]:  # "quarterly survey of companies": the noun before "of"
            head = words_[words_.index("of") - 1]
        if document_noun(head) is not None:  # the noun as written: "tests"
            return head, f'"{written} {lows[i]}" (a finding)'
        if (of := _of_head(ctx, lo, subj)) is not None:
            return of[1], f'"{of[1]} of {written} {lows[i]}" (a finding)'
        if not (head in _FINDING_BODIES and nxt == "that"):
            continue
        report = Report(starts[i], ctx.toks.ends[i], lows[i], written, subj.kind, subj.start, subj.how)
        who, how = ctx.resolver.speaker(report)
        if who is None:
            return None
        return who, f'"{written} {lows[i]}" (a finding' + (f"; {how})" if how else ")")
    return None
