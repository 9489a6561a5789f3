"""The embedded default search backend, on Whoosh: the only package of nkterm that imports
Whoosh. ``schema`` (fields and analysis), ``storage`` (the folder read without mmap),
``store`` (opening, locking, repair, writing, stored documents), ``stored`` (documents <->
stored fields), ``parsing`` (nkterm's query tree as Whoosh queries), ``names`` (name
variants), ``matching`` (fuzzy expansion, hit offsets), ``suggest`` (did you mean),
``backend`` (searching: the ``SearchBackend`` the library talks to)."""
