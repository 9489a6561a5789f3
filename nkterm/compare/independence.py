"""Whether two documents are independent accounts (``independence``): not when they come from
the same source (metadata ``source``, or the agency of their datelines, ``nkterm.dateline``),
when their texts are near-duplicates (Jaccard similarity of word shingles >= ``NEAR_DUPLICATE``),
or when one quotes the other (a run of >= ``QUOTED_WORDS`` words of one inside the other).
``independent_sources`` groups documents that are not independent of each other, for counting
the sources behind a corroboration. Pure: imports no Textual, no Whoosh.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from nkterm.compare.params import NEAR_DUPLICATE, QUOTED_WORDS, SHINGLE
from nkterm.compare.results import Independence
from nkterm.dateline import find_dateline
from nkterm.models import Document

_WORD_RE = re.compile(r"\w+")


@functools.lru_cache(maxsize=64)
def _shingles(text: str) -> tuple[list[int], frozenset[int]]:
    """The hashes of the text's ``SHINGLE``-word shingles, in order and as a set (memoised: a
    corroboration compares one document with many)."""
    if text.isascii():  # casefolding ASCII changes no word's extent: fold the text once
        words = _WORD_RE.findall(text.lower())
    else:
        words = [w.casefold() for w in _WORD_RE.findall(text)]
    # the shingles as tuples of SHINGLE neighbours (zip stops at the last whole one)
    hashes = list(map(hash, zip(*(words[k:] for k in range(SHINGLE)), strict=False)))
    return hashes, frozenset(hashes)


def clear_caches() -> None:
    """Forget the documents' shingles (``_shingles``)."""
    _shingles.cache_clear()


def _longest_shared_run(hashes_a: list[int], set_b: frozenset[int]) -> int:
    """The most words in a row of A that are in B too (runs of shared shingles)."""
    best = run = 0
    for h in hashes_a:
        if h in set_b:
            run += 1
            if run > best:
                best = run
        else:
            run = 0
    return best + SHINGLE - 1 if best else 0


def source_of(doc: Document) -> str:
    """The document's source: its metadata ``source``, else the agency of its dateline."""
    if doc.source.strip():
        return doc.source.strip()
    dateline = find_dateline(doc.text)
    return dateline.agency or "" if dateline is not None else ""


def independence(a: Document, b: Document) -> Independence:
    """Why ``a`` and ``b`` are not independent accounts, if they are not."""
    reasons: list[str] = []
    source_a, source_b = source_of(a), source_of(b)
    if source_a and source_a.casefold() == source_b.casefold():
        reasons.append(f"same source: {source_a}")
    list_a, shingles_a = _shingles(a.text)
    _list_b, shingles_b = _shingles(b.text)
    union = len(shingles_a | shingles_b)
    overlap = len(shingles_a & shingles_b) / union if union else 0.0
    if a.id == b.id:
        reasons.append("the same document")
    elif overlap >= NEAR_DUPLICATE:
        reasons.append(f"near-duplicate text: {overlap:.0%} of word shingles shared")
    else:
        run = _longest_shared_run(list_a, shingles_b)
        if run >= QUOTED_WORDS:
            reasons.append(f"one quotes the other: {run} words in a row are the same")
    return Independence(not reasons, tuple(reasons), overlap)


def independent_sources(docs: Sequence[Document]) -> list[list[Document]]:
    """The documents grouped so that no two groups are dependent (union of every dependent
    pair): each group counts as one independent source."""
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if find(i) != find(j) and not independence(docs[i], docs[j]).independent:
                parent[find(i)] = find(j)
    groups: dict[int, list[Document]] = {}
    for i, doc in enumerate(docs):
        groups.setdefault(find(i), []).append(doc)
    return list(groups.values())
