"""The index folder as Whoosh reads it: without ``mmap``, each segment's term dictionary and
field lengths read once per process and shared by every searcher."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile


class Storage(FileStorage):
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
    segment come from memory shared between searchers (see ``Storage``)."""

    # the term dictionary, and the field lengths (a byte per document and field) that scoring
    # reads for every match: 20k, kind:quantity (19,321 matches) 50 -> 37 ms, median -1.5 ms
    SHARED = (".trm", "_len.col")

    def __init__(self, fileobj: Any, storage: Storage, **kwargs: Any) -> None:
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
