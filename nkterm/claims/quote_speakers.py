"""Who speaks a quote: the speaker of each quote run, and the fallbacks for a quote with no
reporting verb beside it: the subject of its sentence, a judgement verb with a quoted label, the
report just before, a role after the quote linked to the person named before it ("...," said the
national team coach), a quote right after a sentence about its speaker, a quote continuing the
previous run, the first-person section's voice. Split out of ``pipeline.py`` (session 6); pure
Python, must not import textual or whoosh.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nkterm.claims.colonspeech import colon_speaker
from nkterm.claims.evidence import Report
from nkterm.claims.lexicon import REPORTING_VERBS, words
from nkterm.claims.namewords import PERSON_ROLES, is_org
from nkterm.claims.orgrefs import DOCUMENT_NOUNS
from nkterm.claims.patterns import Lazy
from nkterm.claims.quotes import Attribution, Inside, Quote
from nkterm.claims.scanstate import Tokens
from nkterm.claims.speakers import Resolver
from nkterm.claims.speechverbs import VERBS
from nkterm.claims.subjects import SubjectFinder
from nkterm.claims.subjectwords import QUANTIFIERS, ROLES
from nkterm.models import Span


def has_token(toks: Tokens, start: int, end: int) -> bool:
    i = bisect.bisect_left(toks.starts, start)
    return i < len(toks.starts) and toks.starts[i] < end


@dataclass(frozen=True, slots=True)
class QuoteContext:
    """What the quote fallbacks read: the text, its tokens, sentences and reports."""

    text: str
    toks: Tokens
    spans: Sequence[Span]
    ranges: Sequence[tuple[int, int]]
    reports: list[Report]
    quotes: list[Quote]
    resolver: Resolver
    starts: list[int]
    inside: Inside  # is a position inside a quote


# Capitalised words opening a sentence that are no one's name
NOT_A_NAME = words(
    """
    i i'm i've i'd i'll it it's we we're we've you you're he's she's that's there's one two three four
    """
)


def _sentence_at(pos: int, ctx: QuoteContext) -> int:
    return bisect.bisect_right(ctx.starts, pos) - 1


def _subject_speaker(pos: int, ctx: QuoteContext) -> str | None:
    """A quote opening mid-sentence in a sentence with no reporting verb ("Martyn Williams called
    it \"one of the most surreal games I have played in\""): the sentence's named subject."""
    n = _sentence_at(pos, ctx)
    if n < 0:
        return None
    lo, hi = ctx.ranges[n]
    q = bisect.bisect_left(ctx.toks.starts, pos, lo, hi)
    if q - lo < 2:
        return None
    subj = SubjectFinder(ctx.text, ctx.toks.lows, ctx.toks.starts, ctx.toks.ends, lo, hi).sentence_subject(
        q, ""
    )
    if subj is None or subj.kind != "name":
        return None
    name = ctx.text[subj.start : subj.end]
    first = name.split()[0].lower().replace("’", "'")
    if first in NOT_A_NAME or first in QUANTIFIERS:
        return None  # "It's like walking into ...", "Any exit strategy must ...": no one's name
    if name.startswith("Said ") and ctx.text[subj.end : subj.end + 1] == ":":
        # "Said Williams: "..."": an inverted verb, no first name
        full = ctx.resolver.full_name(name[5:], subj.start)
        return name[5:] if full == name else full
    return ctx.resolver.full_name(name, subj.start)


# A verb of judgement with a quoted label: "The Lib Dems branded it a "sticking plaster"",
# "Jacques Chirac has called the rebate "unjustified"". The quote may be one or two words, too
# short to be speech, but the sentence is still its subject's word.
_JUDGEMENT = re.compile(
    r"\b(?:called|branded|dubbed|labell?ed|described|classed|termed)\b[^\"“”.;:]{0,80}?[\"“][^\"“”]{1,60}[\"”]"
)
_JUDGEMENT_VERBS = ("called", "branded", "dubbed", "label", "described", "classed", "termed")
_AMPERSAND = re.compile(r" ?& ?[A-Z][\w'’]*")
_PASSIVE = frozenset(["be", "been", "being", "is", "are", "was", "were", "'s", "’s"])


def judgement_speaker(n: int, ctx: QuoteContext) -> tuple[str, str] | None:
    """The speaker of sentence ``n`` when it labels something with a judgement verb and a quoted
    word: the sentence's named subject or speaking organisation; or when it is headline-style
    speech after a colon or a dash (``colonspeech.colon_speaker``)."""
    sp = ctx.spans[n]
    headline = colon_speaker(ctx.text, sp.start, sp.end, ctx.resolver)
    if headline is not None:
        return headline  # "Ms Rahman: The plan will cost jobs." (claims/colonspeech.py)
    segment = ctx.text[sp.start : sp.end]
    for verb in _JUDGEMENT_VERBS:  # (substring tests: most sentences have none of the verbs)
        if verb in segment:
            break
    else:
        return None
    m = _JUDGEMENT.search(ctx.text, sp.start, sp.end)
    if m is None:
        return None
    lo, hi = ctx.ranges[n]
    toks = ctx.toks
    q = bisect.bisect_left(toks.starts, m.start(), lo, hi)
    if q - lo < 1 or toks.lows[q - 1] in _PASSIVE:
        return None  # "has been branded a "disgraceful waste" by MPs": the subject is no speaker
    subj = SubjectFinder(ctx.text, toks.lows, toks.starts, toks.ends, lo, hi).sentence_subject(q, "")
    if subj is None or subj.kind not in ("name", "org"):
        return None
    written = " ".join(ctx.text[subj.start : subj.end].split())
    if (amp := _AMPERSAND.match(ctx.text, subj.end)) is not None:
        written += amp.group()  # "Standard & Poor's has classed ...": one name
        return written, f'"{written} {m.group().split()[0]}" (a judgement with a quoted label)'
    verb = m.group().split()[0]
    if subj.kind == "name":
        return ctx.resolver.full_name(
            written, subj.start
        ), f'"{written} {verb}" (a judgement with a quoted label)'
    words = written.split()
    who = " ".join(words[1:] if len(words) > 1 and words[0].lower() in ("the", "a", "an") else words)
    return who, f'"{written} {verb}" (a judgement with a quoted label)'


def _previous_report(pos: int, ctx: QuoteContext) -> tuple[str, str] | None:
    """An unattributed quote right after reported speech ("After the meeting, Mr Fox said ...
    \"If it's 12.30 ...\""): the speaker of the last report in the two sentences before."""
    n = _sentence_at(pos, ctx)
    if n < 1:
        return None
    floor = ctx.spans[max(0, n - 2)].start
    for r in reversed(ctx.reports):
        if r.verb_start >= pos or ctx.inside(r.verb_start):
            continue
        if r.verb_start < floor:
            return None
        if r.subject_kind == "noun" and r.subject and r.subject.lower() in DOCUMENT_NOUNS:
            return None  # "a poll suggests ... those "neither supporting nor opposing"": a term, no speech
        who, _ = ctx.resolver.speaker(r)
        if who is not None:
            return who, f'quote after "{r.subject} {r.verb}"'
    return None


# Roles a person is written as after a quote ("...," said the national team coach)
_AGED = re.compile(r"\d+-year-old")  # "...," said the 28-year-old
_PERSON_ROLES = PERSON_ROLES | ROLES  # "the national team coach", "the giant winger"


def _role_named_before(report: Report, quote_start: int, ctx: QuoteContext) -> tuple[str, str] | None:
    """A role that speaks after its quote ("...," said the national team coach): the person
    named as the subject of the sentence just before the quote ("Mike Ruddock paid tribute ..."),
    if there is one; a role elsewhere, or with no person named just before, stays a role."""
    subject = report.subject or ""
    words = subject.lower().split()
    if words[:1] != ["the"] and ctx.text[max(0, report.subject_start - 4) : report.subject_start] == "the ":
        words.insert(0, "the")
    if (
        report.subject_kind != "org"
        or len(words) < 2
        or words[0] != "the"
        or not (words[-1] in _PERSON_ROLES or _AGED.fullmatch(words[-1]))
        or report.subject_start < quote_start
    ):
        return None
    person = _person_before_quote(quote_start, ctx, speaking=True)
    if person is None and _AGED.fullmatch(words[-1]):
        # "...," said the 22-year-old: an age is never the label; the person in focus is
        focus = ctx.resolver.focus(quote_start)
        return (focus, "the person in focus") if focus is not None else None
    return (person, "named just before") if person is not None else None


def _person_before_quote(quote_start: int, ctx: QuoteContext, *, speaking: bool = False) -> str | None:
    """The person named as the subject of the sentence just before a quote that opens its own
    sentence, that sentence being no quote itself ("Mike Ruddock paid tribute to his side. "...").
    A person: two words or more once linked to a full name ("Stone" -> "Oliver Stone"), never
    after "the" ("The Northern Ireland runner"), never two people ("Richards and Yelling"), so
    "Bayern said" or "Chelsea beat Arsenal" name no speaker. With ``speaking``, a sentence that
    reports speech gives its speaker ("Tony Blair has failed, Michael Howard has said." -> Michael
    Howard, not its subject)."""
    n = _sentence_at(quote_start, ctx)
    if n < 1 or ctx.starts[n] < quote_start - 1:
        return None  # the quote does not open its sentence
    lo, hi = ctx.ranges[n - 1]
    if hi - lo < 3 or ctx.inside(ctx.toks.starts[lo]):
        return None
    text, toks = ctx.text, ctx.toks
    if not text[toks.starts[lo]].isupper():
        return None
    if speaking:
        prev = ctx.spans[n - 1]
        i = bisect.bisect_left(ctx.reports, prev.start, key=lambda r: r.verb_start)
        for r in ctx.reports[i:]:
            if r.verb_start >= prev.end:
                break
            if ctx.inside(r.verb_start):
                continue
            who, _ = ctx.resolver.speaker(r)
            if who is not None:  # (a noun "reports" resolves to no one)
                named = r.subject_kind in ("name", "pronoun") and not is_org(who)
                return who if named and len(who.split()) >= 2 else None
    subj = SubjectFinder(text, toks.lows, toks.starts, toks.ends, lo, hi).sentence_subject(hi, "")
    if subj is None or subj.kind != "name":
        return None
    written = text[subj.start : subj.end]
    if is_org(written) or " and " in written or "&" in written or ctx.resolver.after_the(subj.start):
        return None
    name = ctx.resolver.full_name(written, subj.start)
    return name if len(name.split()) >= 2 else None


def _introduced(quote_start: int, ctx: QuoteContext) -> str | None:
    """An unattributed quote right after a sentence about a person that reports no speech
    ("Winger Dafydd Rees was keen not to talk about the title. "Nobody in the squad ..."): the
    person, not whoever spoke before."""
    n = _sentence_at(quote_start, ctx)
    if n < 1:
        return None
    q = ctx.quotes[bisect.bisect_left(ctx.quotes, quote_start, key=lambda q: q.start)]
    if q.closed and has_token(ctx.toks, q.end, ctx.spans[_sentence_at(q.end - 1, ctx)].end):
        return None  # words after the quote in its sentence ("...," the 23-year-old wrote.)
    prev = ctx.spans[n - 1]
    i = bisect.bisect_left(ctx.reports, prev.start, key=lambda r: r.verb_start)
    if i < len(ctx.reports) and ctx.reports[i].verb_start < prev.end:
        return None  # the sentence before reports speech: its speaker is found as before
    person = _person_before_quote(quote_start, ctx)
    if (
        person is not None
        and _third_person(ctx.text[q.start : q.end])
        and not _FIRST_SINGULAR.search(ctx.text, q.start, q.end)
        and ctx.resolver.speaker_past_topic(quote_start, "", person) is not None
    ):
        # ("Dwyer warned that Burger needed a break. Burger was crowned player of the year.
        # "It's his first year ... he was phenomenal": a quote that calls someone "he" and never
        # "I", after a sentence about a person the last speaker spoke of, is about them)
        return None
    return person


# A third person singular in a quote ("he was phenomenal", "her best film"): someone the
# speaker talks about; a speaker says "I" of themselves (session 14)
_THIRD_PERSON = {
    "he": Lazy(r"(?<![\w'’])(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Hh]e's|[Hh]e’s)(?![\w'’])"),
    "she": Lazy(r"(?<![\w'’])(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself|[Ss]he's|[Ss]he’s)(?![\w'’])"),
}
_FIRST_SINGULAR = Lazy(r"(?<![\w'’])(?:I|[Mm]y|[Mm]e|[Mm]yself)(?![\w])")


def _not_the_topic(report: Report, run_id: int, ctx: QuoteContext) -> str | None:
    """The speaker a "he said" (or "she said") after a quote means when the quote itself calls
    someone "he": the person who spoke last, not the person in focus the quote talks about;
    None when the quote does not or no one spoke."""
    pronoun = (report.subject or "").lower()
    if pronoun not in _THIRD_PERSON:
        return None
    if not any(_third_person(ctx.text[q.start : q.end], pronoun) for q in ctx.quotes if q.run == run_id):
        return None
    focus = ctx.resolver.speaker(report)[0]
    if focus is None or ctx.resolver.spoke_before(focus, report.subject_start):
        return None  # the person in focus spoke before: the quote's "he" is someone else
    return ctx.resolver.speaker_past_topic(report.subject_start, pronoun, focus)


def _third_person(quoted: str, pronoun: str = "") -> bool:
    """Whether ``quoted`` calls someone "he" (or "she"; either when ``pronoun`` is empty)."""
    if pronoun:
        return _THIRD_PERSON[pronoun].search(quoted) is not None
    return any(p.search(quoted) is not None for p in _THIRD_PERSON.values())


def _report_before_term(after: Report, run_id: int, ctx: QuoteContext) -> Report | None:
    """A run of one short quote (a term of up to six words, "the "bonfire of quangos" New Labour
    had promised") inside reported speech whose verb comes before it in its sentence ("Ed Davey
    said instead of the ..."): that report, not the one after the quote, speaks the sentence."""
    run = [q for q in ctx.quotes if q.run == run_id]
    if len(run) != 1 or after.verb_start < run[0].end:
        return None
    q = run[0]
    if len(ctx.text[q.start : q.end].split()) > 6 or any(
        c in ctx.text[q.start + 1 : q.end - 1] for c in ".!?"
    ):
        return None
    start = ctx.spans[_sentence_at(q.start, ctx)].start
    i = bisect.bisect_left(ctx.reports, start, key=lambda r: r.verb_start)
    for r in ctx.reports[i:]:
        if r.verb_start >= q.start:
            return None
        if r.subject and r.subject_kind in ("name", "org", "pronoun") and not ctx.inside(r.verb_start):
            return r
    return None


# After a closed quote: a verb of saying, then its subject up to the end of the clause
_VERB_AFTER = re.compile(r"\s+([a-z]+)\s+([^.,;:!?\"“”]{1,160}?)\s*(?=[.,;:!?]|$)")
_CLAUSE_CUT = re.compile(r"\s+(?:as|while|when|who|which|after|before|because|since|during|in|at|on|to)\s")
_NAME_END = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]+\s+)+[A-Z][\w'’-]+)$")


# After a closed quote ending in a comma: a subject, then a word shaped like a verb in the past or
# the third person, then the clause's end ('"...," he remarks.', '"...," Ms Okoro chuckled,'):
# attribution whatever the verb (session 13, issue 16); the tables miss verbs of manner
_SUBJECT_VERB_AFTER = re.compile(
    r"\s+(?P<subject>[Hh]e|[Ss]he|(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)"
    r"\s+(?P<verb>[a-z]{2,}(?:ed|[^s']s))\s*(?=[.,;:!?]|$)"
)
# Words in -s or -ed after a subject that are no verb of saying ("he was", "she has", "he is")
_NOT_SPEECH_VERBS = words("was has does is goes needed wanted used tried agreed failed")


def _subject_verb_after(run_id: int, ctx: QuoteContext, *, pronoun_ok: bool) -> tuple[str | None, str] | None:
    """A run whose last quote ends in a comma and is followed by a subject and a verb of any
    form ('"...," Ms Okoro chuckled.', '"...," he remarks.'): its speaker, the subject resolved
    like a reporting verb's; None when no such clause follows. A pronoun subject only when
    ``pronoun_ok``: the run's inherited or previous speaker is the likelier "he" (corpus check:
    "he continued" after a quote of Jeremy Irons was read as the film named last)."""
    last = max((q for q in ctx.quotes if q.run == run_id), key=lambda q: q.start)
    if not last.closed or ctx.text[last.end - 2 : last.end - 1] not in (",", "!", "?"):
        return None
    m = _SUBJECT_VERB_AFTER.match(ctx.text, last.end)
    if m is None or m.group("verb") in _NOT_SPEECH_VERBS:
        return None
    subject = m.group("subject")
    pronoun = subject.lower() in ("he", "she")
    if pronoun and not pronoun_ok:
        return None
    if not pronoun and (subject.split()[0] in NOT_A_NAME_AFTER or is_org(subject)):
        return None  # '"...," The Times reported' is read by the cue rules; an organisation acts
    report = Report(
        m.start("verb"),
        m.end("verb"),
        m.group("verb"),
        subject,
        "pronoun" if pronoun else "name",
        m.start("subject"),
    )
    who, how = ctx.resolver.speaker(report)
    if who is None:
        return None
    return who, f'quote attributed by "{subject} {m.group("verb")}"' + (
        f" ({how})" if how and how != "named" else ""
    )


# Capitalised words that open no name after a quote ("...," It was ...; "...," But he ...)
NOT_A_NAME_AFTER = words("It But And The This That There Then When If As So I We You They")


def _own_verb_after(run_id: int, ctx: QuoteContext) -> tuple[str | None, str] | None:
    """A run whose last quote is followed by a verb of saying the report rules did not read
    ('"...," said retired miner and father of three Bill Hart.', '"...," whispered the party
    official.'): its own speaker (a name of two words or more ending the clause), or no speaker;
    never the previous run's. None: no such verb."""
    last = max((q for q in ctx.quotes if q.run == run_id), key=lambda q: q.start)
    if not last.closed:
        return None
    m = _VERB_AFTER.match(ctx.text, last.end)
    if (
        m is None
        or (m.group(1) not in VERBS and m.group(1) not in REPORTING_VERBS)
        or ctx.text[last.end - 2 : last.end - 1] not in (",", "!", "?")
    ):
        return None
    phrase = m.group(2)
    cut = _CLAUSE_CUT.search(phrase)  # "the party official as your reporter left": the phrase
    phrase = phrase[: cut.start()] if cut is not None else phrase
    named = _NAME_END.search(phrase)
    if named is not None and not is_org(named.group(1)):
        who = ctx.resolver.full_name(named.group(1), m.start(2) + named.start(1))
        return who, f'quote attributed by "{m.group(1)} {who}"'
    return None, ""  # a role or a group ("whispered the party official"): no one the next quotes may inherit


def _reported_between(end: int, pos: int, ctx: QuoteContext) -> bool:
    """A report outside quotes whose speaker is found, between ``end`` (where a run's last quote
    ends) and ``pos`` ('"... words", she added. Menzies Campbell said the war had hit trust.
    "Issues of war ..."'): the quote at ``pos`` follows that speech, it does not continue the run
    (session 11)."""
    n = _sentence_at(end - 1, ctx)
    if 0 <= n < len(ctx.spans):  # (a text of quotes and numbers may have no sentence at all)
        end = max(end, ctx.spans[n].end)  # (the run's own '," he said')
    i = bisect.bisect_left(ctx.reports, end, key=lambda r: r.verb_start)
    for r in ctx.reports[i:]:
        if r.verb_start >= pos:
            return False
        if not ctx.inside(r.verb_start) and ctx.resolver.speaker(r)[0] is not None:
            return True
    return False


def run_speakers(
    attributions: dict[int, Attribution], resolver: Resolver, quotes: list[Quote], ctx: QuoteContext
) -> dict[int, tuple[str | None, str]]:
    out: dict[int, tuple[str | None, str]] = {}
    first_start: dict[int, int] = {}
    last_end: dict[int, int] = {}
    for q in quotes:
        first_start.setdefault(q.run, q.start)
        last_end[q.run] = q.end  # (a run's quotes in order: the last ends last)
    for run_id in sorted(attributions):
        att = attributions[run_id]
        if att.report is not None and (earlier := _report_before_term(att.report, run_id, ctx)) is not None:
            who, how = resolver.speaker(earlier)
            out[run_id] = (who, f'a quoted term in the speech of "{earlier.subject} {earlier.verb}"')
        elif att.report is not None:
            who, how = resolver.speaker(att.report)
            if how.endswith("= person in focus") and (other := _not_the_topic(att.report, run_id, ctx)):
                who, how = other, f"{att.report.subject} = the last speaker, not the one the quote calls so"
            if (linked := _role_named_before(att.report, first_start[run_id], ctx)) is not None:
                # (the role as written: the resolver may have linked it to a person already)
                role = " ".join(w for w in (att.report.subject or "").split() if w.lower() != "the")
                who, how = linked[0], f"the {role} = {linked[0]}, {linked[1]}"
            verb = (
                f'"{att.report.subject} {att.report.verb}"' if att.report.subject else f'"{att.report.verb}"'
            )
            out[run_id] = (
                who,
                f"quote attributed by {verb}" + (f" ({how})" if how and how != "named" else ""),
            )
        elif (who := _subject_speaker(first_start[run_id], ctx)) is not None:
            out[run_id] = (who, "quote in a sentence whose subject speaks")
        elif (who := _introduced(first_start[run_id], ctx)) is not None:
            out[run_id] = (who, "quote after a sentence about its speaker")
        elif (own := _own_verb_after(run_id, ctx)) is not None:
            out[run_id] = own  # '"...," whispered the party official': its own report, never the last one
        elif (own := _subject_verb_after(run_id, ctx, pronoun_ok=False)) is not None:
            out[run_id] = own  # '"...," Mr Faraj continued.': a verb no table holds
        elif (
            att.inherits is not None
            and out.get(att.inherits, (None, ""))[0] is not None
            and not _reported_between(last_end[att.inherits], first_start[run_id], ctx)
        ):
            out[run_id] = (out[att.inherits][0], "continues the previous quote")
        elif (prev := _previous_report(first_start[run_id], ctx)) is not None:
            out[run_id] = prev
        elif (own := _subject_verb_after(run_id, ctx, pronoun_ok=True)) is not None:
            out[run_id] = own  # '"...," he remarks.' when nothing before says who "he" is
        else:
            voice = resolver.voice(first_start[run_id])
            if voice is not None:
                out[run_id] = (voice, "first-person section")
            elif resolver.persons:
                out[run_id] = (resolver.focus(first_start[run_id]), "unattributed quote: person in focus")
            else:
                out[run_id] = (None, "")
    return out
