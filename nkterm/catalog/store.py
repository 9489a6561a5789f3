"""The catalog: documents, their sentences and claims, and their metadata by id, in SQLite
(``catalog.sqlite`` in the index folder; stdlib ``sqlite3``, WAL, one writer: the build).

The search backend indexes only what is searched and filtered; everything a document is read
back as lives here, so opening a document is one catalog read and a hit's title, date and
snippet text come from one query for the whole page. Each commit records the backend
generation it agrees with (``generation``): the build commits the backend first, then the
catalog, so a run killed between the two leaves a catalog one generation behind, which
``nkterm.index.Index.check`` sees and repairs (``differences``). Damage (a truncated or
overwritten file) raises ``CatalogDamaged``; the index is then rebuilt.

Imports neither Whoosh nor Textual; the rows are ``nkterm.catalog.records``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkterm.catalog.records import Record, claims_of, document_of, parts_of
from nkterm.models import Claim, Document, Part

CATALOG_FILE = "catalog.sqlite"
CATALOG_FILES = (CATALOG_FILE, CATALOG_FILE + "-wal", CATALOG_FILE + "-shm", CATALOG_FILE + "-journal")
CATALOG_VERSION = 3  # 2: each claim cue's text kept once (table cues); 3: a document's claims in its row

# ``text`` is the last column of ``documents``: SQLite reads a row's columns in order, so a query
# that stops before it never touches the overflow pages of a long text. ``claims``: the
# document's claims as ``records.claims_blob`` made them (compressed JSON, in the build's worker)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT NOT NULL,
    hash TEXT NOT NULL,
    words INTEGER NOT NULL,
    entry TEXT NOT NULL,
    meta TEXT NOT NULL,
    sentences TEXT NOT NULL,
    claims BLOB NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
"""


class CatalogDamaged(Exception):
    """The catalog file cannot be read (truncated, overwritten, not a database)."""


@dataclass(frozen=True)
class HitRow:
    """What a search hit shows of its document."""

    title: str
    source: str
    date: str
    text: str  # "" unless asked for
    parts: tuple[Part, ...]


class Catalog:
    """The catalog of one index folder. Thread-safe for reading: one connection per thread."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / CATALOG_FILE
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []

    # .. connections ..

    def exists(self) -> bool:
        return self.path.is_file()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            con.close()
            raise self._damaged(exc) from exc
        with self._lock:
            self._connections.append(con)
        return con

    def _reader(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            if not self.exists():
                raise CatalogDamaged(f"the catalog {self.path} is missing")
            con = self._connect()
            self._local.con = con
        return con

    def _damaged(self, exc: BaseException) -> CatalogDamaged:
        return CatalogDamaged(f"the catalog {self.path} cannot be read ({exc})")

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        try:
            return self._reader().execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    def close(self) -> None:
        """Close every connection (any thread's); the next read opens a new one."""
        with self._lock:
            connections, self._connections = self._connections, []
        for con in connections:
            with contextlib.suppress(sqlite3.Error):
                con.close()
        self._local = threading.local()

    def create(self, generation: int) -> None:
        """A new, empty catalog agreeing with backend generation ``generation`` (the folder
        has been cleared by the caller)."""
        self.close()
        con = self._connect()
        try:
            con.executescript(_SCHEMA)
            con.execute("BEGIN")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(CATALOG_VERSION),))
            con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))
            con.execute("COMMIT")
        finally:
            con.close()
            with self._lock:
                self._connections.remove(con)

    # .. its state ..

    def generation(self) -> int:
        """The backend generation the catalog agrees with. Raises CatalogDamaged when the
        catalog is missing, from another version or unreadable."""
        rows = dict(self._query("SELECT key, value FROM meta"))
        if rows.get("version") != str(CATALOG_VERSION):
            raise CatalogDamaged(f"the catalog {self.path} is from another version ({rows.get('version')!r})")
        try:
            return int(rows["generation"])
        except (KeyError, ValueError) as exc:
            raise self._damaged(exc) from exc

    def check(self) -> int:
        """Read the catalog's tables end to end (counts, and the last document's text): a
        truncated or overwritten file fails here. Returns the number of documents."""
        self.generation()
        (count,) = self._query("SELECT count(*) FROM documents")[0]
        self._query("SELECT length(text) FROM documents ORDER BY rowid DESC LIMIT 1")
        return int(count)

    def hashes(self) -> dict[str, str]:
        """The content hash of every document, by id."""
        return dict(self._query("SELECT id, hash FROM documents"))

    def differences(self, indexed: dict[str, str]) -> list[str]:
        """The ids whose copy in the backend (``indexed``: id -> content hash) differs from the
        catalog's, or that only one of the two has."""
        mine = self.hashes()
        return sorted(i for i in mine.keys() | indexed.keys() if mine.get(i) != indexed.get(i))

    # .. reading ..

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM documents")[0][0])

    def load(self, doc_id: str) -> tuple[Document, list[Claim]]:
        """The document (its text is the one every stored offset points into) and its claims.
        Raises KeyError for an unknown id."""
        rows = self._query(
            "SELECT id, path, title, date, hash, meta, sentences, claims, text FROM documents WHERE id = ?",
            (doc_id,),
        )
        if not rows:
            raise KeyError(doc_id)
        *row, blob, text = rows[0]
        return document_of((*row, text)), self._claims(blob)

    def document(self, doc_id: str) -> Document:
        return self.load(doc_id)[0]

    def claims(self, doc_id: str) -> list[Claim]:
        rows = self._query("SELECT claims FROM documents WHERE id = ?", (doc_id,))
        return self._claims(rows[0][0]) if rows else []

    def _claims(self, blob: Any) -> list[Claim]:
        try:
            return claims_of(blob)
        except (ValueError, TypeError, zlib.error) as exc:  # not what the build wrote: the file was changed
            raise self._damaged(exc) from exc

    def text(self, doc_id: str) -> str:
        rows = self._query("SELECT text FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise KeyError(doc_id)
        return str(rows[0][0])

    def texts(self) -> Iterator[str]:
        """Every document's text (the spelling list is rebuilt from these)."""
        try:
            for (text,) in self._reader().execute("SELECT text FROM documents"):
                yield text
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    def hit_rows(self, ids: list[str], with_text: set[str]) -> dict[str, HitRow]:
        """Title, source, date and pages of each id, and the text of those in ``with_text``
        (one query for a page of hits)."""
        out: dict[str, HitRow] = {}
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            texted = [x for x in chunk if x in with_text] or [""]
            sql = (  # noqa: S608 - placeholders only
                "SELECT id, title, source, date, meta, CASE WHEN id IN ({}) THEN text ELSE '' END "
                "FROM documents WHERE id IN ({})"
            ).format(",".join("?" * len(texted)), ",".join("?" * len(chunk)))
            rows = self._query(sql, [*texted, *chunk])
            for doc_id, title, source, date, meta, text in rows:
                parts = parts_of(json.loads(meta).get("parts")) if '"parts": [[' in meta else ()
                out[doc_id] = HitRow(title, source, date or "", text, parts)
        return out

    def entries(self) -> dict[str, dict[str, Any]]:
        """The manifest entry of every document as committed (a manifest lost or stale after a
        killed run is rebuilt from these, stamps included: no file is read again)."""
        return {doc_id: json.loads(entry) for doc_id, entry in self._query("SELECT id, entry FROM documents")}

    def ids(
        self,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        dated: bool = False,
        newest_first: bool = True,
        limit: int | None = None,
    ) -> list[str]:
        """Document ids in a date range (inclusive; ``dated``: only documents with a date),
        newest or oldest first by the date index."""
        where, params = [], []
        if dated or date_from or date_to:
            where.append("date IS NOT NULL")
        if date_from:
            where.append("date >= ?")
            params.append(date_from.isoformat())
        if date_to:
            where.append("date <= ?")
            params.append(date_to.isoformat())
        sql = "SELECT id FROM documents"  # the clauses are constants, the values parameters
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY date {'DESC' if newest_first else 'ASC'}, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self._query(sql, params)]

    # .. writing ..

    def writer(self) -> CatalogWriter:
        """A batch of changes, committed with the backend generation it agrees with."""
        return CatalogWriter(self)


class CatalogWriter:
    """One transaction of upserts and deletes (the build's; one writer at a time, which the
    backend's write lock guarantees)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._con = catalog._connect()
        try:
            self._con.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            self._close()
            raise catalog._damaged(exc) from exc

    def upsert(self, record: Record) -> None:
        """Add or replace the document's row (its claims are in it)."""
        self._con.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", record.row())

    def delete(self, doc_id: str) -> None:
        self._con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def commit(self, generation: int) -> None:
        """Commit, recording the backend generation the catalog now agrees with; the WAL is
        folded into the file so the folder holds one complete database between runs."""
        try:
            self._con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))
            self._con.execute("COMMIT")
            self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._close()

    def cancel(self) -> None:
        try:
            self._con.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        finally:
            self._close()

    def _close(self) -> None:
        self._con.close()
        with self._catalog._lock:
            if self._con in self._catalog._connections:
                self._catalog._connections.remove(self._con)
