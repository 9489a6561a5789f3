"""Term statistics of the Whoosh index, for the comparison and corroboration: how many
documents hold each term (read from each segment's in-memory term table: each key hashed once
for all segments, probed term by term, or for many terms at once with numpy when numpy is loaded
already; kept per searcher), idf as
Whoosh's weighting computes it, a text's most distinctive terms and the documents that share
them ("more like this"). ``WhooshStore`` answers the ``SearchBackend`` questions through these.
"""

from __future__ import annotations

import math
import struct
import sys
from collections.abc import Callable, Iterable
from hashlib import md5
from typing import TYPE_CHECKING, Any, NamedTuple

from whoosh import query
from whoosh.fields import FieldType
from whoosh.searching import Searcher

if TYPE_CHECKING:
    import numpy as np


def doc_frequencies(local: Any, searcher: Searcher, terms: Iterable[str], fieldname: str) -> dict[str, int]:
    """How many documents hold each of ``terms`` in ``fieldname`` (0 for a term the index
    does not have), counting deleted documents as Whoosh's ``doc_frequency`` does.

    Each segment's term table is asked directly (about 5 µs a term, against 60-90 µs
    through ``idf``, which checks the searcher's freshness and the field for every term),
    and the counts are kept (in ``local``, the thread's store state) for as long as
    ``searcher`` is current: a second comparison asks the table only for words it has not
    met. An unknown field gives 0."""
    cached = getattr(local, "doc_frequencies", None)
    if cached is None or cached[0] is not searcher:  # a new searcher: the index changed
        cached = (searcher, {})
        local.doc_frequencies = cached
    fields: dict[str, dict[str, int]] = cached[1]  # field -> term -> count
    known = fields.setdefault(fieldname, {})
    if not known:  # (a first comparison: nothing to look up)
        counts = read_doc_frequencies(searcher, terms, fieldname)
        known.update(counts)
        return counts
    counts = {}
    missing: list[str] = []
    for term in terms:
        df = known.get(term)
        if df is None:
            missing.append(term)
        else:
            counts[term] = df
    if missing:
        for term, df in read_doc_frequencies(searcher, dict.fromkeys(missing), fieldname).items():
            counts[term] = known[term] = df
    return counts


def read_doc_frequencies(searcher: Searcher, terms: Iterable[str], fieldname: str) -> dict[str, int]:
    """``doc_frequencies`` without the cache: every segment's term table asked once a term."""
    counts = dict.fromkeys(terms, 0)
    schema = searcher.schema
    if fieldname not in schema or schema[fieldname].format is None:
        return counts
    field = schema[fieldname]
    if type(field).to_bytes is FieldType.to_bytes:  # a text field's: UTF-8, without its checks
        encoded = [(term, term.encode("utf-8")) for term in counts]
    else:
        encoded = [(term, field.to_bytes(term)) for term in counts]
    # the terms' keys and hashes by field number as stored (the same in most segments)
    batches: dict[bytes, _Batch] = {}
    hashed: dict[bytes, list[tuple[str, bytes, int]]] = {}
    # numpy's probe when numpy is in memory already (importing it costs more than it saves)
    batched = len(encoded) >= BATCH_FROM and "numpy" in sys.modules
    for leaf, _offset in searcher.reader().leaf_readers():
        # the segment's term table (whoosh3 3.54, pinned in pyproject.toml): the reader's
        # own doc_frequency checks the field and converts the term again on every call;
        # an empty index's reader has no table and answers 0 itself
        table = getattr(leaf, "_terms", leaf)
        if batched and _read_hashed_batch(table, fieldname, encoded, counts, batches):
            continue
        if _read_hashed(table, fieldname, encoded, counts, hashed):
            continue
        for term, tbytes in encoded:
            try:
                counts[term] += table.doc_frequency(fieldname, tbytes)
            except KeyError:  # not in this segment
                continue
    return counts


# Whoosh's on-disk hash (whoosh.filedb.filetables.HashReader, format HSH3): 256 tables of
# (hash, item position) slots, an item is (key length, value length, key, value); a term's key
# is its field number (ushort) and its bytes, its value a W3TermInfo whose document frequency
# is the uint after a flags byte and the weight (float)
_SLOT = struct.Struct("!Iq")
_LENGTHS = struct.Struct("!ii")
_UINT = struct.Struct("!I")
_FIELD = struct.Struct("!H")
_DOC_FREQ_AT = 1 + 4


def _read_hashed(
    table: Any,
    fieldname: str,
    encoded: list[tuple[str, bytes]],
    counts: dict[str, int],
    hashed: dict[bytes, list[tuple[str, bytes, int]]] | None = None,
) -> bool:
    """Add each term's document frequency in the segment's term ``table`` to ``counts``,
    reading Whoosh's hash file straight from its in-memory buffer (the same probe sequence as
    ``HashReader.ranges_for_key``, ~2.5 µs a term against ~5 µs through its ``StructFile``
    reads). ``hashed`` keeps each term's key and its hash for the next segments with the same
    field number (the md5 is a third of a probe). False (nothing counted) when the table is not
    the in-memory MD5-hashed file this reads: the caller then asks Whoosh."""
    return _read_table(table, fieldname, _probe, encoded, counts, hashed)


def _read_table(table: Any, fieldname: str, probe: Callable[..., bool], *args: Any) -> bool:
    """``probe(_HashFile(...), *args)`` on the segment's term ``table`` read for ``fieldname``. True
    without a probe when the field has no term in this segment; False (nothing counted) when
    the table is not the in-memory MD5-hashed file the probes read: the caller then asks Whoosh."""
    tindex = getattr(table, "_tindex", None)
    buf = getattr(getattr(tindex, "dbfile", None), "_buf", None)
    fieldmap = getattr(table, "_fieldmap", None)
    if tindex is None or getattr(tindex, "hashtype", None) != 0 or not isinstance(buf, bytes | memoryview):
        return False
    if not isinstance(fieldmap, dict):
        return False
    if fieldname not in fieldmap:
        return True  # the field has no term in this segment
    return probe(_HashFile(tindex, buf, _FIELD.pack(fieldmap[fieldname])), *args)


class _HashFile(NamedTuple):
    """A segment's term table as the probes read it: its hash index (``HashReader``), the index
    file's in-memory buffer, and the key prefix of the field asked for (its field number)."""

    tindex: Any
    buf: bytes | memoryview
    prefix: bytes


def _probe(
    file: _HashFile,
    encoded: list[tuple[str, bytes]],
    counts: dict[str, int],
    hashed: dict[bytes, list[tuple[str, bytes, int]]] | None,
) -> bool:
    """``_read_hashed``'s probes of one segment, term by term."""
    tindex, buf, prefix = file
    keys = hashed.get(prefix) if hashed is not None else None
    if keys is None:
        keys = _hashed_keys(prefix, encoded)
        if hashed is not None:
            hashed[prefix] = keys
    tables = tindex.tables
    slot, lengths, uint = _SLOT.unpack_from, _LENGTHS.unpack_from, _UINT.unpack_from
    size = _SLOT.size
    for term, key, keyhash in keys:
        start, slots = tables[keyhash & 255]
        if not slots:
            continue
        pos = start + ((keyhash >> 8) % slots) * size
        slothash, item = slot(buf, pos)
        if slothash == keyhash and item:  # most terms: found at the first slot probed
            keylen = len(key)
            keystart = item + 8
            if lengths(buf, item)[0] == keylen and buf[keystart : keystart + keylen] == key:
                counts[term] += uint(buf, keystart + keylen + _DOC_FREQ_AT)[0]
                continue
        elif not item:
            continue  # an empty slot: the key is not in this segment
        # the rest of the probe sequence (a collision), as ``HashReader.ranges_for_key`` walks it
        end = start + slots * size
        keylen = len(key)
        for _ in range(slots - 1):
            pos += size
            if pos == end:
                pos = start
            slothash, item = slot(buf, pos)
            if not item:
                break
            if slothash == keyhash:
                length, _datalen = lengths(buf, item)
                keystart = item + 8
                if length == keylen and buf[keystart : keystart + keylen] == key:
                    counts[term] += uint(buf, keystart + keylen + _DOC_FREQ_AT)[0]
                    break
    return True


def _hashed_keys(prefix: bytes, encoded: list[tuple[str, bytes]]) -> list[tuple[str, bytes, int]]:
    """(term, key, hash) of each term: its key in a term table whose field number is ``prefix``,
    and HashReader's md5_hash of it (the digest's last 32 bits)."""
    from_bytes = int.from_bytes
    out = []
    for term, tbytes in encoded:
        key = prefix + tbytes
        out.append((term, key, from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")))
    return out


BATCH_FROM = 64  # terms from which ``_read_hashed_batch`` probes a segment (numpy's set-up costs)
_COMPARED = 24  # a key's first bytes, compared for all terms at once; the rest (rare) one by one


class _Batch(NamedTuple):
    """Many terms' keys (field number and term bytes) as ``_read_hashed_batch`` probes them: the
    keys' hashes (the md5 of each computed once for every segment with the same field number),
    lengths, and bytes zero-padded to the longest."""

    hashes: np.ndarray  # uint32 (HashReader's md5_hash)
    lengths: np.ndarray  # int64
    keys: np.ndarray  # uint8, terms x longest key


def _batch(prefix: bytes, encoded: list[tuple[str, bytes]]) -> _Batch:
    import numpy as np  # (a search alone does not load numpy)

    keys = [prefix + tbytes for _term, tbytes in encoded]
    from_bytes = int.from_bytes
    hashes = np.fromiter(
        (from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big") for key in keys),
        dtype=np.uint32,
        count=len(keys),
    )
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    width = int(lengths.max()) if len(keys) else 0
    padded = np.frombuffer(b"".join(key.ljust(width, b"\0") for key in keys), dtype=np.uint8)
    return _Batch(hashes, lengths, padded.reshape(len(keys), width))


def _read_hashed_batch(
    table: Any,
    fieldname: str,
    encoded: list[tuple[str, bytes]],
    counts: dict[str, int],
    batches: dict[bytes, _Batch],
) -> bool:
    """``_read_hashed`` for many terms at once: every term's probe sequence advanced together
    with numpy, one slot a step (the same sequence, so the same counts: a slot whose hash
    matches but whose key does not is passed as there). ~0.3 µs a term and segment against
    ~2.5 µs; the md5 of each key is computed once for all segments. False (nothing counted)
    when the table is not the in-memory MD5-hashed file it reads."""
    return _read_table(table, fieldname, _probe_batch, encoded, counts, batches)


def _probe_batch(
    file: _HashFile, encoded: list[tuple[str, bytes]], counts: dict[str, int], batches: dict[bytes, _Batch]
) -> bool:
    """``_read_hashed_batch``'s probes of one segment, all terms at once."""
    tindex, buf, prefix = file
    import numpy as np  # (a search alone does not load numpy)

    batch = batches.get(prefix)
    if batch is None:
        batch = batches[prefix] = _batch(prefix, encoded)
    data = np.frombuffer(buf, dtype=np.uint8)
    size = len(data)
    directory = np.array(tindex.tables, dtype=np.int64).reshape(-1, 2)
    if len(directory) != 256:
        return False
    which = batch.hashes & 255
    starts, slots = directory[which, 0], directory[which, 1]
    live = np.flatnonzero(slots > 0)  # the terms still probing
    hashes = batch.hashes[live].astype(np.int64)
    starts, slots = starts[live], slots[live]
    offsets = (hashes >> 8) % slots  # the slot probed, within the term's table
    probes = np.zeros(len(live), dtype=np.int64)
    found = np.zeros(len(encoded), dtype=np.int64)  # each term's item position, 0 for none
    width = min(batch.keys.shape[1], _COMPARED)  # key bytes compared with numpy
    columns, slot_bytes = np.arange(width), np.arange(_SLOT.size)
    while len(live):
        positions = starts + offsets * _SLOT.size
        if int(positions.max()) + _SLOT.size > size:
            return False  # not a table this reads (before anything was counted)
        raw = data[positions[:, None] + slot_bytes]
        slot_hashes = raw[:, :4].copy().view(">u4")[:, 0].astype(np.int64)
        items = raw[:, 4:].copy().view(">i8")[:, 0]
        candidates = np.flatnonzero((items != 0) & (slot_hashes == hashes))
        done = items == 0  # an empty slot: the key is not in this segment
        if len(candidates):
            at = items[candidates]
            terms = live[candidates]
            lengths = batch.lengths[terms]
            if int(at.max()) + 8 + int(lengths.max()) > size:
                return False
            stored = data[at[:, None] + np.arange(4)].copy().view(">i4")[:, 0]
            written = data[at[:, None] + 8 + columns]
            same = (written == batch.keys[terms, :width]) | (columns >= lengths[:, None])
            match = (stored == lengths) & same.all(axis=1)
            for k in np.flatnonzero(match & (lengths > width)).tolist():  # a rare long key's rest
                start, term = int(at[k]) + 8, int(terms[k])
                key = batch.keys[term].tobytes()[: int(lengths[k])]
                match[k] = buf[start + width : start + len(key)] == key[width:]
            found[terms[match]] = at[match] + 8 + lengths[match] + _DOC_FREQ_AT
            done[candidates[match]] = True
        probes += 1
        done |= probes >= slots  # every slot of the table probed
        keep = ~done
        live, hashes, starts, slots = live[keep], hashes[keep], starts[keep], slots[keep]
        offsets, probes = (offsets[keep] + 1) % slots, probes[keep]
    hits = np.flatnonzero(found)
    if len(hits):
        if int(found.max()) + 4 > size:
            return False
        frequencies = data[found[hits][:, None] + np.arange(4)].copy().view(">u4")[:, 0]
        for k, df in zip(hits.tolist(), frequencies.tolist(), strict=True):
            counts[encoded[k][0]] += df
    return True


def idfs(total: int, counts: dict[str, int]) -> dict[str, float]:
    """Whoosh's weighting's idf of each term from its document frequency: ``log(documents /
    (df + 1)) + 1`` over ``total`` documents (deleted ones too)."""
    return {term: math.log(total / (df + 1)) + 1 for term, df in counts.items()}


def key_terms(searcher: Searcher, text: str, numterms: int = 12) -> list[tuple[str, float]]:
    """The most distinctive stemmed terms of ``text`` against the corpus statistics."""
    pairs = searcher.key_terms_from_text("body", text, numterms=numterms)
    return [(str(t), float(w)) for t, w in pairs]


def more_like(searcher: Searcher, text: str, *, exclude: str | None, limit: int) -> list[tuple[str, float]]:
    """Documents that discuss what ``text`` discusses (Whoosh key terms as an OR query)."""
    terms = key_terms(searcher, text)
    if not terms:
        return []
    q = query.Or([query.Term("body", t, boost=w) for t, w in terms])
    results = searcher.search(q, limit=limit + 1)
    return [(r["id"], float(r.score)) for r in results if r["id"] != exclude][:limit]
