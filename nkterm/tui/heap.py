"""Keeping the cyclic garbage collector's full passes out of the reader's frames.

A full collection walks every object the collector tracks. With a 100,000-word document laid
out (its sentences, lines and claims) that is ~140,000 objects and ~25 ms of CPU: the frame it
lands in takes 36 ms instead of 12, and on a loaded machine over 50 ms of wall time. After such
a load has been drawn, ``settle`` collects once and freezes what survives (``gc.freeze``), so
later passes walk only what is new. It unfreezes first, so what became garbage since the last
settle (a closed document's cached lines, in cycles) is still collected: freezing keeps
nothing alive for good. No Textual import.
"""

from __future__ import annotations

import gc

BIG_TEXT = 60_000  # characters of a document: above this its layout is worth settling
BIG_LIST = 2_000  # rows of the document list


def settle() -> None:
    """Collect everything once, then keep today's survivors out of later passes."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def release() -> None:
    """Back to normal collection (the reader is closing)."""
    gc.unfreeze()
