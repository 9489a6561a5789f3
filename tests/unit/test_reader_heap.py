"""``nkterm.tui.heap``: settling the collector after a long document is drawn keeps later full
passes short and keeps nothing alive that became garbage."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from nkterm.tui import heap


@pytest.fixture(autouse=True)
def _released() -> Iterator[None]:
    yield
    heap.release()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_a_settle_freezes_the_survivors_out_of_later_passes() -> None:
    survivors = [_Node() for _ in range(20_000)]
    heap.settle()
    assert gc.get_freeze_count() >= len(survivors)
    tracked = {id(o) for o in gc.get_objects()}
    assert not any(id(node) in tracked for node in survivors[:100]), "a full pass would walk them"


def test_what_became_garbage_after_a_settle_is_still_collected_by_the_next() -> None:
    node = _Node()
    gone = weakref.ref(node)
    heap.settle()  # alive: frozen
    del node
    gc.collect()
    assert gone() is not None, "frozen: a plain collection does not see it"
    heap.settle()
    assert gone() is None, "settle unfreezes first: the cycle is collected"
