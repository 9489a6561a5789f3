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
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
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
    segment's per-document reader) and highest weight. A word whose postings fit one block
    (~95%) is written by ``_one_block``; a longer one by ``_blocks`` (the same bytes as Whoosh's
    ``_write_block`` and ``finish_term``, without its Python loops per posting)."""
    field = None
    lens: list[Any] = []
    codes: list[int] = []
    fixedsize: int | None = None
    for fieldname, word, (ids, weights, values) in words:
        if fieldname != field:
            if field is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field = fieldname
            lens = _field_lengths(lengths, fieldname, doccount)
            # each length byte-coded once (a block's row and header keep codes): not 4 codings a word
            codes = list(map(length_to_byte, lens))
            fixedsize = fieldwriter._format.fixed_value_size()
        writer = fieldwriter._postwriter
        assert not writer._byteids
        limit = writer._blocklimit
        count = len(ids)
        if writer._inlinelimit <= count <= limit:
            _one_block(fieldwriter, writer, word, ids, weights, values, codes, fixedsize)
        else:  # (Whoosh's inline limit is 1: a word has a posting or it is not written)
            _blocks(fieldwriter, writer, word, ids, weights, values, codes, fixedsize, limit)
    if field is not None:
        fieldwriter.finish_field()


_TERM_INFO = W3TermInfo._struct
_LENGTH = struct.Struct("!i")  # a block's length (negative: the term's last), as ``write_int``


def _one_block(
    fieldwriter: Any,
    writer: Any,
    word: bytes,
    ids: array[int],
    weights: array[float],
    values: list[Any],
    codes: list[int],
    fixedsize: int | None,
) -> None:
    """A word's postings as one block and its row in the term table: the bytes of Whoosh's
    ``start_term``, ``W3PostingsWriter._write_block(last=True)``, ``W3TermInfo.add_block`` and
    ``to_bytes`` and ``W3FieldWriter.finish_term``, in one call (~80 fewer calls a word)."""
    postfile = writer._postfile
    offset = postfile.tell()
    block, total, maxweight, mincode, maxcode = _block(
        writer._compression, ids, weights, values, codes, fixedsize, True
    )
    block = WHOOSH3_HEADER_MAGIC + block
    postfile.write(block)
    row = _TERM_INFO.pack(False, total, len(ids), mincode, maxcode, max(0, maxweight), ids[0], ids[-1])
    _add_row(
        fieldwriter._tindex,
        pack_ushort(fieldwriter._fieldid) + word,
        row + pack_long(offset) + pack_int(len(block)),
    )


def _blocks(
    fieldwriter: Any,
    writer: Any,
    word: bytes,
    ids: array[int],
    weights: array[float],
    values: list[Any],
    codes: list[int],
    fixedsize: int | None,
    limit: int,
) -> None:
    """A word's postings in blocks of ``limit`` (the last one shorter) and its row in the term
    table: the bytes of Whoosh's ``start_term``, ``add_posting`` for each posting (a block
    written when it is full), ``finish_term``; the term's statistics added up block by block
    in Whoosh's order (``W3TermInfo.add_block``: its float sum of weights is order-sensitive)."""
    postfile = writer._postfile
    offset = postfile.tell()
    parts = [WHOOSH3_HEADER_MAGIC]
    total: float = 0
    maxweight: float = 0
    mincode = maxcode = 0
    count = len(ids)
    compression = writer._compression
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
    data = b"".join(parts)
    postfile.write(data)
    row = _TERM_INFO.pack(False, total, count, mincode, maxcode, maxweight, ids[0], ids[-1])
    _add_row(
        fieldwriter._tindex,
        pack_ushort(fieldwriter._fieldid) + word,
        row + pack_long(offset) + pack_int(len(data)),
    )


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


_KEY_VALUE_LENGTHS = struct.Struct("!ii")  # whoosh.filedb.filetables._lengths


def _add_row(table: Any, key: bytes, value: bytes) -> None:
    """``OrderedHashWriter.add(key, value)`` (keys in order, each once) in one write."""
    if key <= table.lastkey:
        raise ValueError(f"Keys must increase: {table.lastkey!r}..{key!r}")
    dbfile = table.dbfile
    pos = dbfile.tell()
    table.index.append(pos)
    dbfile.write(_KEY_VALUE_LENGTHS.pack(len(key), len(value)) + key + value)
    h = table.hashfn(key)
    table.buckets[h & 255].append((h, pos))
    table.lastkey = key


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
