"""Claim alignment between two documents, and corroboration across the corpus.

Owns ``align`` (which passages of two documents say substantially the same thing, and whether
they agree or differ), ``corroborate`` (which passages elsewhere in the corpus discuss a claim),
their frozen results (``Passage``, ``Pair``, ``Alignment``, ``Corroboration``) and the small word
tables the method uses. The method is lexical and explainable, so that every pair can say why
it was made; docs/compare.md describes it in full:

* A document is cut into *units* (``units``): its claims where the claim detector found them
  (score >= ``WEAK_CLAIM``), its sentences everywhere else; boilerplate sections are left out.
* A unit is a set of *keys*: the index's own stemmed terms (``nkterm.analysis.analyze``, so
  "photographer" and "photographs" meet) minus function words; a word of the related-terms
  table ``RELATED_WORDS`` (``words``: "locals" and "people", "guides" and "rules") stands for
  its group; a number becomes a ``number + unit`` key ("3 days").
* A key weighs its IDF (``similarity``): the corpus's (``Index.idf``) for a large enough index,
  else an IDF over the units of the two documents; common words (``COMMON_WORDS``) weigh less.
  Similarity is the weight of the shared keys over the geometric mean of the two units' weights
  (a weighted Ochiai coefficient, in [0, 1]); a match through a group counts ``RELATED_FACTOR``
  of an exact one, and a short unit counts as ``MIN_WORDS`` words long.
* Pairs scoring >= ``THRESHOLD`` that share >= ``MIN_SHARED`` keys, not all of them the two
  documents' common topic, are the edges of a bipartite graph; the pairing (``alignment``) is a
  maximum-weight matching of it (``matching``: exact, by successive shortest paths), so a unit
  is paired at most once.
* ``relations`` says what a pair is: ``agrees`` (the same proposition), ``differs`` (the same
  slot with incompatible values: numbers beyond rounding, read by the shared ``nkterm.numbers``;
  opposite polarity; contradicting testimony; a denial of the act the other asserts) or
  ``related``, and ``reason`` says which rule fired. A same-slot conflict (``slot_conflict``)
  weighs ``SLOT_CONFLICT_BONUS`` more in the matching, so a denial finds the charge it denies.
* ``corroboration`` scores the passages of the documents ``Index.more_like`` proposes the same
  way, reading only what the ``prefilter`` lets through.

This module only gathers the public names; import from ``nkterm.compare``. Must not import
Textual, nor Whoosh directly: the corpus is reached only through ``nkterm.index.Index`` methods
and ``nkterm.analysis.analyze`` (no Whoosh), which return plain data.
"""

from __future__ import annotations

from nkterm.compare.alignment import align, clear_caches, compare_texts
from nkterm.compare.corroboration import corroborate, corroboration_report, unit_at
from nkterm.compare.independence import independence, independent_sources, source_of
from nkterm.compare.matching import max_weight_matching
from nkterm.compare.params import (
    CANDIDATE_DF,
    CANDIDATE_WORDS,
    CORROBORATION_AGREES,
    CORROBORATION_CANDIDATES,
    CORROBORATION_MIN,
    FOUND_MIN,
    MIN_CORPUS_DOCS,
    MIN_SHARED,
    MIN_WORDS,
    NEGATION_SCOPE,
    NUMBER_DF,
    PARAGRAPHS_PER_DOCUMENT,
    RELATED_FACTOR,
    SHARED_SHOWN,
    SLOT_CONFLICT_BONUS,
    THRESHOLD,
    TOPIC_SHARE,
    WEAK_CLAIM,
)
from nkterm.compare.relations import conflict_of, relation_of, slot_conflict
from nkterm.compare.results import (
    AGREES,
    DIFFERS,
    MEANINGS,
    RELATED_ONLY,
    UNPAIRED,
    WEAK,
    Alignment,
    Change,
    Corroboration,
    CorroborationReport,
    HasSpan,
    Independence,
    Pair,
    Passage,
)
from nkterm.compare.similarity import IdfFn, IdfSpec, corpus_idf
from nkterm.compare.units import passages
from nkterm.compare.worddiff import word_changes
from nkterm.compare.words import (
    COMMON_FACTOR,
    COMMON_STEMS,
    COMMON_WORDS,
    EVALUATION_AXES,
    EVALUATION_WORDS,
    FUNCTION_WORDS,
    NEGATION_RE,
    PHRASE_PATTERNS,
    RELATED,
    RELATED_WORDS,
    stem,
)

__all__ = [
    "AGREES",
    "CANDIDATE_DF",
    "CANDIDATE_WORDS",
    "COMMON_FACTOR",
    "COMMON_STEMS",
    "COMMON_WORDS",
    "CORROBORATION_AGREES",
    "CORROBORATION_CANDIDATES",
    "CORROBORATION_MIN",
    "DIFFERS",
    "EVALUATION_AXES",
    "EVALUATION_WORDS",
    "FOUND_MIN",
    "FUNCTION_WORDS",
    "MEANINGS",
    "MIN_CORPUS_DOCS",
    "MIN_SHARED",
    "MIN_WORDS",
    "NAME_DISCOUNT",
    "NEGATION_RE",
    "NEGATION_SCOPE",
    "NUMBER_DF",
    "PARAGRAPHS_PER_DOCUMENT",
    "PHRASE_PATTERNS",
    "RELATED",
    "RELATED_FACTOR",
    "RELATED_ONLY",
    "RELATED_WORDS",
    "SHARED_SHOWN",
    "SLOT_CONFLICT_BONUS",
    "THRESHOLD",
    "TOPIC_SHARE",
    "UNPAIRED",
    "WEAK",
    "WEAK_CLAIM",
    "Alignment",
    "Change",
    "Corroboration",
    "CorroborationReport",
    "HasSpan",
    "IdfFn",
    "IdfSpec",
    "Independence",
    "Pair",
    "Passage",
    "align",
    "clear_caches",
    "compare_texts",
    "conflict_of",
    "corpus_idf",
    "corroborate",
    "corroboration_report",
    "independence",
    "independent_sources",
    "max_weight_matching",
    "passages",
    "relation_of",
    "slot_conflict",
    "source_of",
    "stem",
    "unit_at",
    "word_changes",
]
