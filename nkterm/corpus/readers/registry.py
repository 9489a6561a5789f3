"""Which file names are documents of which format, and the reader for each.

Plain text (``.txt``, ``.md``) stays with ``nkterm.corpus``; every other format has a reader
module here. Importing this module imports no format library (each reader imports its own
when it runs), nor the reader modules themselves: each is imported when it first reads a file,
so knowing which files are documents (a search's freshness check) costs none of them. Must
not import Textual or Whoosh.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkterm.corpus.readers.base import FileResult

MB = 1024 * 1024


def _reader(module: str, name: str) -> Callable[..., FileResult]:
    """The function ``name`` of ``nkterm.corpus.readers.MODULE``, imported on its first call."""

    def read(*args: Any) -> FileResult:
        function: Callable[..., FileResult] = getattr(
            importlib.import_module(f"{__package__}.{module}"), name
        )
        return function(*args)

    read.__name__ = read.__qualname__ = name
    return read


@dataclass(frozen=True, slots=True)
class Format:
    """A document format: its name, file name endings, the largest file read, its reader."""

    name: str
    suffixes: tuple[str, ...]
    max_bytes: int
    read_bytes: Callable[[bytes, str], FileResult] | None = None
    read_path: Callable[[Path, str], FileResult] | None = None  # reads the file itself (streams)
    many: bool = False  # one document per record (ids: file id + "#" + record key)


FORMATS: tuple[Format, ...] = (
    Format("HTML", (".html", ".htm", ".xhtml"), 50 * MB, read_bytes=_reader("web", "read_html")),
    Format("PDF", (".pdf",), 256 * MB, read_bytes=_reader("pdf", "read_pdf")),
    Format("EPUB", (".epub",), 256 * MB, read_bytes=_reader("epub", "read_epub")),
    Format("DOCX", (".docx",), 256 * MB, read_bytes=_reader("word", "read_docx")),
    Format("WARC", (".warc", ".warc.gz"), 4096 * MB, read_path=_reader("warc", "read_warc"), many=True),
    Format(
        "RSS/Atom", (".rss", ".atom", ".xml"), 50 * MB, read_bytes=_reader("feeds", "read_feed"), many=True
    ),
)
SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
_BY_SUFFIX = sorted(((s, f) for f in FORMATS for s in f.suffixes), key=lambda x: -len(x[0]))


def format_for(name: str) -> Format | None:
    """The format of a file by its name (case-insensitive; ``.warc.gz`` before ``.gz``)."""
    lower = name.lower()
    for suffix, fmt in _BY_SUFFIX:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return fmt
    return None


def stem(name: str) -> str:
    """``name`` without its format's ending (``crawl.warc.gz`` -> ``crawl``)."""
    fmt = format_for(name)
    if fmt is None:
        return name.rsplit(".", 1)[0] if "." in name[1:] else name
    lower = name.lower()
    suffix = next(s for s in sorted(fmt.suffixes, key=len, reverse=True) if lower.endswith(s))
    return name[: len(name) - len(suffix)]


LIBRARIES = ("trafilatura", "lxml", "pypdf", "python-docx", "warcio", "feedparser")


def _normalised(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _installed_versions() -> dict[str, str]:
    """{distribution: version} from the names of the ``NAME-VERSION.dist-info`` folders on
    ``sys.path`` (the first of each name, as imports find it): one listing per folder, where
    ``importlib.metadata`` cost ~20-40 ms CPU to import and parse six METADATA files, a
    twentieth of a no-change ``nkterm index`` at 20,000 documents."""
    import sys

    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info"):
                dist, _sep, version = entry[: -len(".dist-info")].partition("-")
                if version:
                    found.setdefault(_normalised(dist), version)
    return found


def _metadata_version(name: str) -> str:
    """The version ``importlib.metadata`` finds (an install without a dist-info folder), "?"
    when the library is not installed."""
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


@functools.cache
def readers_version() -> str:
    """A fingerprint of the extraction: the readers' code and the versions of their libraries.
    When it changes, files of these formats are read again (a document whose text changed is
    re-indexed, and its bookmarks re-anchor as after an edit)."""
    digest = hashlib.sha1(usedforsecurity=False)
    installed = _installed_versions()
    for name in LIBRARIES:
        version = installed.get(_normalised(name)) or _metadata_version(name)
        digest.update(f"{name}={version};".encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
