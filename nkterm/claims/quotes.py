"""Direct quotes: where they open and close, which paragraphs one quote runs over, who says it.

Owns quote-mark pairing (straight, curly, doubled ``''`` and single quotes, with apostrophes told
apart from single quotes), the news convention that a quote left open at a paragraph's end goes
on in the next paragraph, and attribution of each quote run to the reporting verb next to it.
Must not import textual or whoosh.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from nkterm.claims.evidence import Report
from nkterm.models import Span

# A quote mark, or two straight single quotes as one (''Binsky''): written to open with a character
# set (the second ' only after a first), so the regex engine skips to the next mark in C.
_MARK = re.compile(r"[\"“”‘’'](?:(?<=')')?")
_OPENING_BEFORE = frozenset("([{—–-/")
_CLOSING_AFTER = frozenset(".,;:!?)]}—–-")
_MIN_WORDS = 3  # 'Eternal President' and ''Binsky'' are names in quotes, not speech
_GAP_PUNCT = " ,.;:—–-\t"


@dataclass(slots=True)
class Quote:
    """A quoted stretch ``[start, end)`` including its marks; ``closed`` is False when the quote
    was still open at the end of its paragraph."""

    start: int
    end: int
    closed: bool
    para: int
    run: int = -1


def _double_action(text: str, p: int, e: int, lo: int, hi: int, mark: str) -> str:
    if mark == "“":
        return "open"
    if mark == "”":
        return "close"
    prev = text[p - 1] if p > lo else " "
    nxt = text[e] if e < hi else " "
    opening = prev.isspace() or prev in _OPENING_BEFORE
    closing = nxt.isspace() or nxt in _CLOSING_AFTER
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "toggle"


def _single_action(text: str, p: int, lo: int, hi: int, mark: str) -> str:
    prev = text[p - 1] if p > lo else " "
    nxt = text[p + 1] if p + 1 < hi else " "
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # don't, Il's
    if mark == "‘" or (not prev.isalnum() and nxt.isalnum()):
        return "open"
    if not nxt.isalnum():
        return "close"
    return "apostrophe"


def find_quotes(text: str, paragraphs: Sequence[Span]) -> list[Quote]:
    """Speech quotes (at least three words inside), in text order, grouped into runs."""
    quotes: list[Quote] = []
    for pi, para in enumerate(paragraphs):
        lo, hi = para.start, para.end
        dopen: int | None = None
        sopen: int | None = None
        found: list[Quote] = []
        for m in _MARK.finditer(text, lo, hi):
            p, e = m.span()
            mark = m.group()
            if mark in ("'", "‘", "’"):
                act = _single_action(text, p, lo, hi, mark)
                if act == "open":
                    sopen = p
                elif act == "close" and sopen is not None:
                    found.append(Quote(sopen, e, True, pi))
                    sopen = None
                continue
            act = _double_action(text, p, e, lo, hi, mark)
            if dopen is None:
                if act != "close":
                    dopen = p
            elif act == "open":  # a quote left open mid-paragraph: end it where the next begins
                found.append(Quote(dopen, p, False, pi))
                dopen = p
            else:
                found.append(Quote(dopen, e, True, pi))
                dopen = None
        if dopen is not None:
            found.append(Quote(dopen, hi, False, pi))
        found.sort(key=lambda q: q.start)
        quotes.extend(
            q for q in found if len(text[q.start : q.end].split()) >= _MIN_WORDS and not _is_title(text, q)
        )
    _group_runs(text, quotes, paragraphs)
    return quotes


_WORK_BEFORE = re.compile(
    r"(?i)(?:song|songs|hymn|anthem|film|movie|book|novel|poem|opera|play|album|single|march|"
    r"painting|series|show|programme|program|slogan|motto|titled|entitled|called|named|work|article|"
    r"essay|treatise|speech|editorial|documentary)\s*,?\s*$"
)
_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "as", "is"]
)


_INSIDE_PUNCT = re.compile(r"[.!?;:]\s")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _is_title(text: str, q: Quote) -> bool:
    """A quoted title of a song, film, book or other work, not speech: title case ("Song of
    General Kim Il Sung"), or after a word that names a work ("the song 'We Will Go to Mount
    Paektu'") with no sentence punctuation inside."""
    if not q.closed:
        return False
    inner = text[q.start : q.end].strip("\"'“”‘’ ")
    # sentence punctuation inside: speech (checked first: most quotes are speech)
    if inner.endswith((".", "!", "?", ",")) or _INSIDE_PUNCT.search(inner) is not None:
        return False
    words = _TITLE_WORD.findall(inner)
    if not words or len(words) > 12:
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    if big and all(w[0].isupper() for w in big):
        return True  # title case
    return _WORK_BEFORE.search(text, max(0, q.start - 30), q.start) is not None


class Inside:
    """Whether a position lies strictly inside any of ``quotes`` (a reporting verb inside a quote
    is the quoted speaker's): one bisect instead of a pass over every quote."""

    __slots__ = ("ends", "starts")

    def __init__(self, quotes: Sequence[Quote]) -> None:
        spans = sorted((q.start, q.end) for q in quotes)
        self.starts = [s for s, _ in spans]
        self.ends = list(accumulate((e for _, e in spans), max))  # the furthest end so far

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos


def _group_runs(text: str, quotes: list[Quote], paragraphs: Sequence[Span]) -> None:
    run = -1
    prev: Quote | None = None
    for q in quotes:
        continues = (
            prev is not None
            and not prev.closed
            and prev.end == paragraphs[prev.para].end
            and q.para == prev.para + 1
            and not text[paragraphs[q.para].start : q.start].strip()
        )
        if not continues:
            run += 1
        q.run = run
        prev = q


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a quote run is attributed to: a report next to it, or the run it continues."""

    report: Report | None
    inherits: int | None  # run index whose speaker this run takes


def attribute_runs(
    text: str, quotes: list[Quote], reports: list[Report], sentences: Sequence[Span]
) -> dict[int, Attribution]:
    """For each run: the reporting verb right after a closing mark (``," he said``), else the
    nearest one before the opening mark in the same sentence (``Gellman said: "``), else one
    later in the closing sentence; else it continues the previous run if that one ended in the
    same or the previous paragraph (a new paragraph of quote from the same speaker)."""
    reports = sorted(reports, key=lambda r: r.verb_start)
    rstarts = [r.verb_start for r in reports]
    sstarts = [s.start for s in sentences]
    runs: dict[int, list[Quote]] = {}
    for q in quotes:
        runs.setdefault(q.run, []).append(q)

    def sentence_of(pos: int) -> Span | None:
        i = bisect.bisect_right(sstarts, pos) - 1
        return sentences[i] if i >= 0 else None

    inside = Inside(quotes)

    def inside_quote(r: Report) -> bool:
        return inside(r.verb_start)

    out: dict[int, Attribution] = {}
    last_para: dict[int, int] = {}
    for run_id in sorted(runs):
        qs = runs[run_id]
        found: Report | None = None
        for q in qs:  # (a) right after a closing mark
            if not q.closed:
                continue
            i = bisect.bisect_left(rstarts, q.end)
            if text[q.end - 2 : q.end - 1] == "." and not text[q.end : q.end + 3].lstrip(" ").startswith(","):
                continue  # 'matter." Mourinho claimed': the quote ended its sentence; a new one begins
            if text[q.end : q.end + 1] == ".":
                continue  # '... of politicians". Martin Bell said': the full stop after the mark, too
            for r in reports[i : i + 3]:
                first = min(r.verb_start, r.subject_start)
                gap = text[q.end : max(first, q.end)]
                if len(gap) <= 6 and not gap.strip(_GAP_PUNCT):
                    found = r
                    break
            if found:
                break
        if found is None:  # (b) before the opening mark, same sentence
            sent = sentence_of(qs[0].start)
            if sent is not None:
                i = bisect.bisect_right(rstarts, qs[0].start)
                for r in reversed(reports[:i]):
                    if r.verb_start < sent.start:
                        break
                    if r.verb_end <= qs[0].start and not inside_quote(r):
                        found = r
                        break
        if found is None and qs[-1].closed:  # (c) later in the closing sentence
            sent = sentence_of(qs[-1].end - 1)
            i = bisect.bisect_left(rstarts, qs[-1].end)
            if sent is not None and i < len(reports) and reports[i].verb_start < sent.end:
                found = reports[i]
        inherits = None
        if found is None and run_id - 1 in out and last_para.get(run_id - 1, -9) >= qs[0].para - 1:
            inherits = run_id - 1
        out[run_id] = Attribution(found, inherits)
        last_para[run_id] = qs[-1].para
    return out
