"""The index folder's ``manifest.json`` read without Whoosh: what the document list shows.

The reader's first list comes from here, before ``nkterm.index`` (and Whoosh, ~50-130 ms to
import, plus opening the index) is loaded: the index worker reads the manifest, posts the list,
and only then opens the index to check it (generation, schema and claims versions) and bring it
up to date, which replaces a stale list. ``nkterm.index`` writes the manifest and uses
``summaries_of`` for its own, checked list. Must not import Whoosh or Textual.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from nkterm.files import read_file
from nkterm.models import DocSummary

META_FILE = "nkterm-index.json"
MANIFEST_FILE = "manifest.json"
INDEX_NAME = "MAIN"
MAX_MANIFEST_BYTES = 1 << 30  # ~250 bytes a document: far above any corpus nkterm can index
_TOC = re.compile(rf"^_{INDEX_NAME}_(\d+)\.toc$")  # Whoosh's table of contents, one per generation


def summaries_of(docs: dict[str, Any]) -> list[DocSummary]:
    """The list's rows from the manifest's ``docs``, sorted by id. Positional arguments and no
    ``int()`` of what is already an int: 20,000 rows build in half the time."""
    out: list[DocSummary] = []
    append = out.append
    for doc_id, d in sorted(docs.items()):
        words, claims, strong = d.get("words", 0), d.get("claims", 0), d.get("check_worthy", 0)
        append(
            DocSummary(
                doc_id,
                d.get("title", doc_id),
                d.get("source", ""),
                words if type(words) is int else int(words or 0),
                claims if type(claims) is int else int(claims or 0),
                strong if type(strong) is int else int(strong or 0),
                d.get("path", ""),
            )
        )
    return out


def latest_generation(directory: Path) -> int:
    """The newest index generation in ``directory`` as Whoosh counts it (the highest numbered
    table of contents), or -1 when there is none."""
    try:
        names = os.listdir(directory)
    except OSError:
        return -1
    return max((int(m.group(1)) for m in map(_TOC.match, names) if m), default=-1)


def quick_summaries(directory: Path) -> list[DocSummary] | None:
    """The document list as the manifest has it, when the manifest belongs to the newest
    generation of the index beside it; None when there is no index, no manifest, or a stale
    one. Unchecked otherwise (schema, claims version, readable segments): the caller opens the
    index afterwards and replaces the list if it was wrong."""
    directory = Path(directory)
    if not (directory / META_FILE).is_file():
        return None
    try:  # non-blocking and regular files only: a FIFO in its place cannot hang the start
        data = json.loads(read_file(directory / MANIFEST_FILE, limit=MAX_MANIFEST_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("docs"), dict):
        return None
    generation = data.get("generation")
    if not isinstance(generation, int) or generation < 0 or generation != latest_generation(directory):
        return None
    try:
        return summaries_of(data["docs"])
    except (AttributeError, TypeError, ValueError):  # a hand-edited manifest: the index says
        return None
