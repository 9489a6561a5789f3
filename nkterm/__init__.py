"""nkterm: a keyboard-driven terminal reader for first-hand accounts and news reports.

The Python API is one call: ``nkterm.open(corpus, index)`` returns a ``nkterm.library.Library``
(documents, search, claims, compare, corroborate, bookmarks, update; docs/api.md). Importing
``nkterm`` must never import Textual or Whoosh: this module holds the version and ``open``, which
loads the library when called.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkterm.library import Library, ProgressFn

__version__ = "0.1.0"


def open(
    corpus: str | os.PathLike[str] | None = None,
    index: str | os.PathLike[str] | None = None,
    *,
    bookmarks: str | os.PathLike[str] | None = None,
    update: bool = True,
    progress: ProgressFn | None = None,
) -> Library:
    """The library of ``corpus`` (default: ``$NKTERM_CORPUS``, else the bundled seeds), its
    index (default: ``$NKTERM_INDEX``, else nkterm's folder for that corpus) brought up to date
    unless ``update=False``, and the user's bookmarks. See ``nkterm.library.open_library``."""
    from nkterm.library import open_library

    return open_library(corpus, index, bookmarks=bookmarks, update=update, progress=progress)


# not "open": `from nkterm import *` must not shadow the builtin; write nkterm.open(...)
__all__ = ["__version__"]
