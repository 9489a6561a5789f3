"""Whoosh's postings pool with cheaper sorted runs. A writer keeps each posting (field, word,
document number, weight, encoded value) in memory up to ``limitmb``, then sorts them and
spills a run to a temp file; at the commit the runs are merged in order. Whoosh pickles each
posting with its own ``pickle.dump`` call and reads it back with its own ``pickle.load``: a
third of the writing process's time in a build. Here a run is pickled in blocks of
``RUN_BLOCK`` postings: the same postings in the same order, a fraction of the calls."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from whoosh.writing import PostingPool

RUN_BLOCK = 8192  # postings per pickle in a run file (a block is ~1 MB in memory)


class BlockPostingPool(PostingPool):  # type: ignore[misc]
    """``PostingPool`` whose run files hold pickled lists of postings."""

    def add(self, item: Any) -> None:
        """``PostingPool.add`` (the same size estimate, the same spill point) without its type
        assertions: called once per posting, ~200 times a document."""
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f: BinaryIO, items: Iterable[Any]) -> None:
        block: list[Any] = []
        append = block.append
        for item in items:
            append(item)
            if len(block) >= RUN_BLOCK:
                pickle.dump(block, f, pickle.HIGHEST_PROTOCOL)
                block.clear()
        if block:
            pickle.dump(block, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    block = pickle.load(f)  # noqa: S301 - our own temp run file, written by _write_run
                except EOFError:
                    return
                yield from block
        finally:
            f.close()
            self._remove_run(path)


def postings_pool(writer: Any) -> BlockPostingPool:
    """A new, empty pool for Whoosh's ``SegmentWriter`` ``writer`` (which has added nothing yet),
    with the limit of the pool it replaces."""
    assert not writer.pool.current and not writer.pool.runs, "the writer has postings already"
    return BlockPostingPool(
        writer._tempstorage, writer.newsegment, limitmb=writer.pool.limit // (1024 * 1024)
    )
