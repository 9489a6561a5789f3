"""``align``: the pairs of two documents' units that say the same thing, and what only one
of them says; ``compare_texts``: how ``align`` sees two passages on their own.

Must not import Textual, nor Whoosh directly.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Sequence

from nkterm.analysis import analyze
from nkterm.compare import params, relations, units, worddiff
from nkterm.compare.independence import clear_caches as clear_shingles
from nkterm.compare.independence import independence
from nkterm.compare.matching import max_weight_matching
from nkterm.compare.measure import mark_subjects
from nkterm.compare.params import (
    CROSS_CONFLICTS,
    MIN_SHARED,
    SAME_MIN,
    SHARED_SHOWN,
    SLOT_CONFLICT_BONUS,
    THRESHOLD,
    TOPIC_SHARE,
)
from nkterm.compare.relations import normalised, relation_of, slot_conflict
from nkterm.compare.results import DIFFERS, RELATED_ONLY, UNPAIRED, Alignment, Pair, Passage
from nkterm.compare.similarity import IdfSpec, make_weights, shared_keys, shown_terms, similarity_bound
from nkterm.compare.slots import refer_dates
from nkterm.compare.units import HEADLINE, Unit, passages, unit_of
from nkterm.compare.worddiff import word_changes
from nkterm.models import Claim, Document

IDENTICAL_BONUS = 10.0  # an identical pair outweighs any other edge in the matching


def _subject_names(doc: Document) -> set[str]:
    """Stems of the names of the people a document is about: each account names its own subject
    ("Binsky said", "Gellman said"), which is no evidence that two passages match."""
    return {term for name in (*doc.people, *doc.authors) for term, _s, _e in analyze(name)}


def _topic_keys(units_a: Sequence[Unit], units_b: Sequence[Unit]) -> set[str]:
    """The words both documents keep using (in >= ``TOPIC_SHARE`` of the units of each, e.g.
    "North Korea" in two accounts of North Korea): their common subject. They add to the
    similarity, but a pair must also share something else."""
    df_a: Counter[str] = Counter(k for u in units_a for k in u.keys if not k.startswith(("~", "#")))
    df_b: Counter[str] = Counter(k for u in units_b for k in u.keys if not k.startswith(("~", "#")))
    least_a = max(2.0, TOPIC_SHARE * len(units_a))
    least_b = max(2.0, TOPIC_SHARE * len(units_b))
    return {k for k, n in df_a.items() if n >= least_a and df_b[k] >= least_b}


def _figure_units(unit: Unit) -> frozenset[str]:
    """The units of a passage's figures, years aside ("job", "%"): two passages with one in common
    may give one measure's two values (``measure.measure_slot``)."""
    return frozenset(q.key for q in unit.numbers if q.key and not q.year)


def align(
    doc_a: Document,
    doc_b: Document,
    claims_a: Sequence[Claim] = (),
    claims_b: Sequence[Claim] = (),
    *,
    idf: IdfSpec = None,
    threshold: float = THRESHOLD,
) -> Alignment:
    """Pair the units of two documents that say substantially the same thing, each pair with
    its relation (``relations.relation_of``) and, when near-identical, its changed words.

    ``idf`` is a term -> IDF function (``Index.idf``), or ``(function, document count)`` as
    ``corpus_idf`` returns it; None computes IDF over the units of the two documents. A unit is
    paired at most once: the pairs are a maximum-weight matching of those scoring >= ``threshold``
    with >= ``MIN_SHARED`` shared keys. Every unit ends up in exactly one pair or one "only" list.
    """
    # Thousands of small objects that all live on (the prepared passages in their caches): a
    # collection while they are made is wasted work (a full pass over the process's heap on a
    # first comparison, ~20 ms of it at 20k documents); they are collected after.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _align(doc_a, doc_b, claims_a, claims_b, idf=idf, threshold=threshold)
    finally:
        if gc_was_enabled:
            gc.enable()


def _align(
    doc_a: Document,
    doc_b: Document,
    claims_a: Sequence[Claim] = (),
    claims_b: Sequence[Claim] = (),
    *,
    idf: IdfSpec = None,
    threshold: float = THRESHOLD,
) -> Alignment:
    """``align`` itself (with the cycle collector paused)."""
    drop = frozenset(_subject_names(doc_a) | _subject_names(doc_b))
    units_a = [unit_of(p, drop) for p in passages(doc_a, claims_a)]
    units_b = [unit_of(p, drop) for p in passages(doc_b, claims_b)]
    refer_dates(units_a)
    refer_dates(units_b)
    weigh = make_weights([*units_a, *units_b], idf)

    postings: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(units_b):
        for key in u.keys:
            postings[key].append(j)
    edges: list[tuple[int, int, float]] = []
    found: dict[tuple[int, int], list[tuple[float, str, str]]] = {}
    sims: dict[tuple[int, int], float] = {}
    topic = _topic_keys(units_a, units_b)
    # identical sentences always pair (a document compared with itself pairs everything)
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(units_b):
        by_text[normalised(u.passage.text)].append(j)
    # (off by default: then nothing is read for it)
    measure_on = params.MEASURE_SLOTS and threshold > params.MEASURE_MIN
    figures = [_figure_units(u) for u in units_a] if measure_on else []
    figures_b = [_figure_units(u) for u in units_b] if measure_on else []
    if measure_on and params.MEASURE_WHOSE:  # whose figure: whom each document is about
        mark_subjects(units_a)
        mark_subjects(units_b)
    for i, u in enumerate(units_a):
        head = HEADLINE in u.passage.kinds
        counts: dict[int, int] = {}  # unit of B -> keys shared (a dict: Counter.update costs more)
        for key in u.keys:
            for j in postings.get(key, ()):
                counts[j] = counts.get(j, 0) + 1
        for j in by_text.get(normalised(u.passage.text), ()):
            sim, shared = shared_keys(u, units_b[j], weigh)
            edges.append((i, j, IDENTICAL_BONUS + sim))
            sims[(i, j)] = 1.0
            found[(i, j)] = shared
        for j, n_shared in counts.items():
            if n_shared < MIN_SHARED or (i, j) in found or head != (HEADLINE in units_b[j].passage.kinds):
                continue  # headlines are compared with headlines only
            # figures of one unit on both sides may be one measure's two values from MEASURE_MIN
            least = params.MEASURE_MIN if measure_on and figures[i] & figures_b[j] else threshold
            if similarity_bound(u, units_b[j]) < least:
                continue  # (most candidates: the exact similarity, which is no more, is not needed)
            sim, shared = shared_keys(u, units_b[j], weigh)
            if sim < least:
                continue
            # a same-slot conflict (a denial and the charge it denies) must be able to win over a
            # partner that merely shares more words, and it is evidence enough to pair on the
            # documents' common topic alone
            if sim < threshold:  # (below the pairing bar only one measure's two values pair)
                slot = relations.measure_conflict(u, units_b[j], sim)
                if not slot:
                    continue
            else:
                slot = slot_conflict(u, units_b[j], sim)
            # a pair must share more than the documents' common topic, unless headlines (which
            # say little else) or close enough to be one proposition
            if slot or head or sim >= SAME_MIN or any(key not in topic for _w, _l, key in shared):
                edges.append((i, j, sim + (SLOT_CONFLICT_BONUS if slot else 0.0)))
                sims[(i, j)] = sim
                found[(i, j)] = shared
    matching = max_weight_matching(len(units_a), len(units_b), edges)
    pairs: list[Pair] = []
    for i, j in matching:
        similarity = min(1.0, sims[(i, j)])
        relation, reason = relation_of(units_a[i], units_b[j], similarity, found[(i, j)])
        a, b = units_a[i].passage, units_b[j].passage
        changes = word_changes(a.text, b.text, a.start, b.start) if reason != "identical text" else None
        pairs.append(
            Pair(
                a=a,
                b=b,
                similarity=similarity,
                relation=relation,
                shared_terms=shown_terms(found[(i, j)], SHARED_SHOWN),
                reason=reason,
                changes_a=changes[0] if changes else (),
                changes_b=changes[1] if changes else (),
            )
        )
    pairs.sort(key=lambda p: (-p.similarity, p.a.start, p.b.start))
    paired_a = {i for i, _ in matching}
    paired_b = {j for _, j in matching}
    also = _also_differs(units_a, units_b, set(matching), sims, found) if CROSS_CONFLICTS else ()
    return Alignment(
        a_id=doc_a.id,
        b_id=doc_b.id,
        pairs=tuple(pairs),
        only_a=tuple(u.passage for i, u in enumerate(units_a) if i not in paired_a),
        only_b=tuple(u.passage for j, u in enumerate(units_b) if j not in paired_b),
        independence=independence(doc_a, doc_b),
        also_differs=also,
    )


def _also_differs(
    units_a: Sequence[Unit],
    units_b: Sequence[Unit],
    matched: set[tuple[int, int]],
    sims: dict[tuple[int, int], float],
    found: dict[tuple[int, int], list[tuple[float, str, str]]],
) -> tuple[Pair, ...]:
    """The conflicts the one-to-one matching leaves out: a candidate pair not in it, as close as
    an agreement must be (similarity >= ``SAME_MIN``), whose units conflict. A passage may say
    what one passage of the other document says and contradict another ("Mr Ebbers rejected
    allegations he pressured ex-chief financial officer Scott Sullivan ..." is paired with
    "Sullivan admitted ...", and still contradicts "Scott Sullivan implicated his colleague").
    Below ``SAME_MIN`` such conflicts were mostly wrong on the labelled pairs (a denial of the
    charges against "could face a sentence ... if convicted of all the charges"), and the
    matching's own pairs are judged from ``THRESHOLD`` (docs/compare.md, session 12)."""
    out: list[Pair] = []
    for (i, j), sim in sims.items():
        if sim < SAME_MIN or sim >= 1.0 or (i, j) in matched:
            continue
        relation, reason = relation_of(units_a[i], units_b[j], sim, found[(i, j)])
        if relation != DIFFERS:
            continue
        out.append(
            Pair(
                a=units_a[i].passage,
                b=units_b[j].passage,
                similarity=sim,
                relation=relation,
                shared_terms=shown_terms(found[(i, j)], SHARED_SHOWN),
                reason=reason,
            )
        )
    out.sort(key=lambda p: (-p.similarity, p.a.start, p.b.start))
    return tuple(out)


def clear_caches() -> None:
    """Forget every prepared passage (``units.unit_of``'s, the actors of ``relations``, the words
    of ``worddiff`` and the documents' shingles of ``independence``): the
    next ``align`` prepares its documents as on a first comparison. For benchmarks and tests;
    the caches are bounded, so nothing else needs it."""
    units.clear_caches()
    relations.clear_caches()
    worddiff.clear_caches()
    clear_shingles()


def compare_texts(
    text_a: str, text_b: str, *, idf: IdfSpec = None
) -> tuple[float, str, str, tuple[str, ...]]:
    """How ``align`` sees two passages on their own: (similarity, relation, reason, shared
    terms), with IDF over the two passages unless given. For tests and for explaining."""
    a = unit_of(Passage(0, len(text_a), text_a))
    b = unit_of(Passage(0, len(text_b), text_b))
    sim, shared = shared_keys(a, b, make_weights([a, b], idf))
    relation, reason = relation_of(a, b, sim, shared)
    if sim < THRESHOLD and relation == RELATED_ONLY:
        relation, reason = UNPAIRED, "too little in common: align would not pair them"
    return sim, relation, reason, tuple(label for _w, label, _key in shared)
