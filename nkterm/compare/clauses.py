"""Where a passage's main proposition is, for the "same" decision (``relations.relation_of``):
the words outside its subordinate parts (``main_keys``), and ordinals that rank one thing
differently (``ordinals_apart``).

A subordinate part is one set off from the main clause: a parenthesis ("Nissan - in which
Renault owns a 44% stake -", "(Nasa)"), or a relative clause or an adverbial clause of
circumstance or reason after a comma ("..., which owns 44% of the Japanese carmaker,", ",
despite the ravages of ..."). Two passages that share only what such parts say ("Renault owns
44% of Nissan") while their main clauses say different things ("Ghosn is to become chairman" /
"Nissan contributed 1.7bn euros") are not one proposition.

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.compare.slots import _ORDINAL_RE
from nkterm.compare.units import Unit, _content_tokens
from nkterm.compare.words import KEY_OF, stem

# what opens a subordinate part, and where it ends: a relative pronoun or a conjunction or
# preposition of circumstance or reason, set off by a comma, a dash or a bracket before it, up
# to the next comma, dash, bracket or the end; a dash or bracket up to its partner (or the end)
_RELATIVE_RE = re.compile(
    r"\b(?:(?:in|of|by|for|to|from|with|at|on|under|through|upon)\s+(?:which|whom)|which|who|whom|whose|where)\b",
    re.IGNORECASE,
)
_ADVERBIAL_RE = re.compile(
    r"\b(?:after|despite|amid|amidst|following|although|though|because)\b",
    re.IGNORECASE,
)
_SET_OFF = (",", "-", "(", "[", "\u2013", "\u2014")
_PART_END_RE = re.compile(r"\s[-\u2013\u2014]\s|[,;:()\[\]\u2014]|\.\s*$")
_DASH_RE = re.compile(r"\s[-\u2013\u2014]\s|\u2014")
# a dash before a conjunction joins a second main clause ("... - and gave Fiat a put option ...")
_COORDINATE_RE = re.compile(r"\s*(?:and|but|or|so|yet)\b", re.IGNORECASE)
_BRACKET_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@functools.lru_cache(maxsize=2048)
def subordinate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of each part of ``text`` set off from its main clause (they may overlap):
    bracketed and dashed parentheses, and relative or adverbial clauses of circumstance or
    reason after a comma, dash or bracket (", which owns 44% of the Japanese carmaker,", ",
    after Cabinet allies intervened"). A relative clause that is not set off ("a bill which
    critics claim would ...", "an 18-year-old woman who ages dramatically") says which thing is
    meant and is read as the main clause's; so is an adverbial clause that is not ("Peel died
    after suffering a heart attack"), whose event is often what both passages report."""
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in _BRACKET_RE.finditer(text)]
    dashes = list(_DASH_RE.finditer(text))
    for k in range(0, len(dashes), 2):  # "X - a parenthesis - Y", or "X - an afterthought"
        if _COORDINATE_RE.match(text, dashes[k].end()):
            continue
        start = dashes[k].start()
        end = dashes[k + 1].end() if k + 1 < len(dashes) else len(text)
        spans.append((start, end))
    for pattern in (_RELATIVE_RE, _ADVERBIAL_RE):
        for m in pattern.finditer(text):
            if not text[: m.start()].rstrip().endswith(_SET_OFF):
                continue
            part_end = _PART_END_RE.search(text, m.end())
            spans.append((m.start(), part_end.start() if part_end else len(text)))
    return tuple(spans)


def main_keys(unit: Unit) -> frozenset[str]:
    """The keys of ``unit`` said at least once outside its subordinate parts (names, numbers and
    phrases too, whose place is not read); all of its keys when it has no subordinate part, or
    nothing outside them."""
    text = unit.passage.text
    spans = subordinate_spans(text)
    if not spans:
        return frozenset(unit.keys)
    placed: set[str] = set()
    main: set[str] = set()
    for term, start, _word, _k in _content_tokens(text, unit.dropped):
        key = KEY_OF.get(term, term)
        placed.add(key)
        if not any(s <= start < e for s, e in spans):
            main.add(key)
    if not main:
        return frozenset(unit.keys)
    return frozenset(k for k in unit.keys if k in main or k not in placed)


def ordinals_apart(a: Unit, b: Unit) -> str:
    """One thing ranked differently: an ordinal followed by the same word on both sides, and
    each side's ordinal nowhere in the other ("for a second week" / "for the third week in a
    row": two states at two times; not "her first Grand Slam title since 2003" / "her seventh
    Grand Slam title, and her first since Wimbledon"), or "" when none."""
    ranked_a, every_a = _ranked(a.passage.text)
    ranked_b, every_b = _ranked(b.passage.text)
    for noun, rank_a in ranked_a.items():
        rank_b = ranked_b.get(noun)
        if rank_b and not rank_a & every_b and not rank_b & every_a:
            return f"ranks differ: {sorted(rank_a)[0]} vs {sorted(rank_b)[0]} ({noun})"
    return ""


@functools.lru_cache(maxsize=2048)
def _ranked(text: str) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """(noun stem -> the ordinals written before it ("second week"), every ordinal of ``text``)."""
    out: dict[str, set[str]] = {}
    every: set[str] = set()
    for m in _ORDINAL_RE.finditer(text):
        every.add(m.group(0).lower())
        after = _NEXT_WORD_RE.match(text, m.end())
        noun = stem(after.group(1)) if after else ""
        if noun:  # (not "the second of ...": a function word, no noun ranked)
            out.setdefault(noun, set()).add(m.group(0).lower())
    return {k: frozenset(v) for k, v in out.items()}, frozenset(every)


_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][a-z-]*)")
