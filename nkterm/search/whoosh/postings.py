"""A term's whole posting list as numpy arrays (document numbers and weights), read straight
from Whoosh's posting blocks, and each segment's field lengths as an array: what
``collect.match_scores`` scores vectorised.

Whoosh stores a block as a pickled tuple ``(id deltas, weights, values)``; the values (each
posting's positions, pickled as ``_codecs.encode`` calls) cost most of an unpickling and are not
needed to score. ``block_ids_weights`` unpickles only the ids and weights: the values start at
the first ``_codecs.encode`` global, which cannot occur inside the ints and floats before it
(see ``_prefix``); any block that does not read back as expected is unpickled whole, as
Whoosh reads it. Weights are taken as ``W3LeafMatcher._read_weights`` gives them (a uniform
weight rounded to float32 through its ``array("f")``), so scores are bit for bit Whoosh's.
"""

from __future__ import annotations

import bisect
import pickle
import struct
import zlib
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

# the values' first pickled opcode: the global Python 3 bytes are rebuilt with (protocol 2)
_VALUES = b"c_codecs\nencode\n"
_EMPTY_VALUE = b"c__builtin__\nbytes\n"  # an empty bytes value: bytes()
_MARK = ord("(")
_TUPLE2_STOP = b"\x86."
_INT = struct.Struct("!i")  # a block's length (negative for the last block), as Whoosh writes it
_ONES = np.ones(128)  # Whoosh's block size: the weights of a block of 1.0s (a view, never written)
_ONES.flags.writeable = False
_LENGTH_OF_BYTE = np.array([byte_to_length(b) if b else 1 for b in range(256)], dtype=np.int64)


def _prefix(data: bytes) -> bytes | None:
    """The pickle of ``(ids, weights)`` cut from a block's pickle of ``(ids, weights, values)``,
    or None when the block has no pickled bytes values. The values start at the first bytes
    object: the global ``_codecs.encode`` (protocol 2's bytes) or ``__builtin__.bytes`` (an
    empty one). Neither can start inside the ids or weights: there every 1st-9th byte is one
    of the opcodes of ints, floats and tuples, which neither pattern holds where an opcode
    would have to stand. The byte before is the values tuple's MARK, unless the tuple is short
    (TUPLE1-3 need no MARK). ``_decode`` checks what this gives and falls back to the whole
    pickle."""
    found = [at for at in (data.find(_VALUES, 3), data.find(_EMPTY_VALUE, 3)) if at >= 0]
    if not found:
        return None
    at = min(found)
    if data[at - 1] == _MARK:
        at -= 1
    return data[:at] + _TUPLE2_STOP


def _decode(data: bytes, count: int) -> tuple[Any, Any]:
    """(id deltas, weights) of one block's uncompressed data, as Whoosh's pickle holds them."""
    cut = _prefix(data)
    if cut is not None:
        try:
            head = pickle.loads(cut)  # noqa: S301 - the index's own posting blocks, as Whoosh reads them
        except Exception:  # noqa: BLE001 - not the layout expected: read it whole below
            head = None
        if _plausible(head, count):
            return head[0], head[1]
    whole = pickle.loads(data)  # noqa: S301 - as W3LeafMatcher._read_data
    return whole[0], whole[1]


def _plausible(head: Any, count: int) -> bool:
    """``head`` is (``count`` int deltas, weights as Whoosh writes them: None, one float or
    ``count`` floats)."""
    if not (
        isinstance(head, tuple) and len(head) == 2 and isinstance(head[0], tuple) and len(head[0]) == count
    ):
        return False
    if type(head[0][0]) is not int or type(head[0][-1]) is not int:  # ids, not a weights tuple
        return False
    weights = head[1]
    return weights is None or type(weights) is float or (isinstance(weights, tuple) and len(weights) == count)


def _blocks(leaf: Any) -> Iterator[tuple[int, bytes]]:
    """(postings, uncompressed data) of each block of a W3 leaf matcher from its current one
    to the last, leaving the matcher at its end. The blocks after the current one are read in
    one piece and their headers (a length, then the pickled block info) parsed here; a header
    that does not read back exactly as written is left to Whoosh's own reader from there on."""
    postfile = leaf._postfile
    while leaf.is_active():
        data = postfile.get(leaf._dataoffset, leaf._nextoffset - leaf._dataoffset)
        yield leaf._blocklength, zlib.decompress(data) if leaf._compression else data
        if leaf._lastblock:
            leaf._i = leaf._blocklength
            leaf._next_block()
            return
        base = leaf._nextoffset
        extent = leaf._length  # the postings' byte length (a 1-tuple once read from disk)
        extent = extent[0] if isinstance(extent, tuple) and extent else extent
        end = leaf._startoffset + extent if isinstance(extent, int) else base
        buf = postfile.get(base, end - base) if end > base else b""
        pos = 0
        while pos + _INT.size <= len(buf):
            (length,) = _INT.unpack_from(buf, pos)
            last, length = length < 0, abs(length)
            if pos + _INT.size + length > len(buf):
                break
            try:
                info = pickle.loads(buf[pos + _INT.size : pos + _INT.size + length])  # noqa: S301 - the block's own header
                head = pickle.dumps(info, 2)
            except Exception:  # noqa: BLE001 - not as expected: Whoosh reads it below
                break
            at = pos + _INT.size + len(head)
            if buf[pos + _INT.size : at] != head or not isinstance(info, tuple) or len(info) != 6:
                break
            count, compression = info[0], info[3]
            data = buf[at : pos + _INT.size + length]
            yield count, zlib.decompress(data) if compression else data
            pos += _INT.size + length
            if last:
                leaf._atend = True
                return
        leaf._i = leaf._blocklength
        leaf._goto(base + pos)  # from here on, Whoosh's reader


class Values:
    """The values (each posting's encoded positions) of a posting list read by
    ``block_ids_weights``, unpickled a block at a time and only for the blocks asked for."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # index of each block's first posting in the arrays
        self.blocks: list[tuple[int, bytes]] = []  # (postings skipped at its start, data)
        self._read: dict[int, tuple[bytes, ...]] = {}

    def at(self, index: int) -> bytes:
        """The value of posting ``index`` of the arrays ``block_ids_weights`` returned."""
        block = bisect.bisect_right(self.starts, index) - 1
        values = self._read.get(block)
        if values is None:
            values = self._read[block] = pickle.loads(self.blocks[block][1])[2]  # noqa: S301 - as Whoosh
        return values[self.blocks[block][0] + index - self.starts[block]]


def block_ids_weights(leaf: Any, values: Values | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """Every posting of a leaf matcher from where it stands to the end (a fresh matcher: all;
    one under a deleted-documents filter may have stepped past deleted ones) as segment
    document numbers (int64, ascending) and weights (float64, Whoosh's values); the matcher is
    left at its end. ``values``, when given, keeps each block to read its values later. None
    for a matcher this module does not read (left where it was; Whoosh's codec inlines no
    posting list with its default ``inlinelimit=1``, so a term's matcher is a
    ``W3LeafMatcher``; one with fixed-size values is not read either)."""
    if (
        type(leaf) is not W3LeafMatcher
        or leaf._byteids
        or (values is not None and leaf._fixedsize is not None)
    ):
        return None
    id_parts: list[int] = []
    weight_parts: list[np.ndarray] = []
    start = leaf._i  # within the first block only
    for count, data in _blocks(leaf):
        deltas, weights = _decode(data, count)
        ids = list(accumulate(deltas))
        block = _weights_of(weights, count)
        if values is not None:
            values.starts.append(len(id_parts))
            values.blocks.append((start, data))
        if start:
            ids, block, start = ids[start:], block[start:], 0
        id_parts.extend(ids)
        weight_parts.append(block)
    if not id_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.array(id_parts, dtype=np.int64), np.concatenate(weight_parts)


def _weights_of(weights: Any, count: int) -> np.ndarray:
    """A block's weights as ``W3LeafMatcher._read_weights`` gives them."""
    if weights is None:
        return _ONES[:count] if count <= len(_ONES) else np.ones(count)
    if isinstance(weights, float):  # read through array("f") (the writer's already are)
        return np.full(count, np.float32(weights), dtype=np.float64)
    return np.array(weights, dtype=np.float64)


def field_lengths(reader: Any, fieldname: str) -> np.ndarray | None:
    """Every document's length of ``fieldname`` in one segment as Whoosh's scorer reads it
    (``doc_field_length(d, field, 1)``: 0 bytes read as 1), from its length column in one
    read, cached on the segment reader; None when the segment keeps no such column."""
    cache = reader.__dict__.setdefault("_nkterm_length_arrays", {})
    if fieldname in cache:
        return cache[fieldname]  # type: ignore[no-any-return]
    found: np.ndarray | None = None
    try:
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    except AttributeError:
        column = None
    if column is not None:
        found = _LENGTH_OF_BYTE[_length_bytes(column)]
    cache[fieldname] = found
    return found


def _length_bytes(column: Any) -> np.ndarray:
    """The length column's bytes, one per document (``column_array``; any other reader
    through its own ``load``, a value at a time: ~40,000 Python calls per 20,000 documents)."""
    found = column_array(column)
    if found is not None and found.dtype == np.uint8:
        return found
    return np.frombuffer(bytes(column.load()), dtype=np.uint8)


_NUMERIC_DTYPES = {
    "B": ">u1",
    "H": ">u2",
    "I": ">u4",
    "Q": ">u8",
    "b": ">i1",
    "h": ">i2",
    "i": ">i4",
    "q": ">i8",
}


def column_array(column: Any) -> np.ndarray | None:
    """A segment's numeric column as an array, one value per document, read from the segment
    file in one piece (whoosh3 3.54's ``NumericColumn.Reader``: ``_count`` big-endian values
    from ``_basepos``; documents past them have the column's default); None for any other
    reader (the caller reads it value by value)."""
    if type(column) is not NumericColumn.Reader or column._typecode not in _NUMERIC_DTYPES:
        return None
    dtype = np.dtype(_NUMERIC_DTYPES[column._typecode])
    raw = bytes(column._dbfile.get(column._basepos, column._count * dtype.itemsize))
    if len(raw) != column._count * dtype.itemsize:
        return None
    values = np.frombuffer(raw, dtype=dtype)
    if column._count < column._doccount:
        values = np.concatenate(
            [values, np.full(column._doccount - column._count, column._default, dtype=dtype)]
        )
    return values[: column._doccount]
