"""Who a passage is about: its actor (``actor_of``: the name before its first finite verb, read
by ``actors.actor_before``), and whether a corroboration candidate is about another actor than
the claim's (``another_actor``): "Phil Vickery has been ruled out of the rest of the 2005 RBS
Six Nations" is not about "Jonny Wilkinson looks set to miss the whole of the 2005 RBS Six
Nations", though it says a like thing of a like match (issue 17, session 16).

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

import functools
import re

from nkterm.compare.actors import actor_before
from nkterm.compare.units import Unit
from nkterm.compare.words import ATTRIBUTION_WORDS, CLAUSE_END_RE

# the verb of a news sentence's main clause: an auxiliary or a modal ("has been ruled out", "will
# launch", "have risen"), a verb of saying, or a word ending in -s or -ed right after a capitalised
# word and before a lower-case one ("Jonny Wilkinson looks set", "Jose Mourinho expects"; not
# "WorldCom boss Bernie Ebbers")
_FINITE_RE = re.compile(
    r"\b(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|should|shall|did|does"
    r"|says|said|told|tells)\b"
    r"|(?<=[a-z] )(?P<after>[a-z]+(?:s|ed))\b(?!\s+[A-Z])"
)
_CAPITAL_BEFORE_RE = re.compile(r"\b[A-Z][\w'’-]*\s+$")


def _verb_at(text: str) -> int:
    """Where the passage's first finite verb (``_FINITE_RE``) starts; -1 when it has none."""
    for m in _FINITE_RE.finditer(text):
        if m.group("after") and not _CAPITAL_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            continue  # a plural noun or a participle ("shares in ..."): no verb right after a name
        return m.start()
    return -1


@functools.lru_cache(maxsize=4096)
def _actor_in(text: str) -> tuple[str, str]:
    """``actors.actor_before`` at the passage's first finite verb. Memoised."""
    at = _verb_at(text)
    return actor_before(text, at) if at >= 0 else ("", "")


_WORD_RE = re.compile(r"[a-z][\w'’-]*")


def act_share(query: Unit, unit: Unit, shared: list[tuple[float, str, str]]) -> float:
    """How much of what the claim says its actor does the passage shares: of the claim's keys
    written from its first finite verb to the end of its clause (no name, no number), the share
    of the weight the passage shares ("has quit the UK Independence Party and accused it" /
    "is to contest the Derbyshire seat": 0)."""
    text = query.passage.text
    at = _verb_at(text)
    if at < 0:
        return 0.0
    end = CLAUSE_END_RE.search(text, at)
    words = set(_WORD_RE.findall(text[at : end.start() if end else len(text)]))
    act = {
        key
        for key, stems in query.keys.items()
        if key not in query.names and not key.startswith("#") and any(w in words for w in stems.values())
    }
    total = sum(query.weights.get(k, 0.0) for k in act)
    common = sum(w for w, _label, key in shared if key in act)
    return common / total if total > 0 else 0.0


def actor_of(unit: Unit) -> tuple[str, str]:
    """Who the passage says acts or undergoes its main verb: the stem of the nearest name before
    its first finite verb (``actors.actor_before``: not a name that is an object, "with Mr
    Sullivan"), with the name as written; ("", "") when a pronoun, a role or no name stands there
    ("He said ...", "The chip is reported ..."). A capitalised word counts as a name when the
    unit has it as one (inside a sentence, or in a run of capitalised words: "Jonny Wilkinson")
    or in the possessive ("Southcorp's shares"): a sentence's first word alone ("Speculation is
    mounting", "Reports have put") is no one."""
    actor, written = _actor_in(unit.passage.text)
    if not actor:
        return "", ""
    if actor in unit.names or any(k.startswith("@") and actor in k[1:].split() for k in unit.names):
        return actor, written
    if re.search(rf"\b{re.escape(written)}['’]s\b", unit.passage.text):
        return actor, written
    return "", ""


def mentions(unit: Unit, actor: str) -> bool:
    """Whether ``unit`` names ``actor`` (a stem of ``actor_of``): as a key, a word of a key, or a
    word of one of its names of several words ("@phil vickery")."""
    if actor in unit.keys:
        return True
    for key, stems in unit.keys.items():
        if actor in stems or (key.startswith("@") and actor in key[1:].split()):
            return True
    return False


def another_actor(query: Unit, unit: Unit) -> tuple[str, str]:
    """(the passage's actor, the claim's), as written, when the passage is about another actor
    than the claim: both passages name one (``actor_of``), the passage's is nowhere in the claim
    and the claim's nowhere in the passage ("Damien Duff" for "Chelsea manager Jose Mourinho
    expects ..."); ("", "") otherwise."""
    mine, my_name = actor_of(query)
    theirs, their_name = actor_of(unit)
    if not mine or not theirs or mine == theirs:
        return "", ""
    if mentions(query, theirs) or mentions(unit, mine):
        return "", ""
    return their_name, my_name


def same_actor(query: Unit, unit: Unit) -> bool:
    """Whether the passage names the claim's actor (``actor_of``)."""
    mine, _written = actor_of(query)
    return bool(mine) and mentions(unit, mine)


def _act_keys(unit: Unit) -> tuple[list[str], list[str]]:
    """The unit's keys written from its first finite verb to the end of its clause, in the
    order written, each once, no name, no number, no verb of saying, no adverb in -ly: (its
    verbs, the rest - its object). The verbs: the first such key and one after "to" right
    after a verb ("pledged to introduce", "is to play"). "is said to have repeatedly turned
    down his Oscar-winning role": ([turn], [role])."""
    text = unit.passage.text
    at = _verb_at(text)
    if at < 0:
        return [], []
    end = CLAUSE_END_RE.search(text, at)
    key_of = {
        w: key
        for key, stems in unit.keys.items()
        if key not in unit.names and not key.startswith("#")
        for w in stems.values()
        if w.casefold() not in ATTRIBUTION_WORDS and not w.endswith("ly")
    }
    verbs: list[str] = []
    objects: list[str] = []
    after_verb = False  # the word before was a verb, or "to" right after one
    for m in _WORD_RE.finditer(text, at, end.start() if end else len(text)):
        word = m.group()
        key = key_of.get(word)
        if key is None:
            after_verb = after_verb and word == "to"
            continue
        if not verbs or after_verb:
            if key not in verbs:
                verbs.append(key)
            after_verb = True
        else:
            if key not in verbs and key not in objects:
                objects.append(key)
            after_verb = False
    return verbs, objects


def object_share(query: Unit, unit: Unit, shared: list[tuple[float, str, str]]) -> float:
    """How much of the object of the claim's act the passage shares: of the claim's act keys
    after its verbs (``_act_keys``), the share of the weight the passage shares ("turned down
    his Oscar-winning role" / "turned down his best actor Oscar": 0). 1.0 when the claim's act
    has no object keys (nothing to tell another act by)."""
    objects = _act_keys(query)[1]
    total = sum(query.weights.get(k, 0.0) for k in objects)
    if total <= 0:
        return 1.0
    have = {key for _w, _label, key in shared}
    return sum(query.weights.get(k, 0.0) for k in objects if k in have) / total


def rest_share(query: Unit, unit: Unit, shared: list[tuple[float, str, str]]) -> float:
    """How much of the claim besides its actor's name (``actor_of``; every key when it has
    none) the passage shares: the weight of the shared other keys over the claim's weight of
    them (numbers and other names count)."""
    mine, _written = actor_of(query)

    def actors(key: str) -> bool:
        stems = query.keys.get(key, {})
        return bool(mine) and (
            key == mine or mine in stems or (key.startswith("@") and mine in key[1:].split())
        )

    total = sum(w for k, w in query.weights.items() if not actors(k))
    common = sum(query.weights.get(key, 0.0) for _w, _label, key in shared if not actors(key))
    return common / total if total > 0 else 0.0
