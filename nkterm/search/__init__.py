"""Search: the backend protocol (``api``), nkterm's query language (``query``) and the embedded
default backend (``whoosh``, the only package that imports Whoosh)."""
