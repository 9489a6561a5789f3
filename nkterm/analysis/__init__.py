"""Words and stems shared by search and compare; Korean names in all their spellings.

``words`` tokenizes (folding, stems, Hangul bigrams, joined given names); ``names`` holds the
table of spellings (``nkterm/data/korean_names.yaml`` plus the user's ``names:`` clusters) and
finds them in a query's words. Imports neither Whoosh nor Textual: the index wraps these
functions in its analyzer, comparison calls them directly.
"""

from __future__ import annotations

from nkterm.analysis.words import (
    STOP_WORDS,
    Token,
    analyze,
    analyze_names_joined,
    fold,
    has_hangul,
    is_hangul,
    join_given_names,
    stem,
    terms,
    tokens,
    undetected_language,
)

__all__ = [
    "STOP_WORDS",
    "Token",
    "analyze",
    "analyze_names_joined",
    "fold",
    "has_hangul",
    "is_hangul",
    "join_given_names",
    "stem",
    "terms",
    "tokens",
    "undetected_language",
]
