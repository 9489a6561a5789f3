"""Reader state that outlives a session: where the reader was in each document.

Owns ``state_dir()/positions.json``: per document id, the cursor (offset of the sentence under
the cursor) and the offset shown at the top of the view, both character offsets into the
document text, so they survive a different terminal width. A save takes a lock shared by
every nkterm process (``positions.json.lock``), reads the file, merges its own changes in and
replaces the file atomically (temp file + ``os.replace``), so readers saving at once do not
erase each other's positions. A linked file is written where the link leads. A corrupt file is
reported and then replaced, never a crash. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from nkterm import paths
from nkterm.files import lock_path, read_file, write_json

POSITIONS_FILE = "positions.json"
MAX_FILE_BYTES = 16 << 20  # 2,000 small entries are well under 1 MB
MAX_ENTRIES = 2000  # the most recently read documents are kept
LOCK_TIMEOUT = 10.0  # seconds to wait for another process's save (a save takes milliseconds)


@dataclass(frozen=True, slots=True)
class Position:
    cursor: int
    top: int
    seen: float = 0.0  # time.time() of the last visit, to keep the most recent entries

    def to_dict(self) -> dict[str, Any]:
        return {"cursor": self.cursor, "top": self.top, "seen": round(self.seen, 3)}

    @classmethod
    def from_dict(cls, data: Any) -> Position | None:
        if not isinstance(data, dict):
            return None
        try:
            cursor, top = int(data["cursor"]), int(data["top"])
            seen = float(data.get("seen", 0.0))
        except (KeyError, TypeError, ValueError):
            return None
        if cursor < 0 or top < 0:
            return None
        return cls(cursor, top, seen)


class PositionStore:
    """Positions by document id. ``get``/``set`` are cheap and in memory; ``load``/``save`` touch
    the disk and belong in a worker thread (or after the app has stopped). Thread-safe."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.state_dir() / POSITIONS_FILE
        self._positions: dict[str, Position] = {}
        self._dirty: set[str] = set()
        self._lock = threading.Lock()
        self.problem: str | None = None  # what went wrong reading the file, for the user

    def load(self) -> PositionStore:
        data = _read(self.path)
        if isinstance(data, str):
            self.problem = data
            data = {}
        with self._lock:
            for doc_id, entry in data.items():
                pos = Position.from_dict(entry)
                if pos is not None and doc_id not in self._dirty:
                    self._positions[doc_id] = pos
        return self

    def get(self, doc_id: str) -> Position | None:
        with self._lock:
            return self._positions.get(doc_id)

    def set(self, doc_id: str, cursor: int, top: int) -> None:
        with self._lock:
            old = self._positions.get(doc_id)
            if old is not None and old.cursor == cursor and old.top == top:
                return
            self._positions[doc_id] = Position(cursor, top, time.time())
            self._dirty.add(doc_id)

    def last(self) -> str | None:
        """The document read most recently (the one to reopen at start), or None."""
        with self._lock:
            if not self._positions:
                return None
            return max(self._positions.items(), key=lambda kv: kv[1].seen)[0]

    @property
    def dirty(self) -> bool:
        with self._lock:
            return bool(self._dirty)

    def save(self) -> None:
        """Write our changed positions into the file (keeping other entries). Raises OSError."""
        with self._lock:
            if not self._dirty:
                return
            changed = {doc_id: self._positions[doc_id] for doc_id in self._dirty}
            self._dirty.clear()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(lock_path(self.path), timeout=LOCK_TIMEOUT, poll_interval=0.01):
                self._merge_into_file(changed)
        except Timeout as exc:
            with self._lock:
                self._dirty.update(changed)
            raise OSError(f"another nkterm process held {exc.lock_file} for {LOCK_TIMEOUT:g} s") from exc
        except BaseException:
            with self._lock:
                self._dirty.update(changed)
            raise

    def _merge_into_file(self, changed: dict[str, Position]) -> None:
        """Read the file, merge ``changed`` in and replace it: only ever under the lock."""
        on_disk = _read(self.path)
        merged: dict[str, Any] = on_disk if isinstance(on_disk, dict) else {}
        merged.update({doc_id: pos.to_dict() for doc_id, pos in changed.items()})
        if len(merged) > MAX_ENTRIES:
            ranked = sorted(merged.items(), key=lambda kv: _seen(kv[1]), reverse=True)
            merged = dict(ranked[:MAX_ENTRIES])
        write_json(self.path, merged, sort_keys=True)


def _seen(entry: Any) -> float:
    try:
        return float(entry.get("seen", 0.0))
    except (AttributeError, TypeError, ValueError):
        return 0.0


def _read(path: Path) -> dict[str, Any] | str:
    """The file's entries, or a message saying why they could not be read."""
    try:
        # through the corpus reader: a FIFO in the file's place cannot hang the reader
        text = read_file(path, MAX_FILE_BYTES).decode("utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        return f"cannot read {path} ({exc.strerror or exc}); reading positions start afresh"
    except UnicodeDecodeError as exc:
        return f"cannot read {path} ({exc}); reading positions start afresh"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
        data = None
    if not isinstance(data, dict):
        return f"{path} is not a positions file; reading positions start afresh"
    return data
