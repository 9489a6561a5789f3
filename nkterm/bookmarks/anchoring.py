"""Re-anchoring: find a bookmarked passage again in a document whose text may have changed.

The order follows the W3C selectors we save: (1) the TextPositionSelector, accepted when the
text there still equals ``exact`` and its context agrees; (2) every exact occurrence of the
quote, ranked by how much of the saved prefix/suffix surrounds it, the one nearest the old
position winning ties; (3) a fuzzy match, located by voting with fixed-length pieces of
``prefix + exact + suffix`` and measured with ``difflib.SequenceMatcher`` (stdlib; no
hand-written edit distance); (4) otherwise an orphan that keeps its saved quote.
Pure functions over strings: must not import Textual or Whoosh, nor touch the disk.
"""

from __future__ import annotations

from collections import Counter
from difflib import Match, SequenceMatcher

from nkterm.bookmarks.model import Anchor, TextPositionSelector, TextQuoteSelector
from nkterm.models import Span

MIN_FUZZY_CHARS = 8  # shorter quotes are only ever matched exactly
FUZZY_THRESHOLD = 0.7  # similarity a changed passage needs (quotes of >= 32 characters)
FUZZY_THRESHOLD_SHORT = 0.85  # ... and for quotes shorter than that, which match by chance
_MAX_OCCURRENCES_PER_PIECE = 64
_MAX_PIECES = 64
_MAX_WINDOWS = 4


def locate(
    text: str, quote: TextQuoteSelector, position: TextPositionSelector | None = None
) -> Anchor:
    """Anchor a quote (and its old position, if known) in ``text``."""
    exact = quote.exact
    if not exact:
        return Anchor("orphan", reason="the bookmark has no quoted text")
    old = position.start if position is not None else None
    if position is not None and text[position.start : position.end] == exact:
        full = len(quote.prefix) + len(quote.suffix)
        if _context_score(text, position.start, position.end, quote) == full:
            return Anchor("exact", Span(position.start, position.end), 1.0)
    found = _best_occurrence(text, quote, old)
    if found is not None:
        status = "exact" if position is not None and found.start == position.start else "moved"
        return Anchor(status, found, 1.0)
    fuzzy = _fuzzy(text, quote, old)
    if fuzzy is not None:
        return fuzzy
    return Anchor("orphan", reason="the quoted passage is no longer in the document")


def _common_suffix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, start: int, end: int, quote: TextQuoteSelector) -> int:
    """How many saved context characters still touch the passage (prefix tail + suffix head)."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return _common_suffix_len(before, quote.prefix) + _common_prefix_len(after, quote.suffix)


def _best_occurrence(text: str, quote: TextQuoteSelector, old: int | None) -> Span | None:
    exact = quote.exact
    best: tuple[int, int] | None = None
    best_start = -1
    pos = text.find(exact)
    while pos != -1:
        key = (-_context_score(text, pos, pos + len(exact), quote), abs(pos - (old or 0)))
        if best is None or key < best:
            best, best_start = key, pos
        pos = text.find(exact, pos + 1)
    return None if best is None else Span(best_start, best_start + len(exact))


def _candidate_starts(text: str, quote: TextQuoteSelector, old: int | None) -> list[int]:
    """Likely start offsets of the changed passage, most likely first."""
    probe = quote.prefix + quote.exact + quote.suffix
    origin = len(quote.prefix)  # offsets below are relative to the start of ``exact``
    n = len(quote.exact)
    k = max(4, min(16, n // 6))
    step = max(k // 2, (len(probe) - k) // _MAX_PIECES, 1)
    bucket = max(8, n // 4)
    votes: Counter[int] = Counter()
    for off in range(0, len(probe) - k + 1, step):
        piece = probe[off : off + k]
        seen = 0
        pos = text.find(piece)
        while pos != -1 and seen < _MAX_OCCURRENCES_PER_PIECE:
            votes[(pos - (off - origin)) // bucket] += 1
            seen += 1
            pos = text.find(piece, pos + 1)
    starts = [b * bucket + bucket // 2 for b, _ in votes.most_common(_MAX_WINDOWS)]
    if old is not None:
        starts.append(old)
    return starts


def _drop_detached(blocks: list[Match], n: int) -> list[Match]:
    """Drop edge blocks separated from the rest by much more text than the quote has there:
    they are chance matches in the surrounding text, not part of the passage."""
    slack = max(8, n // 4)
    while len(blocks) > 1:
        first, second = blocks[0], blocks[1]
        gap_text = second.a - (first.a + first.size)
        gap_quote = second.b - (first.b + first.size)
        if gap_text - gap_quote > slack or (first.size < 3 and gap_text > gap_quote):
            blocks.pop(0)
        else:
            break
    while len(blocks) > 1:
        prev, last = blocks[-2], blocks[-1]
        gap_text = last.a - (prev.a + prev.size)
        gap_quote = last.b - (prev.b + prev.size)
        if gap_text - gap_quote > slack or (last.size < 3 and gap_text > gap_quote):
            blocks.pop()
        else:
            break
    return blocks


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to whole words, a few characters at most, so a match never cuts a word."""
    for _ in range(12):
        if 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        else:
            break
    for _ in range(12):
        if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        else:
            break
    return start, end


def _fuzzy(text: str, quote: TextQuoteSelector, old: int | None) -> Anchor | None:
    exact = quote.exact
    n = len(exact)
    if n < MIN_FUZZY_CHARS or not text:
        return None
    threshold = FUZZY_THRESHOLD if n >= 32 else FUZZY_THRESHOLD_SHORT
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(exact)
    scorer = SequenceMatcher(None, autojunk=False)
    scorer.set_seq2(exact)
    best: tuple[float, int, int] | None = None
    best_span: Span | None = None
    tried: set[tuple[int, int]] = set()
    for guess in _candidate_starts(text, quote, old):
        lo = max(0, guess - n // 2 - 8)
        hi = min(len(text), guess + n + n // 2 + 8)
        if hi <= lo or (lo, hi) in tried:
            continue
        tried.add((lo, hi))
        matcher.set_seq1(text[lo:hi])
        blocks = _drop_detached([m for m in matcher.get_matching_blocks() if m.size], n)
        if not blocks:
            continue
        first, last = blocks[0], blocks[-1]
        # The quote's unmatched head and tail were either rewritten (then the passage reaches
        # over them) or deleted (then it does not): measure both and keep the better.
        starts = {lo + first.a, max(lo, lo + first.a - first.b)}
        ends = {lo + last.a + last.size, min(hi, lo + last.a + last.size + n - last.b - last.size)}
        for raw_start in starts:
            for raw_end in ends:
                start, end = _snap(text, raw_start, raw_end)
                if end <= start:
                    continue
                scorer.set_seq1(text[start:end])
                score = scorer.ratio()
                near = abs(start - (old or 0))
                key = (-score, -_context_score(text, start, end, quote), near)
                if best is None or key < best:
                    best, best_span = key, Span(start, end)
    if best is None or best_span is None or -best[0] < threshold:
        return None
    return Anchor("fuzzy", best_span, -best[0], reason="the passage changed; closest match")
