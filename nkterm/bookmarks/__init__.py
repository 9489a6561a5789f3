"""Bookmarks: passages of documents saved with a note and tags, as W3C Web Annotations.

The public API, re-exported from the modules that own each part:

- ``model``: ``Bookmark``, ``TextQuoteSelector``, ``TextPositionSelector``, ``ClaimRef``,
  ``Anchor`` and the errors (all subclasses of ``BookmarksError``);
- ``anchoring``: ``locate`` (re-anchoring in changed text);
- ``store``: ``BookmarkStore`` (the user's bookmarks: locking, read-modify-write, read-only);
- ``yamlfile``: the file format, per-entry validation, backups and the atomic replace;
- ``exchange``: Markdown / W3C JSON / CSV export, JSON import (``ImportReport``).

Headless: nothing here imports Textual or Whoosh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nkterm.lazy import lazy_exports

if TYPE_CHECKING:
    from nkterm.bookmarks.anchoring import locate
    from nkterm.bookmarks.exchange import ImportReport, looks_like_path
    from nkterm.bookmarks.model import (
        CONTEXT_CHARS,
        Anchor,
        Bookmark,
        BookmarkNotFound,
        BookmarksError,
        BookmarksLocked,
        BookmarksReadOnly,
        BookmarksWriteError,
        ClaimRef,
        InvalidBookmark,
        TextPositionSelector,
        TextQuoteSelector,
        quote_at,
    )
    from nkterm.bookmarks.store import BookmarkStore, default_path
    from nkterm.bookmarks.yamlfile import FORMAT_VERSION, InvalidEntry

# Each name is imported from its module when first asked for (PEP 562): the reader's start-up and
# the CLI's other commands import ``nkterm.bookmarks.query`` or ``.model`` without paying for the
# store, its file format and YAML (~60 ms), which only the workers and handlers that read or write
# bookmarks need.
_SOURCES = {
    "locate": "nkterm.bookmarks.anchoring",
    "ImportReport": "nkterm.bookmarks.exchange",
    "looks_like_path": "nkterm.bookmarks.exchange",
    "BookmarkStore": "nkterm.bookmarks.store",
    "default_path": "nkterm.bookmarks.store",
    "FORMAT_VERSION": "nkterm.bookmarks.yamlfile",
    "InvalidEntry": "nkterm.bookmarks.yamlfile",
}

__getattr__ = lazy_exports(__name__, _SOURCES, "nkterm.bookmarks.model")


__all__ = [
    "CONTEXT_CHARS",
    "FORMAT_VERSION",
    "Anchor",
    "Bookmark",
    "BookmarkNotFound",
    "BookmarkStore",
    "BookmarksError",
    "BookmarksLocked",
    "BookmarksReadOnly",
    "BookmarksWriteError",
    "ClaimRef",
    "ImportReport",
    "InvalidBookmark",
    "InvalidEntry",
    "TextPositionSelector",
    "TextQuoteSelector",
    "default_path",
    "locate",
    "looks_like_path",
    "quote_at",
]
