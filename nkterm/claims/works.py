"""Titles of works a text names (session 14, issue 16): "Arnold's gritty drama Wasp", "her film
Vera Drake", "the album Encore"; "Wasp is set in Dartford", "Ray stars Jamie Foxx". A title is no
person: it speaks to no one and no "she" means it (held-out 15: "Wasp tells the story of a young
mum" made the film the speaker of every "she said" after it). Only what the text writes: no list
of titles. Read per name asked about, at its places in the text (``str.find``), not by a pass
over every text. Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from nkterm.claims.lexicon import words
from nkterm.claims.patterns import Lazy

# Nouns that name a work, written right before its title ("drama Wasp", "film Million Dollar
# Baby"); nouns that are verbs or other things as often ("play", "show", "single", "game") are
# left out
WORK_NOUNS = words(
    """film films movie movies drama comedy thriller documentary novel book album song musical
    opera sitcom biopic memoir cartoon animation"""
)
# never after "to" or a modal, where the noun is a verb ("to film Harry")
_VERB_BEFORE = frozenset({"to", "will", "would", "could", "can"})
_WORD_BEFORE = Lazy(r"(?:^|(?<=\s))([\w'’-]+) ([\w'’-]+) $")
# what a work does as a subject: "Wasp is set in her native Dartford", "Ray stars Jamie Foxx"
_VERB_OPENINGS = (" is set", " was set", ", is set", ", was set", " stars ", " co-stars ")
_WORK_VERB = Lazy(r",? (?:(?:is|was) set (?:in|on|during|among|around)\b|(?:stars|co-stars) [A-Z])")


def may_name_works(text: str) -> bool:
    """Whether ``text`` has a word a title needs at all (a work noun, "set in", "stars"): most
    news texts have none, and no name of theirs is then read as a title."""
    return any(noun in text for noun in WORK_NOUNS) or " set " in text or "stars " in text


def is_title(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` (as written, capitalised) as the title of a work: right
    after a work noun, or as the subject of "is set in" / "stars <Name>"."""
    if not name[:1].isupper() or name == "I":
        return False
    size = len(name)
    at = text.find(name)
    while at >= 0:
        end = at + size
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "'’-")) and not (
            end < len(text) and (text[end].isalnum() or text[end] in "'’-")
        ):
            # the word before (plain string reads: most places fail on it at once)
            space = text.rfind(" ", max(0, at - 40), at - 1) if at >= 2 and text[at - 1] == " " else -2
            if space >= -1 and text[space + 1 : at - 1] in WORK_NOUNS:
                before = _WORD_BEFORE.search(text, max(0, at - 40), at)
                if before is not None and before.group(1).lower() not in _VERB_BEFORE:
                    return True
            if text.startswith(_VERB_OPENINGS, end) and _WORK_VERB.match(text, end) is not None:
                return True
        at = text.find(name, at + 1)
    return False
