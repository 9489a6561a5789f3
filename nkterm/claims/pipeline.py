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
from itertools import accumulate

from nkterm.claims.evidence import SIGNALS, Evidence
from nkterm.claims.framing import framed_speakers
from nkterm.claims.furniture import furniture_spans, trim
from nkterm.claims.lexicon import REPORTING_VERBS
from nkterm.claims.model import DocScorer, cue_features, explain, load_model, ngrams
from nkterm.claims.namewords import PERSON_ROLES, is_org
from nkterm.claims.patterns import Lazy
from nkterm.claims.people import SpeakerContext
from nkterm.claims.quote_speakers import NOT_A_NAME, QuoteContext, has_token, judgement_speaker, run_speakers
from nkterm.claims.quotes import Inside, Quote, attribute_runs, find_quotes
from nkterm.claims.scan import Tokens, scan_sentence, tokenize
from nkterm.claims.speakers import Resolver
from nkterm.claims.speech_acts import fallback_speaker
from nkterm.claims.subjects import SubjectFinder
from nkterm.claims.subjectwords import CLAUSE_OPENERS
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
    quoted = any(has_token(toks, max(q.start, 0), q.end) for q in find_quotes(text, paragraphs(text)))
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
    inside = Inside(quotes)
    resolver = Resolver(text, ctx, reports, _NamedSubjects(text, toks, spans, ranges), inside)
    attributions = attribute_runs(text, quotes, reports, spans)
    qctx = QuoteContext(
        text,
        toks,
        spans,
        ranges,
        sorted(reports, key=lambda r: r.verb_start),
        quotes,
        resolver,
        [s.start for s in spans],
        inside,
    )
    by_run = run_speakers(attributions, resolver, quotes, qctx)
    qstarts = [q.start for q in quotes]
    qends = list(accumulate((q.end for q in quotes), max))  # the furthest end so far
    framed = framed_speakers(text, spans, ranges, toks, evidence, resolver)

    claims: list[Claim] = []
    for n, (sp, (lo, hi), ev) in enumerate(zip(spans, ranges, evidence, strict=True)):
        if hi <= lo or ev.boilerplate or resolver.boilerplate(sp.start, sp.end):
            continue
        quote = _quote_in(quotes, qstarts, qends, sp, toks)
        kinds = _kinds(ev, quote is not None)
        # Every sentence that may be a claim is scored: kinds explain, the score decides
        # check-worthiness. A sentence no cue rule claims but the model finds check-worthy is a
        # fact, unless it asks or only holds a stance (skipped before the score: it never counts).
        if not kinds and (ev.question or any(k in SIGNALS for k, _, _, _ in ev.cues)):
            continue  # a stance alone ("It was his favourite.") is no claim, whatever its score
        p, contrib = scorer.score(lo, hi, ev.feats, kinds, ev.question)
        if not kinds:
            if p < CHECK_WORTHY:
                continue
            kinds = {"fact"}
            ev.cues.append(("fact", "fact: the learned score finds it check-worthy", sp.start, sp.end))
        ordered = _in_order(kinds)
        speaker, why = _speaker(sp, ev, quote, by_run, resolver, qctx.inside)
        if n in framed and (quote is None or speaker is None):
            speaker, why = framed[n]
        if speaker is None and (judged := judgement_speaker(n, qctx)) is not None:
            speaker, why = judged
        if speaker is None and (acted := fallback_speaker(n, qctx)) is not None:
            speaker, why = acted
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


_ORDERED: dict[frozenset[str], tuple[str, ...]] = {}


def _in_order(kinds: set[str]) -> tuple[str, ...]:
    """The claim kinds among ``kinds`` in ``CLAIM_KINDS`` order (one lookup per combination seen:
    there are few)."""
    key = frozenset(kinds)
    ordered = _ORDERED.get(key)
    if ordered is None:
        ordered = _ORDERED[key] = tuple(k for k in CLAIM_KINDS if k in kinds)
    return ordered


def _quote_in(
    quotes: list[Quote], qstarts: list[int], qends: list[int], sp: Span, toks: Tokens
) -> Quote | None:
    """The speech quote this sentence is (partly) made of: overlap must hold a word."""
    i = bisect.bisect_left(qstarts, sp.end)
    if not i or qends[i - 1] <= sp.start:
        return None  # every quote before the sentence's end also ends before its start
    for q in reversed(quotes[max(0, i - 6) : i]):
        lo, hi = max(q.start, sp.start), min(q.end, sp.end)
        if lo < hi and has_token(toks, lo, hi):
            return q
    return None


_MID_CAPITAL = re.compile(r"\b[a-z]+[,;]? ([A-Z][\w'’-]*)")


# A role of lower-case words (a capitalised place or body among them) opening a sentence, then a
# name of two or more words between commas, then a lower-case word (the verb)
_APPOSED_SUBJECT = Lazy(
    r"[A-Z][a-z-]+(?: (?:[a-z][\w'’-]*|[A-Z][\w&'’-]*)){0,6}?, ((?:[A-Z][\w'’-]+ )+[A-Z][\w'’-]+), [a-z]"
)


# Words that make the opening a clause, not a role ("She thanked the woman she played, Katharine
# Hepburn, for ...": the name is an object); "His creator, Richard Bowden, ..." is a role
_CLAUSE_WORDS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})


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
        apposed = _APPOSED_SUBJECT.match(text, toks.starts[lo], toks.ends[hi - 1])
        if (
            apposed is not None
            and not is_org(apposed.group(1))
            and _CLAUSE_WORDS.isdisjoint(
                toks.lows[lo : bisect.bisect_left(toks.starts, apposed.start(1), lo, hi)]
            )
        ):
            # "Computer specialist at the IAEA, Peter Smith, would like ...": the name in
            # apposition to a role that opens the sentence is its subject (session 14)
            return apposed.start(1), apposed.group(1)
        subj = SubjectFinder(text, toks.lows, toks.starts, toks.ends, lo, hi).sentence_subject(hi, "")
        if subj is not None and subj.kind == "org":
            # "The prime minister ratcheted up ... He insisted": a definite person role (the
            # resolver links it to the person named with it, or keeps the role)
            start = (
                subj.start - 4 if text[max(0, subj.start - 4) : subj.start].lower() == "the " else subj.start
            )
            role = text[start : subj.end]
            words = role.split()
            if words[0].lower() == "the" and words[-1].lower() in PERSON_ROLES and len(words) <= 4:
                return start, role
            return None
        if subj is None or subj.kind != "name":
            return None
        name = text[subj.start : subj.end]
        if name.endswith(("'s", "’s")) and any(
            toks.lows[k] in REPORTING_VERBS
            for k in range(lo, bisect.bisect_left(toks.starts, subj.start, lo, hi))
        ):
            return None  # "The BBC spokeswoman said Graham Norton's show ...": an object's possessor
        words = name.split()
        if words[0].lower().replace("’", "'") in NOT_A_NAME:
            return None  # "I'm", "It's": a sentence of someone's quote
        # a lone capitalised word opening a sentence is a name only if it is capitalised
        # mid-sentence somewhere too ("Despite", "Instead" are not)
        if len(words) == 1:
            if self.mid is None:
                self.mid = set(_MID_CAPITAL.findall(text))
            # (a surname written after a first name elsewhere is a name: "... and Mark Cueto's
            # effort" makes "Cueto was also puzzled" a person's sentence; never "One Starbucks")
            if words[0] not in self.mid and not any(
                text[a:b].lower() not in NOT_A_NAME and text[a:b].lower() not in CLAUSE_OPENERS
                for a, b in _after_capital(text, words[0])
            ):
                return None
        return subj.start, name


def _after_capital(text: str, word: str) -> Iterator[tuple[int, int]]:
    """The spans of group 1 of ``\\b([A-Z][\\w'’-]+) WORD(?![\\w-])``'s matches in ``text``, as
    ``re.finditer`` gives them, found with ``str.find`` (no pattern compiled per word: most
    words are new to the worker, and compiling was most of the cost). A match's capitalised
    word runs back from the space before a " WORD" over word characters, apostrophes and
    hyphens; it opens at the first capital of that run at a word start (``\\b``: the run's
    first character, or one after an apostrophe or hyphen), at or after the end of the match
    before, with at least one character after it."""
    after = len(word) + 1
    done = 0  # where the regex would go on scanning: the end of the last match
    space = text.find(" " + word)
    while space >= 0:
        end = space + after
        follow = text[end : end + 1]
        if not (follow and (follow.isalnum() or follow in "_-")):
            run = space
            while run > 0 and (text[run - 1].isalnum() or text[run - 1] in "_'’-"):
                run -= 1
            for start in range(max(run, done), space - 1):
                if "A" <= text[start] <= "Z" and (start == run or text[start - 1] in "'’-"):
                    yield start, space
                    done = end
                    break
        space = text.find(" " + word, max(space + 1, done))


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
