"""Whoosh's postings pool, grouped by term. Whoosh's own pool keeps each posting as a tuple
(field, word, document number, weight, encoded value), sorts them all at the commit, spills
sorted runs of tuples to temp files past ``limitmb`` and merges them back one posting at a time:
with its field writer, ~2.8 of the writing process's ~4.9 CPU ms per document in a BBC build.
Here each field's words map to their postings (document numbers, weights, values) as they
come, a run is the words in order with their postings, and at the commit each word's postings
are cut into Whoosh's blocks a block at a time (``postwrite.write_postings``): Python work per
word and per block, C work per posting. The segment's bytes are Whoosh's own (the blocks are
encoded by Whoosh's ``W3PostingsWriter``); tests/unit/test_fast_postings.py compares them.

Postings of one word are kept in the order they are added: a writer adds documents with rising
numbers (``add_document``, and ``add_reader`` when merging, one segment after another), which
is the order Whoosh's sort gives them."""

from __future__ import annotations

import contextlib
import heapq
import operator
import pickle
from array import array
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from whoosh.util import random_name

RUN_BLOCK = 2048  # words per pickle in a run file
# the memory estimate of the pool (what ``limitmb`` bounds): measured with tracemalloc on a BBC
# build, ~70 bytes per posting beyond its value's bytes (two array slots, a list slot and the
# value's bytes object, with the arrays' spare room) and ~330 per new word (its key, the dict
# slot, two arrays and a list)
POSTING_BYTES = 70
WORD_BYTES = 330

_FREQ = operator.itemgetter(1)  # of a field's (word, frequency, weight, value)
_VALUE = operator.itemgetter(3)

# one word's postings: document numbers, weights, encoded values (None: no value)
Entry = tuple["array[int]", "array[float]", list[Any]]


def _entry() -> Entry:
    return (array("I"), array("d"), [])


class TermPool:
    """The postings of one new segment, by field and word, up to ``limitmb`` in memory."""

    def __init__(self, tempstore: Any, limitmb: int = 16) -> None:
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fields: dict[str, dict[bytes, Entry]] = {}
        self.runs: list[str] = []
        self.fieldnames: set[str] = set()  # Whoosh's pool attribute (its multiprocess writer reads it)

    # .. adding ..

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting, as Whoosh's ``PostingPool.add`` takes it (``add_reader`` when merging)."""
        fieldname, word, docnum, weight, value = item
        if docnum < 0:  # Whoosh's old marker of a spelling word: its field writer skips these
            return
        words = self.fields.get(fieldname)
        if words is None:
            words = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        entry = words.get(word)
        if entry is None:
            entry = words[word] = _entry()
            self.size += WORD_BYTES + len(word)
        entry[0].append(docnum)
        entry[1].append(weight)
        entry[2].append(value)
        self.size += POSTING_BYTES + len(value or b"")
        if self.size > self.limit:
            self.save()

    def add_field(
        self,
        fieldname: str,
        docnum: int,
        items: Iterable[tuple[bytes, int, float, bytes]],
        boost: float = 1.0,
    ) -> int:
        """A document's postings in one field (``(word, frequency, weight, value)`` each, as a
        field's ``index`` gives them); returns the field's length (the sum of frequencies)."""
        words = self.fields.get(fieldname)
        if words is None:
            words = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        get = words.get
        if boost != 1.0:  # Whoosh's document boost (``_boost``): nkterm never gives one
            items = [(word, freq, weight * boost, value) for word, freq, weight, value in items]
        elif type(items) is not list:
            items = list(items)
        size = 0
        # the per-posting work in Python is the three appends; the rest per posting in C
        for word, _freq, weight, value in items:
            entry = get(word)
            if entry is None:
                entry = words[word] = _entry()
                size += WORD_BYTES + len(word)
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(value)
        self.size += size + POSTING_BYTES * len(items) + sum(map(len, map(_VALUE, items)))
        if self.size > self.limit:
            self.save()
        return sum(map(_FREQ, items))

    # .. runs ..

    def save(self) -> None:
        """Spill what is in memory to a run file: the fields and words in order, pickled in
        blocks of ``RUN_BLOCK`` words."""
        if not self.fields:
            return
        path = f"{random_name()}.run"
        f = self.tempstore.create_file(path)
        try:
            self._write_run(f, self._sorted())
        finally:
            f.close()
        self.runs.append(path)
        self.fields = {}
        self.size = 0

    def _sorted(self) -> Iterator[tuple[str, bytes, Entry]]:
        for fieldname in sorted(self.fields):
            words = self.fields[fieldname]
            for word in sorted(words):
                yield fieldname, word, words[word]

    def _write_run(self, f: BinaryIO, items: Iterable[tuple[str, bytes, Entry]]) -> None:
        block: list[Any] = []
        for fieldname, word, (ids, weights, values) in items:
            block.append((fieldname, word, ids.tobytes(), weights.tobytes(), values))
            if len(block) >= RUN_BLOCK:
                pickle.dump(block, f, pickle.HIGHEST_PROTOCOL)
                block = []
        if block:
            pickle.dump(block, f, pickle.HIGHEST_PROTOCOL)

    def _read_run(self, path: str) -> Iterator[tuple[str, bytes, Entry]]:
        f = self.tempstore.open_file(path).raw_file()
        try:
            while True:
                try:
                    block = pickle.load(f)  # noqa: S301 - our own temp run file, written by _write_run
                except EOFError:
                    break
                for fieldname, word, ids, weights, values in block:
                    entry = _entry()
                    entry[0].frombytes(ids)
                    entry[1].frombytes(weights)
                    entry[2].extend(values)
                    yield fieldname, word, entry
        finally:
            f.close()
        self.tempstore.delete_file(path)

    # .. reading back, in order ..

    def words(self) -> Iterator[tuple[str, bytes, Entry]]:
        """Every (field, word, postings) in order, runs and memory merged (a word's postings
        from each run in the order they were added)."""
        if not self.runs:
            yield from self._sorted()
            return
        sources = [self._read_run(path) for path in self.runs]
        sources.append(self._sorted())
        self.runs = []
        merged = heapq.merge(*(_keyed(n, source) for n, source in enumerate(sources)))
        current: tuple[str, bytes] | None = None
        entry: Entry | None = None
        for (fieldname, word, _n), found in merged:
            if current == (fieldname, word) and entry is not None:
                entry[0].extend(found[0])
                entry[1].extend(found[1])
                entry[2].extend(found[2])
                continue
            if current is not None and entry is not None:
                yield current[0], current[1], entry
            current, entry = (fieldname, word), found
        if current is not None and entry is not None:
            yield current[0], current[1], entry

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, Any]]:
        """Every posting in Whoosh's order (``PostingPool.iter_postings``)."""
        for fieldname, word, (ids, weights, values) in self.words():
            for docnum, weight, value in zip(ids, weights, values, strict=True):
                yield fieldname, word, docnum, weight, value

    def cleanup(self) -> None:
        """Delete the run files (a cancelled writer)."""
        for path in self.runs:
            with contextlib.suppress(OSError):  # Whoosh deletes its temp folder at the end anyway
                self.tempstore.delete_file(path)
        self.runs = []
        self.fields = {}
        self.size = 0


def _keyed(
    n: int, source: Iterator[tuple[str, bytes, Entry]]
) -> Iterator[tuple[tuple[str, bytes, int], Entry]]:
    """A source's items keyed (field, word, source number): keys never tie, so the heap never
    compares postings, and one word's postings come in source order."""
    for fieldname, word, entry in source:
        yield (fieldname, word, n), entry
