"""Words that mean the same ("pledge" / "promise", "quit" / "resign", "buy" / "acquire"): the
shipped table ``meanings.tsv`` (stem -> group), which ``scripts/build_meanings.py`` builds from
WordNet 3.0 at development time; nothing here reads WordNet.

A stem in a group is compared under the group's key (``MEANING_PREFIX`` + the group's first
word) like a member of a hand-written related-terms group (``words.RELATED``, which wins where
both have a stem): two passages that say "pledge" and "promise" share a key, which counts
``params.MEANING_FACTOR`` of an exact match. Owns loading the table and its members per group.
Must not import Textual, nor Whoosh.
"""

from __future__ import annotations

from pathlib import Path

TABLE = Path(__file__).with_name("meanings.tsv")
MEANING_PREFIX = "~="  # a group key of this table (the related-terms groups' keys are "~" + name)


def load(path: Path = TABLE) -> dict[str, str]:
    """stem -> group key, from ``path`` (lines ``stem<TAB>group``; "#" starts a comment).
    A missing table gives no groups (comparison then works on shared stems alone)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        stem, sep, group = line.partition("\t")
        if not sep or not stem or not group or "\t" in group:
            raise ValueError(f"{path}:{number}: expected 'stem<TAB>group', got {line!r}")
        table[stem] = MEANING_PREFIX + group
    return table


MEANING: dict[str, str] = load()


def same_meaning(a: str, b: str) -> bool:
    """Whether two stems are one word or words of one group of this table (not of the
    related-terms groups, which hold opposites too: "similar" / "different")."""
    if a == b:
        return True
    group = MEANING.get(a)
    return group is not None and group == MEANING.get(b)
