"""The build: scan the corpus -> read each new or changed file -> segment -> detect claims ->
write the search backend, the catalog and the manifest, the reading half in a worker process.

``update(index)`` brings an index in line with its corpus: new documents added, changed ones
(by content hash) replaced, deleted ones removed; a missing, outdated or unreadable index is
rebuilt from scratch with the reason in the report. Files are read (a PDF, an archive: in the
capped reader process) and documents made ready for the backend in a second process while
this one feeds the backend: on two cores the two halves overlap. Must not import Textual; the
backend is written through ``nkterm.search.api`` (its encoder runs in the worker).
"""

from __future__ import annotations

import collections
import dataclasses
import gc
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from nkterm.corpus import DOC_SUFFIXES, Entry, Problem, scan
from nkterm.corpus.readers import format_for
from nkterm.corpus.readers.capped import stderr_with_a_file as _stderr_with_a_file
from nkterm.corpus.readers.registry import readers_version
from nkterm.errors import IndexMissing, without_advice
from nkterm.lifeline import exit_with
from nkterm.prepare import Prepared as Prepared  # re-exported (nkterm.index)
from nkterm.prepare import PreparedFile, prepare, prepare_chunk, warm_up
from nkterm.report import ProgressFn, UpdateReport
from nkterm.spool import release_memory, spool_folder, take

if TYPE_CHECKING:  # a worker never writes: the query parser behind the API is ~25 ms of its start
    from nkterm.search.api import BackendWriter

UNFINISHED_MIN = 200  # an update of this many documents or more is marked until it ends
BATCH = 5000  # documents per commit in a large build: a killed run keeps what it committed; each
# commit is a segment every query visits (20k: 4 segments, search p95 181 ms; 1,000 per commit: 20, 664 ms)


class BuildTarget(Protocol):
    """What ``update`` needs of an index (``nkterm.index.Index`` is one): its corpus and
    folder, its manifest, a reset with the reason kept in ``messages``, and a backend writer."""

    corpus: Path
    directory: Path
    messages: list[str]

    def check(self) -> dict[str, Any]: ...
    def manifest(self) -> dict[str, Any]: ...
    def write_manifest(self) -> None: ...
    def reset(self, reason: str | None = None) -> None: ...
    def writer(self, lock_timeout: float) -> BackendWriter: ...


def update(
    index: BuildTarget,
    progress: ProgressFn | None = None,
    *,
    lock_timeout: float = 2.0,
    scanned: tuple[list[Entry], list[Problem]] | None = None,
) -> UpdateReport:
    """Bring the index in line with the corpus: add new documents, re-index changed ones
    (by content hash), remove deleted ones. Rebuilds from scratch, with a reason in the
    report, when the index is missing, from another schema version or unreadable.
    ``scanned``: the corpus's ``scan`` when the caller has just made it (else it is made
    here). The report's ``scan_digest`` is set when the update ended with the manifest
    holding exactly that scan's files (``nkterm.freshness.same_scan``)."""
    t0 = time.perf_counter()
    report = UpdateReport()
    # the comparison makes ~100,000 objects beside the manifest's ~300,000 and frees none: the
    # cyclic collector's passes over them were ~10% of a no-change re-run (20k: ~40 ms CPU)
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            manifest = index.check()
        except IndexMissing as exc:
            had_files = index.directory.exists() and any(
                p.name not in (".gitkeep",) for p in index.directory.iterdir()
            )
            index.reset("rebuilding the index: " + without_advice(exc) if had_files else None)
            report.rebuilt = index.messages[-1] if had_files else "new index"
            manifest = index.manifest()
        except Exception as exc:  # noqa: BLE001 - a corrupt manifest/segment: rebuild
            index.reset(f"rebuilding the index: it could not be read ({exc})")
            report.rebuilt = index.messages[-1]
            manifest = index.manifest()

        entries, problems = scan(index.corpus) if scanned is None else scanned
        del scanned
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
        unchanged = 0
        for entry in entries:
            old_ids = by_file.get(entry.id, [])
            # the stamp as the manifest keeps it (a list), without the property's tuple
            stamp = [entry.mtime_ns, entry.size, entry.sidecar_mtime_ns, entry.sidecar_size]
            if reread and _read_by_a_reader(entry.rel):
                failed.pop(entry.id, None)
                todo.append((entry, old_ids))
                continue
            if len(old_ids) == 1:  # a file of one document (most): no generator
                if known[old_ids[0]].get("stamp") == stamp:
                    unchanged += 1
                    continue
            elif old_ids and all(known[i].get("stamp") == stamp for i in old_ids):
                unchanged += len(old_ids)
                continue
            known_failure = failed.get(entry.id)
            if not old_ids and isinstance(known_failure, dict) and known_failure.get("stamp") == stamp:
                report.problems.extend(_problems_from(known_failure.get("problems")))
                continue
            todo.append((entry, old_ids))
        report.unchanged += unchanged
        seen = {e.id for e in entries}
        removed = [doc_id for doc_id, d in known.items() if d.get("file", doc_id) not in seen]
        for gone in [file_id for file_id in failed if file_id not in seen]:
            del failed[gone]
            restamped = True
        if not todo and not removed and not restamped:
            if manifest.pop("unfinished", None):  # killed after its last document: nothing left
                index.write_manifest()
            report.scan_digest = _digest_if_whole(entries, manifest)
            report.seconds = time.perf_counter() - t0
            return report
    finally:
        if collecting:
            gc.enable()

    if len(todo) >= UNFINISHED_MIN:  # killed before the end, the next run says it is finishing
        manifest["unfinished"] = True
        index.write_manifest()
    # a corpus's recurring lines (agency boilerplate) are no claims: learned in one pass over the
    # text files on a full build, else read from the manifest (nkterm.claims.recurring), while the
    # worker processes start (imports and the claims model: ~0.4 CPU s each, one core idle before)
    full = not known or 2 * len(todo) >= len(entries)

    def recurring() -> frozenset[str]:
        found = _recurring_lines(manifest, entries, full=full)
        release_memory()  # that pass read every text file: 20k documents left ~50 MB of freed heap
        return found

    # The cyclic collector paused while this process writes (the CLI's and a benchmark's build:
    # its main thread; the reader builds from a thread and keeps it): the unpickled documents
    # and the postings pool are ~10^6 containers that hold no cycle, and the collector's passes
    # over them were a quarter of this process's CPU before the commit (2,200 BBC documents:
    # unpickling 0.22 -> 0.08, adding 0.9 -> 0.7 CPU ms a document)
    pausing = gc.isenabled() and threading.current_thread() is threading.main_thread()
    if pausing:
        gc.disable()
    try:
        return _write(
            index, progress, lock_timeout, report, manifest, entries, todo, removed, restamped, recurring, t0
        )
    finally:
        if pausing:
            gc.enable()


def _write(
    index: BuildTarget,
    progress: ProgressFn | None,
    lock_timeout: float,
    report: UpdateReport,
    manifest: dict[str, Any],
    entries: list[Entry],
    todo: list[tuple[Entry, list[str]]],
    removed: list[str],
    restamped: bool,
    recurring: Callable[[], frozenset[str]],
    t0: float,
) -> UpdateReport:
    """The update's writing half: each prepared document to the backend writer (a commit at
    each of ``batch_ends``: every ``BATCH`` files, and a short last batch), the removed ones deleted, the last commit or the manifest written.
    ``recurring``: learns the corpus's recurring lines (called once, before the first document)."""
    from nkterm.search.api import Upsert

    known: dict[str, Any] = manifest["docs"]
    failed: dict[str, Any] = manifest.setdefault("failed", {})
    writer = None
    done = 0
    commits = set(batch_ends(len(todo), BATCH))
    try:
        for i, ((entry, old_ids), prepared_file) in enumerate(
            zip(todo, _prepare_all(index.corpus, todo, known, recurring), strict=True)
        ):
            report.problems.extend(prepared_file.problems)
            for prepared in prepared_file.documents:
                if prepared.unchanged:
                    known[prepared.id]["stamp"] = list(entry.stamp)  # touched, not changed
                    report.unchanged += 1
                    restamped = True
                elif prepared.fields is not None:
                    if writer is None:
                        writer = index.writer(lock_timeout)
                    new = prepared.id not in known
                    writer.upsert(Upsert(prepared.id, prepared.fields, new=new, record=prepared.record))
                    if new:
                        report.added += 1
                    else:
                        report.changed += 1
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
            if writer is not None and i + 1 in commits and i + 1 < len(todo):
                writer.commit(merge=False)
                writer = None
                gc.collect()  # the committed writer is garbage in cycles (the collector is paused)
                release_memory()
        if removed:
            if writer is None:
                writer = index.writer(lock_timeout)
            for doc_id in removed:
                writer.delete(doc_id)
                known.pop(doc_id, None)
                report.removed += 1
        finished = manifest.pop("unfinished", None) is not None
        if writer is not None:
            writer.commit(merge=report.touched < 50)
            writer = None
        elif restamped or finished:
            index.write_manifest()
    finally:
        if writer is not None:
            writer.cancel()
    report.scan_digest = _digest_if_whole(entries, manifest)
    report.seconds = time.perf_counter() - t0
    return report


def _digest_if_whole(entries: list[Entry], manifest: dict[str, Any]) -> str | None:
    """``freshness.scan_digest`` of ``entries`` when the manifest now has every file of them by
    the stamp they were scanned with (the update has just brought it there) and no failed file
    (whose problems a no-change run repeats from the manifest): else None."""
    if manifest.get("failed"):
        return None
    from nkterm.freshness import scan_digest

    return scan_digest(entries)


def _prepare_all(
    corpus: Path,
    todo: list[tuple[Entry, list[str]]],
    known: dict[str, Any],
    recurring: Callable[[], frozenset[str]] = frozenset,
) -> Iterator[PreparedFile]:
    """Read, segment and detect claims for each entry, in order. A large run does this in
    worker processes while this one feeds Whoosh: on two cores the two halves overlap.
    ``recurring`` (the corpus's recurring lines, learned by this process) is called once, before
    the first document, and after the first workers were started (they warm up meanwhile)."""
    # the old hashes now (the loop that consumes this changes ``known``); each job made when it
    # is sent: 20k documents' jobs and chunks made at once were ~12 MB of this process
    olds = [{i: known[i].get("hash") for i in old_ids} if old_ids else None for _e, old_ids in todo]

    def jobs(start: int, stop: int) -> list[tuple[Path, Entry, dict[str, str | None], frozenset[str]]]:
        return [(corpus, todo[j][0], olds[j] or {}, lines) for j in range(start, min(stop, len(todo)))]

    lines: frozenset[str] = frozenset()
    if len(todo) < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        lines = recurring()
        yield from (prepare(*jobs(j, j + 1)[0]) for j in range(len(todo)))
        return
    import multiprocessing  # here: a no-change update never starts a pool (~15 ms of imports)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # forkserver, not fork: the TUI calls update() from a thread, and forking a threaded
    # process can deadlock
    context = multiprocessing.get_context("forkserver")
    count = workers(-(-len(todo) // PREPARE_CHUNK))
    # Fresh workers for each batch (``BATCH`` files, one commit; a multiple of it when BATCH is
    # small): no worker grows over the whole build (63 MB each at 2k documents, 71 MB at 20k).
    # A batch's workers end as soon as they have prepared its last chunk, and the next batch's
    # start then, so that they prepare documents while this process commits (the commit is
    # this process alone: 20k, 5-13 s each, one core idle before). Their results wait in a
    # spool folder as pickles (~15 KB a document), not in this process's memory: the commit
    # is this process's peak (Whoosh finishing a segment: +9-11 MB).
    span = BATCH * -(-RECYCLE_MIN // BATCH)
    ends = batch_ends(len(todo), span)

    def end_of(start: int) -> int:
        """Where the worker batch starting at file ``start`` ends."""
        return next(end for end in ends if end > start)

    Batch = tuple[ProcessPoolExecutor, Iterator[int], collections.deque[Any]]

    def start_batch(start: int, ahead_count: int, warm: bool = False) -> Batch | None:
        """Workers for the files ``start..`` (one batch), ``ahead_count`` chunks submitted (after
        one warm-up task a worker when ``warm``: the processes start now); None when no worker
        process can be started here (the rest is prepared in this process)."""
        stop = end_of(start)
        chunks = iter(range(start, stop, PREPARE_CHUNK))
        pool: ProcessPoolExecutor | None = None
        try:
            with _stderr_with_a_file():  # the pool's queues and the worker start helper processes
                # the worker ends when this process does, even by SIGKILL (nkterm.lifeline)
                pool = ProcessPoolExecutor(
                    max_workers=count,
                    mp_context=context,
                    initializer=exit_with,
                    initargs=(os.getpid(),),
                )
                for _ in range(count if warm else 0):
                    pool.submit(warm_up)
                ahead = collections.deque(
                    submit(pool, i, stop) for i in itertools.islice(chunks, ahead_count)
                )
        except (OSError, ValueError, BrokenProcessPool):
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            return None
        return pool, chunks, ahead

    def submit(pool: ProcessPoolExecutor, i: int, stop: int) -> Any:
        return pool.submit(prepare_chunk, jobs(i, min(i + PREPARE_CHUNK, stop)), str(spool / f"{i}.pickle"))

    # A window of chunks, not pool.map: map submits every document at once, and when the
    # workers are faster than Whoosh the prepared documents pile up (100k build, 35,000 in:
    # main process 464 MB, before the spool). The window is what is in flight.
    window = PREPARE_AHEAD * count
    start = 0
    with spool_folder() as spool:
        # the first workers start (imports, the claims model) while this process learns the
        # recurring lines; the jobs, which carry those lines, are sent after
        pending = start_batch(0, 0, warm=True)
        try:
            lines = recurring()
            if pending is not None:
                pool, chunks, ahead = pending
                try:
                    ahead.extend(submit(pool, i, end_of(0)) for i in itertools.islice(chunks, window))
                except (OSError, ValueError, BrokenProcessPool):  # no worker could start
                    pool.shutdown(wait=True, cancel_futures=True)
                    pending = None
            while start < len(todo):
                current, pending = pending, None
                if current is None:  # no worker here: do it in-process
                    yield from (prepare(*jobs(j, j + 1)[0]) for j in range(start, len(todo)))
                    return
                pool, chunks, ahead = current
                stop = end_of(start)
                try:
                    consumed = 0
                    ended = False
                    while ahead:
                        spooled = ahead.popleft().result()
                        i = next(chunks, None)
                        if i is not None:
                            ahead.append(submit(pool, i, stop))
                        elif not ended and all(f.done() for f in ahead):
                            # every chunk of the batch prepared (the last ones wait in the spool): its
                            # workers end, and the next batch's start while this process hands over
                            # the rest and commits (20k: the workers idled ~4 s a batch waiting here)
                            ended = True
                            pool.shutdown(wait=True)
                            if stop < len(todo):
                                pending = start_batch(stop, max(window, COMMIT_AHEAD))
                        done: list[PreparedFile] = take(spooled)
                        yield from done
                        del done
                        consumed += 1
                        if consumed % RELEASE_EVERY == 0:
                            release_memory()
                finally:
                    pool.shutdown(wait=True, cancel_futures=True)
                start = stop
        finally:
            if pending is not None:
                pending[0].shutdown(wait=True, cancel_futures=True)


def batch_ends(total: int, size: int) -> list[int]:
    """Where the batches of a build of ``total`` files end: every ``size`` files, and when there
    are several, the last ``TAIL`` files a batch of their own. The last commit runs alone (the
    workers have ended: one core idle), so it is kept short; the commit before it runs beside the
    workers that prepare the tail (20k: the last commit wrote 5,000 documents, 6.3 s of 83.7 with
    the workers idle). A build of one batch (``total <= size``) keeps its one commit."""
    ends = [*range(size, total, size), total]
    if len(ends) > 1 and total - ends[-2] > 2 * TAIL:
        ends.insert(-1, total - TAIL)
    return ends


def workers(chunks: int) -> int:
    """How many worker processes prepare documents: ``WORKERS``, else one per core this process
    may run on (the writing process mostly waits for them: BBC build, two cores, CPU per
    document 5 ms writing vs 11 ms preparing), never more than there are chunks."""
    if WORKERS is not None:
        return max(1, min(WORKERS, chunks))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS, chunks))


WORKERS: int | None = None  # a fixed number of worker processes (benchmarks); None: one per core
MAX_WORKERS = 8
PARALLEL_MIN = 400  # below this, starting a worker process costs more than it saves
RECYCLE_MIN = 1000  # files at least between two starts of the workers (see ``_prepare_all``)
TAIL = 1000  # files in a build's own last batch (``batch_ends``): at most COMMIT_AHEAD chunks, so that
# the workers prepare all of it while the batch before commits
PREPARE_CHUNK = 32  # documents sent to the worker at a time
RELEASE_EVERY = 8  # chunks taken from the workers between two ``release_memory`` in this process
PREPARE_AHEAD = 3  # chunks per worker process ahead of the indexer: one being prepared, one queued,
# one done (2 workers: 192 documents in flight)
COMMIT_AHEAD = 48  # chunks the next batch's workers may prepare while this process commits (1,536
# documents, ~23 MB of spooled pickles: 2 workers at ~10 ms a document, ~8 s of their work)


def _read_by_a_reader(rel: str) -> bool:
    """Whether the corpus file ``rel`` is read by a format reader (a PDF, an archive), not as text."""
    name = rel.rpartition("/")[2]
    return not name.lower().endswith(DOC_SUFFIXES) and format_for(name) is not None


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


def _recurring_lines(manifest: dict[str, Any], entries: list[Entry], *, full: bool) -> frozenset[str]:
    try:
        from nkterm.claims.recurring import for_update
    except ImportError:
        return frozenset()
    return for_update(
        manifest, [e.path for e in entries if e.path.name.lower().endswith(DOC_SUFFIXES)], full=full
    )
