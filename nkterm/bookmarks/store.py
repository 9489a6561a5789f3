"""``BookmarkStore``: the user's bookmarks, one hand-editable YAML file shared by processes.

Owns ``bookmarks.yaml`` (default ``data_dir()/bookmarks.yaml``), its ``.lock`` file and the
rules around them: every mutation takes the lock, re-reads the file, changes it and replaces it
atomically (``yamlfile.write_atomic``), so concurrent nkterm processes lose nothing and a crash
leaves the old or the new file. A file that does not parse is never overwritten: it is copied
to ``bookmarks.yaml.broken-<time>`` and the store turns read-only. Entries with wrong fields
are reported one by one and written back exactly as they were read.
Must not import Textual or Whoosh.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as _dt
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from nkterm.bookmarks import exchange
from nkterm.bookmarks.anchoring import locate
from nkterm.bookmarks.exchange import ImportReport, Resolver
from nkterm.bookmarks.model import (
    Anchor,
    Bookmark,
    BookmarkNotFound,
    BookmarksError,
    BookmarksLocked,
    BookmarksReadOnly,
    BookmarksWriteError,
    ClaimRef,
    InvalidBookmark,
    TextPositionSelector,
    clean_tags,
    new_id,
    now,
    quote_at,
)
from nkterm.bookmarks.yamlfile import (
    FORMAT_VERSION,
    Entry,
    InvalidEntry,
    Serialiser,
    backup_copy,
    parse_file,
    write_atomic,
)
from nkterm.files import lock_path, read_file
from nkterm.models import Claim, Document
from nkterm.paths import data_dir

FILE_NAME = "bookmarks.yaml"
LOCK_TIMEOUT = 10.0  # seconds to wait for another process's write
MAX_FILE_BYTES = 512 * 1024 * 1024  # a million bookmarks take ~350 MB

T = TypeVar("T")


def default_path() -> Path:
    return data_dir() / FILE_NAME


class BookmarkStore:
    """All bookmarks of one user, backed by one YAML file.

    Reading is lazy and cheap to repeat (the file is re-parsed only when its bytes change).
    ``problems`` lists what is wrong in the file; ``read_only_reason`` is set when the file
    cannot be safely rewritten, and every mutation then raises ``BookmarksReadOnly``.
    Safe to share between threads; safe against other processes through the lock file.
    """

    def __init__(self, path: Path | str | None = None, *, lock_timeout: float = LOCK_TIMEOUT):
        self.path = Path(path) if path is not None else default_path()
        self.lock_path = lock_path(self.path)  # beside the file a link leads to
        self.lock_timeout = lock_timeout
        self._file_lock = FileLock(self.lock_path, timeout=lock_timeout, poll_interval=0.01)
        self._thread_lock = threading.RLock()
        self._loaded = False
        self._bytes: bytes | None = None
        self._entries: list[Entry] = []
        self._top_extra: dict[str, Any] = {}
        self._problems: tuple[str, ...] = ()
        self._read_only: str | None = None
        self._undo: list[tuple[int, Bookmark]] = []
        self._serialise = Serialiser()

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> tuple[Bookmark, ...]:
        """(Re)read the file; never raises for bad content (see ``problems``)."""
        with self._thread_lock:
            self._read()
            return self.bookmarks

    @property
    def bookmarks(self) -> tuple[Bookmark, ...]:
        with self._thread_lock:
            if not self._loaded:
                self._read()
            return tuple(e for e in self._entries if isinstance(e, Bookmark))

    @property
    def problems(self) -> tuple[str, ...]:
        """One readable message per broken file or broken entry, naming file and line."""
        self.bookmarks  # noqa: B018 - loads on first use
        return self._problems

    @property
    def read_only_reason(self) -> str | None:
        self.bookmarks  # noqa: B018 - loads on first use
        return self._read_only

    def get(self, bookmark_id: str) -> Bookmark:
        for bookmark in self.bookmarks:
            if bookmark.id == bookmark_id:
                return bookmark
        raise BookmarkNotFound(f"no bookmark with id {bookmark_id!r}")

    def list(
        self, doc_id: str | None = None, text: str | None = None, tag: str | None = None
    ) -> builtins.list[Bookmark]:
        """Bookmarks in file order: of one document, containing ``text`` (in the quote, note
        or tags, ignoring case), and/or carrying ``tag`` (ignoring case)."""
        needle = text.casefold() if text else None
        wanted_tag = tag.casefold() if tag else None
        found = []
        for b in self.bookmarks:
            if doc_id is not None and b.doc_id != doc_id:
                continue
            if wanted_tag is not None and wanted_tag not in (t.casefold() for t in b.tags):
                continue
            if needle is not None:
                haystack = "\n".join((b.quote.exact, b.note, *b.tags)).casefold()
                if needle not in haystack:
                    continue
            found.append(b)
        return found

    def _read(self) -> None:
        try:
            # never blocks: a FIFO or a folder in the file's place is an error, not a hang
            data: bytes | None = read_file(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            data = None
        except OSError as exc:
            raise BookmarksError(f"cannot read bookmarks file {self.path}: {exc.strerror}") from exc
        if self._loaded and data == self._bytes:
            return
        self._entries, self._top_extra, self._problems, self._read_only = [], {}, (), None
        self._bytes, self._loaded = data, True
        if data is not None:
            self._parse(data)

    def _parse(self, data: bytes) -> None:
        try:
            default_time = _dt.datetime.fromtimestamp(self.path.stat().st_mtime).astimezone()
        except OSError:
            default_time = now()
        parsed = parse_file(data, self.path, default_time.replace(microsecond=0))
        if parsed.broken is not None:
            try:
                where = f"a copy is in {backup_copy(self.path, data)}"
            except OSError as exc:
                where = f"no backup copy could be made ({exc.strerror})"
            self._read_only = (
                f"bookmarks file {self.path} {parsed.broken}. It was left unchanged ({where}); "
                "bookmarks are read-only until the file is fixed or moved away."
            )
        elif parsed.newer_version is not None:
            self._read_only = (
                f"bookmarks file {self.path} was written by a newer nkterm (format "
                f"{parsed.newer_version}; this one knows {FORMAT_VERSION}). It is left unchanged "
                "and read-only here."
            )
        self._entries, self._top_extra = parsed.entries, parsed.top_extra
        self._problems = (self._read_only,) if self._read_only else tuple(parsed.problems)

    # --- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file_lock.acquire(timeout=self.lock_timeout)
        except Timeout as exc:
            raise BookmarksLocked(
                f"bookmarks are being saved by another nkterm process: waited "
                f"{self.lock_timeout:g} s for the lock {self.lock_path}. Try again in a moment."
            ) from exc
        except OSError as exc:
            raise BookmarksWriteError(
                f"cannot lock bookmarks file {self.path}: {exc.strerror or exc}"
            ) from exc
        try:
            yield
        finally:
            self._file_lock.release()

    def _mutate(self, change: Callable[[builtins.list[Entry]], T]) -> T:
        """Read-modify-write under the lock; memory changes only when the disk did."""
        with self._thread_lock, self._locked():
            self._read()
            if self._read_only is not None:
                raise BookmarksReadOnly(self._read_only)
            entries = builtins.list(self._entries)
            result = change(entries)
            data = self._serialise(entries, self._top_extra)
            try:
                write_atomic(self.path, data)
            except OSError as exc:
                raise BookmarksWriteError(
                    f"could not save bookmarks to {self.path}: {exc.strerror or exc}. "
                    "The previous file is unchanged."
                ) from exc
            self._entries, self._bytes = entries, data
            return result

    @staticmethod
    def _ids(entries: Iterable[Entry]) -> set[str]:
        return {e.id for e in entries if e.id is not None}

    @staticmethod
    def _index(entries: builtins.list[Entry], bookmark_id: str) -> int:
        for i, entry in enumerate(entries):
            if entry.id == bookmark_id:
                if isinstance(entry, InvalidEntry):
                    raise BookmarksError(f"{entry.message}")
                return i
        raise BookmarkNotFound(f"no bookmark with id {bookmark_id!r}")

    def add(
        self,
        doc: Document,
        start: int,
        end: int,
        note: str = "",
        tags: Iterable[str] = (),
        claim: Claim | ClaimRef | None = None,
    ) -> Bookmark:
        """Bookmark ``doc.text[start:end]`` and save. Raises ``InvalidBookmark`` for an empty,
        blank or out-of-range passage."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise InvalidBookmark(f"a passage needs 0 <= start < end, got {start}..{end}")
        if end > len(doc.text):
            raise InvalidBookmark(
                f"passage {start}..{end} is past the end of {doc.id!r} ({len(doc.text)} chars)"
            )
        if not doc.text[start:end].strip():
            raise InvalidBookmark("the passage is blank")
        if not isinstance(note, str):
            raise InvalidBookmark(f"the note must be text, got {note!r}")
        clean = clean_tags(tags)
        claim_ref = ClaimRef.of(claim) if claim is not None else None

        def change(entries: builtins.list[Entry]) -> Bookmark:
            ids = self._ids(entries)
            bookmark_id = new_id()
            while bookmark_id in ids:
                bookmark_id = new_id()
            stamp = now()
            bookmark = Bookmark(
                id=bookmark_id,
                doc_id=doc.id,
                quote=quote_at(doc.text, start, end),
                position=TextPositionSelector(start, end),
                created=stamp,
                updated=stamp,
                note=note,
                tags=clean,
                claim=claim_ref,
            )
            entries.append(bookmark)
            return bookmark

        return self._mutate(change)

    def update(
        self, bookmark_id: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Change the note and/or the tags (``None`` leaves a field as it is)."""
        if note is not None and not isinstance(note, str):
            raise InvalidBookmark(f"the note must be text, got {note!r}")
        clean = clean_tags(tags) if tags is not None else None

        def change(entries: builtins.list[Entry]) -> Bookmark:
            i = self._index(entries, bookmark_id)
            old = entries[i]
            assert isinstance(old, Bookmark)
            new = replace(
                old,
                note=old.note if note is None else note,
                tags=old.tags if clean is None else clean,
                updated=max(now(), old.created),
                anchor=None,
            )
            entries[i] = new
            return new

        return self._mutate(change)

    def remove(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark and save; ``undo_remove`` brings it back."""

        def change(entries: builtins.list[Entry]) -> Bookmark:
            i = self._index(entries, bookmark_id)
            removed = entries.pop(i)
            assert isinstance(removed, Bookmark)
            self._undo.append((i, removed))
            return removed

        return self._mutate(change)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_remove(self) -> Bookmark | None:
        """Restore the bookmark removed last through this store (None if there is none)."""
        with self._thread_lock:
            if not self._undo:
                return None
            index, bookmark = self._undo.pop()

            def change(entries: builtins.list[Entry]) -> Bookmark:
                if bookmark.id in self._ids(entries):
                    raise BookmarksError(f"a bookmark with id {bookmark.id!r} exists again")
                entries.insert(min(index, len(entries)), bookmark)
                return bookmark

            try:
                return self._mutate(change)
            except BookmarksError:
                self._undo.append((index, bookmark))
                raise

    # --- anchoring -------------------------------------------------------------------------

    def anchor(self, bookmark: Bookmark, doc: Document | None) -> Anchor:
        """Where ``bookmark`` is in ``doc``'s current text (an orphan if ``doc`` is None)."""
        if doc is None:  # kept, and said to be missing: not "not found in the document"
            return Anchor("missing", reason=f"document {bookmark.doc_id!r} is not in the corpus")
        if doc.id != bookmark.doc_id:
            raise ValueError(f"bookmark {bookmark.id} is on {bookmark.doc_id!r}, not {doc.id!r}")
        return locate(doc.text, bookmark.quote, bookmark.position)

    def anchored(
        self, resolve: Resolver, bookmarks: Iterable[Bookmark] | None = None
    ) -> builtins.list[Bookmark]:
        """The bookmarks (all by default) with ``anchor`` set; each document resolved once."""
        docs: dict[str, Document | None] = {}
        out = []
        for b in self.bookmarks if bookmarks is None else bookmarks:
            if b.doc_id not in docs:
                docs[b.doc_id] = resolve(b.doc_id)
            out.append(replace(b, anchor=self.anchor(b, docs[b.doc_id])))
        return out

    # --- export and import -----------------------------------------------------------------

    def export_markdown(self, resolve: Resolver) -> str:
        return exchange.export_markdown(self.bookmarks, resolve)

    def export_json(self) -> str:
        return exchange.export_json(self.bookmarks)

    def export_csv(self, resolve: Resolver | None = None) -> str:
        return exchange.export_csv(self.bookmarks, resolve)

    def import_json(self, data: str | bytes | object, known_doc_ids: Container[str]) -> ImportReport:
        """Add the annotations of a W3C JSON export; see ``exchange.parse_annotations``.
        Ids already present are skipped with a message; nothing is saved if nothing is new."""
        if self.read_only_reason is not None:
            raise BookmarksReadOnly(self.read_only_reason)
        candidates, rejected = exchange.parse_annotations(data, known_doc_ids)
        skipped: builtins.list[str] = []

        def change(entries: builtins.list[Entry]) -> tuple[Bookmark, ...]:
            ids = self._ids(entries)
            added = []
            for bookmark in candidates:
                if bookmark.id in ids:
                    skipped.append(f"bookmark {bookmark.id}: already in your bookmarks; skipped")
                    continue
                ids.add(bookmark.id)
                entries.append(bookmark)
                added.append(bookmark)
            return tuple(added)

        added = self._mutate(change) if candidates else ()
        return ImportReport(added, tuple(skipped), tuple(rejected))
