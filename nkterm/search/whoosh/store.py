"""The Whoosh index in a folder: opening it (checking its versions), creating and clearing it
under the write lock, writing and committing, the per-thread searcher, documents read back
(from the catalog) and term statistics. Broken or outdated indexes raise ``nkterm.errors``
errors, never Whoosh's.

The folder also holds nkterm's own files (``nkterm.manifest``: ``nkterm-index.json`` with the
schema version and corpus, the manifest, the document list, the freshness record) and the
catalog (``nkterm.catalog``), which holds the documents themselves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.searching import Searcher

from nkterm.analysis.names import NameTable, user_table
from nkterm.catalog import CATALOG_FILES, Catalog, CatalogDamaged, CatalogWriter
from nkterm.errors import IndexDamaged, IndexError, IndexLocked, IndexMissing
from nkterm.files import write_json
from nkterm.freshness import SCAN_FILE
from nkterm.manifest import INDEX_NAME, LIST_FILE, MANIFEST_FILE, META_FILE
from nkterm.models import Claim, Document
from nkterm.search.api import Upsert
from nkterm.search.whoosh import spelling as spelling_list
from nkterm.search.whoosh.pool import postings_pool
from nkterm.search.whoosh.schema import SCHEMA_CHANGE, SCHEMA_VERSION, make_schema, with_fast_fields
from nkterm.search.whoosh.spelling import SPELLING_FILE, Spelling, words_of
from nkterm.search.whoosh.storage import Storage
from nkterm.search.whoosh.stored import WORDS


class WhooshStore:
    """A corpus folder's Whoosh index. Thread-safe for reading: one Searcher per thread."""

    def __init__(self, corpus: Path, directory: Path, catalog: Catalog | None = None) -> None:
        self.corpus = Path(corpus)
        self.directory = Path(directory)
        self.catalog = catalog if catalog is not None else Catalog(self.directory)
        self._ix: Any = None
        self._local = threading.local()
        self.messages: list[str] = []  # what opening the index had to repair, for the user
        self._spelling: tuple[int, Spelling] | None = None  # (generation, list)
        self._spelling_lock = threading.Lock()
        self.names: NameTable | None = None  # spellings of one name; None: shipped + config.yaml

    def name_table(self) -> NameTable:
        if self.names is None:
            self.names = user_table()
        return self.names

    # .. opening ..

    def exists(self) -> bool:
        return self._read_meta() is not None and self._has_toc()

    def _has_toc(self) -> bool:
        try:
            return bool(windex.exists_in(str(self.directory), INDEX_NAME))
        except Exception:  # noqa: BLE001 - a damaged table of contents: opening it says what is wrong
            return True

    def _read_meta(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.directory / META_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _open(self) -> Any:
        """The Whoosh index, opened once. Raises IndexMissing if there is none usable."""
        if self._ix is not None:
            return self._ix
        meta = self._read_meta()
        if meta is None or not self._has_toc():
            raise IndexMissing(f"no index in {self.directory} yet: run `nkterm index`")
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise IndexMissing(
                f"index in {self.directory} has schema {meta.get('schema_version')!r}, "
                f"this nkterm needs {SCHEMA_VERSION} ({SCHEMA_CHANGE}): run `nkterm index` to rebuild it"
            )
        self._check_meta(meta)
        try:
            self._ix = Storage(self.directory).open_index(INDEX_NAME)
        except Exception as exc:
            raise IndexMissing(
                f"index in {self.directory} cannot be opened ({exc}): run `nkterm index`"
            ) from exc
        return self._ix

    def reset(self, reason: str | None = None) -> None:
        """Throw the index away and start an empty one (``nkterm index --rebuild``); see
        ``_create`` for what it deletes and when it refuses."""
        self._create(reason)

    def _create(self, reason: str | None) -> Any:
        """Start a fresh, empty index. Deletes only files that are the index's own (never a
        folder of other files given by mistake as --index), and only while holding the
        write lock, so a rebuild never pulls an index out from under a running writer."""
        self.close()
        if self.directory.exists():
            foreign = [c.name for c in self.directory.iterdir() if not owned(c.name)]
            if foreign:
                raise IndexError(
                    f"{self.directory} holds files that are not an nkterm index "
                    f"({', '.join(sorted(foreign)[:3])}); refusing to clear it: choose another --index folder"
                )
            lock = FileStorage(str(self.directory)).lock(INDEX_NAME + "_WRITELOCK")
            if not lock.acquire(blocking=False):
                raise IndexLocked(
                    f"the index in {self.directory} is being written by another nkterm process; "
                    "try again when it has finished"
                )
            try:
                for child in self.directory.iterdir():
                    if child.name in (".gitkeep", INDEX_NAME + "_WRITELOCK"):
                        continue  # the lock file is harmless and held by us right now
                    if child.is_dir() and not child.is_symlink():
                        shutil.rmtree(child)
                    else:
                        child.unlink()
            finally:
                lock.release()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._ix = Storage(self.directory).create_index(make_schema(), indexname=INDEX_NAME)
        self.catalog.create(self._ix.latest_generation())
        write_json(
            self.directory / META_FILE,
            {
                "schema_version": SCHEMA_VERSION,
                **self._meta_extra(),
                "corpus": str(self.corpus.resolve()),
                "created": now(),
            },
        )
        self._created()
        if reason:
            self.messages.append(reason)
        return self._ix

    def close(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None
        if self._ix is not None:
            self._ix.close()
        self._ix = None
        self.catalog.close()

    def _check_readable(self) -> None:
        """Open every segment and read one stored document of each, and read the catalog's
        tables: a deleted, truncated or overwritten file fails here, where ``update`` rebuilds
        the index, rather than in the middle of a search. Raises whatever Whoosh raises, or
        CatalogDamaged."""
        with self._open().reader() as reader:
            for leaf, _offset in reader.leaf_readers():
                if leaf.doc_count_all():
                    leaf.stored_fields(leaf.doc_count_all() - 1)
        self.catalog.check()

    def _damaged(self, exc: BaseException) -> IndexDamaged:
        return IndexDamaged(
            f"the index in {self.directory} is damaged ({type(exc).__name__}: {exc}): "
            "run `nkterm index` to rebuild it"
        )

    def _writer(self, timeout: float) -> Any:
        ix = self._open()
        try:
            # limitmb: the postings buffer before Whoosh spills sorted runs to disk; 20k build:
            # 128 MB -> peak RSS 358 MB (all processes), 32 MB -> 272 MB, no slower (119 vs 133 docs/s);
            # 3k build (session 7): 32 -> 16 MB, main process 119 -> 107 MB, CPU 22.9 vs 22.6 s
            writer = ix.writer(timeout=timeout, limitmb=16)
        except LockError as exc:
            raise IndexLocked(
                f"the index in {self.directory} is being written by another nkterm process; "
                "try again when it has finished"
            ) from exc
        with_fast_fields(writer.schema)  # an index from before FastText takes Postings too
        writer.pool = postings_pool(writer)
        return writer

    def writer(self, lock_timeout: float) -> _Writer:
        """A batch of changes (``nkterm.search.api.BackendWriter``); raises IndexLocked."""
        return _Writer(self, self._writer(lock_timeout))

    def apply(
        self,
        upserts: Iterable[Upsert],
        deletes: Iterable[str],
        *,
        lock_timeout: float = 2.0,
        merge: bool = True,
    ) -> None:
        """Add or replace ``upserts`` and remove ``deletes`` in one commit (``merge``: let Whoosh
        merge small segments, as ``_Writer.commit``)."""
        writer = self.writer(lock_timeout)
        try:
            for item in upserts:
                writer.upsert(item)
            for doc_id in deletes:
                writer.delete(doc_id)
            writer.commit(merge=merge)
        except BaseException:
            writer.cancel()
            raise

    def segment_count(self) -> int:
        """How many segments the index has (every search visits each)."""
        return len(self._open()._segments())

    def optimize(self, *, lock_timeout: float = 0.0) -> bool:
        """Merge every segment into one (the library's merge policy decides when). Readers go
        on searching the old segments meanwhile and see the merged one on their next search;
        False when another process holds the write lock (nothing is done)."""
        self._before_commit()
        try:
            writer = self._writer(lock_timeout)
        except IndexLocked:
            return False
        try:
            self._commit(writer, merge=True, optimize=True)
        except BaseException:
            writer.cancel()
            raise
        return True

    def _commit(
        self,
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
            spelling = self.spelling()  # unchanged (a merge): carried to the new generation
        if catalog is None:
            catalog = self.catalog.writer()
        try:
            # merge=False keeps small commits cheap; the final commit of a big run merges segments
            writer.commit(merge=merge, optimize=optimize)
        except BaseException:
            catalog.cancel()
            raise
        self._ix.storage.forget()
        generation = self._ix.latest_generation()
        catalog.commit(generation)
        spelling_list.save(self.directory, generation, spelling)
        with self._spelling_lock:
            self._spelling = (generation, spelling)
        self._committed(generation)

    def spelling(self) -> Spelling:
        """The spelling list of the index as it is now (loaded once per generation; rebuilt
        from the stored bodies when its file is missing or stale)."""
        generation = self._open().latest_generation()
        with self._spelling_lock:
            cached = self._spelling
            if cached is not None and cached[0] == generation:
                return cached[1]
            found = spelling_list.load(self.directory, generation)
            if found is None:
                try:
                    found = spelling_list.from_bodies(self.catalog.texts())
                except CatalogDamaged as exc:
                    raise self._damaged(exc) from exc
                with contextlib.suppress(OSError):  # a read-only index folder: built again next time
                    spelling_list.save(self.directory, generation, found)
            self._spelling = (generation, found)
            return found

    # .. reading ..

    def _searcher(self) -> Searcher:
        """This thread's searcher, refreshed if the index changed since it was opened."""
        ix = self._open()
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = ix.searcher()
        elif not searcher.up_to_date():
            # a new searcher, not searcher.refresh(): whoosh3 3.54 reuses the old reader's
            # segments *beside* the new ones, so a document updated by this process was found
            # twice, its old text first (the library's update-then-read test found it)
            searcher.close()
            searcher = ix.searcher()
        else:
            return searcher
        self._local.searcher = searcher
        self._local.filters = {}  # docnums change with the searcher: the cached filters too
        self._local.months = None
        self._local.sources = None
        self._local.ids = None
        return searcher

    def load(self, doc_id: str) -> tuple[Document, list[Claim]]:
        """The document and its claims, from one catalog read: the text is the one every hit
        offset points into. Raises KeyError for an unknown id."""
        try:
            return self.catalog.load(doc_id)
        except CatalogDamaged as exc:
            raise self._damaged(exc) from exc

    def document(self, doc_id: str) -> Document:
        return self.load(doc_id)[0]

    def claims(self, doc_id: str) -> list[Claim]:
        try:
            return self.catalog.claims(doc_id)
        except CatalogDamaged as exc:
            raise self._damaged(exc) from exc

    def idf(self, term: str, fieldname: str = "body") -> float:
        return float(self._searcher().idf(fieldname, term))

    def doc_frequencies(self, terms: Iterable[str], fieldname: str = "body") -> dict[str, int]:
        """How many documents hold each of ``terms`` in ``fieldname`` (0 for a term the index
        does not have), counting deleted documents as Whoosh's ``doc_frequency`` does.

        Each segment's term table is asked directly (about 5 µs a term, against 60-90 µs
        through ``idf``, which checks the searcher's freshness and the field for every term),
        and the counts are kept for as long as this thread's searcher is current: a second
        comparison asks the table only for words it has not met. An unknown field gives 0."""
        searcher = self._searcher()
        cached = getattr(self._local, "doc_frequencies", None)
        if cached is None or cached[0] is not searcher:  # a new searcher: the index changed
            cached = (searcher, {})
            self._local.doc_frequencies = cached
        known: dict[tuple[str, str], int] = cached[1]
        counts: dict[str, int] = {}
        missing: list[str] = []
        for term in terms:
            df = known.get((fieldname, term))
            if df is None:
                missing.append(term)
            else:
                counts[term] = df
        if missing:
            for term, df in self._read_doc_frequencies(searcher, dict.fromkeys(missing), fieldname).items():
                counts[term] = known[fieldname, term] = df
        return counts

    @staticmethod
    def _read_doc_frequencies(searcher: Searcher, terms: Iterable[str], fieldname: str) -> dict[str, int]:
        counts = dict.fromkeys(terms, 0)
        schema = searcher.schema
        if fieldname not in schema or schema[fieldname].format is None:
            return counts
        to_bytes = schema[fieldname].to_bytes
        encoded = [(term, to_bytes(term)) for term in counts]
        for leaf, _offset in searcher.reader().leaf_readers():
            # the segment's term table (whoosh3 3.54, pinned in pyproject.toml): the reader's
            # own doc_frequency checks the field and converts the term again on every call;
            # an empty index's reader has no table and answers 0 itself
            table = getattr(leaf, "_terms", leaf)
            for term, tbytes in encoded:
                try:
                    counts[term] += table.doc_frequency(fieldname, tbytes)
                except KeyError:  # not in this segment
                    continue
        return counts

    def idfs(self, terms: Iterable[str], fieldname: str = "body") -> dict[str, float]:
        """``idf`` of many terms at once (``doc_frequencies``; the same formula as Whoosh's
        weighting: ``log(documents / (df + 1)) + 1`` over every document, deleted ones too)."""
        total = self._searcher().doc_count_all()
        return {
            term: math.log(total / (df + 1)) + 1
            for term, df in self.doc_frequencies(terms, fieldname).items()
        }

    def doc_count(self) -> int:
        return int(self._searcher().doc_count())

    def key_terms(self, text: str, numterms: int = 12) -> list[tuple[str, float]]:
        """The most distinctive stemmed terms of ``text`` against the corpus statistics."""
        pairs = self._searcher().key_terms_from_text("body", text, numterms=numterms)
        return [(str(t), float(w)) for t, w in pairs]

    def more_like(self, text: str, *, exclude: str | None = None, limit: int = 10) -> list[tuple[str, float]]:
        """Documents that discuss what ``text`` discusses (Whoosh key terms as an OR query)."""
        terms = self.key_terms(text)
        if not terms:
            return []
        q = query.Or([query.Term("body", t, boost=w) for t, w in terms])
        searcher = self._searcher()
        results = searcher.search(q, limit=limit + 1)
        return [(r["id"], float(r.score)) for r in results if r["id"] != exclude][:limit]

    # .. what the index folder adds (``nkterm.index.Index`` overrides these) ..

    def _check_meta(self, meta: dict[str, Any]) -> None:
        """Raise IndexMissing when ``nkterm-index.json`` says the index is outdated."""

    def _meta_extra(self) -> dict[str, Any]:
        return {}

    def _created(self) -> None:
        """Called when a new, empty index was created."""

    def _before_commit(self) -> None:
        """Called before a commit that is not an update's (a merge)."""

    def _committed(self, generation: int) -> None:
        """Called after each commit with the new generation."""

    def stored_entries(self) -> dict[str, dict[str, Any]]:
        """The manifest entry of every document as committed, from the catalog (a manifest
        lost or stale after a killed run is rebuilt from these)."""
        return self.catalog.entries()

    def indexed_hashes(self) -> dict[str, str]:
        """The content hash of every document in the Whoosh index, by id (compared with the
        catalog's after a killed run)."""
        with self._open().searcher() as searcher:
            return {s["id"]: s.get("hash", "") for s in searcher.all_stored_fields()}

    def generation(self) -> int:
        return int(self._open().latest_generation())


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


class _Writer:
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
            self._spelling = self._store.spelling().copy()
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
        self._store._commit(self._writer, merge=merge, spelling=self._spelling, catalog=self._catalog)
        self._spelling = None

    def cancel(self) -> None:
        try:
            self._writer.cancel()
        finally:
            self._catalog.cancel()
