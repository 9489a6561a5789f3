"""Forms of a name a text writes (issue 16, session 12, second round): a name chain without a
common word that opens its sentence ("Again Roddick broke first" -> Roddick, "Referee Graham
Poll said" -> Graham Poll: ``name_in_chain``) and the one longer name a clipped short name stands
for ("Lib Dems" -> "Liberal Democrats": ``clipped_name``). The text's own words are the only
source: no list of openers, parties or bodies. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.claims.lexicon import NOT_NAMES, SUBJECT_SKIP
from nkterm.claims.namewords import GROUP_NOUNS, TITLE_WORDS
from nkterm.claims.shortforms import chain_words
from nkterm.claims.subjectwords import CLAUSE_OPENERS, PHRASE_OPENERS, SPEAKING_NOUNS, TIME_WORDS
from nkterm.claims.wordfind import has_word

# sentence openers, time words, nouns of speakers ("Lawyer X") and other words the lexicon knows
# as no name
_COMMON = (
    NOT_NAMES | SUBJECT_SKIP | CLAUSE_OPENERS | PHRASE_OPENERS | TIME_WORDS | SPEAKING_NOUNS | GROUP_NOUNS
)

# The end of a sentence right before a name chain: a full stop, "!" or "?" (a closing quote
# allowed) and a space, or a line break
_SENTENCE_BEFORE = re.compile(r"""(?:[.!?]["”’]?[ \t]+|\n[ \t]*)$""")


def name_in_chain(text: str, start: int, chain: str) -> list[str]:
    """``chain_words`` of the name chain ``chain`` written at ``start``, without a first word
    that is a common word opening the sentence ("Again Roddick broke first", "Referee Graham
    Poll said": ``common_opener``). Session 12, second round."""
    words = chain_words(chain)
    if words and chain.startswith(words[0]) and common_opener(text, start, words[0]):
        return words[1:]
    return words


def common_opener(text: str, start: int, word: str) -> bool:
    """Whether ``word``, the first word of a name chain at ``start``, is a common word that opens
    the sentence ("Again Roddick broke first", "Without Charles, it is hard"): the chain starts a
    sentence, the text or the lexicon knows the word as a common one (the text writes it in lower
    case, or the lexicon lists it: openers, time words, no names) and the text never writes it
    capitalised after a lower-case word or a comma ("Will Davies" stays whole where the text
    writes "cheered Will")."""
    if start and _SENTENCE_BEFORE.search(text, max(0, start - 4), start) is None:
        return False
    low = word.lower()
    if low not in _COMMON and not has_word(text, low):  # (a plain search: no word set built)
        return False
    return not _capitalised_inside(text, word)


def _capitalised_inside(text: str, word: str) -> bool:
    r"""Whether ``text`` writes ``word`` after a lower-case letter, a comma or a semicolon and a
    space, as a whole word (``re.search(rf"[a-z,;] {word}(?![\w'’-])", text)`` without compiling a
    pattern per word: compiling cost ~8% of detection's instructions)."""
    at = text.find(" " + word)
    while at >= 0:
        end = at + 1 + len(word)
        before, after = text[at - 1 : at] if at else "", text[end : end + 1]
        if before and (before in ",;" or "a" <= before <= "z") and not (after.isalnum() or after in "_'’-"):
            return True
        at = text.find(" " + word, end)
    return False


# A clipped word of a short name: capitalised, at most five letters, a plural "s" kept ("Lib", "Dems")
_CLIPPED = re.compile(r"[A-Z][a-z]{1,4}s?")


def clipped_name(text: str, written: str) -> str | None:
    """The one longer name of the text that the short name ``written`` clips word by word ("Lib
    Dems" -> "Liberal Democrats": each word the opening of the word of the full name in the same
    place, three letters or more, a plural "s" kept; held back in session 12 (d41c147), restored
    in its second round when it moved held-out 13), or None. The text's own full form is the
    only source: no list of parties or bodies."""
    words = written.split()
    if len(words) < 2 or len(words) > 3 or not all(_CLIPPED.fullmatch(w) for w in words):
        return None
    if any(len(w.removesuffix("s")) < 3 for w in words) or words[0].lower() in TITLE_WORDS:
        return None  # "Prof Reddy" is a title and a name, no clipped name
    if not any(_written_longer(text, w) for w in words):
        return None  # no word of the text opens with a clipped word: no pattern compiled
    found = {m.group() for m in _clipped_pattern(tuple(words)).finditer(text)} - {written}
    return found.pop() if len(found) == 1 else None


@functools.lru_cache(maxsize=256)
def _clipped_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for w in words:
        stem = w[:-1] if w.endswith("s") and len(w) > 3 else w
        parts.append(re.escape(stem) + (r"[a-z]*s" if stem != w else r"[a-z]*"))
    return re.compile(r"(?<![\w'’-])" + r"\s+".join(parts) + r"(?![\w'’-])")


def _written_longer(text: str, word: str) -> bool:
    """Whether ``text`` writes a longer word that opens with ``word`` (a plural "s" aside) and goes
    on in lower case ("Lib" in "Liberal", "Dems" in "Democrats"; never "Davis" for "David")."""
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    at = text.find(stem)
    while at >= 0:
        end = at + len(stem)
        while end < len(text) and "a" <= text[end] <= "z":
            end += 1
        if end - at > len(word) and (at == 0 or not text[at - 1].isalnum()):
            return True
        at = text.find(stem, at + 1)
    return False
