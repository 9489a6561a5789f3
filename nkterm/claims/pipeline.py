"""Claim detection: sentences in, ``Claim`` objects out.

Owns the pipeline: one tokeniser pass over the whole text, cue rules per sentence, quote runs and
their attribution, page-furniture filtering, the learned check-worthiness score, speaker choice,
and the cue list that explains every flag. Must not import textual or whoosh; pure Python.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nkterm.claims.evidence import SIGNALS, Evidence, Report
from nkterm.claims.framing import framed_speakers
from nkterm.claims.furniture import furniture_spans, trim
from nkterm.claims.lexicon import words
from nkterm.claims.model import DocScorer, cue_features, explain, load_model, ngrams
from nkterm.claims.namewords import PERSON_ROLES, is_org
from nkterm.claims.quotes import Attribution, Inside, Quote, attribute_runs, find_quotes
from nkterm.claims.scan import Tokens, scan_sentence, tokenize
from nkterm.claims.speakers import Resolver, SpeakerContext
from nkterm.claims.subjects import SubjectFinder
from nkterm.models import CHECK_WORTHY, CLAIM_KINDS, Claim, Document, Span
from nkterm.text import paragraphs, sentences

log = logging.getLogger(__name__)
_QUOTE_PREVIEW = 6  # words of a quote shown in its cue


def detect(
    text: str, *, speakers: SpeakerContext | None = None, recurring: frozenset[str] = frozenset()
) -> list[Claim]:
    """Claims in ``text`` (a document or a single sentence), ordered by start. ``recurring`` are
    a corpus's furniture lines (``furniture.recurring_lines``): they are never claims.

    Never raises: a bug on some input is logged and gives no claims rather than a traceback in
    the middle of an index build.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _detect(text, sentences(text), speakers or SpeakerContext(), recurring)
    except Exception:
        log.exception("claim detection failed on a %d-character text", len(text))
        return []


def detect_document(doc: Document, *, recurring: frozenset[str] = frozenset()) -> list[Claim]:
    """Claims of a document, using its people, authors and sections (boilerplate sections are
    never claims; first-person sections speak in their ``voice``). Reuses ``doc.sentences``."""
    if not doc.text.strip():
        return []
    try:
        return _detect(doc.text, doc.sentences, SpeakerContext.from_document(doc), recurring)
    except Exception:
        log.exception("claim detection failed on document %s", doc.id)
        return []


def sentence_features(text: str) -> tuple[set[str], set[str]]:
    """Model features of ``text`` taken as one sentence (what the training script learns from):
    its word n-grams and its cue features."""
    toks = tokenize(text)
    n = len(toks.lows)
    ev = scan_sentence(text, toks, 0, n)
    quoted = any(_has_token(toks, max(q.start, 0), q.end) for q in find_quotes(text, paragraphs(text)))
    kinds = _kinds(ev, quoted)
    return ngrams(toks.lows), cue_features(n, ev.feats, kinds, ev.question)


def _kinds(ev: Evidence, quoted: bool) -> set[str]:
    kinds = set(ev.kinds)
    if quoted:
        kinds.add("quote")
        kinds.discard("fact")  # the fallback kind: only for a sentence that no other kind claims
    if ev.question and not kinds & {"quote", "attributed"}:
        return set()  # a question asks; it does not claim
    return kinds


def _has_token(toks: Tokens, start: int, end: int) -> bool:
    i = bisect.bisect_left(toks.starts, start)
    return i < len(toks.starts) and toks.starts[i] < end


def _token_ranges(toks: Tokens, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """For each sentence, the half-open range of the tokens wholly inside it."""
    starts, ends = toks.starts, toks.ends
    left, right = bisect.bisect_left, bisect.bisect_right
    out: list[tuple[int, int]] = []
    for sp in spans:
        lo = left(starts, sp.start)
        out.append((lo, right(ends, sp.end, lo)))
    return out


def _detect(
    text: str, spans: Sequence[Span], ctx: SpeakerContext, recurring: frozenset[str] = frozenset()
) -> list[Claim]:
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: s.start)
    # Furniture (datelines, end marks, headlines, captions, comments) is cut out of the sentences.
    spans = trim(spans, furniture_spans(text, recurring), text)
    toks = tokenize(text)
    model = load_model()
    scorer = DocScorer(model, toks.lows)
    ranges = _token_ranges(toks, spans)
    evidence = [scan_sentence(text, toks, lo, hi) for lo, hi in ranges]
    quotes = find_quotes(text, paragraphs(text))
    reports = [r for ev in evidence for r in ev.reports]
    # the sentence subjects a "he" or "she" may mean: read only when such a pronoun asks for them
    resolver = Resolver(text, ctx, reports, _NamedSubjects(text, toks, spans, ranges))
    attributions = attribute_runs(text, quotes, reports, spans)
    qctx = _Context(
        text,
        toks,
        spans,
        ranges,
        sorted(reports, key=lambda r: r.verb_start),
        quotes,
        resolver,
        [s.start for s in spans],
        Inside(quotes),
    )
    run_speakers = _run_speakers(attributions, resolver, quotes, qctx)
    qstarts = [q.start for q in quotes]
    framed = framed_speakers(text, spans, ranges, toks, evidence, resolver)

    claims: list[Claim] = []
    for n, (sp, (lo, hi), ev) in enumerate(zip(spans, ranges, evidence, strict=True)):
        if hi <= lo or ev.boilerplate or resolver.boilerplate(sp.start, sp.end):
            continue
        quote = _quote_in(quotes, qstarts, sp, toks)
        kinds = _kinds(ev, quote is not None)
        # Every sentence is scored: kinds explain, the score decides check-worthiness. A
        # sentence no cue rule claims but the model finds check-worthy is a fact.
        p, contrib = scorer.score(lo, hi, ev.feats, kinds, ev.question)
        if not kinds:
            if p < CHECK_WORTHY or ev.question or any(k in SIGNALS for k, _, _, _ in ev.cues):
                continue  # a stance alone ("It was his favourite.") is no claim, whatever its score
            kinds = {"fact"}
            ev.cues.append(("fact", "fact: the learned score finds it check-worthy", sp.start, sp.end))
        ordered = tuple(k for k in CLAIM_KINDS if k in kinds)
        speaker, why = _speaker(sp, ev, quote, run_speakers, resolver, qctx.inside)
        if n in framed and (quote is None or speaker is None):
            speaker, why = framed[n]
        if speaker is None and (judged := _judgement_speaker(n, qctx)) is not None:
            speaker, why = judged
        cues = [cue for k in ordered for kind, cue, _, _ in ev.cues if kind == k]
        cues.extend(cue for kind, cue, _, _ in ev.cues if kind in SIGNALS)
        if quote is not None:
            words = text[quote.start : quote.end].split()
            preview = " ".join(words[:_QUOTE_PREVIEW]) + (" …" if len(words) > _QUOTE_PREVIEW else "")
            cues.insert(0, f"quote: {preview}")
        if speaker is not None:
            cues.append(f"speaker: {why}")
        cues.extend(explain(contrib))
        claims.append(Claim(sp.start, sp.end, ordered, round(p, 4), speaker, tuple(cues)))
    return claims


def _quote_in(quotes: list[Quote], qstarts: list[int], sp: Span, toks: Tokens) -> Quote | None:
    """The speech quote this sentence is (partly) made of: overlap must hold a word."""
    i = bisect.bisect_left(qstarts, sp.end)
    for q in reversed(quotes[max(0, i - 6) : i]):
        lo, hi = max(q.start, sp.start), min(q.end, sp.end)
        if lo < hi and _has_token(toks, lo, hi):
            return q
    return None


@dataclass(frozen=True, slots=True)
class _Context:
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
_NOT_A_NAME = words(
    """
    i i'm i've i'd i'll it it's we we're we've you you're he's she's that's there's two
    """
)
_MID_CAPITAL = re.compile(r"\b[a-z]+[,;]? ([A-Z][\w'’-]*)")


class _NamedSubjects:
    """Names that are the subject of a sentence: the people a later "he" or "she" may mean.
    Called with a pronoun's position, gives them nearest first, reading each sentence once and
    only as far back as the caller asks."""

    def __init__(
        self, text: str, toks: Tokens, spans: Sequence[Span], ranges: Sequence[tuple[int, int]]
    ) -> None:
        self.text, self.toks, self.ranges = text, toks, ranges
        self.starts = [s.start for s in spans]
        self.found: dict[int, tuple[int, str] | None] = {}
        self.mid: set[str] | None = None

    def __call__(self, pos: int) -> Iterator[tuple[int, str]]:
        for n in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            if n not in self.found:
                self.found[n] = self._subject(*self.ranges[n])
            got = self.found[n]
            if got is not None and got[0] < pos:
                yield got

    def _subject(self, lo: int, hi: int) -> tuple[int, str] | None:
        text, toks = self.text, self.toks
        if hi - lo < 3 or not text[toks.starts[lo]].isupper():
            return None
        if text[max(0, toks.starts[lo] - 1) : toks.starts[lo]] in ('"', "“", "'", "‘"):
            return None  # a sentence of someone's quote
        subj = SubjectFinder(text, toks.lows, toks.starts, toks.ends, lo, hi).sentence_subject(hi, "")
        if subj is None or subj.kind != "name":
            return None
        name = text[subj.start : subj.end]
        words = name.split()
        if words[0].lower().replace("’", "'") in _NOT_A_NAME:
            return None  # "I'm", "It's": a sentence of someone's quote
        # a lone capitalised word opening a sentence is a name only if it is capitalised
        # mid-sentence somewhere too ("Despite", "Instead" are not)
        if len(words) == 1:
            if self.mid is None:
                self.mid = set(_MID_CAPITAL.findall(text))
            if words[0] not in self.mid:
                return None
        return subj.start, name


def _sentence_at(pos: int, ctx: _Context) -> int:
    return bisect.bisect_right(ctx.starts, pos) - 1


def _subject_speaker(pos: int, ctx: _Context) -> str | None:
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
    if name.split()[0].lower().replace("’", "'") in _NOT_A_NAME:
        return None  # "It's like walking into ...": no one's name
    if name.startswith("Said ") and ctx.text[subj.end : subj.end + 1] == ":":
        # "Said Williams: "..."": an inverted verb, no first name
        full = ctx.resolver.full_name(name[5:], subj.start)
        return name[5:] if full == name else full
    return ctx.resolver.full_name(name, subj.start)


# A verb of judgement with a quoted label: "The Lib Dems branded it a "sticking plaster"",
# "Jacques Chirac has called the rebate "unjustified"". The quote may be one or two words, too
# short to be speech, but the sentence is still its subject's word.
_JUDGEMENT = re.compile(
    r"\b(?:called|branded|dubbed|labell?ed|described)\b[^\"“”.;:]{0,80}?[\"“][^\"“”]{1,60}[\"”]"
)
_JUDGEMENT_VERBS = ("called", "branded", "dubbed", "label", "described")
_PASSIVE = frozenset(["be", "been", "being", "is", "are", "was", "were", "'s", "’s"])


def _judgement_speaker(n: int, ctx: _Context) -> tuple[str, str] | None:
    """The speaker of sentence ``n`` when it labels something with a judgement verb and a quoted
    word: the sentence's named subject or speaking organisation."""
    sp = ctx.spans[n]
    segment = ctx.text[sp.start : sp.end]
    if not any(verb in segment for verb in _JUDGEMENT_VERBS):
        return None  # (substring tests: most sentences have none of the verbs)
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
    verb = m.group().split()[0]
    if subj.kind == "name":
        return ctx.resolver.full_name(
            written, subj.start
        ), f'"{written} {verb}" (a judgement with a quoted label)'
    words = written.split()
    who = " ".join(words[1:] if len(words) > 1 and words[0].lower() in ("the", "a", "an") else words)
    return who, f'"{written} {verb}" (a judgement with a quoted label)'


def _previous_report(pos: int, ctx: _Context) -> tuple[str, str] | None:
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
        who, _ = ctx.resolver.speaker(r)
        if who is not None:
            return who, f'quote after "{r.subject} {r.verb}"'
    return None


# Roles a person is written as after a quote ("...," said the national team coach)
_AGED = re.compile(r"\d+-year-old")  # "...," said the 28-year-old
_PERSON_ROLES = PERSON_ROLES | frozenset(
    ["captain", "boss", "skipper", "striker", "star", "singer", "actor", "actress", "founder"]
)


def _role_named_before(report: Report, quote_start: int, ctx: _Context) -> str | None:
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
        return ctx.resolver.focus(quote_start)
    return person


def _person_before_quote(quote_start: int, ctx: _Context, *, speaking: bool = False) -> str | None:
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


def _introduced(quote_start: int, ctx: _Context) -> str | None:
    """An unattributed quote right after a sentence about a person that reports no speech
    ("Winger Dafydd Rees was keen not to talk about the title. "Nobody in the squad ..."): the
    person, not whoever spoke before."""
    n = _sentence_at(quote_start, ctx)
    if n < 1:
        return None
    q = ctx.quotes[bisect.bisect_left(ctx.quotes, quote_start, key=lambda q: q.start)]
    if q.closed and _has_token(ctx.toks, q.end, ctx.spans[_sentence_at(q.end - 1, ctx)].end):
        return None  # words after the quote in its sentence ("...," the 23-year-old wrote.)
    prev = ctx.spans[n - 1]
    i = bisect.bisect_left(ctx.reports, prev.start, key=lambda r: r.verb_start)
    if i < len(ctx.reports) and ctx.reports[i].verb_start < prev.end:
        return None  # the sentence before reports speech: its speaker is found as before
    return _person_before_quote(quote_start, ctx)


def _run_speakers(
    attributions: dict[int, Attribution], resolver: Resolver, quotes: list[Quote], ctx: _Context
) -> dict[int, tuple[str | None, str]]:
    out: dict[int, tuple[str | None, str]] = {}
    first_start: dict[int, int] = {}
    for q in quotes:
        first_start.setdefault(q.run, q.start)
    for run_id in sorted(attributions):
        att = attributions[run_id]
        if att.report is not None:
            who, how = resolver.speaker(att.report)
            if (named := _role_named_before(att.report, first_start[run_id], ctx)) is not None:
                who, how = named, f"the {who} = {named}, named just before"
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
        elif att.inherits is not None and out.get(att.inherits, (None, ""))[0] is not None:
            out[run_id] = (out[att.inherits][0], "continues the previous quote")
        elif (prev := _previous_report(first_start[run_id], ctx)) is not None:
            out[run_id] = prev
        else:
            voice = resolver.voice(first_start[run_id])
            if voice is not None:
                out[run_id] = (voice, "first-person section")
            elif resolver.persons:
                out[run_id] = (resolver.focus(first_start[run_id]), "unattributed quote: person in focus")
            else:
                out[run_id] = (None, "")
    return out


def _speaker(
    sp: Span,
    ev: Evidence,
    quote: Quote | None,
    run_speakers: dict[int, tuple[str | None, str]],
    resolver: Resolver,
    inside: Inside,
) -> tuple[str | None, str]:
    """Speaker of a claim: its quote's, else its reporting verb's, else the section's voice."""
    if quote is not None:
        who, why = run_speakers.get(quote.run, (None, ""))
        if who is not None:
            return who, why
    for r in ev.reports:
        if inside(r.verb_start):
            continue  # a report inside a quote is the quoted speaker's, handled above
        who, how = resolver.speaker(r)
        if who is not None:
            said = (
                f'"{r.subject} {r.verb}"'
                if r.subject and r.subject_start < r.verb_start
                else f'"{r.verb} {r.subject}"'
            )
            return who, said + (f" ({how})" if how != "named" else "")
    voice = resolver.voice(sp.start)
    if voice is not None:
        return voice, "first-person section"
    if "experience" in ev.kinds and resolver.ctx.authors:
        return resolver.ctx.authors[0], "first person: the author"
    return None, ""
