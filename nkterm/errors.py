"""The errors nkterm's library raises with a message meant for the user.

Owns the exception types that every face catches: the CLI prints them as one line, the reader
as a notification, a notebook shows them as they are. They live here, not beside the code that
raises them, so that catching one never imports Whoosh (``nkterm.index`` raises the index
errors) or the bookmark store. Imports nothing; never Textual or Whoosh.
"""

from __future__ import annotations


class NktermError(Exception):
    """Something the user must be told about, with a readable message (never a traceback)."""


class IndexError(NktermError):  # the name nkterm.index has always exported
    """An index problem the user must be told about (with a readable message)."""


class IndexLocked(IndexError):
    """Another process holds the index write lock."""


class IndexMissing(IndexError):
    """There is no usable index yet: run ``nkterm index``."""


def without_advice(problem: BaseException | str) -> str:
    """An index problem's message without its advice to run ``nkterm index``: for the faces
    that rebuild the index themselves and say so."""
    return str(problem).split(": run `nkterm index`")[0]


class IndexDamaged(IndexError):
    """A file of the index is missing, truncated or corrupt: ``nkterm index`` rebuilds it."""


class BadRequest(NktermError, ValueError):
    """A request the library cannot answer as asked: an offset past the end of a document, a
    quote that is not in it, an occurrence it does not have."""


class DocumentNotFound(NktermError, LookupError):
    """No document with that id in the corpus or the index (or the id is not a valid one)."""
