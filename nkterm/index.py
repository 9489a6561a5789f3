"""The index of a corpus: the search backend (``nkterm.search.whoosh``), the catalog
(``nkterm.catalog``: the documents, sentences and claims) and nkterm's own files in its folder —
``nkterm-index.json`` (schema and claims versions, corpus path) and the manifest (per document:
file stamp, content hash and what the document list shows), written atomically after each
commit and tied to the index generation. ``update`` is ``nkterm.build.update``.

A commit writes the backend first, then the catalog (recording the backend generation it
agrees with), then the manifest. A run killed between the first two leaves the catalog a
generation behind: ``check`` compares the two by id and content hash and takes every document
they disagree on out of both, and the update that follows indexes those again from their files.
Nothing committed to both is lost. Imports no Whoosh itself; must not import Textual.

The names the rest of nkterm (and its tests and benchmarks) imported from here when this module
held the whole index are re-exported; those of ``nkterm.build`` load it on first use, so that
opening and searching a current index never imports the build. Owns ``claims_version``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm.catalog import Catalog
from nkterm.errors import IndexDamaged, IndexError, IndexLocked, IndexMissing  # re-exported
from nkterm.files import write_json
from nkterm.manifest import (
    LIST_FILE,
    MANIFEST_FILE,
    META_FILE,
    claims_version,
    compact,
    list_data,
    list_rows,
    read_rows,
    summaries_of_rows,
)
from nkterm.manifest import unfinished as manifest_unfinished
from nkterm.models import DocSummary
from nkterm.search.api import BAD_QUERY, UNRUNNABLE_QUERY  # re-exported
from nkterm.search.query import query_text as _query_text
from nkterm.search.whoosh.backend import WhooshBackend
from nkterm.search.whoosh.names import expand_names as _expand_names
from nkterm.search.whoosh.schema import SCHEMA_CHANGE, SCHEMA_VERSION, analyze, body_analyzer, make_schema
from nkterm.search.whoosh.spelling import SPELLING_FILE

if TYPE_CHECKING:
    from nkterm.build import (
        BATCH,
        PARALLEL_MIN,
        PREPARE_AHEAD,
        PREPARE_CHUNK,
        UNFINISHED_MIN,
        Prepared,
        PreparedFile,
        ProgressFn,
        UpdateReport,
        prepare,
    )
    from nkterm.corpus import Entry, Problem

# re-exported from nkterm.build, which is imported on first use: a search of a current index
# never loads the build (its process pool, the corpus readers, the claim detector's helpers)
_FROM_BUILD = frozenset(
    {
        "BATCH",
        "PARALLEL_MIN",
        "PREPARE_AHEAD",
        "PREPARE_CHUNK",
        "UNFINISHED_MIN",
        "Prepared",
        "PreparedFile",
        "ProgressFn",
        "UpdateReport",
        "prepare",
    }
)


def __getattr__(name: str) -> Any:
    if name in _FROM_BUILD:
        from nkterm import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BAD_QUERY",
    "BATCH",
    "MANIFEST_FILE",
    "META_FILE",
    "PARALLEL_MIN",
    "PREPARE_AHEAD",
    "PREPARE_CHUNK",
    "SCHEMA_CHANGE",
    "SCHEMA_VERSION",
    "UNFINISHED_MIN",
    "UNRUNNABLE_QUERY",
    "Index",
    "IndexDamaged",
    "IndexError",
    "IndexLocked",
    "IndexMissing",
    "Prepared",
    "PreparedFile",
    "ProgressFn",
    "UpdateReport",
    "_expand_names",
    "_query_text",
    "analyze",
    "body_analyzer",
    "claims_version",
    "make_schema",
    "prepare",
]


class Index(WhooshBackend):
    """A corpus folder and its index. Thread-safe for reading: one searcher per thread."""

    def __init__(self, corpus: Path, directory: Path) -> None:
        super().__init__(corpus, directory, Catalog(Path(directory)))
        self._manifest: dict[str, Any] | None = None
        # the generation whose list file has the rows of the manifest's compact entries (the
        # list written with them); None: no list to trust, the catalog has the rows
        self._listed: int | None = None

    def update(
        self,
        progress: ProgressFn | None = None,
        *,
        lock_timeout: float = 2.0,
        scanned: tuple[list[Entry], list[Problem]] | None = None,
    ) -> UpdateReport:
        """Bring the index in line with the corpus (``nkterm.build.update``; ``scanned``: the
        corpus's scan when the caller has just made it)."""
        from nkterm.build import update

        return update(self, progress, lock_timeout=lock_timeout, scanned=scanned)

    def check(self) -> dict[str, Any]:
        """Open the index, its catalog, its manifest and every segment, and make the catalog
        and the backend agree (``update`` rebuilds when this raises: IndexMissing for a
        missing or outdated index, anything else for damage)."""
        ix = self._open()
        self._check_readable()
        if self.catalog.generation() != ix.latest_generation():
            self.reconcile()
        manifest = self.manifest()
        if any("title" in d for d in manifest["docs"].values()):  # written before compact entries
            self._write_manifest()
        return manifest

    def reconcile(self) -> list[str]:
        """Take every document the backend and the catalog disagree on (by id and content
        hash: a run killed between their commits) out of both, so that the next update
        indexes it again; returns their ids."""
        differ = self.catalog.differences(self.indexed_hashes())
        self.apply((), differ, lock_timeout=2.0, merge=False)
        (self.directory / SPELLING_FILE).unlink(missing_ok=True)  # rebuilt from the catalog
        with self._spelling_lock:
            self._spelling = None
        self._manifest = None
        return differ

    def write_manifest(self) -> None:
        """Save the manifest and the document list as they are now (same generation)."""
        self._write_manifest()

    # .. the folder's versions ..

    def _check_meta(self, meta: dict[str, Any]) -> None:
        if meta.get("claims_version") != claims_version():
            raise IndexMissing(
                f"the claim detector changed since the index in {self.directory} was built "
                "(its claims are stale): run `nkterm index` to rebuild it"
            )

    def _meta_extra(self) -> dict[str, Any]:
        return {"claims_version": claims_version()}

    # .. the manifest ..

    def _created(self) -> None:
        self._manifest = {"generation": -1, "docs": {}}

    def _before_commit(self) -> None:
        self.manifest()  # loaded: the commit moves it to the new generation

    def _committed(self, generation: int) -> None:
        if self._manifest is not None:
            self._manifest["generation"] = generation
            self._write_manifest()

    def manifest(self) -> dict[str, Any]:
        """Per-document stamps and list data, checked against the index generation."""
        if self._manifest is not None:
            return self._manifest
        ix = self._open()
        generation = ix.latest_generation()
        try:
            data = json.loads((self.directory / MANIFEST_FILE).read_text("utf-8"))
            if (
                isinstance(data, dict)
                and data.get("generation") == generation
                and isinstance(data.get("docs"), dict)
            ):
                self._manifest = data
                self._listed = generation
                return data
        except (OSError, ValueError):
            pass
        # missing or stale (a run killed between commit and manifest): rebuild it from the catalog
        self._manifest = {"generation": generation, "docs": self.stored_entries()}
        self._listed = None
        self._write_manifest()
        return self._manifest

    def unfinished(self) -> bool:
        """Whether a large build was interrupted (killed, or stopped by an error): the next
        update finishes it, which takes a while. Reads only the manifest file."""
        return manifest_unfinished(self.directory)

    def _rows(self) -> list[list[Any]]:
        """The list's rows of the manifest as it is in memory (``nkterm.manifest.list_rows``):
        a compact entry's row from the list file written with it, else from the catalog."""
        assert self._manifest is not None
        previous = None if self._listed is None else read_rows(self.directory, self._listed)
        return list_rows(self._manifest["docs"], previous, self.stored_entries)

    def _write_manifest(self) -> None:
        """The manifest, then the reader's first list (``LIST_FILE``), both of this generation;
        then the entries kept in memory are compacted (their rows are in the list)."""
        if self._manifest is None:
            return
        rows = self._rows()
        docs: dict[str, Any] = self._manifest["docs"]
        generation = self._manifest["generation"]
        write_json(self.directory / MANIFEST_FILE, {**self._manifest, "docs": _compacted(docs)})
        write_json(self.directory / LIST_FILE, list_data(generation, rows))
        del rows
        for doc_id, entry in docs.items():  # the same dict: the build holds it
            if "title" in entry:
                docs[doc_id] = compact(entry)
        self._listed = generation

    def summaries(self) -> list[DocSummary]:
        """What the document list shows, for every document: the list file of this generation
        (the catalog's entries where it is missing or stale)."""
        manifest = self.manifest()
        docs, generation = manifest["docs"], int(manifest["generation"])
        if self._listed == generation and not any("title" in d for d in docs.values()):
            rows = read_rows(self.directory, generation)
            if rows is not None and len(rows) == len(docs) and all(i in rows for i in docs):
                return summaries_of_rows([rows[i] for i in sorted(docs)])
        return summaries_of_rows(self._rows())

    def __len__(self) -> int:
        return len(self.manifest()["docs"])


def _compacted(docs: dict[str, Any]) -> dict[str, Any]:
    return {doc_id: compact(entry) for doc_id, entry in docs.items()}
