"""Reported speech with no verb, written headline-style after a colon or a dash (issue 16,
session 9): "Ms Rahman: The plan will cost jobs." is Ms Rahman's, and so is "Mr Oroz's verdict:
the border stays shut." or "Her answer - more nurses." The sentence names its speaker before
the mark; nothing after it is quoted (a quote has its own rules).

- a person's name alone before a colon speaks, when it is a name of two words or more (or a
  title and a surname) and its last word is written alone elsewhere in the text too ("Mr Kennedy
  said"), so that a heading ("Key points:", "Subs Not Used:") is never a speaker;
- a possessor before a noun of saying ("verdict", "answer", "message") and a colon or a dash
  speaks: a name, or "his"/"her" for the person in focus.

Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

import re
from typing import Protocol

from nkterm.claims.namewords import TITLE_WORDS, is_org


class Resolver(Protocol):
    """What this module reads of ``nkterm.claims.speakers.Resolver`` (no import: no circle)."""

    def full_name(self, name: str, pos: int) -> str: ...
    def focus(self, pos: int, pronoun: str = "he") -> str | None: ...


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "dame", "prof", "professor"})
_NAME = r"[A-Z][\w'’-]+(?: (?:de|van|von|al|bin|[A-Z][\w'’-]+))*"
# "Charles Kennedy: ...", "Mr Howard: ..." at the start of a sentence
_NAMED = re.compile(rf"({_NAME}):\s+(?![\"“'‘])\S")
# Nouns that name what someone said
_SAYING = (
    "verdict view message answer reply response warning argument conclusion advice point "
    "prediction explanation diagnosis retort plea claim complaint promise pledge"
)
_POSSESSED = re.compile(
    rf"(?:({_NAME})['’]s|(His|Her)) (?:[a-z]+ )?(?:{_SAYING.replace(' ', '|')})\s*(?::|\s[-–—])\s+(?![\"“'‘])\S"
)


def _alone_elsewhere(text: str, word: str, start: int) -> bool:
    """Whether ``word`` is written alone outside the sentence at ``start``: after a lower-case
    word or a punctuation mark, not next to another capitalised word ("Mr Kennedy said", never
    "Subs Not Used"). Plain string search (no pattern compiled per name)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if at != start + text[start:].find(word) and at >= 2 and text[at - 1] == " ":
            before = text[max(0, at - 30) : at - 1].split()
            after = text[end : end + 2]
            if (
                before
                and (
                    before[-1][:1].islower()
                    or before[-1][-1:] in ',;.!?"”'
                    or before[-1].lower().rstrip(".") in _HONORIFICS
                )
                and not (
                    after[:1].isalnum() or after[:1] in "'’-" or (after[:1] == " " and after[1:2].isupper())
                )
            ):
                return True
        at = text.find(word, end)
    return False


def colon_speaker(text: str, start: int, end: int, resolver: Resolver) -> tuple[str, str] | None:
    """(speaker, how) of the sentence ``text[start:end]`` when it is headline-style speech with
    no verb, else None."""
    if (
        ":" not in text[start : min(end, start + 80)]
        and " -" not in text[start:end]
        and "—" not in text[start:end]
    ):
        return None  # (substring tests first: most sentences have no such mark)
    m = _NAMED.match(text, start, end)
    if m is not None:
        name = m.group(1)
        words = name.split()
        titled = len(words) == 2 and words[0].lower() in TITLE_WORDS
        if (len(words) >= 2 or titled) and len(words) <= 5 and not is_org(name):
            last = words[-1]
            if _alone_elsewhere(text, last, start) and not any(w.lower() in TITLE_WORDS for w in words[1:]):
                who = resolver.full_name(name, start)
                return who, f'"{name}:" (speech after a colon)'
        return None
    m = _POSSESSED.match(text, start, end)
    if m is None:
        return None
    if m.group(1) is not None:
        name = m.group(1)
        if is_org(name):
            return name, f'"{name}\'s ..." (speech after a colon)'
        return resolver.full_name(name, start), f'"{name}\'s ..." (speech after a colon)'
    pronoun = m.group(2).lower()
    meant = resolver.focus(start, "he" if pronoun == "his" else "she")
    if meant is None:
        return None
    return meant, f"{pronoun} = {meant} (speech after a colon)"
