"""Readers for the formats researchers keep beside plain text: HTML pages, PDF, EPUB, DOCX,
web archives (WARC) and RSS/Atom feeds.

Each format has one module; ``registry`` maps file names to them; ``capped`` runs them in a
child process with a time and memory cap, so one hostile file cannot stall or exhaust a build.
Every reader returns plain data (``base.FileResult``). Must not import Textual or Whoosh.
"""

from __future__ import annotations

from nkterm.corpus.readers.base import Extracted, FileResult, ReaderError
from nkterm.corpus.readers.registry import FORMATS, SUFFIXES, Format, format_for, stem

__all__ = ["FORMATS", "SUFFIXES", "Extracted", "FileResult", "Format", "ReaderError", "format_for", "stem"]
