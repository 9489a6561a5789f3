"""Reading a corpus: files -> ``Document`` objects with metadata, ids and problems.

``discover`` finds the document files and their sidecars (no reading); ``decode`` turns bytes
into text; ``fields`` reads front matter and sidecars into a document's fields, and
``inferred`` adds the date, source and place the metadata does not give; ``load`` puts them
together per file, per corpus and per id; ``readers/`` has one module per rich format (HTML,
PDF, EPUB, DOCX, WARC, feeds), read in a capped child process. Bad input never raises out of
``load_corpus``. Must not import Textual or Whoosh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# imported now, not on first use: the name is also its submodule's, which a lazy look-up would
# give instead of the function once another module had imported the submodule (and it is light)
from nkterm.corpus.decode import decode
from nkterm.lazy import lazy_exports

if TYPE_CHECKING:
    from nkterm.corpus.discover import (
        ALL_SUFFIXES,
        DOC_SUFFIXES,
        MAX_DOCUMENT_BYTES,
        MAX_SIDECAR_BYTES,
        MAX_TITLE,
        SIDECAR_SUFFIXES,
        Entry,
        Problem,
        doc_id_for,
        scan,
        valid_doc_id,
    )
    from nkterm.corpus.load import Corpus, load_corpus, load_documents, load_entry, read_document
    from nkterm.errors import DocumentNotFound

# Each name is imported from its module when first asked for (PEP 562): a search of a current
# index asks only which files are documents (``discover``), and must not pay for reading them
# (``load``: front matter, YAML sidecars, inferred dates and sources).
_SOURCES = {
    "Corpus": "nkterm.corpus.load",
    "load_corpus": "nkterm.corpus.load",
    "load_documents": "nkterm.corpus.load",
    "load_entry": "nkterm.corpus.load",
    "read_document": "nkterm.corpus.load",
    "DocumentNotFound": "nkterm.errors",
}

__getattr__ = lazy_exports(__name__, _SOURCES, "nkterm.corpus.discover")


__all__ = [
    "ALL_SUFFIXES",
    "DOC_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "MAX_SIDECAR_BYTES",
    "MAX_TITLE",
    "SIDECAR_SUFFIXES",
    "Corpus",
    "DocumentNotFound",
    "Entry",
    "Problem",
    "decode",
    "doc_id_for",
    "load_corpus",
    "load_documents",
    "load_entry",
    "read_document",
    "scan",
    "valid_doc_id",
]
