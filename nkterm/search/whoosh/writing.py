"""Changing the Whoosh index in a folder: creating or clearing it under the write lock (deleting
only files an index owns), the writer behind ``nkterm.search.api.BackendWriter`` (Whoosh, the
catalog and the spelling list changed in step), the commit order (Whoosh, then the catalog with
the new generation, then the spelling list and the manifest) and merging segments.

``nkterm.search.whoosh.store.WhooshStore`` calls these on first write: a process that only
searches never imports them (nor Whoosh's writer, the postings pool, the catalog's writer).
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path
from typing import Any, Protocol

from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from nkterm.catalog import CATALOG_FILES, Catalog, CatalogWriter
from nkterm.errors import IndexError, IndexLocked
from nkterm.files import write_json
from nkterm.freshness import SCAN_FILE
from nkterm.manifest import INDEX_NAME, LIST_FILE, MANIFEST_FILE, META_FILE
from nkterm.search.api import Upsert
from nkterm.search.whoosh import spelling as spelling_list
from nkterm.search.whoosh.schema import SCHEMA_VERSION, make_schema, with_fast_fields
from nkterm.search.whoosh.segwriter import PoolSegmentWriter
from nkterm.search.whoosh.spelling import SPELLING_FILE, Spelling, words_of
from nkterm.search.whoosh.storage import Storage
from nkterm.search.whoosh.stored import WORDS


class WhooshStore(Protocol):
    """What of ``nkterm.search.whoosh.store.WhooshStore`` writing uses (named here, not
    imported: the store imports this module)."""

    corpus: Path
    directory: Path
    catalog: Catalog
    messages: list[str]
    _ix: Any
    _spelling: tuple[int, Spelling] | None
    _spelling_lock: threading.Lock

    def close(self) -> None: ...
    def _open(self) -> Any: ...
    def spelling(self) -> Spelling: ...
    def _meta_extra(self) -> dict[str, Any]: ...
    def _created(self) -> None: ...
    def _before_commit(self) -> None: ...
    def _committed(self, generation: int) -> None: ...


def create(store: WhooshStore, reason: str | None) -> Any:
    """Start a fresh, empty index. Deletes only files that are the index's own (never a
    folder of other files given by mistake as --index), and only while holding the
    write lock, so a rebuild never pulls an index out from under a running writer."""
    store.close()
    directory = store.directory
    if directory.exists():
        foreign = [c.name for c in directory.iterdir() if not owned(c.name)]
        if foreign:
            raise IndexError(
                f"{directory} holds files that are not an nkterm index "
                f"({', '.join(sorted(foreign)[:3])}); refusing to clear it: choose another --index folder"
            )
        lock = FileStorage(str(directory)).lock(INDEX_NAME + "_WRITELOCK")
        if not lock.acquire(blocking=False):
            raise IndexLocked(
                f"the index in {directory} is being written by another nkterm process; "
                "try again when it has finished"
            )
        try:
            for child in directory.iterdir():
                if child.name in (".gitkeep", INDEX_NAME + "_WRITELOCK"):
                    continue  # the lock file is harmless and held by us right now
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        finally:
            lock.release()
    directory.mkdir(parents=True, exist_ok=True)
    store._ix = Storage(directory).create_index(make_schema(), indexname=INDEX_NAME)
    store.catalog.create(store._ix.latest_generation())
    write_json(
        directory / META_FILE,
        {
            "schema_version": SCHEMA_VERSION,
            **store._meta_extra(),
            "corpus": str(store.corpus.resolve()),
            "created": now(),
        },
    )
    store._created()
    if reason:
        store.messages.append(reason)
    return store._ix


def whoosh_writer(store: WhooshStore, timeout: float) -> Any:
    """Whoosh's writer of the index, with nkterm's postings pool (``segwriter``); raises
    IndexLocked."""
    ix = store._open()
    try:
        # limitmb: the postings buffer before Whoosh spills sorted runs to disk; 20k build:
        # 128 MB -> peak RSS 358 MB (all processes), 32 MB -> 272 MB, no slower (119 vs 133 docs/s);
        # 3k build (session 7): 32 -> 16 MB, main process 119 -> 107 MB, CPU 22.9 vs 22.6 s
        writer = PoolSegmentWriter(ix, timeout=timeout, limitmb=16)
    except LockError as exc:
        raise IndexLocked(
            f"the index in {store.directory} is being written by another nkterm process; "
            "try again when it has finished"
        ) from exc
    with_fast_fields(writer.schema)  # an index from before FastText takes Postings too
    return writer


def optimize(store: WhooshStore, lock_timeout: float) -> bool:
    """Merge every segment into one; False when another process holds the write lock."""
    store._before_commit()
    try:
        writer = whoosh_writer(store, lock_timeout)
    except IndexLocked:
        return False
    try:
        commit(store, writer, merge=True, optimize=True)
    except BaseException:
        writer.cancel()
        raise
    return True


def commit(
    store: WhooshStore,
    writer: Any,
    *,
    merge: bool,
    optimize: bool = False,
    spelling: Spelling | None = None,
    catalog: CatalogWriter | None = None,
) -> None:
    """Commit Whoosh, then the catalog (``catalog``: the writer's changes; none for a
    merge) with the new generation, then save the spelling list (``spelling``: as the
    writer changed it) and the manifest. Killed between the first two, the catalog is a
    generation behind: ``nkterm.index.Index.check`` repairs that."""
    if spelling is None:
        spelling = store.spelling()  # unchanged (a merge): carried to the new generation
    if catalog is None:
        catalog = store.catalog.writer()
    try:
        # merge=False keeps small commits cheap; the final commit of a big run merges segments
        writer.commit(merge=merge, optimize=optimize)
    except BaseException:
        catalog.cancel()
        raise
    store._ix.storage.forget()
    generation = store._ix.latest_generation()
    catalog.commit(generation)
    spelling_list.save(store.directory, generation, spelling)
    with store._spelling_lock:
        store._spelling = (generation, spelling)
    store._committed(generation)


def owned(name: str) -> bool:
    """Files an index folder may hold: Whoosh's (with the ``MAIN.tmp`` folder a killed writer
    leaves behind), ours, our temp files."""
    files = (META_FILE, MANIFEST_FILE, LIST_FILE, SCAN_FILE, SPELLING_FILE, *CATALOG_FILES)
    ours = (*files, *("." + name for name in files))
    return name.startswith((INDEX_NAME + "_", "_" + INDEX_NAME + "_", *ours)) or name in (
        ".gitkeep",
        INDEX_NAME + ".tmp",
    )


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Writer:
    """Whoosh's writer behind ``nkterm.search.api.BackendWriter``."""

    def __init__(self, store: WhooshStore, writer: Any) -> None:
        self._store = store
        self._writer = writer
        self._spelling: Spelling | None = None  # a copy, changed as documents come and go
        try:  # after Whoosh's lock: only its holder ever writes the catalog
            self._catalog = store.catalog.writer()
        except BaseException:
            writer.cancel()
            raise

    def _words(self) -> Spelling:
        if self._spelling is None:
            current = self._store.spelling()
            self._spelling = current.copy()
            with self._store._spelling_lock:  # one list in memory while writing (20k: ~10 MB), not
                if self._store._spelling is not None and self._store._spelling[1] is current:  # two:
                    self._store._spelling = None  # a search meanwhile loads the file again
        return self._spelling

    def _forget(self, doc_id: str) -> None:
        """Take the words of the indexed copy of ``doc_id`` off the spelling list."""
        try:
            body = self._store.catalog.text(doc_id)  # the committed copy: the one indexed
        except KeyError:
            return
        self._words().remove(words_of(body))

    def upsert(self, item: Upsert) -> None:
        fields = dict(item.payload)
        words = fields.pop(WORDS, None)
        if item.new:
            self._writer.add_document(**fields)  # no delete look-up for new ids
        else:
            self._forget(item.id)
            self._writer.update_document(**fields)
        self._words().add(words if words is not None else words_of(fields.get("body", "")))
        if item.record is not None:
            self._catalog.upsert(item.record)
        else:
            self._catalog.delete(item.id)

    def delete(self, doc_id: str) -> None:
        self._forget(doc_id)
        self._writer.delete_by_term("id", doc_id)
        self._catalog.delete(doc_id)

    def commit(self, *, merge: bool) -> None:
        commit(self._store, self._writer, merge=merge, spelling=self._spelling, catalog=self._catalog)
        self._spelling = None

    def cancel(self) -> None:
        try:
            self._writer.cancel()
        finally:
            self._catalog.cancel()
