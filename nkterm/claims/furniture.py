"""Page furniture that is not prose: datelines, agency end marks, headlines, captions and credits,
reader-comment sections, and lines that recur across many documents of a corpus.

Owns ``furniture_spans(text)`` (the stretches of one text that are never claims),
``trim(spans, furniture)`` (sentences cut free of them: the sentence after a dateline stays a
sentence, the dateline itself is no claim and no quantity) and ``recurring_lines(texts)``
(learned once per corpus: lines such as an agency's "Copyright ... All rights reserved" that
stand in many documents). Uses ``nkterm.dateline`` for datelines and end marks. Pure Python;
must not import textual or whoosh.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from nkterm.dateline import end_marks, find_dateline
from nkterm.models import Span

_LINE = re.compile(r"[^\n]+")
_WORDS = re.compile(r"[^\W_]+")
_HEADLINE_MAX_WORDS = 16
_SENTENCE_END = tuple(".!?:;\"”’')…")
_CAPTION = re.compile(
    r"(?i)^\s*(?:\(?\s*(?:photos?|pictures?|images?|captions?|credits?|photographs?|illustrations?|"
    r"video|graphic|map)(?:\s+credit)?\s*[:|/]|[^\n]{0,80}(?:/\s*(?:getty images|afp|reuters|ap|epa|"
    r"yonhap|kcna)\s*\)?\s*$|©))"
)
_CAPTION_HINT = re.compile(r"[:|/©]")
_COMMENTS_HEADING = re.compile(
    r"(?im)^[ \t]*(?:\d+[ \t]+)?(?:reader(?:s'|s)?[ \t]+)?(?:comments?|responses?)(?:[ \t]*\(\d+\))?"
    r"[ \t]*:?[ \t]*$|^[ \t]*(?:have[ \t]+your[ \t]+say|your[ \t]+(?:comments|views)|"
    r"leave[ \t]+a[ \t]+(?:comment|reply)|join[ \t]+the[ \t]+(?:conversation|discussion)|"
    r"add[ \t]+your[ \t]+comment)[^\n]{0,40}$"
)


def normalise_line(line: str) -> str:
    """The form lines are compared in: lower case, single spaces, no outer punctuation."""
    return " ".join(line.lower().split()).strip(" .,;:-–—|*#")


def recurring_lines(texts: Iterable[str], *, min_docs: int = 5, min_share: float = 0.02) -> frozenset[str]:
    """Lines (normalised) that stand in at least ``min_docs`` documents and at least
    ``min_share`` of them: a corpus's furniture ("Copyright 2024 Example News Agency", "Share
    this article"). A line is counted once per document; lines without three letters are left to
    the end-mark rule."""
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update({normalise_line(m.group()) for m in _LINE.finditer(text)})
    need = max(min_docs, int(min_share * n + 0.999))
    return frozenset(
        line for line, c in counts.items() if c >= need and len(re.sub(r"[^a-z]", "", line)) >= 3
    )


def furniture_spans(text: str, recurring: frozenset[str] = frozenset()) -> list[Span]:
    """Stretches of ``text`` that are furniture, in text order (they may overlap)."""
    out: list[Span] = []
    dateline = find_dateline(text)
    if dateline is not None:
        out.append(Span(dateline.start, dateline.end))
    out.extend(end_marks(text))
    comments = _comments_heading(text)
    if comments is not None and comments.start() > len(text) // 4:
        out.append(Span(comments.start(), len(text)))
    lines = list(_LINE.finditer(text))
    for k, m in enumerate(lines):
        line = m.group()
        if not line.strip():
            continue
        if (
            (recurring and normalise_line(line) in recurring)
            or (_CAPTION_HINT.search(line) is not None and _CAPTION.match(line) is not None)
            or _headline(text, lines, k)
        ):
            out.append(Span(m.start(), m.end()))
    out.sort(key=lambda s: s.start)
    return out


# Words one of the comment headings must hold (lower case): a text with none of them has none.
_COMMENTS_WORDS = ("comment", "response", "your", "leave", "join")


def _comments_heading(text: str) -> re.Match[str] | None:
    """``_COMMENTS_HEADING.search(text)``, skipped when an ASCII text (where IGNORECASE matches
    what lower-casing does) holds none of the words a heading needs: the case-blind, per-line
    pattern is slow to run over a whole text."""
    if text.isascii():
        low = text.lower()
        if not any(w in low for w in _COMMENTS_WORDS):
            return None
    return _COMMENTS_HEADING.search(text)


def _headline(text: str, lines: Sequence[re.Match[str]], k: int) -> bool:
    """A short line of its own, with no sentence punctuation at its end, followed by a blank line
    and more text: a headline, a section heading or a label, not a sentence."""
    m = lines[k]
    line = m.group().strip()
    if not line or line.endswith(_SENTENCE_END):
        return False
    if not line[0].isupper() and not line[0].isdigit():
        return False
    if k + 1 >= len(lines):
        return False
    between = text[m.end() : lines[k + 1].start()]
    before = text[lines[k - 1].end() : m.start()] if k else "\n\n"
    if between.count("\n") < 2 or (k != 0 and before.count("\n") < 2):
        return False
    return len(_WORDS.findall(line)) <= _HEADLINE_MAX_WORDS  # (the costliest test last)


def trim(spans: Sequence[Span], furniture: Sequence[Span], text: str) -> list[Span]:
    """Sentence spans cut free of furniture: a furniture stretch at a sentence's start or end is
    cut off; a sentence left with no word is dropped."""
    if not furniture:
        return list(spans)
    out: list[Span] = []
    for sp in spans:
        start, end = sp.start, sp.end
        touched = False
        for f in furniture:
            if f.end <= start or f.start >= end:
                continue
            touched = True
            if f.start <= start:
                start = max(start, f.end)
            elif f.end >= end:
                end = min(end, f.start)
        if not touched:
            out.append(sp)
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and _WORDS.search(text, start, end) and re.search(r"[^\W\d_]", text[start:end]):
            out.append(sp if (start, end) == (sp.start, sp.end) else Span(start, end))
    return out
