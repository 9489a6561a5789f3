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
