"""Word-level differences of two near-identical passages (two versions or translations of one
story): which words, numbers and names one changed, as character spans of each passage.

``word_changes`` uses ``difflib.SequenceMatcher`` (stdlib) over the passages' words. Pure: no
nkterm imports but the results module.
"""

from __future__ import annotations

import difflib
import functools
import re

from nkterm.compare.params import NEAR_IDENTICAL
from nkterm.compare.results import Change

# a number with its currency, separators and scale ("$9.37bn", "30,000", "5%"), or a word
_WORD_RE = re.compile(r"[$£€¥]?\d+(?:[.,]\d+)*(?:bn|m|k|%)?|\w+(?:['’-]\w+)*")


_OPENERS = " \"'“‘("


def _kind(word: str, at_start: bool) -> str:
    if any(ch.isdigit() for ch in word):
        return "number"
    if word[:1].isupper() and not at_start:
        return "name"
    return "word"


def _words(text: str, offset: int) -> list[tuple[str, int, int, str]]:
    out = []
    for m in _WORD_RE.finditer(text):
        k = m.start()  # the last character before the word that is no space, quote or bracket
        while k and text[k - 1] in _OPENERS:
            k -= 1
        at_start = not k or text[k - 1] in ".!?\n"
        out.append((m.group(0).casefold(), offset + m.start(), offset + m.end(), _kind(m.group(0), at_start)))
    return out


@functools.lru_cache(maxsize=4096)
def _plain_words(text: str) -> tuple[str, ...]:
    """The passage's words, casefolded (memoised: a passage is looked at by ``word_ratio`` and
    ``word_changes`` for each of its pairs)."""
    return tuple(w.group(0).casefold() for w in _WORD_RE.finditer(text))


def clear_caches() -> None:
    """Forget the passages' words and ratios (``_plain_words``, ``word_ratio``)."""
    _plain_words.cache_clear()
    word_ratio.cache_clear()


@functools.lru_cache(maxsize=4096)
def word_ratio(text_a: str, text_b: str) -> float:
    """How much two passages' words match in order (``SequenceMatcher.ratio``, 0-1; memoised:
    ``relations`` asks it of a pair, and ``word_changes`` again)."""
    words_a, words_b = _plain_words(text_a), _plain_words(text_b)
    if not words_a or not words_b:
        return 0.0
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def word_changes(
    text_a: str, text_b: str, offset_a: int = 0, offset_b: int = 0, *, least: float = NEAR_IDENTICAL
) -> tuple[tuple[Change, ...], tuple[Change, ...]] | None:
    """The changed words of each passage (offsets added), or None when the passages are not
    near-identical (their words match less than ``least``: the SequenceMatcher ratio). Words
    only one passage has are marked too (inserted, deleted), each with its kind: "number",
    "name" (capitalised inside a sentence) or "word"."""
    plain_a, plain_b = _plain_words(text_a), _plain_words(text_b)
    if not plain_a or not plain_b:
        return None
    matcher = difflib.SequenceMatcher(None, plain_a, plain_b, autojunk=False)
    # the quick ratios are upper bounds of the ratio: most pairs are turned down by them
    if (
        matcher.real_quick_ratio() < least
        or matcher.quick_ratio() < least
        or word_ratio(text_a, text_b) < least
    ):
        return None
    words_a, words_b = _words(text_a, offset_a), _words(text_b, offset_b)
    changes_a: list[Change] = []
    changes_b: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changes_a.extend(Change(w[1], w[2], w[3]) for w in words_a[i1:i2])
        changes_b.extend(Change(w[1], w[2], w[3]) for w in words_b[j1:j2])
    return tuple(changes_a), tuple(changes_b)
