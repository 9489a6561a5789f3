"""The Whoosh index in a folder, read: opening it (checking its versions and every segment),
the per-thread searcher, documents read back (from the catalog), the spelling list of the
current generation, term statistics (``termstats``) and the hooks ``nkterm.index.Index`` fills
in. Broken or outdated indexes raise ``nkterm.errors`` errors, never Whoosh's.

Creating, clearing, writing, committing and merging are ``nkterm.search.whoosh.writing``'s,
imported on the first write: a process that only searches (``nkterm search`` on a current
index) never loads them. The folder also holds nkterm's own files (``nkterm.manifest``:
``nkterm-index.json`` with the schema version and corpus, the manifest, the document list, the
freshness record) and the catalog (``nkterm.catalog``), which holds the documents themselves.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as windex
from whoosh.searching import Searcher

from nkterm.analysis.names import NameTable, user_table
from nkterm.catalog import Catalog, CatalogDamaged
from nkterm.errors import IndexDamaged, IndexMissing
from nkterm.manifest import INDEX_NAME, META_FILE
from nkterm.models import Claim, Document
from nkterm.search.api import Upsert
from nkterm.search.whoosh import spelling as spelling_list
from nkterm.search.whoosh import termstats
from nkterm.search.whoosh.schema import SCHEMA_CHANGE, SCHEMA_VERSION
from nkterm.search.whoosh.spelling import Spelling
from nkterm.search.whoosh.storage import Storage

if TYPE_CHECKING:
    from nkterm.search.whoosh.writing import Writer


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
        """Start a fresh, empty index (``writing.create``: only the index's own files are
        deleted, under the write lock)."""
        from nkterm.search.whoosh.writing import create

        return create(self, reason)

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
        """Whoosh's writer (``writing.whoosh_writer``); raises IndexLocked."""
        from nkterm.search.whoosh.writing import whoosh_writer

        return whoosh_writer(self, timeout)

    def writer(self, lock_timeout: float) -> Writer:
        """A batch of changes (``nkterm.search.api.BackendWriter``); raises IndexLocked."""
        from nkterm.search.whoosh.writing import Writer

        return Writer(self, self._writer(lock_timeout))

    def apply(
        self,
        upserts: Iterable[Upsert],
        deletes: Iterable[str],
        *,
        lock_timeout: float = 2.0,
        merge: bool = True,
    ) -> None:
        """Add or replace ``upserts`` and remove ``deletes`` in one commit (``merge``: let Whoosh
        merge small segments, as ``Writer.commit``)."""
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
        from nkterm.search.whoosh.writing import optimize

        return optimize(self, lock_timeout)

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
        does not have; ``termstats.doc_frequencies``: from each segment's term table, kept
        for as long as this thread's searcher is current)."""
        return termstats.doc_frequencies(self._local, self._searcher(), terms, fieldname)

    def idfs(self, terms: Iterable[str], fieldname: str = "body") -> dict[str, float]:
        """``idf`` of many terms at once (``doc_frequencies``; the same formula as Whoosh's
        weighting: ``log(documents / (df + 1)) + 1`` over every document, deleted ones too)."""
        total = self._searcher().doc_count_all()
        return termstats.idfs(total, self.doc_frequencies(terms, fieldname))

    def doc_count(self) -> int:
        return int(self._searcher().doc_count())

    def key_terms(self, text: str, numterms: int = 12) -> list[tuple[str, float]]:
        """The most distinctive stemmed terms of ``text`` against the corpus statistics."""
        return termstats.key_terms(self._searcher(), text, numterms)

    def more_like(self, text: str, *, exclude: str | None = None, limit: int = 10) -> list[tuple[str, float]]:
        """Documents that discuss what ``text`` discusses (Whoosh key terms as an OR query)."""
        return termstats.more_like(self._searcher(), text, exclude=exclude, limit=limit)

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
