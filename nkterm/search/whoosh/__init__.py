"""The embedded default search backend, on Whoosh: the only package of nkterm that imports
Whoosh. ``schema`` (fields and analysis), ``storage`` (the folder read without mmap),
``store`` (opening, checking, the per-thread searcher, documents read back), ``writing``
(creating, clearing under the lock, writing Whoosh and the catalog in one commit order,
merging: imported on the first write), ``termstats`` (document frequencies, idf, key terms),
``stored`` (what a document is indexed as: searched fields, its id and content hash),
``parsing`` (nkterm's query tree as Whoosh queries), ``names`` (name variants), ``matching``
(fuzzy expansion, hit offsets), ``collect`` (gathering and ranking matches), ``vectorised``
(terms, phrases and prefixes scored with numpy as Whoosh scores them), ``postings`` (posting lists as
arrays), ``phrases`` (phrase matching from positions), ``suggest`` (did
you mean), ``backend`` (searching: the ``SearchBackend`` the library talks to). Documents,
sentences and claims are read from the catalog (``nkterm.catalog``)."""
