"""Did you mean: each title/body word that is in no document corrected to the closest word of
the index's spelling list (names first, as this corpus spells them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.support.levenshtein import levenshtein

from nkterm.analysis import fold
from nkterm.analysis.names import NameTable
from nkterm.querytext import unrewrite_fields
from nkterm.search.querytree import Fuzzy, Prefix, Request, Wildcard, walk
from nkterm.search.whoosh.parsing import Translator
from nkterm.search.whoosh.spelling import Spelling

MAX_SUGGEST_WORDS = 16  # distinct words a "did you mean" corrects
MAX_SUGGEST_LENGTH = 40  # characters: correcting a 2,000-letter "word" takes ~1 s


def suggest(
    searcher: Any,
    request: Request,
    translator: Translator,
    names: NameTable,
    spelling: Callable[[], Spelling],
) -> str | None:
    """Correct each word of the title/body part that is in no document, to the closest word
    of the index's in-memory spelling list (unstemmed words): fewest edits first (1, then 2), the one in most
    documents among those, same first letter. Whoosh's own ``correct_query`` is not used: it
    corrects the *stemmed* term ("econmy" -> "economi") and prefers the rarest candidate
    ("goverment" -> "gamer")."""
    try:
        if any(isinstance(node, Prefix | Wildcard | Fuzzy) for node in walk(request.node)):
            return None  # wildcards, fuzzy words: correcting them expands them, slowly
        words = translator.words(request.node)
        if len({w for _s, _e, w, _f in words}) > MAX_SUGGEST_WORDS:
            return None  # ~10-20 ms per word: "did you mean" is for a few mistyped words
        rewritten = request.source
        reader = searcher.reader()
        known: dict[tuple[int, int], bool] = {}
        for start, end, term, field in words:
            known[start, end] = known.get((start, end), False) or reader.doc_frequency(field, term) > 0
        replaced = rewritten
        closest: dict[str, str | None] = {}  # a word repeated 300 times is looked up once
        for (start, end), found in sorted(known.items(), reverse=True):
            raw = rewritten[start:end]
            if found or len(raw) > MAX_SUGGEST_LENGTH or len(raw) < 3:
                continue
            if raw.lower() not in closest:
                closest[raw.lower()] = closest_name(reader, raw, names) or spelling().closest(raw.lower())
            better = closest[raw.lower()]
            if better is not None:
                shown = better.capitalize() if raw[:1].isupper() else better
                replaced = replaced[:start] + shown + replaced[end:]
    except Exception:  # noqa: BLE001 - a suggestion is a nicety, never an error
        return None
    if replaced == rewritten:
        return None
    suggestion = unrewrite_fields(replaced)
    return suggestion if suggestion.strip() and suggestion != request.text else None


def closest_name(reader: Any, typed: str, names: NameTable) -> str | None:
    """For a word within one edit (two from six letters on) of a one-word spelling of a
    known name: the spelling of that name found in most documents (the name as this
    corpus writes it), or None."""
    word = fold(typed)
    if len(word) < 4 or not word.isalnum():
        return None
    limit = 1 if len(word) < 6 else 2
    best: tuple[int, int, str] | None = None  # (edits, -documents, spelling)
    for spelled, spellings in names.near(word):
        if abs(len(spelled) - len(word)) > limit:
            continue
        edits = levenshtein(word, spelled, limit)
        if edits > limit:
            continue
        for spelling in spellings:
            if len(spelling.terms) != 1:
                continue
            n = min(reader.doc_frequency("body", t) for t in spelling.terms)
            if n and (best is None or (edits, -n) < best[:2]):
                best = (edits, -n, spelling.name)
    if best is None:
        return None
    return best[2] if typed[:1].isupper() else best[2].lower()  # in the case it was typed
