"""The yardstick: SQLite FTS5 (stdlib ``sqlite3``, porter tokenizer) over the same documents.

One FTS5 table with the columns nkterm searches (title, body) and filters on (tags, claim
kinds), ranked by bm25 with the title weighted 2x like nkterm's ``field_boost``, and
``snippet()`` on the body for every returned row, so the comparison is "top 10 with a
snippet" on both sides. FTS5 is not nkterm's engine; it tells us what a compiled engine does
with the same work. Imports only the standard library.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "id UNINDEXED, title, body, tags, kinds, tokenize = 'porter unicode61')"
)
# bm25 weights per column: id (unindexed), title x2 as in nkterm's schema, body, tags, kinds
SEARCH = (
    "SELECT id, title, snippet(docs, 2, '[', ']', '…', 24) FROM docs WHERE docs MATCH ? "
    "ORDER BY bm25(docs, 0.0, 2.0, 1.0, 1.0, 1.0) LIMIT ?"
)


@dataclass(frozen=True)
class FtsDoc:
    id: str
    title: str
    body: str
    tags: str  # space-separated
    kinds: str  # space-separated claim kinds found in the document


@dataclass
class FtsBuild:
    docs: int
    seconds: float  # inserts + commit, documents already in memory
    mb: float  # database size on disk


class FtsIndex:
    """An on-disk FTS5 database in ``path`` (created by ``build``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    @staticmethod
    def available() -> bool:
        try:
            conn = sqlite3.connect(":memory:")
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61')")
            conn.close()
        except sqlite3.Error:
            return False
        return True

    def build(self, docs: Iterable[FtsDoc]) -> FtsBuild:
        self.close()
        self.path.unlink(missing_ok=True)
        rows = [(d.id, d.title, d.body, d.tags, d.kinds) for d in docs]
        t0 = time.perf_counter()
        conn = sqlite3.connect(self.path)
        conn.execute(SCHEMA)
        with conn:
            conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows)
        conn.close()
        seconds = time.perf_counter() - t0
        return FtsBuild(docs=len(rows), seconds=seconds, mb=self.path.stat().st_size / 1e6)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(self.path)
        return self._conn

    def search(self, query: str, limit: int = 10) -> list[tuple[str, str, str]]:
        """``(id, title, snippet)`` of the top ``limit`` documents."""
        return list(self._connection().execute(SEARCH, (query, limit)))

    def count(self, query: str) -> int:
        row = self._connection().execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (query,)).fetchone()
        return int(row[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
