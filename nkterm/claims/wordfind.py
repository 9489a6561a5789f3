"""Plain string searches for a word that the speaker rules used to search with a pattern made
for the call (``re.search(rf"\\b{re.escape(word)}\\b", text)``): the same answer without compiling
a pattern per name (session 9, issue #18; each is held to the pattern it replaces by
tests/unit/test_claims_wordfind.py). Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations


def _is_word(ch: str) -> bool:
    """``re``'s ``\\w`` for one character of a str pattern: alphanumeric (``str.isalnum``, the same
    Unicode classes sre reads) or the underscore."""
    return ch.isalnum() or ch == "_"


def _boundary(text: str, i: int) -> bool:
    """``\\b`` at index ``i`` of ``text``: a word character on exactly one side (outside the text
    counts as none)."""
    before = i > 0 and _is_word(text[i - 1])
    after = i < len(text) and _is_word(text[i])
    return before != after


def has_word(text: str, word: str) -> bool:
    """Whether ``re.search(rf"\\b{re.escape(word)}\\b", text)`` finds a match."""
    if not word:
        return any(_boundary(text, i) for i in range(len(text) + 1))
    n = len(word)
    at = text.find(word)
    while at >= 0:
        if _boundary(text, at) and _boundary(text, at + n):
            return True
        at = text.find(word, at + 1)
    return False


_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def after_lower(text: str, word: str) -> bool:
    """Whether ``re.search(rf"[a-z,;] {re.escape(word)}\\b", text)`` finds a match: ``word``
    after a lower-case ASCII letter, a comma or a semicolon and a space ("Even without ...")."""
    probe = " " + word
    end = len(probe)
    at = text.find(probe, 1)
    while at >= 0:
        if text[at - 1] in _BEFORE and _boundary(text, at + end):
            return True
        at = text.find(probe, at + 1)
    return False
