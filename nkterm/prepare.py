"""A build worker's half: one corpus file read and each of its documents made ready for the
writer (``prepare``: claims detected, stored fields encoded, the catalog's row and the manifest's
entry made), in a worker process (``prepare_chunk``, results spooled) or in the building process
itself. ``nkterm.build`` runs it and writes what it gives. Must not import Textual.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkterm.catalog import Record, record_of
from nkterm.corpus import Entry, Problem
from nkterm.manifest import entry_of
from nkterm.models import Claim, Document
from nkterm.search.whoosh.stored import encode
from nkterm.spool import put, release_memory


@dataclass(frozen=True)
class Prepared:
    """One document made ready for the writer (picklable: it may come from another process)."""

    id: str
    unchanged: bool = False
    fields: dict[str, Any] | None = None
    manifest: dict[str, Any] | None = None
    record: Record | None = None  # the catalog's row (nkterm.catalog)


@dataclass(frozen=True)
class PreparedFile:
    """The documents of one file (many for a web archive or a feed) and its problems."""

    problems: list[Problem]
    documents: list[Prepared] = field(default_factory=list)


def prepare_chunk(jobs: list[tuple[Path, Entry, dict[str, str | None], frozenset[str]]], spool: str) -> str:
    """A worker's task: the chunk's files prepared and pickled into the file ``spool`` (read
    back by ``nkterm.spool.take``), then the heap the chunk freed handed back.

    The cyclic collector runs once after each file, on the young generation only, instead of
    every 700 new containers: a document's work keeps thousands of them alive at once (tokens,
    spans, evidence), which each automatic pass walked again and pushed to the older
    generations that the next passes walk too, while what a document leaves as garbage in
    cycles (the speaker resolver and what it holds, ~90 containers) is all young when it ends.
    BBC, one worker's loop: the collector's CPU 0.13-0.19 -> 0.06-0.07 ms a document (its passes
    walk memory: -1% instructions), peak RSS not up. The older generations are collected once
    per chunk; the collector is on again after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        done: list[PreparedFile] = []
        for job in jobs:
            done.append(prepare(*job))
            gc.collect(0)
        put(spool, done)
        del done
    finally:
        if collecting:
            gc.enable()
    gc.collect(1)
    release_memory()
    return spool


def warm_up() -> None:
    """A worker's first task: what every document needs imported and loaded (the file readers,
    the claims detector and its model), while the building process learns the recurring lines."""
    from nkterm.corpus import load_documents  # noqa: F401 - imported to be loaded

    try:
        from nkterm.claims import detect_document  # noqa: F401 - imported to be loaded
        from nkterm.claims.model import load_model
    except ImportError:
        return
    load_model()


def prepare(
    corpus: Path, entry: Entry, old_hashes: dict[str, str | None], recurring: frozenset[str] = frozenset()
) -> PreparedFile:
    """Read one file (a PDF, an archive: in the capped reader process) and make each of its
    documents ready; a document whose content hash is in ``old_hashes`` is only restamped.
    ``recurring``: the corpus's recurring lines, never claims."""
    from nkterm.corpus import load_documents  # here: a no-change update reads no file (nor YAML)

    docs, problems = load_documents(corpus, entry)
    out: list[Prepared] = []
    for doc in docs:
        old_hash = old_hashes.get(doc.id)
        if old_hash is not None and old_hash == doc.content_hash:
            out.append(Prepared(doc.id, unchanged=True))
            continue
        claims = _detect(doc, recurring)
        manifest = entry_of(doc, claims, entry.stamp)
        if doc.id != entry.id:
            manifest["file"] = entry.id
        fields = encode(doc, claims)
        out.append(
            Prepared(doc.id, fields=fields, manifest=manifest, record=record_of(doc, claims, manifest))
        )
    return PreparedFile(problems, out)


def _detect(doc: Document, recurring: frozenset[str] = frozenset()) -> list[Claim]:
    try:
        from nkterm.claims import detect_document
    except ImportError:
        return []
    return detect_document(doc, recurring=recurring)
