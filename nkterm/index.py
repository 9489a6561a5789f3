"""The Whoosh index: schema, incremental build, search, term statistics.

Owns every ``whoosh`` import in nkterm. Hits leave this module as plain dataclasses with
character offsets into the stored body (which is exactly ``Document.text``); callers never see
Whoosh objects. The index is derived data: a schema change, a corrupt or unreadable index leads
to a clean rebuild with a message, never a traceback. Must not import Textual.

Layout of an index folder: Whoosh's own files, plus ``nkterm-index.json`` (schema version and
corpus path) and ``manifest.json`` (per document: file stamp, content hash and what the
document list shows), written atomically after each commit and tied to the index generation.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import collectors, qparser, query, sorting
from whoosh import index as windex
from whoosh.analysis import Analyzer, Token
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.index import LockError
from whoosh.qparser import syntax
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.searching import Searcher
from whoosh.support.levenshtein import levenshtein

from nkterm.analysis import analyze as _analyze
from nkterm.analysis import fold, join_given_names, tokens
from nkterm.analysis import terms as analysis_terms
from nkterm.analysis.names import NameMatch, NameTable, user_table
from nkterm.corpus import DOC_SUFFIXES, Entry, Problem, load_documents, scan
from nkterm.errors import IndexDamaged, IndexError, IndexLocked, IndexMissing  # re-exported
from nkterm.files import write_json
from nkterm.freshness import SCAN_FILE
from nkterm.lifeline import exit_with
from nkterm.manifest import INDEX_NAME, LIST_FILE, MANIFEST_FILE, META_FILE, list_data, summaries_of
from nkterm.models import Claim, DocSummary, Document, Hit, Part, SearchResult, Section, Span
from nkterm.queryfilters import FilterError, Filters, split_filters
from nkterm.querytext import (
    MAX_FUZZY_EDITS,
    MAX_FUZZY_WORDS,
    MIN_PREFIX,
    lint_query,
    make_snippet,
    rewrite_fields,
    unrewrite_fields,
)
from nkterm.readers import format_for
from nkterm.readers.capped import stderr_with_a_file as _stderr_with_a_file
from nkterm.readers.registry import readers_version

# 2: sentence spans stored; 3: folded words, Hangul bigrams, joined given names; 4: dates and
# sources inferred (file names, datelines) and stored as unscored filter fields
SCHEMA_VERSION = 4
SCHEMA_CHANGE = (
    "words are now folded so that P'yŏngyang = Pyongyang, Hangul is searchable, and documents "
    "have dates and sources from file names and datelines"
)
MAX_FUZZY_TERMS = 64  # index words a fuzzy word stands for, the most frequent first
MAX_SUGGEST_WORDS = 16  # distinct words a "did you mean" corrects
MAX_SUGGEST_LENGTH = 40  # characters: correcting a 2,000-letter "word" takes ~1 s
UNFINISHED_MIN = 200  # an update of this many documents or more is marked until it ends
BATCH = 5000  # documents per commit in a large build: a killed run keeps what it committed; each
# commit is a segment every query visits (20k: 4 segments, search p95 181 ms; 1,000 per commit: 20, 664 ms)


BAD_QUERY = "cannot understand this query: check its quotes, brackets, ranges and field:value pairs"
UNRUNNABLE_QUERY = "cannot run this query: check its ranges, dates, fuzzy (~) and boost (^) parts"


@dataclass
class UpdateReport:
    """What ``Index.update`` did, for the CLI and the TUI to tell the user."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "rebuilt": self.rebuilt,
            "problems": [str(p) for p in self.problems],
            "seconds": round(self.seconds, 3),
        }


ProgressFn = Callable[[int, int], None]


class FoldingAnalyzer(Analyzer):
    """nkterm's analysis (``nkterm.analysis.tokens``: folded words, Porter stems, Hangul
    bigrams, joined given names) as a Whoosh analyzer, for the index and queries alike.
    ``no_morph`` (the spelling field) skips stems; ``tokenize=False`` (ranges, wildcards)
    folds the whole value."""

    def __init__(self, *, stem: bool = True, stop: bool = True) -> None:
        self.stem = stem
        self.stop = stop
        self.is_morph = stem

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = value  # type: ignore[attr-defined]
            t.text = fold(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        found = tokens(value, stem_words=self.stem and not no_morph, stop=self.stop and removestops)
        for tok in found:
            t.text = tok.term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[tok.start : tok.end]  # type: ignore[attr-defined]
            if positions:
                t.pos = start_pos + tok.pos
            if chars:
                t.startchar, t.endchar = start_char + tok.start, start_char + tok.end
            yield t


def body_analyzer() -> Any:
    """The analyzer of the title and body fields: folded words, stop words out, stems."""
    return FoldingAnalyzer()


def make_schema() -> Schema:
    name_analyzer = FoldingAnalyzer(stem=False, stop=False)
    return Schema(
        id=ID(unique=True, stored=True),
        path=STORED(),
        title=TEXT(analyzer=body_analyzer(), stored=True, field_boost=2.0),
        authors=TEXT(analyzer=name_analyzer, stored=True),
        people=TEXT(analyzer=name_analyzer, stored=True),
        source=TEXT(analyzer=name_analyzer, stored=True),
        date=DATETIME(stored=True, sortable=True),  # sortable: a column for the timeline
        source_name=ID(sortable=True),  # the source as written, a column: a search's hits by source
        tags=KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        sections=TEXT(analyzer=name_analyzer, stored=False),
        body=TEXT(analyzer=body_analyzer(), stored=True, spelling=True, phrase=True),
        kind=KEYWORD(lowercase=True, scorable=True),
        speaker=TEXT(analyzer=name_analyzer),
        words=NUMERIC(stored=True),
        meta=STORED(),  # JSON: what it takes to rebuild the Document without the file
        claims=STORED(),  # JSON list of Claim dicts
        sentences=STORED(),  # flat JSON list [start, end, start, end, ...]: segmentation is not free
    )


def analyze(text: str) -> list[tuple[str, int, int]]:
    """(stemmed term, start, end) for every indexed token of ``text``: the index's own analysis,
    for callers (comparison) that must tokenize exactly as search does
    (``nkterm.analysis.analyze``, which imports no Whoosh)."""
    return _analyze(text)


# -- the index ----------------------------------------------------------------------------------


class _Storage(FileStorage):
    """The index folder, read without ``mmap``, with each segment's term dictionary shared.

    With ``mmap`` (Whoosh's default), every part of a segment a searcher opens is copied into
    a private ``BytesIO`` (``BufferFile``), once per searcher, and the index keeps one searcher
    per thread (20k documents, 3 threads: +193 MB; +63 MB here). Without it, parts are read through the
    segment file (``SubFile``), except the term dictionary (``.trm``), which prefix and fuzzy
    expansion walk in many small reads (fuzzy queries 4x slower through file reads), and the
    field lengths scoring reads for every match (``_SegmentFile.SHARED``): they are read once
    per process and shared by every searcher (a ``BytesIO`` over ``bytes`` shares the
    buffer). Segment files are never changed once written, only deleted, so a shared copy
    is never stale; copies of deleted segments are dropped when the next one is read."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), supports_mmap=False)
        self._shared: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def open_file(self, name: str, **kwargs: Any) -> Any:
        return _SegmentFile(open(self._fpath(name), "rb"), self, name=name, **kwargs)

    def forget(self) -> None:
        """Drop the shared copies (after a commit: what the writer read to merge segments
        need not stay in memory; searchers that hold a copy keep it while they live)."""
        with self._lock:
            self._shared.clear()

    def shared(self, name: str, read: Callable[[], bytes]) -> bytes:
        """The bytes of the part ``name`` (``read()`` the first time)."""
        with self._lock:
            data = self._shared.get(name)
            if data is None:
                live = {n.rsplit(".", 1)[0] for n in self.list()}
                for old in [n for n in self._shared if n.rsplit(".", 1)[0] not in live]:
                    del self._shared[old]
                data = self._shared[name] = read()
        return data


class _SegmentFile(StructFile):
    """A file of the index; the term dictionary and the field-length columns inside a compound
    segment come from memory shared between searchers (see ``_Storage``)."""

    # the term dictionary, and the field lengths (a byte per document and field) that scoring
    # reads for every match: 20k, kind:quantity (19,321 matches) 50 -> 37 ms, median -1.5 ms
    SHARED = (".trm", "_len.col")

    def __init__(self, fileobj: Any, storage: _Storage, **kwargs: Any) -> None:
        super().__init__(fileobj, **kwargs)
        self._storage = storage

    def subset(self, offset: int, length: int, name: str | None = None) -> Any:
        if name is None or not name.endswith(self.SHARED):
            return super().subset(offset, length, name=name)

        def read() -> bytes:
            self.file.seek(offset)
            data = self.file.read(length)
            if len(data) != length:
                raise OSError(f"{name}: {len(data)} of {length} bytes (the segment is truncated)")
            return bytes(data)

        return BufferFile(self._storage.shared(name, read), name=name)


class Index:
    """A corpus folder and its Whoosh index. Thread-safe for reading: one Searcher per thread."""

    def __init__(self, corpus: Path, directory: Path) -> None:
        self.corpus = Path(corpus)
        self.directory = Path(directory)
        self._ix: Any = None
        self._local = threading.local()
        self._manifest: dict[str, Any] | None = None
        self.messages: list[str] = []  # what opening the index had to repair, for the user
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
        if meta.get("claims_version") != claims_version():
            raise IndexMissing(
                f"the claim detector changed since the index in {self.directory} was built "
                "(its claims are stale): run `nkterm index` to rebuild it"
            )
        try:
            self._ix = _Storage(self.directory).open_index(INDEX_NAME)
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
            foreign = [c.name for c in self.directory.iterdir() if not _owned(c.name)]
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
        self._ix = _Storage(self.directory).create_index(make_schema(), indexname=INDEX_NAME)
        write_json(
            self.directory / META_FILE,
            {
                "schema_version": SCHEMA_VERSION,
                "claims_version": claims_version(),
                "corpus": str(self.corpus.resolve()),
                "created": _now(),
            },
        )
        self._manifest = {"generation": -1, "docs": {}}
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

    # .. the manifest ..

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
                return data
        except (OSError, ValueError):
            pass
        # missing or stale (a run killed between commit and manifest): rebuild it from the index
        docs: dict[str, Any] = {}
        with ix.searcher() as searcher:
            for stored in searcher.all_stored_fields():
                meta = _loads(stored.get("meta"))
                docs[stored["id"]] = _manifest_entry(stored, meta, stamp=None)
        self._manifest = {"generation": generation, "docs": docs}
        self._write_manifest()
        return self._manifest

    def unfinished(self) -> bool:
        """Whether a large build was interrupted (killed, or stopped by an error): the next
        update finishes it, which takes a while. Reads only the manifest file."""
        try:
            data = json.loads((self.directory / MANIFEST_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(data, dict) and data.get("unfinished") is True

    def _check_readable(self) -> None:
        """Open every segment and read one stored document of each: a deleted, truncated or
        overwritten segment file fails here, where ``update`` rebuilds the index, rather than
        in the middle of a search. Raises whatever Whoosh raises."""
        with self._open().reader() as reader:
            for leaf, _offset in reader.leaf_readers():
                if leaf.doc_count_all():
                    leaf.stored_fields(leaf.doc_count_all() - 1)

    def _damaged(self, exc: BaseException) -> IndexDamaged:
        return IndexDamaged(
            f"the index in {self.directory} is damaged ({type(exc).__name__}: {exc}): "
            "run `nkterm index` to rebuild it"
        )

    def _write_manifest(self) -> None:
        """The manifest, then the reader's first list (``LIST_FILE``), both of this generation."""
        if self._manifest is not None:
            write_json(self.directory / MANIFEST_FILE, self._manifest)
            summaries = summaries_of(self._manifest["docs"])
            write_json(self.directory / LIST_FILE, list_data(self._manifest["generation"], summaries))

    # .. building ..

    def update(self, progress: ProgressFn | None = None, *, lock_timeout: float = 2.0) -> UpdateReport:
        """Bring the index in line with the corpus: add new documents, re-index changed ones
        (by content hash), remove deleted ones. Rebuilds from scratch, with a reason in the
        report, when the index is missing, from another schema version or unreadable."""
        t0 = time.perf_counter()
        report = UpdateReport()
        try:
            self._open()
            manifest = self.manifest()
            self._check_readable()
        except IndexMissing as exc:
            had_files = self.directory.exists() and any(
                p.name not in (".gitkeep",) for p in self.directory.iterdir()
            )
            self._create(
                "rebuilding the index: " + str(exc).split(": run `nkterm index`")[0] if had_files else None
            )
            report.rebuilt = self.messages[-1] if had_files else "new index"
            manifest = self.manifest()
        except Exception as exc:  # noqa: BLE001 - a corrupt manifest/segment: rebuild
            self._create(f"rebuilding the index: it could not be read ({exc})")
            report.rebuilt = self.messages[-1]
            manifest = self.manifest()

        entries, problems = scan(self.corpus)
        report.problems.extend(problems)
        known: dict[str, Any] = manifest["docs"]
        by_file = _ids_by_file(known)  # a web archive or a feed is one file of many documents
        # files that gave no document, by stamp: a re-run repeats their problems without
        # reading them again (a PDF that needs OCR is not parsed on every update)
        failed: dict[str, Any] = manifest.setdefault("failed", {})
        todo: list[tuple[Entry, list[str]]] = []
        restamped = False
        # another extraction (a reader or its library changed): files of those formats are read
        # again, and only documents whose text or metadata changed are re-indexed
        extraction = readers_version()
        reread = manifest.get("readers") != extraction
        if reread:
            manifest["readers"] = extraction
            restamped = True
        for entry in entries:
            old_ids = by_file.get(entry.id, [])
            stamp = list(entry.stamp)
            if (
                reread
                and format_for(entry.path.name) is not None
                and not entry.path.name.lower().endswith(DOC_SUFFIXES)
            ):
                failed.pop(entry.id, None)
                todo.append((entry, old_ids))
                continue
            if old_ids and all(known[i].get("stamp") == stamp for i in old_ids):
                report.unchanged += len(old_ids)
                continue
            known_failure = failed.get(entry.id)
            if not old_ids and isinstance(known_failure, dict) and known_failure.get("stamp") == stamp:
                report.problems.extend(_problems_from(known_failure.get("problems")))
                continue
            todo.append((entry, old_ids))
        seen = {e.id for e in entries}
        removed = [doc_id for doc_id, d in known.items() if d.get("file", doc_id) not in seen]
        for gone in [file_id for file_id in failed if file_id not in seen]:
            del failed[gone]
            restamped = True
        if not todo and not removed and not restamped:
            if manifest.pop("unfinished", None):  # killed after its last document: nothing left
                self._write_manifest()
            report.seconds = time.perf_counter() - t0
            return report

        if len(todo) >= UNFINISHED_MIN:  # killed before the end, the next run says it is finishing
            manifest["unfinished"] = True
            self._write_manifest()
        writer = None
        done = 0
        try:
            for i, ((entry, old_ids), prepared_file) in enumerate(
                zip(todo, self._prepare_all(todo, known), strict=True)
            ):
                report.problems.extend(prepared_file.problems)
                for prepared in prepared_file.documents:
                    if prepared.unchanged:
                        known[prepared.id]["stamp"] = list(entry.stamp)  # touched, not changed
                        report.unchanged += 1
                        restamped = True
                    elif prepared.fields is not None:
                        if writer is None:
                            writer = self._writer(lock_timeout)
                        if prepared.id in known:
                            writer.update_document(**prepared.fields)
                            report.changed += 1
                        else:
                            writer.add_document(**prepared.fields)  # no delete look-up for new ids
                            report.added += 1
                        known[prepared.id] = prepared.manifest
                # a file that became unreadable or empty, a record gone from an archive or a
                # feed: drop it, the problems say why
                produced = {prepared.id for prepared in prepared_file.documents}
                removed.extend(doc_id for doc_id in old_ids if doc_id not in produced)
                if not produced and prepared_file.problems:
                    failed[entry.id] = {
                        "stamp": list(entry.stamp),
                        "problems": [dataclasses.asdict(p) for p in prepared_file.problems],
                    }
                    restamped = True
                elif failed.pop(entry.id, None) is not None:
                    restamped = True
                done += 1
                if progress is not None:
                    progress(done, len(todo))
                if writer is not None and (i + 1) % BATCH == 0 and i + 1 < len(todo):
                    self._commit(writer, merge=False)
                    writer = None
            if removed:
                if writer is None:
                    writer = self._writer(lock_timeout)
                for doc_id in removed:
                    writer.delete_by_term("id", doc_id)
                    known.pop(doc_id, None)
                    report.removed += 1
            finished = manifest.pop("unfinished", None) is not None
            if writer is not None:
                self._commit(writer, merge=report.touched < 50)
                writer = None
            elif restamped or finished:
                self._write_manifest()
        finally:
            if writer is not None:
                writer.cancel()
        report.seconds = time.perf_counter() - t0
        return report

    def _prepare_all(
        self, todo: list[tuple[Entry, list[str]]], known: dict[str, Any]
    ) -> Iterator[PreparedFile]:
        """Read, segment and detect claims for each entry, in order. A large run does this in
        a second process while this one feeds Whoosh: on two cores the two halves overlap."""
        jobs = [
            (self.corpus, entry, {doc_id: known[doc_id].get("hash") for doc_id in old_ids})
            for entry, old_ids in todo
        ]
        if len(jobs) < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
            yield from (prepare(*job) for job in jobs)
            return
        # forkserver, not fork: the TUI calls update() from a thread, and forking a threaded
        # process can deadlock
        context = multiprocessing.get_context("forkserver")
        chunks = [jobs[i : i + PREPARE_CHUNK] for i in range(0, len(jobs), PREPARE_CHUNK)]
        pool: ProcessPoolExecutor | None = None
        ahead: collections.deque[Any] = collections.deque()
        try:
            with _stderr_with_a_file():  # the pool's queues and the worker start helper processes
                # the worker ends when this process does, even by SIGKILL (nkterm.lifeline)
                pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=exit_with, initargs=(os.getpid(),)
                )
                ahead.extend(pool.submit(_prepare_chunk, chunk) for chunk in chunks[:PREPARE_AHEAD])
        except (OSError, ValueError, BrokenProcessPool):  # no worker here: do it in-process
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            yield from (prepare(*job) for job in jobs)
            return
        # A window of chunks, not pool.map: map submits every document at once, and when the
        # worker is faster than Whoosh the prepared documents pile up in this process (100k
        # build, 35,000 documents in: main process 464 MB)
        try:
            following = iter(chunks[PREPARE_AHEAD:])
            while ahead:
                done = ahead.popleft().result()
                chunk = next(following, None)
                if chunk is not None:
                    ahead.append(pool.submit(_prepare_chunk, chunk))
                yield from done
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _writer(self, timeout: float) -> Any:
        ix = self._open()
        try:
            # limitmb: the postings buffer before Whoosh spills sorted runs to disk; 20k build:
            # 128 MB -> peak RSS 358 MB (all processes), 32 MB -> 272 MB, no slower (119 vs 133 docs/s)
            return ix.writer(timeout=timeout, limitmb=32)
        except LockError as exc:
            raise IndexLocked(
                f"the index in {self.directory} is being written by another nkterm process; "
                "try again when it has finished"
            ) from exc

    def segment_count(self) -> int:
        """How many segments the index has (every search visits each)."""
        return len(self._open()._segments())

    def optimize(self, *, lock_timeout: float = 0.0) -> bool:
        """Merge every segment into one (the library's merge policy decides when). Readers go
        on searching the old segments meanwhile and see the merged one on their next search;
        False when another process holds the write lock (nothing is done)."""
        self.manifest()  # loaded: the commit moves it to the new generation
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

    def _commit(self, writer: Any, *, merge: bool, optimize: bool = False) -> None:
        # merge=False keeps small commits cheap; the final commit of a big run merges segments
        writer.commit(merge=merge, optimize=optimize)
        self._ix.storage.forget()
        assert self._manifest is not None
        self._manifest["generation"] = self._ix.latest_generation()
        self._write_manifest()

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
        return searcher

    def _allowed(self, searcher: Searcher, filters: Filters) -> set[int]:
        """The documents ``filters`` let through (cached per searcher: a filter is a set lookup
        after its first use)."""
        cache: dict[tuple[object, ...], set[int]] = self._local.filters  # never changed once made
        found = cache.get(filters.key)
        if found is None:
            parts: list[Any] = []
            if filters.has_date:
                lo = dt.datetime.combine(filters.date_from, dt.time.min) if filters.date_from else None
                hi = dt.datetime.combine(filters.date_to, dt.time.max) if filters.date_to else None
                parts.append(query.DateRange("date", lo, hi) if lo or hi else query.Every("date"))
            parts += [query.Term("source", w) for w in filters.sources]
            parts += [query.Term("kind", k) for k in filters.kinds]
            parts += [query.Term("tags", t) for t in filters.tags]
            found = set(searcher.docs_for_query(query.And(parts)))  # a set: Whoosh refuses a frozenset
            if len(cache) >= 64:
                cache.clear()
            cache[filters.key] = found
        return found

    def _doc_months(self, searcher: Searcher) -> list[str]:
        """``"YYYY-MM"`` of every document number ("" when undated), from the date column,
        once per searcher (20k documents: ~20 ms)."""
        months: list[str] | None = self._local.months
        if months is None:
            reader = searcher.reader()
            months = [""] * reader.doc_count_all()
            if reader.has_column("date"):
                column = reader.column_reader("date", translate=True)
                for docnum in range(len(months)):
                    value = column[docnum]
                    if isinstance(value, dt.datetime) and value.year > 1:
                        months[docnum] = f"{value.year:04d}-{value.month:02d}"
            self._local.months = months
        return months

    def _doc_sources(self, searcher: Searcher) -> list[str]:
        """The source of every document number ("" when none), from its column, once per searcher."""
        sources: list[str] | None = self._local.sources
        if sources is None:
            reader = searcher.reader()
            sources = [""] * reader.doc_count_all()
            if reader.has_column("source_name"):
                column = reader.column_reader("source_name", translate=True)
                for docnum in range(len(sources)):
                    value = column[docnum]
                    sources[docnum] = value if isinstance(value, str) else ""
            self._local.sources = sources
        return sources

    def timeline(self, text: str = "") -> dict[str, int]:
        """Matching documents per month ("2024-08" -> n) for a query (every dated document for
        an empty one); {} when the query cannot run."""
        result = (
            self.search(text, limit=1, offsets_for=0, suggest=False, timeline=True) if text.strip() else None
        )
        if result is not None:
            return dict(result.months)
        searcher = self._searcher()
        out: dict[str, int] = {}
        for month in self._doc_months(searcher):
            if month:
                out[month] = out.get(month, 0) + 1
        return out

    def summaries(self) -> list[DocSummary]:
        """What the document list shows, for every document, without reading any file."""
        return summaries_of(self.manifest()["docs"])

    def __len__(self) -> int:
        return len(self.manifest()["docs"])

    def _stored(self, doc_id: str) -> dict[str, Any]:
        try:
            stored = self._searcher().document(id=doc_id)
        except IndexError:
            raise
        except Exception as exc:  # a segment file damaged after the last update
            raise self._damaged(exc) from exc
        if stored is None:
            raise KeyError(doc_id)
        return dict(stored)

    def document(self, doc_id: str) -> Document:
        """The document as indexed: its text is the one every stored offset points into."""
        stored = self._stored(doc_id)
        return _document_from_stored(stored)

    def load(self, doc_id: str) -> tuple[Document, list[Claim]]:
        """The document and its claims from one read of the stored fields."""
        stored = self._stored(doc_id)
        return _document_from_stored(stored), [Claim.from_dict(c) for c in _loads(stored.get("claims")) or []]

    def claims(self, doc_id: str) -> list[Claim]:
        stored = self._stored(doc_id)
        return [Claim.from_dict(c) for c in _loads(stored.get("claims")) or []]

    def idf(self, term: str, fieldname: str = "body") -> float:
        return float(self._searcher().idf(fieldname, term))

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

    # .. search ..

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        offsets_for: int | None = None,
        suggest: bool = True,
        start: int = 0,
        timeline: bool = False,
    ) -> SearchResult:
        """Run a user query. Never raises for bad queries: ``SearchResult.error`` says what is
        wrong. Hit offsets and snippets are computed for the first ``offsets_for`` results
        (all by default): they dominate the cost, so a list shows only what is visible.
        ``start``: the hits of ranks ``start`` to ``limit`` only (a list loading more as it
        scrolls); ``total`` counts every match. ``timeline``: ``months`` counts the matches
        per month. ``date:``, ``source:``, ``kind:`` and ``tag:`` terms are unscored filters
        (``nkterm.queryfilters``); a query of filters alone lists the documents newest first."""
        t0 = time.perf_counter()
        text = " ".join(text.split())  # one line: a line break would end a phrase early
        if not text:
            return SearchResult(query=text, error="type a query")
        problem = lint_query(text)
        if problem:
            return SearchResult(query=text, error=problem)
        try:
            self._open()
        except IndexError as exc:
            return SearchResult(query=text, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a damaged table of contents
            return SearchResult(query=text, error=str(self._damaged(exc)))
        try:
            rest, filters = split_filters(text)
        except FilterError as exc:
            return SearchResult(query=text, error=str(exc))
        try:
            parsed = self._parse(rest) if rest or not filters else query.Every()
        except Exception:  # noqa: BLE001 - Whoosh's parser fails with internal errors, never a message
            return SearchResult(query=text, error=BAD_QUERY)
        problem = _check_prefixes(parsed)
        if problem:
            return SearchResult(query=text, error=problem)
        if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
            return SearchResult(query=text, error="the query has no searchable words (only stop words?)")
        hits: list[Hit] = []
        try:
            searcher = self._searcher()
            run, names = _expand_names(self._expand_fuzzy(parsed, searcher, text), self.name_table())
            # Every match is scored and counted in one pass, so the total is exact: Whoosh's
            # default skips blocks and prunes the matcher tree (replace), which leaves the
            # total unknown, and counting it took a second pass (20k: median 24 -> 16 ms,
            # p95 56 -> 43 ms). No terms=True: recording the matched terms of every match
            # tripled prefix and fuzzy queries; the visible hits get theirs from the query.
            collector: Any
            if isinstance(parsed, query.Every):  # filters alone: newest first
                collector = collectors.SortingCollector(
                    sorting.FieldFacet("date", reverse=True), limit=max(1, limit)
                )
            else:
                collector = collectors.TopCollector(limit=max(1, limit), usequality=False, replace=0)
            if filters:
                allowed = self._allowed(searcher, filters)
                if not allowed:
                    return SearchResult(query=text, elapsed_ms=(time.perf_counter() - t0) * 1000)
                collector = collectors.FilterCollector(collector, allow=allowed)
            searcher.search_with_collector(run, collector)
            results = collector.results()
            months: tuple[tuple[str, int], ...] = ()
            sources: tuple[tuple[str, int], ...] = ()
            if timeline:
                of_doc, source_of = self._doc_months(searcher), self._doc_sources(searcher)
                counts: dict[str, int] = {}
                by_source: dict[str, int] = {}
                for docnum in results.docs():
                    month, source = of_doc[docnum], source_of[docnum]
                    counts[month] = counts.get(month, 0) + 1
                    by_source[source] = by_source.get(source, 0) + 1
                counts.pop("", None)
                by_source.pop("", None)
                months = tuple(sorted(counts.items()))
                sources = tuple(sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])))
            n_offsets = len(results) if offsets_for is None else start + offsets_for
            matchable = (
                _body_terms(run, searcher.reader())
                if n_offsets > start and results.scored_length()
                else set()
            )
            seen: list[tuple[str, tuple[Span, ...]]] = []  # bodies and hits, for "also:"
            for rank in range(start, results.scored_length()):
                r = results[rank]
                stored = r.fields()
                if rank < n_offsets:
                    spans = _match_spans(stored.get("body", ""), matchable, run)
                    snippet, snippet_spans = make_snippet(stored.get("body", ""), spans)
                    if names:
                        seen.append((stored.get("body", ""), spans))
                else:
                    spans, snippet, snippet_spans = (), "", ()
                hits.append(
                    Hit(
                        id=stored["id"],
                        title=stored.get("title", stored["id"]),
                        score=float(r.score),
                        snippet=snippet,
                        snippet_spans=snippet_spans,
                        hits=spans,
                        source=stored.get("source", ""),
                        # pages or chapters: only documents that have them pay for the JSON
                        parts=_part_labels(_loads(stored.get("meta")), spans)
                        if spans and '"parts": [[' in (stored.get("meta") or "")
                        else (),
                        date=_date_text(stored.get("date")),
                    )
                )
        except Exception as exc:  # noqa: BLE001 - e.g. a fuzzy prefix longer than its word
            return SearchResult(query=text, error=self._run_error(exc))
        suggestion = None
        if not hits and suggest:
            suggestion = self._suggest(searcher, parsed, text)
        return SearchResult(
            query=text,
            hits=tuple(hits),
            total=len(results),
            suggestion=suggestion,
            also=_also_spelled(names, seen, text),
            months=months,
            sources=sources,
            elapsed_ms=(time.perf_counter() - t0) * 1000,
        )

    def hits_in(self, doc_id: str, text: str) -> tuple[Span, ...]:
        """Offsets of every word of ``doc_id`` that the query matches (empty if none)."""
        text = " ".join(text.split())
        problem = lint_query(text)
        if problem or not text:
            return ()
        try:
            text = split_filters(text)[0]  # filters mark no words
        except FilterError:
            return ()
        if not text:
            return ()
        try:
            parsed = self._parse(text)
        except Exception:  # noqa: BLE001
            return ()
        if _check_prefixes(parsed):
            return ()
        try:
            searcher = self._searcher()
            run, _names = _expand_names(self._expand_fuzzy(parsed, searcher, text), self.name_table())
            results = searcher.search(query.And([query.Term("id", doc_id), run]), limit=1, terms=True)
            if not results:
                return ()
            return _match_spans(results[0].get("body", ""), results[0].matched_terms(), run)
        except Exception:  # noqa: BLE001 - search() has already told the user what is wrong
            return ()

    def _run_error(self, exc: BaseException) -> str:
        """The message for a query that parsed but failed: the index's fault or the query's."""
        try:
            self._check_readable()
        except Exception:  # noqa: BLE001
            return str(self._damaged(exc))
        return UNRUNNABLE_QUERY

    def _parse(self, text: str) -> Any:
        schema = self._open().schema
        parser = qparser.MultifieldParser(["title", "body"], schema, group=qparser.AndGroup)
        parser.replace_plugin(_lucene_operators())
        parser.add_plugin(qparser.FuzzyTermPlugin())
        parser.add_plugin(qparser.GtLtPlugin())
        parser.add_plugin(DateParserPlugin(free=False))
        rewritten = _query_text(text)
        parsed = _typed_prefixes(parser.parse(rewritten), rewritten, schema)
        if _only_excludes(parsed):  # "-oil": every document without oil (Lucene would find none)
            return query.And([query.Every(), parsed])
        return parsed

    def _expand_fuzzy(self, parsed: Any, searcher: Searcher, text: str) -> Any:
        """``parsed`` with each fuzzy title/body word (``word~``) replaced by the words of the
        index within its edits, as typed: Whoosh matches the *stem* fuzzily ("goverment~" ->
        "gover", which finds "over" and "cover" but not "government") and walks every term
        of every segment for it. Here the typed word is matched against the (unstemmed)
        spelling list of each segment, and the stems of the words found are searched."""
        if not any(isinstance(sub, query.FuzzyTerm) for sub in _walk_query(parsed)):
            return parsed
        rewritten = _query_text(text)
        reader = searcher.reader()
        leaves = [leaf for leaf, _offset in reader.leaf_readers()]
        schema = self._open().schema

        close: dict[tuple[str, int, int], set[str]] = {}  # the same word in title and body

        def expand(q: Any) -> Any:
            if not isinstance(q, query.FuzzyTerm):
                return q.apply(expand) if not q.is_leaf() else q
            start, end = getattr(q, "startchar", None), getattr(q, "endchar", None)
            if q.fieldname not in ("title", "body") or start is None or end is None:
                return q
            key = (rewritten[start:end].lower(), int(q.maxdist), int(q.prefixlength))
            if key not in close:
                close[key] = {w for leaf in leaves for w in leaf.terms_within("body", *key)}
            words = close[key]
            analyzer = schema[q.fieldname].analyzer
            stems = {t.text for w in words for t in analyzer(w, mode="query")}
            found = sorted(((reader.doc_frequency(q.fieldname, stem), stem) for stem in stems), reverse=True)[
                :MAX_FUZZY_TERMS
            ]
            terms = [query.Term(q.fieldname, stem, boost=q.boost) for n, stem in found if n]
            return query.Or(terms) if terms else query.NullQuery

        return expand(parsed)

    def suggest(self, text: str) -> str | None:
        """A "did you mean" correction for a query (20k documents: ~10 ms), or None."""
        text = " ".join(text.split())
        if not text or lint_query(text):
            return None
        try:
            parsed = self._parse(text)
            if _check_prefixes(parsed):
                return None
            return self._suggest(self._searcher(), parsed, text)
        except Exception:  # noqa: BLE001 - a suggestion is a nicety, never an error
            return None

    def _suggest(self, searcher: Searcher, parsed: Any, text: str) -> str | None:
        """Correct each word of the title/body part that is in no document, to the closest word
        of the index's (unstemmed) spelling list: fewest edits first (1, then 2), the one in most
        documents among those, same first letter. Whoosh's own ``correct_query`` is not used: it
        corrects the *stemmed* term ("econmy" -> "economi") and prefers the rarest candidate
        ("goverment" -> "gamer")."""
        try:
            if any(isinstance(sub, query.MultiTerm) for sub in _walk_query(parsed)):
                return None  # wildcards, fuzzy words, ranges: correcting them expands them, slowly
            words = _query_words(parsed)
            if len({w for _s, _e, w, _f in words}) > MAX_SUGGEST_WORDS:
                return None  # ~10-20 ms per word: "did you mean" is for a few mistyped words
            rewritten = _query_text(text)
            reader = searcher.reader()
            known: dict[tuple[int, int], bool] = {}
            for start, end, term, field in words:
                known[start, end] = known.get((start, end), False) or reader.doc_frequency(field, term) > 0
            replaced = rewritten
            closest: dict[str, str | None] = {}  # a word repeated 300 times is looked up once
            for (start, end), found in sorted(known.items(), reverse=True):
                raw = rewritten[start:end]
                if found or len(raw) > MAX_SUGGEST_LENGTH or len(raw) < 3:
                    continue
                if raw.lower() not in closest:
                    closest[raw.lower()] = self._closest_name(reader, raw) or self._closest_word(
                        reader, raw.lower()
                    )
                better = closest[raw.lower()]
                if better is not None:
                    shown = better.capitalize() if raw[:1].isupper() else better
                    replaced = replaced[:start] + shown + replaced[end:]
        except Exception:  # noqa: BLE001 - a suggestion is a nicety, never an error
            return None
        if replaced == rewritten:
            return None
        suggestion = unrewrite_fields(replaced)
        return suggestion if suggestion.strip() and suggestion != text else None

    def _closest_name(self, reader: Any, typed: str) -> str | None:
        """For a word within one edit (two from six letters on) of a one-word spelling of a
        known name: the spelling of that name found in most documents (the name as this
        corpus writes it), or None."""
        word = fold(typed)
        if len(word) < 4 or not word.isalnum():
            return None
        limit = 1 if len(word) < 6 else 2
        best: tuple[int, int, str] | None = None  # (edits, -documents, spelling)
        for spelled, spellings in self.name_table().near(word):
            if abs(len(spelled) - len(word)) > limit:
                continue
            edits = levenshtein(word, spelled, limit)
            if edits > limit:
                continue
            for spelling in spellings:
                if len(spelling.terms) != 1:
                    continue
                n = min(reader.doc_frequency("body", t) for t in spelling.terms)
                if n and (best is None or (edits, -n) < best[:2]):
                    best = (edits, -n, spelling.name)
        if best is None:
            return None
        return best[2] if typed[:1].isupper() else best[2].lower()  # in the case it was typed

    @staticmethod
    def _closest_word(reader: Any, word: str) -> str | None:
        spelling = "spell_body"
        # per segment: a reader over several segments compares the word with every term
        leaves = [leaf for leaf, _offset in reader.leaf_readers()]
        for edits in (1, 2):
            candidates = sorted(
                {
                    c
                    for leaf in leaves
                    for c in leaf.terms_within(spelling, word, edits, prefix=1)
                    if c != word
                }
            )
            if candidates:
                return max(candidates, key=lambda c: (reader.doc_frequency(spelling, c), c))
        return None


# -- query helpers --------------------------------------------------------------------------------

_OPERATOR_START = r"(^|(?<=[\s()]))"


def _lucene_operators() -> Any:
    """Whoosh's AND/OR/NOT plus Lucene's spellings: ``-word`` and ``!word`` (NOT), ``+word``
    (required, which every word already is), ``&&`` and ``||``. Whoosh alone reads ``-oil``
    as ``oil`` and ``oil || gas`` as ``oil AND gas``: the opposite of what Lucene users mean."""
    tagger = qparser.OperatorsPlugin.OpTagger
    plus = tagger(_OPERATOR_START + r"\+(?=[^\s+])", syntax.AndGroup, syntax.PrefixOperator, memo="plus")
    return qparser.OperatorsPlugin(
        ops=[(plus, 0)],
        And=r"(?<=\s)(AND|&&)(?=\s)",
        Or=r"(?<=\s)(OR|\|\|)(?=\s)",
        Not=_OPERATOR_START + r"(NOT(?=\s)|[-!](?=[^\s\-!]))",
    )


def _only_excludes(q: Any) -> bool:
    """Whether ``q`` only says what a document must not hold (``-oil``, ``NOT a NOT b``)."""
    if isinstance(q, query.Not):
        return True
    return isinstance(q, query.And) and bool(q.subqueries) and all(_only_excludes(s) for s in q.subqueries)


def _query_words(q: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, analysed term, field) of every title/body word of a parsed query, with the
    character offsets of the word in the query text (words of phrases included)."""
    out: list[tuple[int, int, str, str]] = []
    for sub in _walk_query(q):
        if getattr(sub, "fieldname", None) not in ("title", "body"):
            continue
        start, end = getattr(sub, "startchar", None), getattr(sub, "endchar", None)
        if isinstance(sub, query.Term) and start is not None and end is not None:
            out.append((start, end, str(sub.text), sub.fieldname))
        elif isinstance(sub, query.Phrase) and sub.char_ranges:
            for word, (start, end) in zip(sub.words, sub.char_ranges, strict=False):
                out.append((start, end, str(word), sub.fieldname))
    return out


def _query_text(text: str) -> str:
    """The query as parsed: user field names mapped to the schema's, and given names written
    apart or hyphenated joined ("Kim Il Sung" -> "Kim IlSung"), as the index also holds them."""
    return join_given_names(rewrite_fields(text))


MAX_NAME_PHRASES = 32  # phrases one quoted phrase may expand to (several names in it multiply)
MAX_NAMES_IN_PHRASE = 2  # a quoted phrase with more names is searched as typed (a pasted
# paragraph of 150 names took 2 s to expand)


def _expand_names(q: Any, table: NameTable) -> tuple[Any, list[NameMatch]]:
    """``q`` with each title/body word or run of words that spells a known name (a cluster of
    ``table``) also matched by every other spelling, and the names found. A run of words
    becomes: the words as typed, or any spelling as a phrase; a quoted phrase: the phrase
    with the name spelled each way."""
    found: list[NameMatch] = []
    if not len(table):
        return q, found

    def word(node: Any) -> tuple[frozenset[str], tuple[str, ...]] | None:
        if isinstance(node, query.Term) and node.fieldname in ("title", "body"):
            return frozenset([node.fieldname]), (str(node.text),)
        if isinstance(node, query.Or | query.And) and node.subqueries:
            parts = [word(c) for c in node.subqueries]
            if any(p is None for p in parts):
                return None
            if isinstance(node, query.And) and all(len(p[0]) == 1 for p in parts if p):
                fields = {f for p in parts if p for f in p[0]}
                if len(fields) == 1:  # one typed word that became several terms ("Il-sung", Hangul)
                    return frozenset(fields), tuple(t for p in parts if p for t in p[1])
                return None
            if isinstance(node, query.Or) and len({p[1] for p in parts if p}) == 1:
                return frozenset(f for p in parts if p for f in p[0]), parts[0][1] if parts[0] else ()
        return None

    def spelled(fields: Iterable[str], spelling: tuple[str, ...]) -> list[Any]:
        return [
            query.Term(f, spelling[0]) if len(spelling) == 1 else query.Phrase(f, list(spelling))
            for f in sorted(fields)
        ]

    def run_of(children: list[Any]) -> list[Any]:
        units = [word(c) for c in children]
        out: list[Any] = []
        i = 0
        while i < len(children):
            j = i
            while j < len(children) and units[j] is not None:
                j += 1
            if j == i:
                out.append(expand(children[i]))
                i += 1
                continue
            terms: list[str] = []
            bounds = [0]
            for unit in units[i:j]:
                assert unit is not None
                terms.extend(unit[1])
                bounds.append(len(terms))
            where = {b: k for k, b in enumerate(bounds)}
            done = i
            for m in table.find(terms, bounds):
                a, b = i + where[m.start], i + where[m.end]
                fields = frozenset.intersection(*(u[0] for u in units[a:b] if u is not None))
                if not fields:
                    continue
                out.extend(children[done:a])
                typed = children[a] if b - a == 1 else query.And(children[a:b])
                options = [typed] + [q for s in m.others() for q in spelled(fields, s.terms)]
                out.append(query.Or(options))
                found.append(m)
                done = b
            out.extend(children[done:j])
            i = j
        return out

    def phrase(node: Any) -> Any:
        words = [str(w) for w in node.words]
        matches = table.find(words)
        if not matches or len(matches) > MAX_NAMES_IN_PHRASE:
            return node
        found.extend(matches)
        variants: list[list[str]] = [[]]
        last = 0
        for m in matches:
            spelled = [list(s.terms) for s in m.spellings]
            variants = [v + words[last : m.start] + o for v in variants for o in spelled][:MAX_NAME_PHRASES]
            last = m.end
        # spellings that fold to the same terms (Koryŏ, Koryo) are one phrase, and the phrase as
        # typed is not repeated: a phrase matched twice would score twice
        unique = dict.fromkeys(tuple(v + words[last:]) for v in variants)
        unique.pop(tuple(words), None)
        options = [
            query.Term(node.fieldname, v[0])
            if len(v) == 1
            else query.Phrase(node.fieldname, list(v), slop=node.slop)
            for v in unique
        ]
        return query.Or([node, *options]) if options else node

    def expand(node: Any) -> Any:
        if isinstance(node, query.Not | query.AndNot):
            # a name that is excluded is excluded in every spelling, but it "matched" nothing
            kept = len(found)
            if isinstance(node, query.Not):
                out = node.apply(expand)
                del found[kept:]
                return out
            a = expand(node.a)
            kept = len(found)
            b = expand(node.b)
            del found[kept:]
            return query.AndNot(a, b)
        if isinstance(node, query.Phrase):
            return phrase(node) if node.fieldname in ("title", "body") else node
        if isinstance(node, query.And) and len(node.subqueries) > 1 and word(node) is None:
            return query.And(run_of(list(node.subqueries)), boost=node.boost)
        unit = word(node)
        if unit is not None:
            replaced = run_of([node])
            return replaced[0] if len(replaced) == 1 else node
        return node if node.is_leaf() else node.apply(expand)

    return expand(q), found


MAX_ALSO = 8  # other spellings the search bar names


def _also_spelled(
    found: list[NameMatch], seen: list[tuple[str, tuple[Span, ...]]], typed: str
) -> tuple[str, ...]:
    """The other spellings of the names a query matched, for the search bar's "also:": as
    written in the hits shown (``seen``: body and hit spans; neighbouring hits joined by a
    space or hyphen make one name), the most frequent first."""
    if not found:
        return ()
    keys = {s.terms for m in found for s in m.spellings}
    typed = " ".join(typed.lower().split())
    counts: dict[str, int] = {}
    for body, spans in seen:
        runs: list[list[Span]] = []  # hits one space or hyphen apart
        for span in spans:
            if runs and body[runs[-1][-1].end : span.start] in (" ", "-", "\u00a0"):
                runs[-1].append(span)
            else:
                runs.append([span])
        for run in runs:
            i = 0
            while i < len(run):  # the longest stretch from here that spells a matched name
                for j in range(len(run), i, -1):
                    written = " ".join(body[run[i].start : run[j - 1].end].split())
                    if tuple(analysis_terms(written)) in keys:
                        if written.lower() not in typed:
                            counts[written] = counts.get(written, 0) + 1
                        i = j
                        break
                else:
                    i += 1
    return tuple(sorted(counts, key=lambda w: -counts[w])[:MAX_ALSO])


# A range of words ([a TO z], {* TO zzzz}, body:>a) walks most of the vocabulary of every
# segment: 1.5-1.8 s of CPU at 2,225 BBC documents. Ranges are for dates.
RANGE_ON_WORDS = (
    "ranges work on dates only, e.g. date:[2011 TO 2012] or date:>2015; "
    "a range of words ([a TO z]) would match most of the vocabulary: use word* instead"
)


def _check_prefixes(q: Any) -> str | None:
    """A message for the parts of a parsed query that would take too long: short prefixes,
    '*' alone, fuzzy words with many edits or too many of them. (``lint_query`` says the same
    from the text; this looks at what Whoosh made of it, phrases that did not parse included.)"""
    fuzzy: set[str] = set()
    for sub in _walk_query(q):
        if isinstance(sub, query.FuzzyTerm):
            fuzzy.add(str(sub.text))
            if int(sub.maxdist) > MAX_FUZZY_EDITS:
                return (
                    f"a fuzzy word allows at most {MAX_FUZZY_EDITS} edits: word~1 or word~{MAX_FUZZY_EDITS}"
                )
            if len(fuzzy) > MAX_FUZZY_WORDS:
                return f"at most {MAX_FUZZY_WORDS} fuzzy words (word~) in one query"
        if isinstance(sub, (query.Prefix, query.Wildcard)) and not isinstance(sub, query.Every):
            literal = re.split(r"[*?]", str(sub.text))[0]
            if len(literal) < MIN_PREFIX:
                return f"a prefix needs at least {MIN_PREFIX} letters before '*' (got {str(sub.text)[:40]!r})"
        if isinstance(sub, query.TermRange):  # dates and numbers are NumericRange, not this
            return RANGE_ON_WORDS
        if isinstance(sub, query.Every) and sub.fieldname not in (None, "id"):
            return "'*' alone would match everything: add at least 3 letters before it"
    return None


_PREFIX_WORD = re.compile(r"(\w+)\*")


def _typed_prefixes(q: Any, text: str, schema: Any) -> Any:
    """``q`` with each title/body prefix also matched as typed: Whoosh stems the letters before
    '*' like a whole word, so "kory*" became "kori*" and found nothing (not "Koryo"), and
    "pyongy*" became "pyongi*". A prefix the stemmer changed is searched both ways."""
    typed = {m.group(1).lower() for m in _PREFIX_WORD.finditer(text)}
    if not typed:
        return q
    stemmed = {
        field: {t.text: word for word in typed for t in schema[field].analyzer(word, mode="query")}
        for field in ("title", "body")
    }

    def fix(sub: Any) -> Any:
        if not isinstance(sub, query.Prefix):
            return sub.apply(fix) if not sub.is_leaf() else sub
        word = stemmed.get(sub.fieldname, {}).get(sub.text)
        if word is None or word == sub.text:
            return sub
        return query.Or([query.Prefix(sub.fieldname, word, boost=sub.boost), sub])

    return fix(q)


def _body_terms(q: Any, reader: Any) -> set[tuple[str, bytes]]:
    """The body terms a document can match ``q`` by: its words, phrases included, with prefix
    and wildcard words expanded (per segment: Whoosh's expansion over the whole index is a
    brute-force walk), leaving out negated parts. A hit's matched words are those of its
    body that are in this set (what ``terms=True`` records, without recording it for every
    match)."""
    if isinstance(q, query.Not):
        return set()
    if isinstance(q, query.AndNot):
        return _body_terms(q.a, reader)
    if q.is_leaf():
        if getattr(q, "fieldname", None) != "body":
            return set()
        readers = (
            [leaf for leaf, _offset in reader.leaf_readers()] if isinstance(q, query.MultiTerm) else [reader]
        )
        return {term for r in readers for term in q.existing_terms(r, phrases=True, expand=True)}
    return {term for child in q.children() for term in _body_terms(child, reader)}


def _walk_query(q: Any) -> Iterable[Any]:
    yield q
    if hasattr(q, "children"):
        for child in q.children():
            yield from _walk_query(child)


def _match_spans(body: str, matched: Iterable[tuple[str, bytes]] | None, q: Any = None) -> tuple[Span, ...]:
    """Offsets of the body words a query matched. Words of a phrase count only where the
    whole phrase occurs (within its slop); other matched terms count everywhere."""
    terms = {t.decode("utf-8") if isinstance(t, bytes) else str(t) for f, t in (matched or ()) if f == "body"}
    if not terms or not body:
        return ()
    phrases: list[tuple[list[str], int]] = []
    loose: set[str] = set()
    for sub in _walk_query(q) if q is not None else ():
        if isinstance(sub, query.Phrase) and sub.fieldname == "body":
            phrases.append(([str(w) for w in sub.words], int(sub.slop)))
        elif isinstance(sub, query.Term) and sub.fieldname == "body":
            loose.add(str(sub.text))
    in_phrases = {w for words, _ in phrases for w in words}
    # terms from multi-term queries (prefix, fuzzy) are matched terms not named by a phrase
    loose |= terms - in_phrases
    found = tokens(body)
    keep = [False] * len(found)
    at: dict[tuple[int, str], list[int]] = {}  # (position, term) -> tokens (a joined given name
    # shares its position with its first syllable)
    where: dict[str, list[int]] = {}  # term -> tokens: a name's variant phrases start nowhere mostly
    for i, tok in enumerate(found):
        at.setdefault((tok.pos, tok.term), []).append(i)
        where.setdefault(tok.term, []).append(i)
        if tok.term in loose and tok.term in terms:
            keep[i] = True
    for words, slop in phrases:
        if not words or not set(words) <= terms:
            continue
        for i in where.get(words[0], ()):
            tok = found[i]
            chosen = [i]
            pos = tok.pos
            for word in words[1:]:
                nxt = next(
                    (at[p, word][0] for p in range(pos + 1, pos + 1 + max(1, slop)) if (p, word) in at), None
                )
                if nxt is None:
                    break
                chosen.append(nxt)
                pos = found[nxt].pos
            else:
                for k in chosen:
                    keep[k] = True
    spans: list[Span] = []
    for tok, k in zip(found, keep, strict=True):
        if not k:
            continue
        if spans and tok.start < spans[-1].end:  # a joined given name and its syllables: one hit
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, tok.end))
        else:
            spans.append(Span(tok.start, tok.end))
    return tuple(spans)


# -- documents <-> stored fields


PARALLEL_MIN = 400  # below this, starting a worker process costs more than it saves
PREPARE_CHUNK = 32  # documents sent to the worker at a time
PREPARE_AHEAD = 16  # chunks the worker may be ahead of the indexer (512 documents)


@dataclass(frozen=True)
class Prepared:
    """One document made ready for the writer (picklable: it may come from another process)."""

    id: str
    unchanged: bool = False
    fields: dict[str, Any] | None = None
    manifest: dict[str, Any] | None = None


@dataclass(frozen=True)
class PreparedFile:
    """The documents of one file (many for a web archive or a feed) and its problems."""

    problems: list[Problem]
    documents: list[Prepared] = field(default_factory=list)


def _prepare_chunk(jobs: list[tuple[Path, Entry, dict[str, str | None]]]) -> list[PreparedFile]:
    return [prepare(*job) for job in jobs]


def prepare(corpus: Path, entry: Entry, old_hashes: dict[str, str | None]) -> PreparedFile:
    """Read one file (a PDF, an archive: in the capped reader process) and make each of its
    documents ready; a document whose content hash is in ``old_hashes`` is only restamped."""
    docs, problems = load_documents(corpus, entry)
    out: list[Prepared] = []
    for doc in docs:
        old_hash = old_hashes.get(doc.id)
        if old_hash is not None and old_hash == doc.content_hash:
            out.append(Prepared(doc.id, unchanged=True))
            continue
        fields = _fields(doc, _detect(doc))
        manifest = _manifest_entry(fields, _loads(fields["meta"]), stamp=entry.stamp)
        if doc.id != entry.id:
            manifest["file"] = entry.id
        out.append(Prepared(doc.id, fields=fields, manifest=manifest))
    return PreparedFile(problems, out)


def _problems_from(value: Any) -> list[Problem]:
    """Problems as the manifest keeps them for files that gave no document."""
    out: list[Problem] = []
    for p in value if isinstance(value, list) else ():
        if isinstance(p, dict) and isinstance(p.get("path"), str) and isinstance(p.get("message"), str):
            line = p.get("line")
            out.append(
                Problem(
                    p["path"],
                    str(p.get("action", "skipped")),
                    p["message"],
                    line if type(line) is int else None,
                )
            )
    return out


def _ids_by_file(known: dict[str, Any]) -> dict[str, list[str]]:
    """The indexed document ids of each file id (a file of one document: its own id)."""
    out: dict[str, list[str]] = {}
    for doc_id, d in known.items():
        out.setdefault(d.get("file", doc_id), []).append(doc_id)
    return out


# ----------------------------------------------------------------------------------------------


@functools.cache
def claims_version() -> str:
    """A fingerprint of the claim detector (its code and model): claims stored in an index
    built by another detector are stale, so the index is rebuilt."""
    digest = hashlib.sha1(usedforsecurity=False)
    package = Path(__file__).resolve().parent
    for path in sorted([*(package / "claims").glob("*.py"), *(package / "data").glob("claims*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _detect(doc: Document) -> list[Claim]:
    try:
        from nkterm.claims import detect_document
    except ImportError:
        return []
    return detect_document(doc)


def _fields(doc: Document, claims: list[Claim]) -> dict[str, Any]:
    meta = {
        "title": doc.title,
        "path": doc.path,
        "source": doc.source,
        "authors": list(doc.authors),
        "people": list(doc.people),
        "date": doc.date.isoformat() if doc.date else None,
        "date_from": doc.date_from,
        "source_from": doc.source_from,
        "place": doc.place,
        "url": doc.url,
        "tags": list(doc.tags),
        "sections": [
            {"start": s.start, "end": s.end, "voice": s.voice, "kind": s.kind, "label": s.label}
            for s in doc.sections
        ],
        "hash": doc.content_hash,
        "parts": [[p.start, p.end, p.kind, p.label] for p in doc.parts],
        "words": doc.word_count,
        "extra": _jsonable(doc.extra),
    }
    fields: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "authors": " ; ".join(doc.authors),
        "people": " ; ".join(doc.people),
        "source": doc.source,
        "source_name": doc.source,
        "tags": ",".join(doc.tags),
        "sections": " ; ".join(f"{s.kind} {s.voice or ''} {s.label}" for s in doc.sections),
        "body": doc.text,
        "kind": " ".join(sorted({k for c in claims for k in c.kinds})),
        "speaker": " ; ".join(sorted({c.speaker for c in claims if c.speaker})),
        "words": doc.word_count,
        "meta": json.dumps(meta, ensure_ascii=False),
        "claims": json.dumps([c.to_dict() for c in claims], ensure_ascii=False),
        "sentences": json.dumps([x for span in doc.sentences for x in (span.start, span.end)]),
    }
    if doc.date:
        fields["date"] = dt.datetime(doc.date.year, doc.date.month, doc.date.day)
    return fields


def _manifest_entry(stored: dict[str, Any], meta: Any, stamp: tuple[int, ...] | None) -> dict[str, Any]:
    meta = meta or {}
    claims = _loads(stored.get("claims")) or []
    return {
        "stamp": list(stamp) if stamp else None,
        "hash": meta.get("hash", ""),
        "path": meta.get("path", stored.get("path", "")),
        "title": stored.get("title", ""),
        "source": meta.get("source", ""),
        "authors": meta.get("authors") or [],
        "date": meta.get("date") or "",
        "url": meta.get("url") or "",
        "words": int(meta.get("words", stored.get("words", 0)) or 0),
        "claims": len(claims),
        "check_worthy": sum(1 for c in claims if float(c.get("score", 0)) >= 0.5),
    }


def _document_from_stored(stored: dict[str, Any]) -> Document:
    meta = _loads(stored.get("meta")) or {}
    date = None
    if meta.get("date"):
        try:
            date = dt.date.fromisoformat(meta["date"])
        except ValueError:
            date = None
    doc = Document(
        id=stored["id"],
        text=stored.get("body", ""),
        title=stored.get("title", stored["id"]),
        path=meta.get("path", ""),
        source=meta.get("source", ""),
        authors=tuple(meta.get("authors", ())),
        people=tuple(meta.get("people", ())),
        date=date,
        date_from=meta.get("date_from", ""),
        source_from=meta.get("source_from", ""),
        place=meta.get("place", ""),
        url=meta.get("url", ""),
        tags=tuple(meta.get("tags", ())),
        sections=tuple(
            Section(s["start"], s["end"], s.get("voice"), s.get("kind", "body"), s.get("label", ""))
            for s in meta.get("sections", ())
        ),
        content_hash=meta.get("hash", ""),
        parts=_parts(meta.get("parts")),
        extra=meta.get("extra") or {},
    )
    flat = _loads(stored.get("sentences"))
    if isinstance(flat, list) and len(flat) % 2 == 0:
        # pre-fill the cached property: reopening a long document never re-segments it
        doc.__dict__["sentences"] = tuple(Span(flat[i], flat[i + 1]) for i in range(0, len(flat), 2))
    return doc


def _parts(value: Any) -> tuple[Part, ...]:
    """Pages or chapters as stored (``[start, end, kind, label]`` each), malformed ones left out."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Part(p[0], p[1], str(p[2]), str(p[3]))
        for p in value
        if isinstance(p, list) and len(p) == 4 and type(p[0]) is int and type(p[1]) is int
    )


def _part_labels(meta: Any, spans: tuple[Span, ...]) -> tuple[str, ...]:
    """The page or chapter of each hit, for a document that has them."""
    parts = _parts(meta.get("parts")) if isinstance(meta, dict) else ()
    if not parts or not spans:
        return ()
    doc = Document(id="", text="", title="", parts=parts)
    return tuple(part.label if (part := doc.part_at(span.start)) else "" for span in spans)


def _date_text(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else ""


def _loads(value: Any) -> Any:
    if not value:
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return None


def _jsonable(value: Any) -> Any:
    """``value`` as JSON data: what JSON lacks (dates, bytes, sets) as text, mapping keys as text
    (YAML metadata may key a mapping by a date, which ``json.dumps`` refuses even with
    ``default=str``)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return str(value)


def _owned(name: str) -> bool:
    """Files an index folder may hold: Whoosh's (with the ``MAIN.tmp`` folder a killed writer
    leaves behind), ours, our temp files."""
    files = (META_FILE, MANIFEST_FILE, LIST_FILE, SCAN_FILE)
    ours = (*files, *("." + name for name in files))
    return name.startswith((INDEX_NAME + "_", "_" + INDEX_NAME + "_", *ours)) or name in (
        ".gitkeep",
        INDEX_NAME + ".tmp",
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
