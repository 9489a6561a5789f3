"""Whoosh's segment writer with nkterm's postings pool (``pool.TermPool``): documents go in as
Whoosh's ``SegmentWriter.add_document`` puts them (the same per-document data, the same
postings), and at the commit each word's postings are written a block at a time through
Whoosh's own block encoder (``W3PostingsWriter``), instead of one ``add_posting`` call per
posting after a sort of every posting. The segment holds the same bytes as Whoosh's writer
would write (tests/unit/test_fast_postings.py reads both back term by term).

Used for every write of the index (``writing.whoosh_writer``): a build, an update, a merge."""

from __future__ import annotations

import operator
import struct
import zlib
from array import array
from collections.abc import Iterable
from hashlib import md5
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.filetables import md5_hash
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from nkterm.search.whoosh.pool import Entry, TermPool
from nkterm.search.whoosh.textpostings import Postings


class PoolSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """``SegmentWriter`` whose postings go to a ``TermPool`` and are written in blocks."""

    def __init__(self, ix: Any, *, limitmb: int = 16, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.terms = TermPool(self._tempstorage, limitmb)
        self.pool = self.terms  # type: ignore[assignment] # Whoosh's merges add to it as to its own pool
        schema = self.schema
        # what add_document's short path does not do (no nkterm field has them): Whoosh's own then
        self._plain = all(
            not schema[name].vector and not schema[name].separate_spelling() for name in schema.names()
        )

    def add_document(self, **fields: Any) -> None:
        """``SegmentWriter.add_document`` for documents without boosts (``_name`` keys) in a
        schema without term vectors or separate spelling fields: the same per-document data
        and postings, the postings handed to the pool a field at a time."""
        if not self._plain or any(name[0] == "_" for name in fields):
            super().add_document(**fields)
            return
        self._check_state()
        schema = self.schema
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc = self.perdocwriter
        docnum = self.docnum
        add_field = self.terms.add_field
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    # the worker's postings as they are (a list: summed in C by the pool)
                    items = value.items if type(value) is Postings else field.index(value)
                    length = add_field(name, docnum, items)
                    if not field.scorable:
                        length = 0
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except ValueError:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        write_postings(self.fieldwriter, self.schema, lengths, self.terms.words(), self.docnum)
        # the postings written: freed now, not when the writer is (it is in a reference cycle,
        # freed by the cyclic collector, which the build pauses while it writes)
        self.terms.cleanup()
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()


def write_postings(
    fieldwriter: Any, schema: Any, lengths: Any, words: Iterable[tuple[str, bytes, Entry]], doccount: int
) -> None:
    """Write ``words`` (field, word, postings; in order) with Whoosh's field writer, as its
    ``FieldWriter.add_postings`` would one posting at a time: blocks of the postings writer's
    ``_blocklimit`` postings, each with its longest and shortest field length (``lengths``: the
    segment's per-document reader) and highest weight; each word's row in the term table. The
    bytes of Whoosh's ``start_term``, ``W3PostingsWriter.add_posting`` (a block written when it
    is full), ``_write_block``, ``W3TermInfo.add_block`` and ``to_bytes`` and
    ``W3FieldWriter.finish_term``, without their Python calls per posting and per word (a BBC
    build: ~33,000 words, ~95% of them in one block)."""
    field = None
    codes: list[int] = []
    fixedsize: int | None = None
    out: _Output | None = None
    limit = compression = 0
    for fieldname, word, (ids, weights, values) in words:
        if fieldname != field:
            if out is not None:
                out.flush()
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field = fieldname
            # each length byte-coded once (a block's row and header keep codes): not 4 codings a word
            codes = list(map(length_to_byte, _field_lengths(lengths, fieldname, doccount)))
            fixedsize = fieldwriter._format.fixed_value_size()
            writer = fieldwriter._postwriter
            # Whoosh's inline limit is 1 (a word has a posting or it is not written) and its ids
            # are document numbers (not the byte ids of term vectors)
            assert not writer._byteids and writer._inlinelimit <= 1
            limit, compression = writer._blocklimit, writer._compression
            out = _Output(fieldwriter, pack_ushort(fieldwriter._fieldid))
        count = len(ids)
        if count <= limit:  # one block (most words)
            block, total, maxweight, mincode, maxcode = _block(
                compression, ids, weights, values, codes, fixedsize, True
            )
            data = WHOOSH3_HEADER_MAGIC + block
            maxweight = max(0, maxweight)
        else:
            data, total, maxweight, mincode, maxcode = _blocks(
                compression, ids, weights, values, codes, fixedsize, limit
            )
        assert out is not None
        out.term(
            word, data, _TERM_INFO.pack(False, total, count, mincode, maxcode, maxweight, ids[0], ids[-1])
        )
    if out is not None:
        out.flush()
        fieldwriter.finish_field()


_TERM_INFO = W3TermInfo._struct
_LENGTH = struct.Struct("!i")  # a block's length (negative: the term's last), as ``write_int``
_KEY_VALUE_LENGTHS = struct.Struct("!ii")  # whoosh.filedb.filetables._lengths
_FLUSH_EVERY = 2048  # words written to the files at a time


class _Output:
    """The postings file and the term table of one field, written a few thousand words at a
    time: each word's blocks and row kept with the offsets they will have (the files' own
    positions, checked at each write), then written in one piece each. The row's record and
    its hash bucket are ``OrderedHashWriter.add``'s (keys in order, each once)."""

    def __init__(self, fieldwriter: Any, prefix: bytes) -> None:
        self.postfile = fieldwriter._postfile
        self.table = fieldwriter._tindex
        self.prefix = prefix  # the field's number, before each word in the term table's keys
        self.posts: list[bytes] = []
        self.rows: list[bytes] = []
        self.post_at: int = self.postfile.tell()
        self.row_at: int = self.table.dbfile.tell()
        hashfn = self.table.hashfn
        self.hashfn = _md5_hash if hashfn is md5_hash else hashfn

    def term(self, word: bytes, data: bytes, row: bytes) -> None:
        """A word's postings (``data``: its blocks) and its row (``row``: the term info, without
        the postings' offset and length)."""
        table = self.table
        key = self.prefix + word
        if key <= table.lastkey:
            raise ValueError(f"Keys must increase: {table.lastkey!r}..{key!r}")
        value = row + pack_long(self.post_at) + pack_int(len(data))
        self.posts.append(data)
        self.post_at += len(data)
        pos = self.row_at
        table.index.append(pos)
        record = _KEY_VALUE_LENGTHS.pack(len(key), len(value)) + key + value
        self.rows.append(record)
        self.row_at += len(record)
        h = self.hashfn(key)
        table.buckets[h & 255].append((h, pos))
        table.lastkey = key
        if len(self.rows) >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        self.postfile.write(b"".join(self.posts))
        self.table.dbfile.write(b"".join(self.rows))
        self.posts, self.rows = [], []
        if self.postfile.tell() != self.post_at or self.table.dbfile.tell() != self.row_at:
            raise RuntimeError("the segment's postings or term table were written by another hand")


def _md5_hash(key: bytes) -> int:
    """``whoosh.filedb.filetables.md5_hash``: the digest's last 4 bytes as a number (its
    ``int(hexdigest, 16) & 0xFFFFFFFF``) without the hex string."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


def _blocks(
    compression: int,
    ids: array[int],
    weights: array[float],
    values: list[Any],
    codes: list[int],
    fixedsize: int | None,
    limit: int,
) -> tuple[bytes, float, float, int, int]:
    """A word's postings in blocks of ``limit`` (the last one shorter), the header first, with
    the term's statistics added up block by block in Whoosh's order (``W3TermInfo.add_block``:
    its float sum of weights is order-sensitive)."""
    parts = [WHOOSH3_HEADER_MAGIC]
    total: float = 0
    maxweight: float = 0
    mincode = maxcode = 0
    count = len(ids)
    for start in range(0, count, limit):
        end = min(start + limit, count)
        block, weight, top, low, high = _block(
            compression, ids[start:end], weights[start:end], values[start:end], codes, fixedsize, end == count
        )
        parts.append(block)
        total += weight
        maxweight = max(maxweight, top)
        if low and (not mincode or low < mincode):
            mincode = low
        maxcode = max(maxcode, high)
    return b"".join(parts), total, maxweight, mincode, maxcode


def _block(
    compression: int,
    ids: array[int],
    weights: array[float],
    values: list[Any],
    codes: list[int],
    fixedsize: int | None,
    last: bool,
) -> tuple[bytes, float, float, int, int]:
    """One block of postings as ``W3PostingsWriter._write_block`` writes it (its length, negative
    for a term's last block, its pickled info, its pickled and maybe compressed data), with
    what the term's row adds up: the block's sum of weights as stored (float32), its highest
    weight, and the byte codes of its shortest and longest field length (0: none)."""
    count = len(ids)
    stored = array("f", weights)  # the block's weights as Whoosh keeps them (float32)
    first = stored[0]
    if stored.count(first) == count:
        mini_weights: Any = None if first == 1.0 else first
    else:
        mini_weights = tuple(stored)
    # per posting in C (map, filter), not in Python loops: ~33,000 words a BBC build
    kept = list(filter(None, values))
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = tuple(kept)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"".join(kept)
    if count == 1:
        mini_ids: tuple[int, ...] = (ids[0],)
    else:
        mini_ids = (ids[0], *map(operator.sub, ids[1:], ids))
    data = dumps((mini_ids, mini_weights, mini_values), 2)
    if len(data) < COMPRESSION_MIN_SIZE:
        compression = 0
    if compression:
        data = zlib.compress(data, compression)
    top = max(weights)
    maxweight = top if top > 0 else 0
    # the byte codes of the lengths (0: none; the coding keeps the order, so the code of the
    # shortest length is the smallest code, and Whoosh codes "no length" as 0 too)
    found = list(filter(None, map(codes.__getitem__, ids))) if codes else None
    mincode = min(found) if found else 0
    maxcode = max(found) if found else 0
    info = dumps((count, ids[-1], maxweight, compression, mincode, maxcode), 2)
    length = len(info) + len(data)
    return _LENGTH.pack(-length if last else length) + info + data, sum(stored), maxweight, mincode, maxcode


def _field_lengths(lengths: Any, fieldname: str, doccount: int) -> list[Any]:
    """Each document's length in ``fieldname`` as Whoosh's ``add_postings`` reads it (its
    byte-coded length, None or 0 for none); [] when the segment keeps no lengths."""
    if lengths is None:
        return []
    reader = getattr(lengths, "doc_field_length_reader", None)
    if reader is not None:
        get = reader(fieldname)
    else:

        def get(docnum: int) -> Any:
            return lengths.doc_field_length(docnum, fieldname)

    return [get(docnum) for docnum in range(doccount)]
