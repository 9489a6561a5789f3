"""``corroborate``: the passages elsewhere in the corpus that discuss what a claim says, and
``unit_at``, the unit around an offset.

Reaches the corpus only through ``nkterm.index.Index`` methods. Must not import Textual, nor
Whoosh directly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from nkterm.compare.independence import independence, independent_sources, source_of
from nkterm.compare.params import (
    BARE_NUMBER_MIN,
    CANDIDATE_DF,
    CANDIDATE_WORDS,
    CORROBORATION_AGREES,
    CORROBORATION_CANDIDATES,
    CORROBORATION_MIN,
    EVENT_DOCS,
    EVENT_FOUND_MIN,
    FOUND_MIN,
    MIN_SHARED,
    NAME_DISCOUNT,
    NEAR_IDENTICAL,
    NUMBER_FOUND_MIN,
    PARAGRAPHS_PER_DOCUMENT,
    SHARED_SHOWN,
)
from nkterm.compare.prefilter import prefilter_for
from nkterm.compare.relations import relation_of
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
    """The passages of ``corroboration_report`` that pass ``FOUND_MIN``, best first."""
    return list(
        corroboration_report(
            index, doc_id, claim, limit, candidates=candidates, per_document=per_document
        ).found
    )


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

    Candidate documents come from ``Index.more_like`` (the Whoosh key terms of the claim); in
    each, every unit is scored with ``align``'s similarity, and the best ``per_document``
    scoring >= ``CORROBORATION_MIN`` (with ``MIN_SHARED`` shared keys) are kept. Those from
    ``FOUND_MIN`` up are *found*, with ``relation_of``'s relation (a stricter bar for "agrees",
    ``CORROBORATION_AGREES``, since candidates come from a whole corpus); the rest are *weak*
    ("weakly related"). No found passage is the answer "no passage in the corpus discusses
    this". Each passage says whether its document is independent of the claim's (same source,
    near-duplicate, quotation) and which independent source it counts for.
    Raises KeyError for an unknown ``doc_id``."""
    doc = index.document(doc_id)
    start, end = max(0, claim.start), min(len(doc.text), claim.end)
    text = doc.text[start:end]
    empty = CorroborationReport((), (), 0)
    if not text.strip():
        return empty
    head = headline_span(doc)
    is_headline = head is not None and head[0] <= start and end <= head[1] + 1
    query = unit_of(Passage(start, end, text, tuple(getattr(claim, "kinds", ()) or ())))
    if not query.keys:
        return empty
    corpus = corpus_idf(index)
    found = index.more_like(_candidate_query(query, text, corpus), exclude=doc_id, limit=candidates)
    # a small corpus (no corpus IDF to rank paragraphs by) is cheap to read whole
    where = prefilter_for(query, corpus[0], PARAGRAPHS_PER_DOCUMENT) if corpus else prefilter_for(query)
    documents: list[tuple[Document, list[Unit]]] = []
    for other_id, _score in found:
        other = index.document(other_id)
        units = [
            unit_of(p)
            for p in passages(other, index.claims(other_id), where=where)
            if (HEADLINE in p.kinds) == is_headline  # headlines only with headlines
        ]
        documents.append((other, units))
    all_units = [query] + [u for _doc, units in documents for u in units]
    weigh = make_weights(all_units, corpus)
    scored_all: list[tuple[float, Document, Unit, list[tuple[float, str, str]]]] = []
    raw_similarity: dict[int, float] = {}  # align's similarity, which the relation rules are set for
    for other, units in documents:
        scored: list[tuple[float, int, list[tuple[float, str, str]]]] = []
        for k, u in enumerate(units):
            raw, shared = shared_keys(query, u, weigh)
            raw_similarity[id(u)] = raw
            sim = name_discounted(query, u, raw, shared)
            if sim >= CORROBORATION_MIN and len(shared) >= MIN_SHARED:
                scored.append((sim, k, shared))
        scored.sort(key=lambda x: (-x[0], x[1]))
        scored_all.extend((sim, other, units[k], shared) for sim, k, shared in scored[:per_document])
    scored_all.sort(key=lambda x: (-x[0], x[1].id, x[2].passage.start))
    # the same passage in two documents (a corpus with duplicates, a syndicated story) once
    seen: set[str] = set()
    unique = []
    for item in scored_all:
        key = " ".join(item[2].passage.text.split()).casefold()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    unique = unique[:limit]
    # the event words only where a passage below FOUND_MIN could be found by them
    need_events = EVENT_FOUND_MIN is not None and any(
        sim < FOUND_MIN and raw_similarity[id(unit)] >= EVENT_FOUND_MIN for sim, _o, unit, _s in unique
    )
    events = event_words(query, [units for _doc, units in documents]) if need_events else frozenset()
    verdicts = {
        id(item[2]): found_verdict(item[0], item[3], raw_similarity[id(item[2])], events) for item in unique
    }
    strong = [item for item in unique if verdicts[id(item[2])][0]]
    groups = independent_sources([doc, *{item[1].id: item[1] for item in strong}.values()])
    group_of = {d.id: g for g in groups for d in g}
    own = {d.id for d in group_of[doc.id]}
    results_found: list[Corroboration] = []
    results_weak: list[Corroboration] = []
    for sim, other, unit, shared in unique:
        is_strong, note = verdicts[id(unit)]
        if is_strong:
            relation, reason = relation_of(query, unit, raw_similarity[id(unit)], shared)
            if relation == AGREES and sim < CORROBORATION_AGREES:
                relation, reason = RELATED_ONLY, "same topic, too loosely matched to call agreement"
            if note:
                reason = f"{note}; {reason}"
        else:
            relation, reason = WEAK, note or "shares words only: " + ", ".join(shown_terms(shared, 3))
        independent = other.id not in own
        if is_strong and not independent:
            why = independence(doc, other).reasons or ("not independent of a source already counted",)
            reason = f"{reason}; not independent: {why[0]}"
        group = group_of.get(other.id, [other])
        result = Corroboration(
            doc_id=other.id,
            title=other.title,
            passage=unit.passage,
            similarity=sim,
            relation=relation,
            shared_terms=shown_terms(shared, SHARED_SHOWN),
            reason=reason,
            source=source_of(group[0]) or group[0].id,
            independent=independent,
        )
        (results_found if is_strong else results_weak).append(result)
    sources = len({id(group_of[c.doc_id]) for c in results_found if c.independent})
    return CorroborationReport(tuple(results_found), tuple(results_weak), sources)
