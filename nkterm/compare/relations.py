"""What relation two paired units are in, and why (``relation_of``):

* ``agrees`` — the same proposition: identical text, or similarity >= ``SAME_MIN`` with the same
  participants (no name on each side that the other lacks), numbers equal within rounding
  (``numbers.same_amount``: the coarser precision decides) and the same polarity;
* ``differs`` — the same slot with incompatible values: numbers of one unit beyond rounding,
  one side negating a word both use ("denies"/"refused"/"not"), or opposite sides of an
  evaluation or testimony axis ("denied" vs "admitted"), at similarity >= ``CONFLICT_MIN``;
* ``related`` — paired (same topic) but not shown to be one proposition.

Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

from collections import defaultdict

from nkterm.compare.numbers import Number, same_amount
from nkterm.compare.params import CONFLICT_MIN, SAME_MIN
from nkterm.compare.results import AGREES, DIFFERS, RELATED_ONLY
from nkterm.compare.units import Unit


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def conflict_of(a: Unit, b: Unit) -> str:
    """Why two units conflict, or "" when nothing does."""
    numbers_a: dict[str, list[Number]] = defaultdict(list)
    numbers_b: dict[str, list[Number]] = defaultdict(list)
    for n in a.numbers:
        if n.unit:
            numbers_a[n.unit].append(n)
    for n in b.numbers:
        if n.unit:
            numbers_b[n.unit].append(n)
    for unit_key, found_a in numbers_a.items():
        found_b = numbers_b.get(unit_key)
        if not found_b or any(same_amount(x, y) for x in found_a for y in found_b):
            continue
        na, nb = found_a[0], found_b[0]
        unit_text = f" {na.unit_text}" if na.unit_text else ""
        return f"numbers differ beyond rounding: {na.number} vs {nb.number}{unit_text}"
    for key, stems_a in a.keys.items():
        stems_b = b.keys.get(key, {})
        for key_stem in stems_a:
            if key_stem not in stems_b:
                continue  # only a word both use, exactly, can be denied by one of them
            cue_a, cue_b = a.negated.get(key_stem), b.negated.get(key_stem)
            if (cue_a is None) != (cue_b is None):
                side = "A" if cue_a else "B"
                word = stems_a[key_stem] if cue_a else stems_b[key_stem]
                return f'opposite polarity: "{cue_a or cue_b} {word}" only in {side}'
    for axis, (sign_a, words_a) in a.polarity.items():
        sign_b, words_b = b.polarity.get(axis, (0, ""))
        if sign_a and sign_b and sign_a != sign_b:
            return f'opposite {axis}: "{words_a}" vs "{words_b}"'
    return ""


def _names_apart(a: Unit, b: Unit) -> str:
    """A name on each side that the other lacks ("Kim Jong Un" / "Kim Jong Il"): not the same
    participants. Only multi-word names and names inside sentences count."""
    only_a = [k for k in a.names if k not in b.keys and k.startswith("@")]
    only_b = [k for k in b.names if k not in a.keys and k.startswith("@")]
    if only_a and only_b:
        name_a = a.keys[sorted(only_a)[0]]
        name_b = b.keys[sorted(only_b)[0]]
        return f"different names: {next(iter(name_a.values()))} vs {next(iter(name_b.values()))}"
    return ""


def relation_of(
    a: Unit, b: Unit, similarity: float, shared: list[tuple[float, str, str]] | None = None
) -> tuple[str, str]:
    """(relation, reason) of two units with the given similarity and shared keys."""
    if normalised(a.passage.text) == normalised(b.passage.text):
        return AGREES, "identical text"
    conflict = conflict_of(a, b)
    if conflict and similarity >= CONFLICT_MIN:
        return DIFFERS, conflict
    labels = [label for _w, label, _k in (shared or [])[:3]]
    if similarity >= SAME_MIN and not conflict:
        apart = _names_apart(a, b)
        if apart:
            return RELATED_ONLY, apart
        numbers = [label for _w, label, key in (shared or []) if key.startswith("#")]
        how = f"same proposition: {', '.join(labels)}"
        if numbers:
            how += "; numbers equal within rounding"
        return AGREES, how
    if conflict:
        return RELATED_ONLY, f"same topic, too loose to conflict ({conflict})"
    return RELATED_ONLY, "same topic: " + ", ".join(labels) if labels else "same topic"
