"""``Passage``: what ``b`` bookmarks in the reader, and ``passage_of``, which finds it.

A span of the document (the selection, the claim at the cursor or its sentence) without the
blanks at either end, with the claim it is (if any) and how many sentences it spans (the
bookmark dialog says so). No Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass

from nkterm.models import Claim, Span
from nkterm.tui.view.document_layout import Prepared


@dataclass(frozen=True, slots=True)
class Passage:
    """What ``b`` bookmarks: ``[start, end)`` without blanks at either end, the claim if it
    is one, and how many sentences it spans."""

    start: int
    end: int
    claim: Claim | None
    sentences: int


def passage_of(prepared: Prepared, span: Span, claim: Claim | None = None) -> Passage | None:
    """``span`` without its leading and trailing blanks; None if nothing else is left."""
    text = prepared.doc.text
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return Passage(start, end, claim, _sentences_in(prepared, Span(start, end)))


def _sentences_in(prepared: Prepared, span: Span) -> int:
    sentences = prepared.sentences
    first, last = sentences.locate(span.start), sentences.locate(max(span.start, span.end - 1))
    count, pos = 1, first
    while pos != last and count < 10_000:
        nxt = sentences.next(pos)
        if nxt is None:
            break
        pos, count = nxt, count + 1
    return count
