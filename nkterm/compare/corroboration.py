"""``corroborate``: the passages elsewhere in the corpus that discuss what a claim says, and
``unit_at``, the unit around an offset.

Reaches the corpus only through ``nkterm.index.Index`` methods. Must not import Textual, nor
Whoosh directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nkterm.compare.params import (
    CORROBORATION_AGREES,
    CORROBORATION_CANDIDATES,
    CORROBORATION_MIN,
    MIN_SHARED,
    PARAGRAPHS_PER_DOCUMENT,
    SHARED_SHOWN,
    THRESHOLD,
)
from nkterm.compare.prefilter import prefilter_for
from nkterm.compare.results import AGREES, RELATED_ONLY, Corroboration, HasSpan, Passage
from nkterm.compare.similarity import corpus_idf, make_weights, relation_of, shared_keys
from nkterm.compare.units import Unit, passages, unit_of
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


def corroborate(
    index: Index,
    doc_id: str,
    claim: HasSpan,
    limit: int = 10,
    *,
    candidates: int = CORROBORATION_CANDIDATES,
    per_document: int = 2,
) -> list[Corroboration]:
    """Passages elsewhere in the corpus that discuss what ``claim`` (any span of ``doc_id``:
    a Claim, a Passage) says, best first.

    Candidate documents come from ``Index.more_like`` (the Whoosh key terms of the claim); in
    each, every unit is scored with ``align``'s similarity, and the best ``per_document``
    scoring >= ``CORROBORATION_MIN`` (with ``MIN_SHARED`` shared keys) are kept. A passage that
    would make an ``align`` pair (>= ``THRESHOLD``) and trips a conflict rule is DIFFERS; one
    without a conflict is AGREES from ``CORROBORATION_AGREES`` up, a stricter bar than
    ``align``'s because candidates come from a whole corpus rather than from a second account
    of the same story, so a moderate similarity often means only the same topic; anything
    else is RELATED_ONLY: about the same thing, too loosely matched to judge.
    Raises KeyError for an unknown ``doc_id``."""
    doc = index.document(doc_id)
    start, end = max(0, claim.start), min(len(doc.text), claim.end)
    text = doc.text[start:end]
    if not text.strip():
        return []
    query = unit_of(Passage(start, end, text, tuple(getattr(claim, "kinds", ()) or ())))
    if not query.keys:
        return []
    found = index.more_like(text, exclude=doc_id, limit=candidates)
    corpus = corpus_idf(index)
    # a small corpus (no corpus IDF to rank paragraphs by) is cheap to read whole
    where = prefilter_for(query, corpus[0], PARAGRAPHS_PER_DOCUMENT) if corpus else prefilter_for(query)
    documents: list[tuple[Document, list[Unit]]] = []
    for other_id, _score in found:
        other = index.document(other_id)
        units = [unit_of(p) for p in passages(other, index.claims(other_id), where=where)]
        documents.append((other, units))
    all_units = [query] + [u for _doc, units in documents for u in units]
    weigh = make_weights(all_units, corpus)
    results: list[Corroboration] = []
    for other, units in documents:
        scored: list[tuple[float, int, list[tuple[float, str, str]]]] = []
        for k, u in enumerate(units):
            sim, shared = shared_keys(query, u, weigh)
            if sim >= CORROBORATION_MIN and len(shared) >= MIN_SHARED:
                scored.append((sim, k, shared))
        scored.sort(key=lambda x: (-x[0], x[1]))
        for sim, k, shared in scored[:per_document]:
            relation, reason = relation_of(query, units[k]) if sim >= THRESHOLD else (RELATED_ONLY, "")
            if relation == AGREES and sim < CORROBORATION_AGREES:
                relation = RELATED_ONLY
            results.append(
                Corroboration(
                    doc_id=other.id,
                    title=other.title,
                    passage=units[k].passage,
                    similarity=sim,
                    relation=relation,
                    shared_terms=tuple(label for _w, label, _key in shared[:SHARED_SHOWN]),
                    reason=reason,
                )
            )
    results.sort(key=lambda c: (-c.similarity, c.doc_id, c.passage.start))
    # the same passage in two documents (a corpus with duplicates, a syndicated story) once
    seen: set[str] = set()
    unique: list[Corroboration] = []
    for c in results:
        text = " ".join(c.passage.text.split()).casefold()
        if text not in seen:
            seen.add(text)
            unique.append(c)
    return unique[:limit]
