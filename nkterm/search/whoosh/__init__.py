"""The embedded default search backend, on Whoosh: the only package of nkterm that imports
Whoosh. ``schema`` (fields and analysis), ``storage`` (the folder read without mmap),
``store`` (opening, locking, repair, writing Whoosh and the catalog in one commit order),
``stored`` (what a document is indexed as: searched fields, its id and content hash),
``parsing`` (nkterm's query tree as Whoosh queries), ``names`` (name variants), ``matching``
(fuzzy expansion, hit offsets), ``collect`` (gathering and ranking matches), ``vectorised``
(terms and phrases scored with numpy as Whoosh scores them), ``postings`` (posting lists as
arrays), ``phrases`` (phrase matching from positions), ``suggest`` (did
you mean), ``backend`` (searching: the ``SearchBackend`` the library talks to). Documents,
sentences and claims are read from the catalog (``nkterm.catalog``)."""
