"""The public Python API: one ``Library`` behind every face (the CLI, the reader, a notebook).

``nkterm.open(corpus, index)`` returns a ``Library`` over a corpus folder and its index, brought
up to date. It answers what every face asks: the documents (a list, one with its text and
metadata), search (hits with snippets and character offsets), claims, compare, corroborate,
bookmarks (``nkterm.library_bookmarks``) and ``update(progress=...)``. Results are the plain
dataclasses of ``nkterm.models``, ``nkterm.compare`` and ``nkterm.bookmarks``, each with
``to_dict()``; errors are those of ``nkterm.errors`` (plus ``DocumentNotFound``, a
``LookupError``), each with a message for the user. docs/api.md shows it at work.

Owns which corpus and index folder, and keeping the index current: a full update (every file
looked at), or, when the last full update left it current, the cheap check of
``nkterm.freshness``. Importing it imports neither Textual nor Whoosh: the index (Whoosh), the
comparison and the bookmark store load on first use. Must not import the CLI or the reader.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkterm import freshness, paths
from nkterm.corpus.discover import valid_doc_id
from nkterm.errors import BadRequest, DocumentNotFound, IndexError, NktermError
from nkterm.library_bookmarks import Bookmarks
from nkterm.models import Claim, DocSummary, Document, SearchResult, Span

if TYPE_CHECKING:
    from nkterm.compare import Alignment, Corroboration, CorroborationReport, Passage
    from nkterm.index import Index
    from nkterm.report import UpdateReport
    from nkterm.search.api import SearchBackend
    from nkterm.search.querytree import Request

ProgressFn = Callable[[int, int], None]  # (documents done, documents to do)
_CACHED_DOCUMENTS = 8  # documents kept open: a comparison or a bookmark reads its document again
# segments: ``update`` merges them into one when it leaves this many. BBC in 5 segments (as a 20k
# build leaves them), top 10 with snippets, CPU per query: median 12.6 -> 9.4 ms, p95 38.1 -> 16.4 ms,
# fuzzy words 2x faster; the merge took 64 s (build 149 s) on a loaded machine (benchmarks/merge_bench.py)
MERGE_AT = 3


class CorpusNotFound(NktermError, FileNotFoundError):
    """The corpus folder does not exist (or is not a folder)."""


@dataclass(frozen=True, slots=True)
class Corroborations:
    """What ``Library.corroborate`` found: the claim (or sentence) asked about, and the report
    of the corpus on it: ``found`` passages (best first, each ``agrees``, ``differs`` or
    ``related``), ``weak`` ones ("weakly related"), how many independent sources they come
    from, and ``nothing`` when no passage discusses it."""

    doc_id: str
    claim: Passage
    report: CorroborationReport

    @property
    def results(self) -> tuple[Corroboration, ...]:
        return self.report.found

    def to_dict(self) -> dict[str, Any]:
        data = {"doc": self.doc_id, "claim": self.claim.to_dict(), **self.report.to_dict()}
        data["results"] = data["found"]  # the name of the list before found/weak
        return data


def open_library(
    corpus: str | os.PathLike[str] | None = None,
    index: str | os.PathLike[str] | None = None,
    *,
    bookmarks: str | os.PathLike[str] | None = None,
    update: bool = True,
    progress: ProgressFn | None = None,
) -> Library:
    """The library of ``corpus`` (default: ``$NKTERM_CORPUS``, else the bundled seeds) with its
    index in ``index`` (default: ``$NKTERM_INDEX``, else nkterm's folder for that corpus) and
    the user's bookmarks (default: ``bookmarks.yaml`` in ``$NKTERM_DATA``).

    With ``update`` (the default) the index is brought up to date first: built when missing,
    documents added, changed or removed since the last run re-indexed (``progress(done,
    total)`` is called as it goes), nothing but a quick look at the files when nothing
    changed. An index another process is writing is used as it is (``stale_reason`` says so).
    Raises ``CorpusNotFound``, or an ``nkterm.errors.IndexError`` when there is no usable index."""
    root = paths.corpus_dir(corpus)
    if not root.is_dir():
        raise CorpusNotFound(f"corpus folder not found: {root}")
    library = Library(root, paths.index_dir(root, index), bookmarks=bookmarks)
    if update:
        library.ensure_current(progress, stale_ok=True)
    return library


class Library:
    """A corpus folder, its index and the user's bookmarks. Reading is thread-safe (the
    reader asks from worker threads); one ``update`` at a time."""

    def __init__(
        self,
        corpus: str | os.PathLike[str],
        index_dir: str | os.PathLike[str],
        *,
        bookmarks: str | os.PathLike[str] | None = None,
        vectorised: bool = True,
    ) -> None:
        """``vectorised``: score searches with numpy (the default: the fastest per query, after
        ~80 ms CPU to import it once); False scores them with Whoosh's own matchers, the same
        scores and order (a query that reads many postings still takes numpy: the backend's
        ``VECTORISE_AT``), for a process that asks one question (``nkterm search``)."""
        self.corpus = Path(corpus)
        self.vectorised = vectorised
        self.index_dir = Path(index_dir)
        self.bookmarks = Bookmarks(self, Path(bookmarks) if bookmarks is not None else None)
        self.stale_reason: str | None = None  # why the index could not be brought up to date
        self._index: Index | None = None
        self._lock = threading.Lock()
        self._documents: OrderedDict[str, tuple[Document, list[Claim]]] = OrderedDict()
        self._unchanged_count: int | None = None  # documents, when an update found nothing changed

    def __repr__(self) -> str:
        return f"Library(corpus={str(self.corpus)!r}, index_dir={str(self.index_dir)!r})"

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the index's files (the library opens them again when asked)."""
        with self._lock:
            if self._index is not None:
                self._index.close()
            self._documents.clear()

    @property
    def _backend(self) -> SearchBackend:
        """The search backend behind the index (the questions go through its protocol)."""
        return self.index

    @property
    def index(self) -> Index:
        """The search index (``nkterm.index.Index``), opened on first use."""
        if self._index is None:
            from nkterm.index import Index

            with self._lock:
                if self._index is None:
                    index = Index(self.corpus, self.index_dir)
                    index.vectorised = self.vectorised
                    self._index = index
        return self._index

    # -- keeping the index current ---------------------------------------------------------------

    def has_index(self) -> bool:
        """Whether there is an index to read (perhaps not up to date)."""
        return self.index.exists()

    def is_current(self) -> bool:
        """True when the last full update left the index current and nothing in the corpus
        or the index folder changed since (``nkterm.freshness``): no file is read."""
        return freshness.is_current(self.corpus, self.index_dir, self._versions())

    def update(
        self,
        progress: ProgressFn | None = None,
        *,
        rebuild: bool = False,
        merge: bool = True,
        lock_timeout: float = 2.0,
    ) -> UpdateReport:
        """Bring the index in line with the corpus, looking at every file: add new documents,
        re-index changed ones (by content hash), remove deleted ones; ``rebuild`` throws the
        index away first. A missing, damaged or outdated index is rebuilt, and the report
        says why. With ``merge``, an update that leaves ``MERGE_AT`` segments or more merges
        them (``merge_segments``). Raises ``IndexLocked`` when another process is writing
        the index."""
        started = freshness.now_ns()
        scanned = None
        if not rebuild:
            t0 = time.perf_counter()
            quick, scanned = self._same_scan(started)
            if quick is not None:
                quick.seconds = time.perf_counter() - t0
                return quick
        index = self.index
        self._unchanged_count = None
        with self._lock:
            self._documents.clear()
        if rebuild:
            index.reset("rebuilding the index as asked (--rebuild)")
            scanned = None
        report = index.update(progress, lock_timeout=lock_timeout, scanned=scanned)
        del scanned
        self.stale_reason = None
        if merge and report.touched:
            t0 = time.perf_counter()
            if self.merge_segments():
                report.seconds += time.perf_counter() - t0
        try:
            manifest = index.manifest()
            generation = int(manifest["generation"])
        except Exception:  # noqa: BLE001 - an index damaged meanwhile: the next command checks in full
            freshness.forget(self.index_dir)
        else:
            from nkterm.corpus.readers.registry import readers_version

            freshness.record(
                self.corpus,
                self.index_dir,
                started_ns=started,
                generation=generation,
                versions=self._versions(),
                scan=None
                if report.scan_digest is None or manifest.get("readers") != readers_version()
                else {
                    "digest": report.scan_digest,
                    "readers": readers_version(),
                    "documents": len(manifest["docs"]),
                },
            )
        return report

    def _same_scan(self, started: int) -> tuple[UpdateReport | None, Any]:
        """A no-change update without the index: when the last full update recorded its scan
        and left the index folder as it is now (``freshness.recorded_scan``), a new scan with
        the same digest (``freshness.same_scan``) means nothing to do: the report (and the
        record, started again at ``started``) without reading the manifest or opening the
        search backend. Else (None, the new scan or None) for the full update to go on with."""
        versions = self._versions()
        recorded = freshness.recorded_scan(self.corpus, self.index_dir, versions)
        if recorded is None:
            return None, None
        from nkterm.corpus import scan
        from nkterm.corpus.readers.registry import readers_version
        from nkterm.manifest import latest_generation
        from nkterm.report import UpdateReport

        entries, problems = scan(self.corpus)
        documents = freshness.same_scan(recorded, entries, readers_version())
        if documents is None:
            return None, (entries, problems)
        freshness.record(
            self.corpus,
            self.index_dir,
            started_ns=started,
            generation=latest_generation(self.index_dir),
            versions=versions,
            scan=recorded,
        )
        self.stale_reason = None
        self._unchanged_count = documents
        return UpdateReport(unchanged=documents, problems=problems), None

    def merge_segments(self, *, at_least: int = MERGE_AT) -> bool:
        """Merge the index's segments into one when it has ``at_least`` of them: every query
        visits every segment (BBC in 5 segments, as a 20k build leaves them: see
        benchmarks/merge_bench.py). Searches, here and in other processes, go on over the
        old segments while it runs; it never waits for another writer (False then, and when
        there was nothing to merge)."""
        index = self.index
        if index.segment_count() < at_least:
            return False
        with self._lock:
            self._documents.clear()
        current = self.is_current()
        before = int(index.manifest()["generation"])
        if not index.optimize(lock_timeout=0.0):
            return False
        if current:  # no document changed: the last full scan still tells
            freshness.carry_over(self.index_dir, before, int(index.manifest()["generation"]))
        return True

    def ensure_current(
        self, progress: ProgressFn | None = None, *, stale_ok: bool = False
    ) -> UpdateReport | None:
        """``update`` unless ``is_current``; None when the index was current. It never merges
        segments (a question must not wait for that: ``update`` and ``merge_segments`` do).
        With ``stale_ok``, an index that cannot be updated (another process is writing it)
        but exists is used as it is: ``stale_reason`` says why, and None is returned."""
        if self.is_current():
            return None
        try:
            return self.update(progress, merge=False)
        except IndexError as exc:
            if not stale_ok or not self.has_index():
                raise
            self.stale_reason = str(exc)
            return None

    @staticmethod
    def _versions() -> dict[str, Any]:
        """The versions an index must have been built with (none of them imports Whoosh)."""
        from nkterm.manifest import claims_version
        from nkterm.search.whoosh.version import SCHEMA_VERSION

        return {"schema_version": SCHEMA_VERSION, "claims_version": claims_version()}

    # -- documents -------------------------------------------------------------------------------

    def documents(self, sort: str = "id") -> list[DocSummary]:
        """One row per document (id, title, source, date, words, claims, check-worthy claims,
        path, the document it duplicates), without reading any document: sorted by ``sort``,
        ``id`` (the default), ``title``, ``date`` (newest first), ``oldest``, ``words`` or
        ``claims`` (undated documents last in both date orders)."""
        summaries = self.index.summaries()
        if sort == "id":
            return summaries
        from nkterm.listing import SORT_KEYS, sort_summaries

        if sort not in SORT_KEYS:
            raise BadRequest(f"unknown sort {sort!r}: one of id, {', '.join(SORT_KEYS)}")
        return sort_summaries(summaries, sort)

    def __len__(self) -> int:
        if self._index is None and self._unchanged_count is not None:  # not opened: nothing changed
            return self._unchanged_count
        return len(self.index)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and doc_id in self.index.manifest()["docs"]

    def document(self, doc_id: str) -> Document:
        """The document as indexed: its text is the one every offset (hits, claims, bookmarks)
        points into. Raises ``DocumentNotFound``."""
        return self._load(doc_id)[0]

    def find_document(self, doc_id: str) -> Document | None:
        """``document``, or None for an id the index does not know."""
        try:
            return self.document(doc_id)
        except DocumentNotFound:
            return None

    def claims(self, doc_id: str, *, check_worthy: bool = False) -> list[Claim]:
        """The document's claims in text order (only the check-worthy ones, score >= 0.5, with
        ``check_worthy``). Raises ``DocumentNotFound``."""
        claims = self._load(doc_id)[1]
        return [c for c in claims if c.check_worthy] if check_worthy else list(claims)

    def _load(self, doc_id: str) -> tuple[Document, list[Claim]]:
        with self._lock:
            cached = self._documents.get(doc_id)
            if cached is not None:
                self._documents.move_to_end(doc_id)
                return cached
        if not valid_doc_id(doc_id):
            raise DocumentNotFound(f"not a valid document id: {doc_id!r}")
        try:
            loaded = self._backend.load(doc_id)
        except KeyError:
            raise DocumentNotFound(f"no document {doc_id!r} in {self.corpus}") from None
        with self._lock:
            self._documents[doc_id] = loaded
            while len(self._documents) > _CACHED_DOCUMENTS:
                self._documents.popitem(last=False)
        return loaded

    # -- search ----------------------------------------------------------------------------------

    def search(
        self,
        query: str | Request,
        *,
        limit: int = 10,
        offsets_for: int | None = None,
        suggest: bool = True,
        start: int = 0,
        timeline: bool = False,
    ) -> SearchResult:
        """Run a query in nkterm's query language (README, "Query language"). Never raises for a
        bad query: ``SearchResult.error`` says what is wrong, ``suggestion`` offers a "did you
        mean" when nothing matched. Each hit has a snippet and the character offsets of every
        matched word of the document (``offsets_for``: only for the first N hits). ``start``
        skips the first hits (the next page: ``limit`` counts from the first hit); with
        ``timeline`` the result counts its hits per month and per source. The query is parsed
        once (``nkterm.search.query.prepare``, memoised): ``hits_in`` and ``suggest`` of the
        same text reuse its tree."""
        from nkterm.search.query import one_line, prepare  # here: a no-change update parses none

        request = prepare(query)
        if isinstance(request, str):
            return SearchResult(
                query=one_line(query) if isinstance(query, str) else query.text, error=request
            )
        return self._backend.search(
            request, limit=limit, offsets_for=offsets_for, suggest=suggest, start=start, timeline=timeline
        )

    def hits_in(self, doc_id: str, query: str | Request) -> tuple[Span, ...]:
        """The offsets of every word of ``doc_id`` that ``query`` matches (empty if none)."""
        from nkterm.search.query import prepare

        request = prepare(query)
        return () if isinstance(request, str) else self._backend.hits_in(doc_id, request)

    def suggest(self, query: str | Request) -> str | None:
        """A "did you mean" correction of ``query``, or None."""
        from nkterm.search.query import prepare

        request = prepare(query)
        return None if isinstance(request, str) else self._backend.suggest(request)

    # -- comparing -------------------------------------------------------------------------------

    def compare(self, a: str, b: str, *, threshold: float | None = None) -> Alignment:
        """Line up two documents: pairs of passages that say substantially the same thing
        (similarity >= ``threshold``, default ``nkterm.compare.THRESHOLD``), each ``agrees`` or
        ``differs`` with the reason, and what only one of them says. docs/compare.md."""
        from nkterm.compare import THRESHOLD, align, corpus_idf

        doc_a, claims_a = self._load(a)
        doc_b, claims_b = self._load(b)
        return align(
            doc_a,
            doc_b,
            claims_a,
            claims_b,
            idf=corpus_idf(self.index),
            threshold=THRESHOLD if threshold is None else threshold,
        )

    def passage_at(self, doc_id: str, start: int, end: int | None = None) -> Passage:
        """The claim (or sentence) of ``doc_id`` containing offset ``start``, else the nearest
        one; with ``end``, exactly ``start..end``. Raises ``BadRequest`` for offsets outside
        the text, ``DocumentNotFound``."""
        from nkterm.compare import Passage, unit_at

        doc, claims = self._load(doc_id)
        if start < 0:
            raise BadRequest(f"offset {start} is before the start of {doc.id}")
        if start >= len(doc.text):
            raise BadRequest(f"offset {start} is past the end of {doc.id} ({len(doc.text)} characters)")
        if end is not None:
            if end <= start or end > len(doc.text):
                raise BadRequest(f"END must be after START and at most {len(doc.text)}, got {start}..{end}")
            return Passage(start, end, doc.text[start:end])
        passage = unit_at(doc, claims, start)
        if passage is None:
            raise BadRequest(f"{doc.id} has no claim or sentence at offset {start}")
        return passage

    def corroborate(
        self, doc_id: str, start: int, end: int | None = None, *, limit: int = 10
    ) -> Corroborations:
        """The passages elsewhere in the corpus that discuss the claim at ``start`` (see
        ``passage_at``), best first, each ``agrees``, ``differs`` or ``related``."""
        from nkterm.compare import corroboration_report

        claim = self.passage_at(doc_id, start, end)
        return Corroborations(doc_id, claim, corroboration_report(self.index, doc_id, claim, limit=limit))
