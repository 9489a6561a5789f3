"""A corpus's recurring lines for the index build: learned once, kept in the index's manifest.

Lines that stand in many documents of a corpus (an agency's "Copyright ... All rights
reserved", "Distributed by ...", a byline, "Share this article") are page furniture, never
claims (``furniture.recurring_lines``). They can only be learned from the whole corpus, so the
build learns them in one cheap pass over the raw text files before detection and passes the set
to every detection. Owns when the set is learned and where it is kept:

- learned on a full build (a new or rebuilt index, or an update that re-reads at least half of
  the corpus), when the index holds no set yet, and when the corpus has grown by half since the
  set was learned (the share a line needs moves with the corpus);
- otherwise read back from the manifest: an update of one file reads that file only.

A refreshed set applies to the documents (re)indexed from then on; claims stored earlier keep
the set they were detected with until the next full build. Reads plain text files only (a PDF
or an archive costs a reader process: its lines are not learned). Pure Python; must not import
textual or whoosh.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from nkterm.claims.furniture import recurring_lines

log = logging.getLogger(__name__)

KEY = "claims_recurring"  # the manifest's entry
FORMAT = 1
READ_BYTES = 256 * 1024  # of each file: furniture stands at the start and the end of short files
GROWTH = 1.5  # learned again when the corpus has this many times the files it was learned from


def learn(paths: Sequence[Path]) -> tuple[frozenset[str], int]:
    """The recurring lines of the text files ``paths`` and how many files were read (a file
    that cannot be read is left out: the build reports it when it reads it for real)."""
    read = 0

    def texts() -> Iterator[str]:
        nonlocal read
        for path in paths:
            try:
                with path.open("rb") as f:
                    data = f.read(READ_BYTES)
            except OSError:
                continue
            read += 1
            yield data.decode("utf-8", errors="replace")

    lines = recurring_lines(texts())
    return lines, read


def for_update(manifest: dict[str, Any], paths: Sequence[Path], *, full: bool) -> frozenset[str]:
    """The recurring lines an update passes to detection: the manifest's set, or a set learned
    from ``paths`` now (and stored in ``manifest``, written with it) when ``full`` is true, the
    manifest holds none or the corpus has grown by half since it was learned."""
    stored = manifest.get(KEY)
    if not full and isinstance(stored, dict) and stored.get("format") == FORMAT:
        lines, files = stored.get("lines"), stored.get("files")
        if (
            isinstance(lines, list)
            and all(isinstance(line, str) for line in lines)
            and type(files) is int
            and len(paths) <= max(files, 1) * GROWTH
        ):
            return frozenset(lines)
    found, read = learn(paths)
    manifest[KEY] = {
        "format": FORMAT,
        "files": read,
        "learned": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "lines": sorted(found),
    }
    if found:
        log.info("%d recurring lines learned from %d files", len(found), read)
    return found
