"""Titles of works a text names (session 14, issue 16): "Arnold's gritty drama Wasp", "her film
Vera Drake", "the album Encore"; "Wasp is set in Dartford", "Ray stars Jamie Foxx". A title is no
person: it speaks to no one and no "she" means it (held-out 15: "Wasp tells the story of a young
mum" made the film the speaker of every "she said" after it). Only what the text writes: no list
of titles. Pure Python (``re`` only); must not import textual or whoosh.
"""

from __future__ import annotations

import re

# A noun that names a work, then the title: capitalised words ("drama Wasp", "film Million
# Dollar Baby"); never after "to" or a modal, where the noun is a verb ("to film Harry"). Nouns
# that are verbs or other things as often ("play", "show", "single", "game") are left out.
_TITLED = re.compile(
    r"(?<![\w'’-])(?<!to )(?<!will )(?<!would )(?<!could )(?<!can )"
    r"(?:film|films|movie|movies|drama|comedy|thriller|documentary|novel|book|album|song|musical"
    r"|opera|sitcom|biopic|memoir|cartoon|animation)"
    r" ((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*)*)(?![\w'’-])"
)
# A subject that is a work by what it does: "Wasp is set in her native Dartford", "Ray stars
# Jamie Foxx" (a capitalised name after "stars": a cast, not the sky)
_WORK_VERB = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*)*),? (?:is|was) set (?:in|on|during|among|around)\b"
    r"|(?<![\w'’-])((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*)*) (?:stars|co-stars) [A-Z]"
)


def work_titles(text: str) -> frozenset[str]:
    """The titles ``text`` writes as works, as written ("Wasp", "Million Dollar Baby")."""
    found = {m.group(1) for m in _TITLED.finditer(text)}
    found.update(m.group(1) or m.group(2) for m in _WORK_VERB.finditer(text))
    found.discard("I")  # "the song I sang": the writer's word, no title
    return frozenset(found)
