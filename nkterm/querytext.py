"""Query text and snippets: the pure-string side of search.

Owns the user-facing field names, the pre-parse lint that turns syntax the parser cannot read
(unbalanced quotes and brackets, unknown fields, costly fuzzy words) into readable messages
before it runs, and snippet building from hit offsets. Imports neither Whoosh nor Textual
(``nkterm.search.queryparse`` parses, the backend searches).
"""

from __future__ import annotations

import bisect
import re

from nkterm.models import Span

MIN_PREFIX = 3  # characters before '*': shorter prefixes expand to most of the vocabulary
# Whoosh builds a Levenshtein automaton per fuzzy word: a long word at 3 edits takes 0.3 s on
# the two seeds, at 5 edits 6 s, at 9 it never returns. Two edits cost ~0.1 s.
MAX_FUZZY_EDITS = 2
MAX_FUZZY_WORDS = 4
SNIPPET_CHARS = 180

# user-facing field name -> schema field
FIELD_ALIASES = {
    "title": "title",
    "body": "body",
    "text": "body",
    "author": "authors",
    "authors": "authors",
    "people": "people",
    "person": "people",
    "source": "source",
    "publisher": "source",
    "tag": "tags",
    "tags": "tags",
    "date": "date",
    "section": "sections",
    "sections": "sections",
    "voice": "sections",
    "kind": "kind",
    "speaker": "speaker",
    "id": "id",
}
_FIELD_RE = re.compile(r"(?:(?<=^)|(?<=[\s(]))([A-Za-z_]+):(?=\S)")
_FUZZY_RE = re.compile(r"(?<=[^\s\"])~([0-9]?)")  # word~N (a phrase's "..."~N is its slop)


def lint_query(text: str) -> str | None:
    """A readable message for query syntax the parser cannot read, else None."""
    if len(text) > 2000:
        return "the query is too long (over 2,000 characters)"
    if text.count('"') % 2:
        return 'unbalanced quote: every " needs a closing "'
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return "unbalanced brackets: ')' without '('"
    if depth:
        return "unbalanced brackets: '(' without ')'"
    if text.count("[") != text.count("]"):
        return "unbalanced range: '[' and ']' must pair, e.g. date:[2011 to 2012]"
    fuzzy = _FUZZY_RE.findall(_strip_phrases(text))
    if any(edits and int(edits) > MAX_FUZZY_EDITS for edits in fuzzy):
        return f"a fuzzy word allows at most {MAX_FUZZY_EDITS} edits: word~1 or word~{MAX_FUZZY_EDITS}"
    if len(fuzzy) > MAX_FUZZY_WORDS:
        return f"at most {MAX_FUZZY_WORDS} fuzzy words (word~) in one query"
    for match in _FIELD_RE.finditer(_strip_phrases(text)):
        name = match.group(1)
        if name.lower() not in FIELD_ALIASES:
            fields = ", ".join(sorted({k for k in FIELD_ALIASES if k not in ("body", "text")}))
            return f"unknown field {name!r}; fields: {fields}"
    return None


def _strip_phrases(text: str) -> str:
    return re.sub(r'"[^"]*"', " ", text)


def rewrite_fields(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return FIELD_ALIASES.get(m.group(1).lower(), m.group(1)) + ":"

    # only outside phrases
    parts = re.split(r'("[^"]*")', text)
    return "".join(p if p.startswith('"') else _FIELD_RE.sub(repl, p) for p in parts)


def unrewrite_fields(text: str) -> str:
    return re.sub(r"\bauthors:", "author:", text)


def make_snippet(
    body: str, spans: tuple[Span, ...], width: int = SNIPPET_CHARS
) -> tuple[str, tuple[Span, ...]]:
    """A one-line excerpt around the densest cluster of hits, and the hits' offsets in it."""
    if not body:
        return "", ()
    if not spans:
        start, end = 0, min(len(body), width)
    else:
        # the window with the most distinct matched words, then the most matches
        words = [body[s.start : s.end].lower() for s in spans]
        best_key, best_i, best_last = (-1, -1), 0, 0
        j = 0
        for i, span in enumerate(spans):
            while spans[j].start < span.start - width * 3 // 4:
                j += 1
            key = (len(set(words[j : i + 1])), i - j + 1)
            if key > best_key:
                best_key, best_i, best_last = key, j, i
        first, last = spans[best_i].start, spans[best_last].end
        start = max(0, min(first - width // 6, (first + last) // 2 - width // 2))
        end = min(len(body), start + width)
        if start > 0:
            space = body.rfind(" ", max(0, start - 20), start)
            start = space + 1 if space != -1 else start
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    raw = body[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    text = prefix + " ".join(raw.split()) + suffix
    # map spans through whitespace collapsing
    out_spans: list[Span] = []
    collapsed = _Collapsed(raw)
    for span in spans:
        if span.start >= start and span.end <= end:
            a = collapsed.index(span.start - start) + len(prefix)
            b = collapsed.index(span.end - start - 1) + 1 + len(prefix)
            out_spans.append(Span(a, b))
    return text, tuple(out_spans)


_SPACES = re.compile(r"\s+")  # \s is str.isspace, what str.split() splits on


class _Collapsed:
    """Where each index of ``raw`` lands in ``" ".join(raw.split())``: leading whitespace is
    dropped, every other run of whitespace becomes one space (a whitespace character maps to
    its run's space, or to 0 when leading)."""

    def __init__(self, raw: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.removed: list[int] = []  # characters dropped up to the end of each run
        dropped = 0
        for m in _SPACES.finditer(raw):
            dropped += (m.end() - m.start()) - (0 if m.start() == 0 else 1)
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.removed.append(dropped)

    def index(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0:
            return i
        if i < self.ends[k]:  # inside a run of whitespace
            if self.starts[k] == 0:
                return 0
            return self.starts[k] - (self.removed[k - 1] if k else 0)
        return i - self.removed[k]
