"""Checks of the user's keymap that need the reader's bindings: what a rebinding takes away.

``taken_keys`` finds, for each keymap entry, the keys it gives that another binding of the same
place (the same widget or screen) has by default and keeps, so "reader.previous-claim: j" is
reported as taking ``j`` from reader.next-sentence rather than silently winning; a key given to
a binding of the same action (``app.quit: [q, ctrl+q]`` beside Textual's own ctrl+q quit) takes
nothing. Pure data in, messages out: no Textual import (the app passes its bindings as tuples).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BindingInfo:
    scope: str  # the class that declares it: keys only clash within one
    id: str | None
    keys: tuple[str, ...]
    action: str


def split_keys(keys: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in keys.split(",") if k.strip())


def taken_keys(keymap: Mapping[str, str], bindings: Iterable[BindingInfo]) -> dict[str, list[str]]:
    """binding id -> messages, one per key it takes from another binding that keeps it."""
    bindings = list(bindings)
    by_id = {b.id: b for b in bindings if b.id}
    out: dict[str, list[str]] = {}
    for binding_id, keys in keymap.items():
        mine = by_id.get(binding_id)
        if mine is None:
            continue
        for key in split_keys(keys):
            for other in bindings:
                if other is mine or other.scope != mine.scope or other.action == mine.action:
                    continue
                other_keys = split_keys(keymap[other.id]) if other.id and other.id in keymap else other.keys
                if key not in other_keys:
                    continue
                left = [k for k in other_keys if k != key]
                name = other.id or other.action
                keeps = f"{name} keeps {', '.join(left)}" if left else f"{name} has no key left"
                out.setdefault(binding_id, []).append(
                    f"keymap: {binding_id} takes {key!r} from {name} ({keeps}); "
                    f"give {name} another key in the keymap if you want both"
                )
    return out
