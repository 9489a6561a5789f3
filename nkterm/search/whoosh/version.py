"""The Whoosh index's schema version (re-exported by ``schema``), in a module that imports no
Whoosh: a no-change update compares it with the index folder's before anything opens the index
(``nkterm.library``, ``nkterm.freshness.recorded_scan``)."""

from __future__ import annotations

# 2: sentence spans stored; 3: folded words, Hangul bigrams, joined given names; 4: dates and
# sources inferred (file names, datelines) and stored as unscored filter fields; 5: no spelling
# field (the spelling list is in memory, nkterm.search.whoosh.spelling); 6: documents, sentences
# and claims in the catalog (nkterm.catalog), Whoosh stores only ids and content hashes; 7: a
# document's claims in its catalog row (catalog version 3: the quick no-change update, which
# opens no catalog, must not take an index of the old layout for current)
SCHEMA_VERSION = 7
SCHEMA_CHANGE = (
    "words are now folded so that P'yŏngyang = Pyongyang, Hangul is searchable, documents "
    "have dates and sources from file names and datelines, fuzzy words use a word list "
    "in memory, and documents and claims are kept in a catalog beside the search index, "
    "each document's claims in its row"
)
