"""Two places for one event: the place slot of two versions of one sentence.

"Spain's only other Davis Cup title came in 2000, when they beat Australia in Barcelona." /
"Spain's only other Davis Cup title came two years ago in Valencia, when they beat Australia."
(BBC sport/466, /470): worded alike, one final, two cities. ``place_slot`` finds a place named
after "in", "at", "near" or "outside" on each side that the other passage does not name at all.

Only two places neither of which could hold the other count: two countries, or two places
neither of which is a country or wider (Common Locale Data Repository names, read through Babel,
plus the short forms news uses: "the US", "Britain"). "in Barcelona" / "in Spain" may be one
place, and so may "in the US" / "in North America" or anything against "the UK" or "Europe".
Months, weekdays and feasts after "in" are times, not places ("in March", "at Christmas").

``relations`` reads a place slot as a conflict only in near-identical wording (one sentence's two
versions, ``params.NEAR_IDENTICAL``); elsewhere two places are two events, and the pair is not one
proposition (related). Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.compare.units import Unit
from nkterm.dateline import MONTH_NAMES

# a capitalised name (one word or a run) after a preposition of place, lower case: "In Barcelona,"
# opening a sentence is the same slot, but a capital "In" also opens "In March" and "In 2004"
_PLACE_RE = re.compile(
    r"\b(?:[Ii]n|at|near|outside)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*[\w](?:\s+(?:of\s+|de\s+|upon\s+)?[A-Z][\w'’.-]*[\w])*)"
)
_TIMES = frozenset(
    (*MONTH_NAMES, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "christmas", "easter", "spring", "summer", "autumn", "winter")
)  # fmt: skip
# short forms news writes for countries that CLDR names otherwise ("the United States")
_COUNTRY_FORMS = frozenset(("us", "usa", "america", "russia", "holland", "korea", "burma", "ivory coast"))
# wider than one country or holding nations of their own: a place inside them may be anywhere in them
_WIDE_FORMS = frozenset(
    ("uk", "britain", "great britain", "england", "scotland", "wales", "northern ireland", "ireland",
     "europe", "asia", "africa", "middle east", "gulf", "west", "east", "north", "south", "far east")
)  # fmt: skip


@functools.cache
def _regions() -> tuple[frozenset[str], frozenset[str]]:
    """(countries, wider regions) in English, lower case: CLDR's territory names (Babel's data,
    shipped in its wheel; a two-letter code is a country, a number a continent or region of the
    world) and the short forms news writes."""
    from babel import Locale  # loaded on the first place slot, not at import

    countries, wide = set(_COUNTRY_FORMS), set(_WIDE_FORMS)
    for code, name in Locale("en").territories.items():
        (wide if code.isdigit() else countries).add(name.casefold().replace("&", "and"))
    return frozenset(countries - wide), frozenset(wide)


def places(text: str) -> list[str]:
    """The places a passage names after "in", "at", "near" or "outside", in text order: "in
    Barcelona" -> "Barcelona"; "in the Hague" -> "Hague"; times ("in March") left out."""
    return list(_places(text))


@functools.lru_cache(maxsize=8192)
def _places(text: str) -> tuple[str, ...]:
    """``places``, memoised: ``relations`` asks it of every candidate pair's two passages."""
    out = []
    for m in _PLACE_RE.finditer(text):
        name = m.group("name").rstrip(".’'").removeprefix("The ")
        first = name.split()[0].casefold()
        if first in _TIMES or name.casefold().startswith("new year") or name.endswith(("'s", "’s")):
            continue  # a time ("in March"), or a possessive ("in Mr Blair's speech")
        out.append(name)
    return tuple(out)


def _named_in(place: str, text: str) -> bool:
    """Whether any word of ``place`` is in ``text`` (as a word, any case): "in Beijing" / "in
    the Chinese capital, Beijing" name one place; so do "at Stamford Bridge" / "at the Bridge"."""
    return any(re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) for word in place.split())


def place_slot(a: Unit, b: Unit) -> str:
    """ "places differ: in Barcelona vs in Valencia" when each passage names a place the other
    does not mention at all and the two could not be one inside the other (one a country, a
    continent or a region, the other not); "" otherwise."""
    text_a, text_b = a.passage.text, b.passage.text
    only_a = [p for p in _places(text_a) if not _named_in(p, text_b)]
    only_b = [p for p in _places(text_b) if not _named_in(p, text_a)]
    if not (only_a and only_b):
        return ""
    countries, wide = _regions()
    for place_a in only_a:
        for place_b in only_b:
            key_a, key_b = place_a.casefold(), place_b.casefold()
            if key_a in wide or key_b in wide:
                continue  # "in North America" / "in the US": one may hold the other
            if (key_a in countries) == (key_b in countries):
                return f"places differ: {place_a} vs {place_b}"
    return ""


def clear_caches() -> None:
    """Forget the memoised places of passages."""
    _places.cache_clear()
