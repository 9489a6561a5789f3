"""Search: the backend protocol (``api``), nkterm's query language (``query``: one parse into the
query tree of ``querytree``, by the grammar of ``queryparse``) and the embedded default backend
(``whoosh``, the only package that imports Whoosh)."""
