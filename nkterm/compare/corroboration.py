"""``corroborate``: the passages elsewhere in the corpus that discuss what a claim says, and
``unit_at``, the unit around an offset.

Reaches the corpus only through ``nkterm.index.Index`` methods. Must not import Textual, nor
Whoosh directly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from nkterm.compare.found_model import COEFFICIENTS, Candidate, Gathered, probability, rank_of
from nkterm.compare.independence import independence, independent_sources, source_of
from nkterm.compare.params import (
    ANOTHER_ACTOR_VETO,
    BARE_NUMBER_MIN,
    CANDIDATE_DF,
    CANDIDATE_WORDS,
    CORROBORATION_AGREES,
    CORROBORATION_CANDIDATES,
    CORROBORATION_MIN,
    EVENT_DOCS,
    EVENT_FOUND_MIN,
    EXTRA_ELSEWHERE,
    EXTRA_FOUND,
    FOUND_MIN,
    FOUND_PROBABILITY,
    MIN_SHARED,
    NAME_DISCOUNT,
    NEAR_IDENTICAL,
    NOTHING_PROBABILITY,
    NUMBER_FOUND_MIN,
    PARAGRAPHS_PER_DOCUMENT,
    RULES_FOUND_MIN,
    SHARED_SHOWN,
    STORY_CANDIDATES,
    STORY_SHOWN,
    STORY_WORDS,
)
from nkterm.compare.prefilter import prefilter_for
from nkterm.compare.relations import predicate_share, relation_of
from nkterm.compare.results import (
    AGREES,
    RELATED_ONLY,
    WEAK,
    Corroboration,
    CorroborationReport,
    HasSpan,
    Passage,
)
from nkterm.compare.similarity import IdfFn, corpus_idf, make_weights, shared_keys, shown_terms
from nkterm.compare.story import closeness, story_vectors, story_words
from nkterm.compare.subject import act_share, another_actor, object_share, rest_share, same_actor
from nkterm.compare.units import HEADLINE, Unit, headline_span, passages, unit_of
from nkterm.compare.worddiff import word_ratio
from nkterm.models import Claim, Document

if TYPE_CHECKING:
    from nkterm.index import Index


def unit_at(doc: Document, claims: Sequence[Claim], offset: int) -> Passage | None:
    """The unit (claim or sentence) of ``doc`` containing ``offset``, else the nearest one."""
    units = passages(doc, claims)
    for p in units:
        if p.start <= offset < p.end:
            return p
    if not units:
        return None
    return min(units, key=lambda p: min(abs(p.start - offset), abs(p.end - 1 - offset)))


def name_discounted(query: Unit, unit: Unit, sim: float, shared: Sequence[tuple[float, str, str]]) -> float:
    """A corroboration's similarity: ``align``'s, with the part of it that names make counting
    ``NAME_DISCOUNT`` less. Across a whole corpus a passage that shares mostly the claim's names
    ("Aston Villa", "Bernie Ebbers") is about the same people, not the same fact; between two
    accounts of one story (``align``) the names are the story's and count in full, and so they
    do for a passage worded like the claim (``NEAR_IDENTICAL``: the same sentence)."""
    total = sum(w for w, _label, _key in shared)
    if not total:
        return sim
    names = query.names | unit.names
    named = sum(w for w, _label, key in shared if key in names)
    discounted = sim * (1 - NAME_DISCOUNT * named / total)
    if sim >= FOUND_MIN and word_ratio(query.passage.text, unit.passage.text) >= NEAR_IDENTICAL:
        return sim
    return discounted


def shared_number(shared: Sequence[tuple[float, str, str]]) -> str | None:
    """The label of the first number written in digits that the passage shares with the claim,
    a year alone aside ("in 2004" says too little to tell two events apart), and a small figure
    of nothing too (``bare_small``); number words are often part of a name ("Six Nations",
    "Three Gorges", "number one")."""
    for _w, label, key in shared:
        if (
            key.startswith("#")
            and not key.endswith("(year)")
            and any(ch.isdigit() for ch in label)
            and not bare_small(key)
        ):
            return label
    return None


def bare_small(key: str) -> bool:
    """Whether a number key ("#6 ", "#18 month") is a figure without a unit below
    ``BARE_NUMBER_MIN``: the games of a tennis score ("7-5 6-3" and "7-6 6-3" share "6" and
    "7"), a count of whatever ("3"): what any two reports of one sport or market share. A
    figure with a unit ("18-month", "six weeks", "£800m") or a larger one ("his 50th cap") is
    what tells one event from another."""
    if BARE_NUMBER_MIN is None:
        return False
    value, _space, unit = key[1:].partition(" ")
    if unit.strip():
        return False
    try:
        return float(value) < BARE_NUMBER_MIN
    except ValueError:
        return False


def event_words(query: Unit, documents: Sequence[Sequence[Unit]]) -> frozenset[str]:
    """The claim's keys that tell its event from its story's: no name, no year, and used by at
    most ``EVENT_DOCS`` of the candidate documents (``documents``: each one's units). The words
    every report of the story uses ("Kenteris", "doping", "charges") are in most candidates; the
    claim's own assertion ("acquittal", "appeal") in the few that report that step. None when
    no word of the claim is in more than ``EVENT_DOCS`` candidates: nothing stands out."""
    counts: Counter[str] = Counter()
    for units in documents:
        counts.update({key for u in units for key in u.keys if key in query.keys})
    if all(n <= EVENT_DOCS for n in counts.values()):
        return frozenset()  # no story words to stand out from (a small corpus): no event words
    return frozenset(
        key
        for key, n in counts.items()
        if n <= EVENT_DOCS and key not in query.names and not key.endswith("(year)")
    )


def found_verdict(
    sim: float,
    shared: Sequence[tuple[float, str, str]],
    raw: float | None = None,
    events: frozenset[str] = frozenset(),
) -> tuple[bool, str]:
    """Whether a match is *found* (not only weakly related), and what the reason shown adds:
    from ``FOUND_MIN`` up; from ``NUMBER_FOUND_MIN`` up when it shares one of the claim's
    numbers written in digits (a year aside: ``shared_number``): "Roddick ended his 18-month
    partnership with Brad Gilbert" for "Andy Roddick has ended an 18-month association with coach
    Brad Gilbert", whose shared names count half (``name_discounted``)."""
    if sim >= FOUND_MIN:
        return True, ""
    if NUMBER_FOUND_MIN is not None and sim >= NUMBER_FOUND_MIN and (number := shared_number(shared)):
        return True, f"shares the claim's number {number}"
    if EVENT_FOUND_MIN is not None and raw is not None and raw >= EVENT_FOUND_MIN:
        words = [label for _w, label, key in shared if key in events]
        if words:
            return True, f"shares the claim's event words {', '.join(words[:3])}"
    return False, ""


def features(
    c: Candidate,
    query: Unit,
    events: frozenset[str],
    candidates: Sequence[Candidate],
    wanted: Collection[str] | None = None,
) -> dict[str, float]:
    """What the found decision (``found_model.probability``) reads of one candidate passage:
    its similarity raw and name-discounted, and against the claim's best (and that best); whether it shares a
    number in digits or an event word of the claim (``shared_number``, ``event_words``), or is
    worded like the claim; how close its article is to the claim's (``story``), also against
    the closest candidate (and that closest); how its document was proposed (the claim's words, its document's key
    terms) and at which rank; whether the fixed rules (``found_verdict``) find it."""
    sims = [x.sim for x in candidates]
    stories = [x.story for x in candidates]
    total = sum(w for w, _l, _k in c.shared)
    names = query.names | c.unit.names
    ranks = [r for r in (c.claim_rank, c.story_rank) if r is not None]
    return {
        "sim": c.sim,
        "raw": c.raw,
        "sim_rel": c.sim / max(sims) if sims and max(sims) > 0 else 0.0,
        "sim_rank": 1 / (1 + rank_of(c.sim, sims)),
        "number": 1.0 if shared_number(c.shared) else 0.0,
        "event": 1.0 if any(key in events for _w, _l, key in c.shared) else 0.0,
        "names": sum(w for w, _l, key in c.shared if key in names) / total if total else 0.0,
        "near": 1.0  # (word_ratio is the dearest feature: read only when the model reads it)
        if (wanted is None or "near" in wanted)
        and word_ratio(query.passage.text, c.unit.passage.text) >= NEAR_IDENTICAL
        else 0.0,
        "story": c.story,
        "story_rel": c.story / max(stories) if stories and max(stories) > 0 else 0.0,
        "story_max": max(stories, default=0.0),  # a claim whose story the corpus tells has a close article
        "sim_max": max(sims, default=0.0),
        "by_claim": 1.0 if c.claim_rank is not None else 0.0,
        "by_story": 1.0 if c.story_rank is not None else 0.0,
        "doc_rank": 1 / (1 + min(ranks)) if ranks else 0.0,
        "rules": 1.0 if found_verdict(c.sim, c.shared, c.raw, events)[0] else 0.0,
        # session 16: whom the passage is about (``subject``) and how much of what it says besides names
        # (read only when the model reads them, as "near": session 16 tried them, the model does not)
        "other_actor": 1.0
        if (wanted is None or "other_actor" in wanted) and another_actor(query, c.unit)[0]
        else 0.0,
        "same_actor": 1.0
        if (wanted is None or "same_actor" in wanted) and same_actor(query, c.unit)
        else 0.0,
        "predicate": predicate_share(query, c.unit, c.shared)
        if wanted is None or "predicate" in wanted
        else 0.0,
        "act": act_share(query, c.unit, c.shared) if wanted is None or "act" in wanted else 0.0,
        # session 16 (actobj): the object of the claim's act, and the claim besides its actor's name
        "object": object_share(query, c.unit, c.shared) if wanted is None or "object" in wanted else 0.0,
        "rest": rest_share(query, c.unit, c.shared) if wanted is None or "rest" in wanted else 0.0,
    }


def found_by_model(gathered: Gathered, events: frozenset[str]) -> list[tuple[Candidate, str]]:
    """The found passages with corpus statistics, best first, and what each one's reason starts
    with: those ``found_verdict``'s rules find among the documents the claim's own words
    proposed (best similarity first) from ``RULES_FOUND_MIN`` up, but those about another actor than the claim's
    (``subject.another_actor``, with ``ANOTHER_ACTOR_VETO``: "Phil Vickery has been ruled out of
    ..." for "Jonny Wilkinson looks set to miss ..."), then at most ``EXTRA_FOUND`` more (with
    ``EXTRA_ELSEWHERE`` only from documents none of those is in), the likeliest by
    ``found_model.probability`` from ``FOUND_PROBABILITY`` up: the passages that the similarity
    alone cannot tell from those of other stories, found by how close their article is to the
    claim's, how they rank, and what they share."""
    candidates = gathered.candidates
    chosen: list[tuple[Candidate, str]] = []
    for c in candidates:
        if c.claim_rank is None:
            continue
        is_found, note = found_verdict(c.sim, c.shared, c.raw, events)
        if is_found and RULES_FOUND_MIN is not None and c.sim < RULES_FOUND_MIN:
            continue  # too loose for the rules across a corpus: left to the model
        if is_found and ANOTHER_ACTOR_VETO and another_actor(gathered.query, c.unit)[0]:
            continue  # about another actor: left to the model (``another_actor``)
        if is_found:
            chosen.append((c, "; ".join(x for x in (found_note(c), note) if x)))
    if FOUND_PROBABILITY is None or EXTRA_FOUND < 1:
        return chosen
    taken = {id(c) for c, _note in chosen}
    documents = {c.other.id for c, _note in chosen} if EXTRA_ELSEWHERE else set()
    scored = likeliest_first(
        gathered, events, [c for c in candidates if id(c) not in taken and c.other.id not in documents]
    )
    for p, c in scored[:EXTRA_FOUND]:
        if p >= FOUND_PROBABILITY:
            chosen.append(
                (
                    c,
                    f"{found_note(c)}; likely relevant (probability {p:.2f}, from its article and rank)",
                )
            )
    return chosen


def likeliest_first(
    gathered: Gathered, events: frozenset[str], candidates: Sequence[Candidate]
) -> list[tuple[float, Candidate]]:
    """``candidates`` (some of ``gathered``'s) with ``found_model.probability``, likeliest
    first (ties in their order): the one extra passage found, and the order of the weakly
    related ones (out of fold over the ten labelled claim sets, a relevant passage is in the
    first five for 100 of 114 discussed claims, against 92 in similarity order)."""
    query, every = gathered.query, gathered.candidates
    scored = [
        (probability(features(c, query, events, every, COEFFICIENTS)), k, c) for k, c in enumerate(candidates)
    ]
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [(p, c) for p, _k, c in scored]


def found_note(c: Candidate) -> str:
    """Why a found passage is shown, in a reader's words: how close its article is to the
    claim's, and what it shares (a number in digits first): "same story as the claim's article
    (0.61); shares 19-13, Kaplan, referee"."""
    number = shared_number(c.shared)
    words = [number] if number else []
    words += [t for t in shown_terms(c.shared, 4) if t != number]
    return f"{story_note(c)}; shares {', '.join(words[:4])}"


def story_note(c: Candidate) -> str:
    """How close the candidate's article is to the claim's, in words: "same story as the
    claim's article (0.61)" or "an article on another story (0.12)"."""
    if c.story >= STORY_SHOWN:
        return f"same story as the claim's article ({c.story:.2f})"
    return f"an article on another story ({c.story:.2f})"


def _candidate_query(query: Unit, text: str, corpus: tuple[IdfFn, int] | None) -> str:
    """What ``Index.more_like`` looks for: the claim's words that at most ``CANDIDATE_DF`` of the
    documents use (at least its ``CANDIDATE_WORDS`` rarest ones): the key terms of a short claim
    otherwise include words that half the corpus uses, and their postings are most of what a
    candidate search costs in a large corpus. Without corpus statistics: the claim's text."""
    if corpus is None:
        return text
    idf = corpus[0]
    floor = math.log(1 / CANDIDATE_DF) + 1  # Whoosh's IDF of a word in CANDIDATE_DF of the documents
    words = {
        surface: idf(word_stem)
        for key, stems in query.keys.items()
        if not key.startswith(("#", "@"))
        for word_stem, surface in stems.items()
    }
    ranked = sorted(words, key=lambda w: -words[w])
    kept = [w for w in ranked if words[w] >= floor]
    if len(kept) < CANDIDATE_WORDS:
        kept = ranked[:CANDIDATE_WORDS]
    return " ".join(kept) if kept else text


def corroborate(
    index: Index,
    doc_id: str,
    claim: HasSpan,
    limit: int = 10,
    *,
    candidates: int = CORROBORATION_CANDIDATES,
    per_document: int = 2,
) -> list[Corroboration]:
    """The passages of ``corroboration_report`` that are found, best first."""
    return list(
        corroboration_report(
            index, doc_id, claim, limit, candidates=candidates, per_document=per_document
        ).found
    )


def gather(
    index: Index,
    doc_id: str,
    claim: HasSpan,
    *,
    candidates: int = CORROBORATION_CANDIDATES,
    per_document: int = 2,
) -> Gathered | None:
    """Every passage elsewhere in the corpus that could discuss ``claim``, with what the found
    decision reads (``found_model.Candidate``), best similarity first, each text once; None for
    an empty claim. Candidate documents: ``Index.more_like`` of the claim's rarest words
    (``_candidate_query``) and, with corpus statistics, of its document's key terms
    (``STORY_CANDIDATES``: an article about the claim's story that words the claim otherwise).
    Raises KeyError for an unknown ``doc_id``."""
    doc = index.document(doc_id)
    start, end = max(0, claim.start), min(len(doc.text), claim.end)
    text = doc.text[start:end]
    if not text.strip():
        return None
    head = headline_span(doc)
    is_headline = head is not None and head[0] <= start and end <= head[1] + 1
    query = unit_of(Passage(start, end, text, tuple(getattr(claim, "kinds", ()) or ())))
    if not query.keys:
        return None
    corpus = corpus_idf(index)
    by_claim = [
        d
        for d, _s in index.more_like(_candidate_query(query, text, corpus), exclude=doc_id, limit=candidates)
    ]
    own = story_vectors([doc.text], index.idfs)[0] if corpus else {}
    by_story = (
        [
            d
            for d, _s in index.more_like(
                story_words(doc.text, own, STORY_WORDS), exclude=doc_id, limit=STORY_CANDIDATES
            )
        ]
        if corpus
        else []
    )
    order = list(dict.fromkeys([*by_claim, *by_story]))
    # a small corpus (no corpus IDF to rank paragraphs by) is cheap to read whole
    where = prefilter_for(query, corpus[0], PARAGRAPHS_PER_DOCUMENT) if corpus else prefilter_for(query)
    documents: list[tuple[Document, list[Unit]]] = []
    for other_id in order:
        other = index.document(other_id)
        units = [
            unit_of(p)
            for p in passages(other, index.claims(other_id), where=where)
            if (HEADLINE in p.kinds) == is_headline  # headlines only with headlines
        ]
        documents.append((other, units))
    # the story's documents are weighed beside the claim's words' without moving their norms:
    # the passages the rules find are the same with them as without
    weigh = make_weights(
        [query, *(u for d, units in documents if d.id in by_claim for u in units)],
        corpus,
        also=[u for d, units in documents if d.id not in by_claim for u in units],
    )
    found: list[Candidate] = []
    for other, units in documents:
        scored: list[tuple[float, float, int, list[tuple[float, str, str]]]] = []
        for k, u in enumerate(units):
            raw, shared = shared_keys(query, u, weigh)
            sim = name_discounted(query, u, raw, shared)
            if sim >= CORROBORATION_MIN and len(shared) >= MIN_SHARED:
                scored.append((sim, raw, k, shared))
        scored.sort(key=lambda x: (-x[0], x[2]))
        for sim, raw, k, shared in scored[:per_document]:
            found.append(
                Candidate(
                    sim=sim,
                    raw=raw,
                    other=other,
                    unit=units[k],
                    shared=shared,
                    claim_rank=by_claim.index(other.id) if other.id in by_claim else None,
                    story_rank=by_story.index(other.id) if other.id in by_story else None,
                    story=0.0,
                )
            )
    # story closeness only for the documents with a candidate passage
    if corpus and found:
        texts = {c.other.id: c.other.text for c in found}
        vectors = dict(zip(texts, story_vectors(list(texts.values()), index.idfs), strict=True))
        for c in found:
            c.story = closeness(own, vectors[c.other.id])
    found.sort(key=lambda c: (-c.sim, c.other.id, c.unit.passage.start))
    # the same passage in two documents (a corpus with duplicates, a syndicated story) once
    seen: set[str] = set()
    unique: list[Candidate] = []
    for c in found:
        key = " ".join(c.unit.passage.text.split()).casefold()
        if key not in seen:
            seen.add(key)
            unique.append(c)
    claim_units = [units for d, units in documents if d.id in by_claim]
    return Gathered(doc, query, unique, claim_units, corpus is not None)


def corroboration_report(
    index: Index,
    doc_id: str,
    claim: HasSpan,
    limit: int = 10,
    *,
    candidates: int = CORROBORATION_CANDIDATES,
    per_document: int = 2,
) -> CorroborationReport:
    """What the corpus says about ``claim`` (any span of ``doc_id``: a Claim, a Passage).

    The candidate passages are ``gather``'s: in each candidate document every unit is scored
    with ``align``'s similarity (names discounted, ``name_discounted``), and the best
    ``per_document`` scoring >= ``CORROBORATION_MIN`` (with ``MIN_SHARED`` shared keys) are
    kept. With corpus statistics a passage is *found* when ``found_model.probability`` of its
    features (similarity, shared numbers and event words, how close its article is to the
    claim's, its rank...) reaches ``FOUND_PROBABILITY``, best first; in a small corpus when
    ``found_verdict``'s rules say so. Found passages get ``relation_of``'s relation (a stricter
    bar for "agrees", ``CORROBORATION_AGREES``, since candidates come from a whole corpus); the
    rest are *weak* ("weakly related"). No found passage is the answer "no passage in the
    corpus discusses this" - unless weakly related passages reach ``NOTHING_PROBABILITY``
    (with corpus statistics): then the report counts them (``might``), each one's reason starts
    "might discuss it (probability 0.12)", and the answer says the corpus may discuss it after
    all. Each passage says whether its document is independent of the
    claim's (same source, near-duplicate, quotation) and which independent source it counts for.
    Raises KeyError for an unknown ``doc_id``."""
    gathered = gather(index, doc_id, claim, candidates=candidates, per_document=per_document)
    if gathered is None:
        return CorroborationReport((), (), 0)
    doc, query, unique = gathered.doc, gathered.query, gathered.candidates
    verdicts: dict[int, tuple[bool, str]] = {}
    might: dict[int, float] = {}  # weakly related passages that might discuss the claim: their probability
    if gathered.corpus:
        events = event_words(query, gathered.claim_units)
        chosen = found_by_model(gathered, events)
        verdicts = {id(c): (True, note) for c, note in chosen}
        strong_first = [c for c, _note in chosen]
        # the weakly related likeliest first: what `w` shows first is most often relevant
        rest = [c for c in unique if id(c) not in verdicts]
        if FOUND_PROBABILITY is not None:
            scored = likeliest_first(gathered, events, rest)
            rest = [c for _p, c in scored]
            if not chosen and NOTHING_PROBABILITY is not None:
                might = {id(c): p for p, c in scored if p >= NOTHING_PROBABILITY}
        unique = (strong_first + rest)[:limit]
        verdicts.update({id(c): (False, "") for c in unique if id(c) not in verdicts})
    else:
        unique = unique[:limit]
        # the event words only where a passage below FOUND_MIN could be found by them
        need_events = EVENT_FOUND_MIN is not None and any(
            c.sim < FOUND_MIN and c.raw >= EVENT_FOUND_MIN for c in unique
        )
        events = event_words(query, gathered.claim_units) if need_events else frozenset()
        verdicts = {id(c): found_verdict(c.sim, c.shared, c.raw, events) for c in unique}
    strong = [c for c in unique if verdicts[id(c)][0]]
    groups = independent_sources([doc, *{c.other.id: c.other for c in strong}.values()])
    group_of = {d.id: g for g in groups for d in g}
    own = {d.id for d in group_of[doc.id]}
    results_found: list[Corroboration] = []
    results_weak: list[Corroboration] = []
    for c in unique:
        other, unit, shared = c.other, c.unit, c.shared
        is_strong, note = verdicts[id(c)]
        if is_strong:
            relation, reason = relation_of(query, unit, c.raw, shared)
            if relation == AGREES and c.sim < CORROBORATION_AGREES:
                relation, reason = RELATED_ONLY, "same topic, too loosely matched to call agreement"
            if note:
                reason = f"{note}; {reason}"
        else:
            relation, reason = WEAK, "shares words only: " + ", ".join(shown_terms(shared, 3))
            if gathered.corpus:  # why a weak match with less similarity may come first
                reason = f"{reason}; {story_note(c)}"
                theirs, mine = another_actor(query, unit)
                if theirs:
                    reason = f"{reason}; about another actor: {theirs}, not {mine}"
                if id(c) in might:
                    reason = f"might discuss it (probability {might[id(c)]:.2f}); {reason}"
        independent = other.id not in own
        if is_strong and not independent:
            why = independence(doc, other).reasons or ("not independent of a source already counted",)
            reason = f"{reason}; not independent: {why[0]}"
        group = group_of.get(other.id, [other])
        result = Corroboration(
            doc_id=other.id,
            title=other.title,
            passage=unit.passage,
            similarity=c.sim,
            relation=relation,
            shared_terms=shown_terms(shared, SHARED_SHOWN),
            reason=reason,
            source=source_of(group[0]) or group[0].id,
            independent=independent,
        )
        (results_found if is_strong else results_weak).append(result)
    sources = len({id(group_of[c.doc_id]) for c in results_found if c.independent})
    shown_might = sum(1 for c in unique if id(c) in might)
    return CorroborationReport(tuple(results_found), tuple(results_weak), sources, shown_might)
