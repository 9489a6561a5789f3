"""Speakers of sentences no reporting verb attributes: speech acts and inverted tails.

Owns the last fallback of speaker choice (issue 16, session 7), run only for a claim that got no
speaker from its quote, its reporting verbs, a framing sentence or a judgement verb:

- a closed list of speech-act verbs with their frame, ``SUBJECT VERB OBJECT``: verbs that report
  what someone said or holds without being reporting verbs of the cue rules ("Lib Dem leader
  Charles Kennedy dismissed the Conservatives", "Los Angeles police discounted the rumours",
  "The prime minister ridiculed the Tory plans", "Mr Howard pointed to ...", "It expected 2005 to
  be ..."). Never in the passive ("was blamed"), never a verb of sport ("defended his title",
  "challenged for the lead"); the subject is read by ``SubjectFinder.for_verb`` and resolved like
  a reporting verb's. The sentence's kinds and score do not change: only its speaker.
- a sentence ending in an inverted report whose subject is a common-noun phrase, which the cue
  rules do not read: "..., say experts.", "..., one of the world's leading credit rating agencies
  says.", "..., according to some LA film critics.", "..., wrote one reviewer in Rolling Stone
  magazine."; and "... editing said John Wyver, from ..." (no comma before the verb).

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import bisect
import re

from nkterm.claims.evidence import Report
from nkterm.claims.findings import finding_speaker
from nkterm.claims.lexicon import REPORTING_VERBS, words
from nkterm.claims.namewords import GROUP_NOUNS, PERSON_ROLES, is_org
from nkterm.claims.orgrefs import DOCUMENT_NOUNS
from nkterm.claims.patterns import PLURAL_NAME
from nkterm.claims.quote_speakers import QuoteContext
from nkterm.claims.speechverbs import ASKING, PHRASAL, VERBS
from nkterm.claims.subjects import SubjectFinder
from nkterm.claims.subjectwords import POLLED, ROLES, SPEAKING_NOUNS, WON

# Speech acts: what a speaker does with words (or holds as a view) that the reporting verbs of
# the cue rules leave out. A closed list (English reporting verbs of judgement, refusal, praise
# and expectation), each taken only in the frame "SUBJECT VERB OBJECT".
SPEECH_ACTS = words(
    """
    dismissed dismisses blamed blames discounted discounts ridiculed ridicules challenged
    challenges rejected rejects echoed echoes praised praises criticised criticises criticized
    criticizes condemned condemns welcomed welcomes lambasted lambasts defended
    defends questioned questions disputed disputes backed backs attacked attacks expects expected
    hopes hoped reckons reckoned fears feared doubts doubted recommended recommends proposed
    proposes demanded demands appealed appeals highlighted highlights expressed expresses voiced
    voices pointed points hit spoke speaks congratulated congratulates thanked thanks apologised
    apologises apologized apologizes vowed threatened threatens objected objects
    protested protests acknowledged conceded defied queried queries played plays downplayed
    downplays
    """
)
# Verbs of communication derived from WordNet (``speechverbs``), beyond the closed list and the
# reporting verbs of the cue rules: taken in the same frame and only before a that-clause
# ("The government hinted that ...", "the panel agreed that ..."); before an object they are as
# often acts ("Sprint ordered a broadband upgrade", "Celtic brushed aside Clyde")
# ("ruled that": a court's or a judge's ruling is its statement, a sense WordNet does not list
# first; session 14, second round)
DERIVED = (VERBS | words("ruled rules")) - REPORTING_VERBS


def _base_form(third: str) -> str:
    """The plural present of a verb read from its third person ("argues" -> "argue", "denies" ->
    "deny", "pushes" -> "push", "criticises" -> "criticise"): the verb's morphology, not a
    second table."""
    if third.endswith("ies") and len(third) > 4:
        return third[:-3] + "y"
    if third.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return third[:-2]
    return third[:-1]


# A verb of saying in the plural present, after a plural subject ("The companies estimate that",
# "Many analysts agree that", "Campaigners insist the plan ..."): the tables hold the third
# person and the past ("estimates", "agreed"), and the cue rules read "say", "suggest" and "tell"
# only (session 13, issue 16). Derived from the third-person forms of the reporting verbs, the
# speech acts and the derived verbs, each base form mapped to its third person, whose frame it
# takes (a derived verb only before "that"); a base form is a verb only after a plural subject,
# so the subject's head must be a plural and no modal, "to" or "not" may come before it.
_KNOWN_FORMS = REPORTING_VERBS | SPEECH_ACTS | VERBS  # (once: a union per word costs 0.1 s)
PLURAL_PRESENT: dict[str, str] = {
    _base_form(w): w
    for w in sorted(REPORTING_VERBS | SPEECH_ACTS | DERIVED)
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3 and _base_form(w) not in _KNOWN_FORMS
}
_NOT_BEFORE_BASE = words(
    """
    to will would could can may might must shall should do does did not n't never let make made
    help helped helps cannot
    """
)
_BASE_ADVERBS = words("also now still often all both even")
_CLAUSE_START = words("they he she we there its")
_CANDIDATES = SPEECH_ACTS | DERIVED | frozenset(PHRASAL) | frozenset(PLURAL_PRESENT)  # one look-up per token
# Verbs that are speech only with a particular word after them ("pointed out", "called for").
_NEEDS_NEXT = {
    "pointed": frozenset({"out", "to"}),
    "hit": frozenset({"out"}),
    "points": frozenset({"out", "to"}),
    "spoke": frozenset({"of", "about", "out"}),
    "speaks": frozenset({"of", "about", "out"}),
    "appealed": frozenset({"for", "to"}),
    "appeals": frozenset({"for", "to"}),
    "played": frozenset({"down"}),  # "has played down talk of European football" (session 11)
    "plays": frozenset({"down"}),
}
# Present forms that are plural nouns as often ("title hopes", "US fears", "the backs"): a verb
# only before "that", an article or a pronoun object.
_NOUN_TOO = words(
    """
    hopes fears doubts demands questions appeals protests voices thanks backs attacks objects
    challenges welcomes praises defends expects reckons rejects dismisses blames queries
    """
)
# "It issued the warning", "the club issued a statement": issuing words is saying them
_ISSUED = words("issued issues")
_SPEECH_OBJECTS = words("warning warnings statement apology denial ultimatum appeal plea rebuttal")
_OBJECT_START = words("that the a an his her its their whether it them him this these those")
_TIME_DEICTIC = frozenset({"this", "these", "those"})  # "their Oscars hopes this month": a noun
_NOT_BEFORE = frozenset({"as", "than", "widely", "long", "the", "a", "an"})
# Verbs of sport or war as often as of speech: not with a trophy or a place after them
# ("defended his title", "challenged for the lead", "attacked down the left").
_SPORT = frozenset(
    {"defended", "defends", "challenged", "challenges", "attacked", "attacks", "backed", "backs"}
)
# What is defended, attacked or challenged in words, not on a pitch ("defended the decision")
_DEBATED = words(
    """
    decision decisions plan plans policy policies government move proposals proposal comments
    record claims claim ruling law bill report handling use right idea system deal changes call calls
    criticism scheme tax budget measures approach strategy stance view views actions choice selection
    appointment action reforms reform legislation figures verdict
    """
)
_PASSIVE = frozenset({"be", "been", "being", "is", "are", "was", "were", "'s", "’s", "get", "got"})
_NOT_AFTER = frozenset({"by", "to", "as", "in", "on", "up", "down", "off"})
_PREPOSITIONS = frozenset({"in", "with", "from", "at", "on", "by", "for", "to", "into", "across", "over"})
_GENERIC = frozenset({"it", "they", "we", "i", "you", "this", "that", "there", "which", "who"})

# "..., say experts." / "..., one of the world's leading credit rating agencies says." /
# "..., according to some LA film critics." / "..., wrote one reviewer in Rolling Stone magazine."
_TAIL = re.compile(
    r"(?:,|\.\"|,\"|,”)\s+(?P<verb>say|says|said|warn|warns|warned|believe|believes|argue|argues|claim|claims"
    r"|suggest|suggests|wrote|writes|according to)\s+"
    r"(?P<np>[^\s,.;:!?\"“”]+(?:\s+[^\s,.;:!?\"“”]+){0,9}?)\s*(?:\.|!|\"|”)*\s*$"
)
# "..., one of the world's leading credit rating agencies says."
_TAIL_AFTER = re.compile(
    r",\s+(?P<np>[^\s,.;:!?\"“”]+(?:\s+[^\s,.;:!?\"“”]+){0,9}?)\s+(?:has\s+|have\s+|had\s+)?(?P<verb>say|says|said|warn|warns|warned"
    r"|believe|believes|argue|argues|claim|claims|suggest|suggests|added|adds)\s*(?:\.|!|\"|”)*\s*$"
)
# "... editing said John Wyver, from TV producer ...": a verb with no comma before it, then a name
_SAID_NAME = re.compile(
    r"(?<=[a-z]) (?P<verb>said|says) (?P<np>(?:[A-Z][\w'’-]+ ){1,3}[A-Z][\w'’-]+)(?=[,.]|\s*$)"
)
# Words that make the phrase after "said" a clause ("said they were ..."), never a speaker
_CLAUSE_WORDS = words(
    """
    they there he she it we i you was were is are would will could should had has have be been
    that this not
    """
)
# Sources that are no speakers ("according to studio estimates"), unless "from" an organisation
_NOT_SPEAKERS = words("figures estimates data statistics numbers results count counts calculations")
_NP_OPENERS = frozenset(
    {"the", "a", "an", "some", "many", "several", "most", "other", "one", "two", "its", "their", "his", "her"}
)
_NP_CUT = frozenset({"in", "at", "from", "for", "with", "on", "who", "which", "and"})


def fallback_speaker(n: int, ctx: QuoteContext) -> tuple[str, str] | None:
    """Speaker of sentence ``n`` from a speech act, its agent in the passive, or an inverted tail,
    with the cue text."""
    return _speech_act(n, ctx) or _by_agent(n, ctx) or _tail(n, ctx) or finding_speaker(n, ctx)


# Judged in the passive, with the judge after "by": "has been branded a "disgraceful waste" by MPs"
_PASSIVE_ACTS = (SPEECH_ACTS - words("backed backs hit called expected questioned played plays")) | words(
    "branded described accused urged warned labelled dubbed"
)
_AFTER_AGENT = words(
    "as for of in on at after before to and with during last this over since when who which that"
)
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "to"})
_PARTICLES = frozenset({"up", "off", "in", "on", "back", "down", "over", "away", "into"})


def _by_agent(n: int, ctx: QuoteContext) -> tuple[str, str] | None:
    lo, hi = ctx.ranges[n]
    lows, starts, ends, text = ctx.toks.lows, ctx.toks.starts, ctx.toks.ends, ctx.text
    if _PASSIVE_ACTS.isdisjoint(lows[lo + 1 : hi]):
        return None  # no token the loop below reads past its first test (one look-up in C)
    for i in range(lo + 1, hi):
        if lows[i] not in _PASSIVE_ACTS or lows[i - 1] not in _PASSIVE or ctx.inside(starts[i]):
            continue
        if i - 2 >= lo and lows[i - 2] in _MODALS:
            continue  # "will be welcomed by": a guess, no one has judged yet
        if i + 1 < hi and lows[i + 1] in _PARTICLES:
            continue  # "was called up by England", "was warned off by": no judgement
        by = next((k for k in range(i + 1, min(hi, i + 10)) if lows[k] == "by"), None)
        if by is None or any(c in text[ends[i] : starts[by]] for c in ".;:"):
            continue
        agent = SubjectFinder(text, lows, starts, ends, lo, hi).name_after(by + 1, inverted=False)
        if agent is None or agent.kind not in ("name", "org"):
            continue
        written = " ".join(text[agent.start : agent.end].split())
        after = bisect.bisect_left(starts, agent.end, lo, hi)
        if written.endswith("-based") or (
            after < hi
            and lows[after].isalpha()
            and text[starts[after]].islower()
            and lows[after] not in _AFTER_AGENT
        ):
            continue  # "by a New York-based trade group", "by Apple fans": a modifier, not the agent
        verb = text[starts[i] : ends[i]]
        cue = f'"{verb} by {written}" (a judgement in the passive)'
        if agent.kind == "org":
            words_ = written.split()
            return " ".join(words_[1:] if words_[0].lower() in ("the", "a", "an") else words_), cue
        return ctx.resolver.full_name(written, agent.start), cue
    return None


def _reported_before(i: int, lo: int, ctx: QuoteContext) -> bool:
    """A reporting verb ("said", "told") in the sentence before token ``i``: what follows is its
    complement ("LNM said it welcomed ..."), whether or not its subject was found."""
    lows, starts, text = ctx.toks.lows, ctx.toks.starts, ctx.text
    return any(lows[k] in REPORTING_VERBS and text[starts[k]].islower() for k in range(lo, i))


def _speech_act(n: int, ctx: QuoteContext) -> tuple[str, str] | None:
    lo, hi = ctx.ranges[n]
    lows, starts, text = ctx.toks.lows, ctx.toks.starts, ctx.text
    if _CANDIDATES.isdisjoint(lows[lo + 1 : hi]):
        return None  # no token the loop below reads past its first test (one look-up in C)
    for i in range(lo + 1, hi):
        w = lows[i]
        if w not in _CANDIDATES or not text[starts[i]].islower():
            continue
        listed = w in SPEECH_ACTS or (
            w in _ISSUED and not _SPEECH_OBJECTS.isdisjoint(lows[i + 1 : min(hi, i + 4)])
        )
        nxt = lows[i + 1] if i + 1 < hi else ""
        need: frozenset[str] | None = _NEEDS_NEXT.get(w) if listed else None
        third = PLURAL_PRESENT.get(w)
        plural = third is not None
        if third is not None:
            b = i - 1
            while b > lo and (lows[b] in _BASE_ADVERBS or (lows[b].endswith("ly") and len(lows[b]) > 4)):
                b -= 1  # (over "also", "now", "seriously")
            if lows[b] in _NOT_BEFORE_BASE:
                continue  # "will argue", "to claim", "did not deny", "would seriously argue": no finite verb
            listed = third in SPEECH_ACTS
            need = _NEEDS_NEXT.get(third) if listed else None
            if third not in REPORTING_VERBS and not listed and nxt != "that":
                continue  # a derived verb only before a that-clause, as in the third person
            if nxt not in _OBJECT_START and nxt not in _CLAUSE_START:
                continue  # "state inquiry", "record profits": a noun before a noun, no verb
            w = third  # the third person's frame from here on ("hope" as "hopes")
        elif not listed:
            # a derived verb only before a that-clause ("hinted that", "spoke out that")
            after = lows[i + 2] if i + 2 < hi else ""
            # "snapped back that", "hit out that": the verb's particle, or "back", before the clause
            particle = nxt in PHRASAL.get(w, ()) or (nxt == "back" and w in DERIVED)
            if not (nxt == "that" and w in DERIVED) and not (particle and after == "that"):
                if not (w in ASKING and "to" in lows[i + 2 : min(hi, i + 6)]):
                    continue  # (but "advised consumers to give": asking someone, speechverbs.ASKING)
                need = None
            else:
                need = frozenset({nxt}) if nxt != "that" else None
        if need is not None and nxt not in need:
            continue
        if need is None and nxt in _NOT_AFTER:
            continue  # "blamed by", "backed up", "expected to"
        if w in _NOUN_TOO and (nxt not in _OBJECT_START or nxt in _TIME_DEICTIC):
            continue
        prev = lows[i - 1]
        if prev in _NOT_BEFORE or prev.endswith(("'s", "’s", "s'")):
            continue  # "as expected", "than feared", "England's hopes"
        if (
            w in _SPORT
            and (
                nxt in WON
                or (i + 2 < hi and lows[i + 2] in WON)
                or nxt == "for"
                or (
                    nxt in ("the", "a", "an")
                    and not (i + 2 < hi and text[starts[i + 2]].isupper())  # "challenged the Tories"
                    and not any(x in _DEBATED for x in lows[i + 2 : min(hi, i + 5)])
                )
            )
        ):
            continue  # "defended his title", "Scotland defended the initial thrusts", "attacks the net"
        if lows[i - 1] in _PASSIVE or ctx.inside(starts[i]):
            continue
        if w in POLLED and "those" in lows[max(lo, i - 3) : i]:
            continue  # "90% of those companies questioned": the polled, not a speech act
        if _reported_before(i, lo, ctx):
            return None  # "LNM said it welcomed ...": the reporting verb's speaker, not "it"
        subj = SubjectFinder(text, lows, starts, ctx.toks.ends, lo, hi).for_verb(i)
        if subj is None or subj.kind not in ("name", "org", "pronoun", "noun"):
            continue  # (a "noun" speaks only as a document or a definite organisation noun:
            # "The research recommended that ...", "The alliance welcomed ..."; else the resolver
            # gives no one)
        written = " ".join(text[subj.start : subj.end].split())
        if plural and not _plural_subject(
            written, subj.kind, lows, bisect.bisect_left(starts, subj.start, lo, hi)
        ):
            continue  # "a BBC report that": a noun after a name, not a verb after a plural
        k = bisect.bisect_left(starts, subj.start, lo, hi) - 1
        if k >= lo and lows[k] in ("the", "a", "an"):
            k -= 1
        if k >= lo and lows[k] in _PREPOSITIONS:
            return None  # "GPs in Wales had feared": the head is before the preposition
        if subj.kind == "name" and " and " in written and not is_org(written):
            return None  # two speakers ("Tessa Jowell and John Prescott have welcomed")
        if subj.kind == "pronoun" and written.lower() in ("i", "we", "you"):
            return None  # the writer's or a quote's own
        verb = text[starts[i] : ctx.toks.ends[i + 1 if need is not None else i]]  # "pointed to"
        report = Report(starts[i], ctx.toks.ends[i], verb, written, subj.kind, subj.start, subj.how)
        who, how = ctx.resolver.speaker(report)
        if who is None:
            return None
        return who, f'"{written} {verb}" (a speech act' + (f"; {how})" if how and how != "named" else ")")
    return None


def _plural_subject(written: str, kind: str, lows: list[str], first: int) -> bool:
    """Whether the subject a base-form verb was read with is a plural: "they", or a phrase whose
    last word is a plural ("companies", "Tories", "Lib Dems") and that no "a"/"an" opens."""
    low = written.lower()
    if kind == "pronoun":
        return low == "they"
    if kind == "name" and first > 0 and lows[first - 1] == "the" and PLURAL_NAME.search(written):
        return True  # "The Lib Dems argue", "the Tories claim": a party or a people (session 14)
    if kind == "name" or any(w in _NOT_BEFORE_BASE for w in low.split()):
        return False  # "New South Wales state": a name in -s is as often one place or person;
        # "fight to make three bloggers reveal": the object of a causative, not a subject
    head = low.split()[-1]
    return (
        head.endswith("s")
        and not head.endswith(("ss", "'s", "’s", "us", "is"))
        and lows[first - 1 if first > 0 else first] not in ("a", "an")
        and not low.startswith(("a ", "an "))
    )


# A verb every match of _TAIL, _TAIL_AFTER or _SAID_NAME holds (their verbs, prefixes merged:
# "say" for "says", "warn" for "warned"), most frequent first: ~93% of the sentences _tail is
# asked about (BBC) hold none, and these look-ups cost a third of the three searches
_TAIL_VERBS = (
    "said", "say", "according to", "added", "adds", "warn", "claim", "believe", "argue", "suggest",
    "wrote", "writes",
)  # fmt: skip


def _tail_verb_in(segment: str) -> bool:
    for verb in _TAIL_VERBS:  # noqa: SIM110 - a loop: cheaper than any() over a generator
        if verb in segment:
            return True
    return False


def _tail(n: int, ctx: QuoteContext) -> tuple[str, str] | None:
    sp = ctx.spans[n]
    segment = ctx.text[sp.start : sp.end]
    if not _tail_verb_in(segment):
        return None
    m = _TAIL.search(segment) or _TAIL_AFTER.search(segment)
    if m is None:
        m = _SAID_NAME.search(segment)
        if m is None or ctx.inside(sp.start + m.start("verb")):
            return None
        name = m.group("np")
        return ctx.resolver.full_name(name, sp.start + m.start("np")), f'"{m.group("verb")} {name}"'
    if ctx.inside(sp.start + m.start("verb")):
        return None
    np = [w for w in re.sub(r"\([^()]*\)", " ", m.group("np")).split() if w]
    if m.start("np") < m.start("verb") and m.group("verb").endswith("s") and "and" in np[1:-1]:
        return None  # "..., rebuttals and counter claims.": two heads never take "claims" (a noun)
    if not np or (np[0][:1].isupper() and m.start("verb") < m.start("np")):
        return None  # a name after the verb: the cue rules read it ("said Mr X.")
    if any(w.lower() in _CLAUSE_WORDS for w in np):
        return None  # "said they were following rules": a clause, no speaker phrase
    lead = next((k for k, w in enumerate(np) if w[:1].isupper()), None)
    if (
        lead is not None
        and lead > 0
        and all(w[:1].isupper() for w in np[lead:])
        and np[lead - 1].lower() not in _NP_CUT
    ):
        np = np[lead:]  # "according to industry website Screen Daily": the name
    if np[0].lower() == "one" and len(np) > 2 and np[1] == "of":
        np = np[2:]  # "one of the world's leading credit rating agencies"
    cut = next((k for k, w in enumerate(np) if k > 0 and w.lower() in _NP_CUT), len(np))
    np = np[:cut]
    while len(np) > 1 and np[0].lower() in _NP_OPENERS:
        np = np[1:]
    if np and np[0].endswith(("'s", "’s")) and np[0][:1].islower() and len(np) > 1:
        np = np[1:]  # "the world's leading ..."
    if not np or np[-1].lower() in _GENERIC:
        return None
    head = np[-1].lower()
    if head in _NOT_SPEAKERS or np[0].lower() in _NOT_SPEAKERS:
        named = re.search(
            r"\b(?:from|by|of) (?:the )?((?:[A-Z][\w'’&-]*(?: (?:of|for|and|the))* ?)+)", m.group("np")
        )
        if named is None:
            return None  # "according to studio estimates": figures are no speaker
        np = named.group(1).split()
        head = np[-1].lower()
    if np[0][:1].isupper():
        return " ".join(np), f'"{_said(m)}"'
    if len(np) <= 3 and all(w.islower() for w in np):
        # "according to the trade weekly": the organisation named before that it stands for
        at = sp.start + m.start("np") + m.group("np").rfind(np[-1])
        org = ctx.resolver.org_antecedent(np[-1], at)
        if org is not None:
            return org, f'"{_said(m)}" (the {" ".join(np)} = {org})'
    known = (
        head in SPEAKING_NOUNS
        or head in ROLES
        or head in PERSON_ROLES
        or head in GROUP_NOUNS
        or head in DOCUMENT_NOUNS
    )  # ("..., according to research.": a document speaks)
    if not known and not (head.endswith("s") and not head.endswith("ss") and head.isalpha()):
        return None  # a known role, or a plural of people or bodies ("observers", "insiders")
    return " ".join(np), f'"{_said(m)}"'


def _said(m: re.Match[str]) -> str:
    said = [" ".join(m.group("np").split()), m.group("verb")]
    if m.start("verb") < m.start("np"):
        said.reverse()
    return " ".join(said)
