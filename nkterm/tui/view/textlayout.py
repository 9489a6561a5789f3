"""Text layout for the document view: wrapping to a width, and sentences found on demand.

Pure functions over character offsets into the displayed string (``render.safe`` of the
document text, which has the same length as the text). No Textual import, so it is tested on
its own and can run in a worker thread. Wrapping is greedy by words, measured in terminal
cells; a word wider than the line is cut. Sentences come from ``nkterm.text`` one paragraph
at a time, when the cursor first needs them, so a long document opens without segmenting it
all.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size

from nkterm.models import Span

_WORD = re.compile(r"\S+")
LONG_PARAGRAPH = 20_000  # characters: above this a paragraph is split by a cheap rule instead
_CHEAP_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+[\"'\u201d\u2019)\]]*|$)")


@dataclass(frozen=True, slots=True)
class Decor:
    """A line that is not document text: the title block, a section label, a blank line."""

    text: str
    role: str  # "title", "meta", "section" or "blank"


BLANK = Decor("", "blank")


@dataclass
class WrappedText:
    """Visual lines: ``starts[i]:ends[i]`` is the text shown on line ``i``. Decoration lines
    (in ``decor``) have ``starts[i] == ends[i]``, placed at the offset of the text after them,
    so both lists never decrease and ``line_of`` is a bisection."""

    width: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    decor: dict[int, Decor] = field(default_factory=dict)
    para_lines: list[int] = field(default_factory=list)  # first text line of each paragraph

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The text line showing ``offset`` (or the last one starting before it)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        while i > 0 and i in self.decor:
            i -= 1
        return max(i, 0)

    def lines_of(self, span: Span) -> tuple[int, int]:
        """First and last line of ``span``."""
        first = self.line_of(span.start)
        last = self.line_of(max(span.start, span.end - 1))
        return first, max(first, last)


def wrap(
    display: str,
    paragraphs: Sequence[Span],
    width: int,
    *,
    header: Sequence[Decor] = (),
    before: Mapping[int, Sequence[Decor]] | None = None,
) -> WrappedText:
    """Lay out ``paragraphs`` of ``display`` in lines of at most ``width`` cells, a blank line
    between paragraphs; ``header`` lines first, ``before[p]`` lines before paragraph ``p``."""
    width = max(1, width)
    out = WrappedText(width)
    ascii_only = display.isascii()
    first_start = paragraphs[0].start if paragraphs else 0
    for line in header:
        for piece in _wrap_plain(line.text, width) if line.text else [""]:
            _decor(out, Decor(piece, line.role), first_start)
    before = before or {}
    for p, para in enumerate(paragraphs):
        if p or header:
            _decor(out, BLANK, para.start)
        for line in before.get(p, ()):
            for piece in _wrap_plain(line.text, width):
                _decor(out, Decor(piece, line.role), para.start)
        out.para_lines.append(len(out.starts))
        _wrap_range(display, para.start, para.end, width, ascii_only, out.starts, out.ends)
    return out


def _decor(out: WrappedText, line: Decor, offset: int) -> None:
    out.decor[len(out.starts)] = line
    out.starts.append(offset)
    out.ends.append(offset)


def _wrap_range(
    text: str, start: int, end: int, width: int, ascii_only: bool, starts: list[int], ends: list[int]
) -> None:
    before = len(starts)
    line_start = line_end = -1
    col = 0
    for match in _WORD.finditer(text, start, end):
        ws, we = match.span()
        w = we - ws if ascii_only else cell_len(match.group())
        if line_start >= 0:
            gap = ws - line_end
            if col + gap + w <= width:
                line_end, col = we, col + gap + w
                continue
            starts.append(line_start)
            ends.append(line_end)
        if w <= width:
            line_start, line_end, col = ws, we, w
            continue
        pieces = _cut(text, ws, we, width, ascii_only)
        for a, b in pieces[:-1]:
            starts.append(a)
            ends.append(b)
        line_start, line_end = pieces[-1]
        col = line_end - line_start if ascii_only else cell_len(text[line_start:line_end])
    if line_start >= 0:
        starts.append(line_start)
        ends.append(line_end)
    if len(starts) == before:  # nothing but spaces: keep one (blank) line for the paragraph
        starts.append(start)
        ends.append(end)


def _cut(text: str, start: int, end: int, width: int, ascii_only: bool) -> list[tuple[int, int]]:
    """A word wider than the line, cut into pieces of at most ``width`` cells (at least one
    character each, so a double-width character in a one-cell line still moves on)."""
    if ascii_only:
        return [(a, min(a + width, end)) for a in range(start, end, width)]
    pieces: list[tuple[int, int]] = []
    a, col = start, 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if col + w > width and i > a:
            pieces.append((a, i))
            a, col = i, 0
        col += w
    pieces.append((a, end))
    return pieces


def _wrap_plain(text: str, width: int) -> list[str]:
    starts: list[int] = []
    ends: list[int] = []
    _wrap_range(text, 0, len(text), width, text.isascii(), starts, ends)
    return [text[a:b] for a, b in zip(starts, ends, strict=True)]


# -- sentences ------------------------------------------------------------------------------------


def split_sentences(text: str, para: Span) -> tuple[Span, ...]:
    """Sentence spans of one paragraph (offsets into ``text``), covering its words in order."""
    if len(para) > LONG_PARAGRAPH:
        return _cheap_sentences(text, para)
    from nkterm.text import sentences

    found = sentences(text[para.start : para.end])
    spans = tuple(Span(para.start + s.start, para.start + s.end) for s in found)
    return spans or (para,)


def _cheap_sentences(text: str, para: Span) -> tuple[Span, ...]:
    spans: list[Span] = []
    for match in _CHEAP_SENTENCE.finditer(text, para.start, para.end):
        a, b = match.span()
        while a < b and text[a].isspace():
            a += 1
        if b > a:
            spans.append(Span(a, b))
    return tuple(spans) or (para,)


class Sentences:
    """The sentences of a document, segmented a paragraph at a time on first use.

    A cursor position is a pair (paragraph index, sentence index in that paragraph)."""

    def __init__(self, text: str, paragraphs: Sequence[Span]) -> None:
        self._text = text
        self.paragraphs = tuple(paragraphs)
        self._starts = [p.start for p in self.paragraphs]
        self._cache: dict[int, tuple[Span, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.paragraphs)

    def of(self, p: int) -> tuple[Span, ...]:
        found = self._cache.get(p)
        if found is None:
            found = self._cache[p] = split_sentences(self._text, self.paragraphs[p])
        return found

    def prepare(self, limit_chars: int) -> None:
        """Segment every paragraph now if the document is short (for a worker thread)."""
        if self.paragraphs and self.paragraphs[-1].end <= limit_chars:
            for p in range(len(self.paragraphs)):
                self.of(p)

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def locate(self, offset: int) -> tuple[int, int]:
        """The sentence containing ``offset``, else the last one starting before it."""
        p = self.paragraph_of(offset)
        spans = self.of(p)
        i = bisect.bisect_right([s.start for s in spans], offset) - 1
        return p, max(i, 0)

    def span(self, pos: tuple[int, int]) -> Span:
        p, i = pos
        return self.of(p)[i]

    def next(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        p, i = pos
        if i + 1 < len(self.of(p)):
            return p, i + 1
        return (p + 1, 0) if p + 1 < len(self.paragraphs) else None

    def previous(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        p, i = pos
        if i > 0:
            return p, i - 1
        return (p - 1, len(self.of(p - 1)) - 1) if p > 0 else None

    def first(self) -> tuple[int, int]:
        return 0, 0

    def last(self) -> tuple[int, int]:
        p = len(self.paragraphs) - 1
        return p, len(self.of(p)) - 1
