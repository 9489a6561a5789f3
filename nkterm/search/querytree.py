"""nkterm's query tree: what a query means, parsed once (``nkterm.search.queryparse``) and
used by every backend for search, "did you mean" and highlighting.

Leaves hold the words as the user typed them (after field names are mapped to the index's and
given names joined, ``nkterm.search.query.query_text``) with their character range in that
text, ``Request.source``; analysis (folding, stems, name variants) is the backend's, with each
field's own analyzer. ``field`` None means the title and the body. Frozen dataclasses: a tree
is shared between threads and kept in a small cache. Imports no backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeAlias

from nkterm.queryfilters import Filters

DEFAULT_FIELDS = ("title", "body")  # what a word without a field searches


@dataclass(frozen=True, slots=True)
class Term:
    """A word (``koryo``); a word the analyzer splits (``anti-nuclear``) must match in full."""

    text: str
    start: int
    end: int
    field: str | None = None
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in order (``"koryo tours"``), up to ``slop`` positions apart (``"a b"~4``)."""

    text: str  # between the quotes
    start: int  # of the text between the quotes
    end: int
    field: str | None = None
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Prefix:
    """Every word starting with ``text`` (``propag*``)."""

    text: str
    start: int
    end: int
    field: str | None = None
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Wildcard:
    """A pattern with ``*`` and ``?`` (``kor?o``, ``pyong*ng``); ``*`` alone on ``id`` is every
    document."""

    pattern: str
    start: int
    end: int
    field: str | None = None
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Words of the corpus within ``edits`` edits of ``text`` (``goverment~``, ``word~2``);
    ``prefix``: letters that must match exactly (``word~1/2``)."""

    text: str
    start: int
    end: int
    field: str | None = None
    edits: int = 1
    prefix: int = 0
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class DateRange:
    """Documents dated from ``lo`` to ``hi`` inclusive (either open): ``date:2024``,
    ``date:[2024-07 TO]``, ``date:>2014``."""

    lo: dt.date | None
    hi: dt.date | None
    start: int
    end: int
    field: str | None = "date"


@dataclass(frozen=True, slots=True)
class Every:
    """Every document (Lucene's ``*:*``)."""

    start: int
    end: int
    field: str | None = None


@dataclass(frozen=True, slots=True)
class And:
    """Every child must match (words side by side, ``AND``, ``&&``)."""

    children: tuple[Node, ...]
    bracketed: bool = False
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Or:
    """Any child may match (``OR``, ``||``)."""

    children: tuple[Node, ...]
    bracketed: bool = False
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Not:
    """Prohibited: documents without the child (``NOT x``, ``-x``, ``!x``)."""

    child: Node


@dataclass(frozen=True, slots=True)
class Required:
    """Required (``+x``): the child must match, as every part of a query without OR already
    must; kept so that the tree says what was typed."""

    child: Node


Leaf: TypeAlias = Term | Phrase | Prefix | Wildcard | Fuzzy | DateRange | Every
Node: TypeAlias = Leaf | And | Or | Not | Required
LEAVES = (Term, Phrase, Prefix, Wildcard, Fuzzy, DateRange, Every)


@dataclass(frozen=True)
class Request:
    """A query parsed: ``node`` is the scored part (None for filters alone), ``filters`` the
    unscored ``date:``/``source:``/``kind:``/``tag:`` terms taken off its top level. Offsets of
    leaves index ``source``; ``words`` is ``source`` without the filters (as text)."""

    text: str  # as typed, on one line
    source: str  # field names mapped, given names joined: what the leaves' offsets index
    node: Node | None
    filters: Filters
    words: str


def walk(node: Node | None) -> Iterator[Node]:
    """Every node under ``node`` (itself first), depth first."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, And | Or):
            stack.extend(reversed(current.children))
        elif isinstance(current, Not | Required):
            stack.append(current.child)


def leaves(node: Node | None, *, negated: bool = False) -> Iterator[Leaf]:
    """The leaves of ``node``; with ``negated=False`` (the default) only those a match must
    or may hold (none under a ``Not``)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, LEAVES):
            yield current
        elif isinstance(current, And | Or):
            stack.extend(reversed(current.children))
        elif isinstance(current, Required) or (isinstance(current, Not) and negated):
            stack.append(current.child)


def searches_words(leaf: Leaf) -> bool:
    """Whether ``leaf`` searches the title or the body (what did-you-mean and highlights see)."""
    return leaf.field is None or leaf.field in DEFAULT_FIELDS


def to_text(node: Node | None) -> str:
    """The query language for ``node``: parsing it gives the same tree (offsets aside)."""
    if node is None:
        return ""
    if isinstance(node, And | Or):
        glue = " " if isinstance(node, And) else " OR "
        inner = glue.join(_operand(c, node) for c in node.children)
        return f"({inner})" + _boost(node.boost) if node.bracketed or node.boost != 1.0 else inner
    if isinstance(node, Not):
        return "NOT " + _operand(node.child, node)
    if isinstance(node, Required):
        return "+" + _operand(node.child, node)
    field = f"{node.field}:" if node.field is not None else ""
    if isinstance(node, Every):
        return "*:*"
    if isinstance(node, DateRange):
        lo = node.lo.isoformat() if node.lo else ""
        hi = node.hi.isoformat() if node.hi else ""
        return f"date:[{lo} TO {hi}]"
    if isinstance(node, Phrase):
        slop = f"~{node.slop}" if node.slop != 1 else ""
        return f'{field}"{node.text}"{slop}{_boost(node.boost)}'
    if isinstance(node, Prefix):
        return f"{field}{node.text}*{_boost(node.boost)}"
    if isinstance(node, Wildcard):
        return f"{field}{node.pattern}{_boost(node.boost)}"
    if isinstance(node, Fuzzy):
        prefix = f"/{node.prefix}" if node.prefix else ""
        return f"{field}{node.text}~{node.edits}{prefix}{_boost(node.boost)}"
    return f"{field}{node.text}{_boost(node.boost)}"


def _operand(child: Node, parent: Node) -> str:
    """``child`` as an operand of ``parent``, bracketed where precedence needs it: words side by
    side bind loosest, then OR, then AND, then NOT."""
    text = to_text(child)
    loose = isinstance(child, And | Or) and not child.bracketed and child.boost == 1.0
    if loose and (isinstance(parent, Not | Required) or (isinstance(parent, Or) and isinstance(child, And))):
        return f"({text})"
    return text


def _boost(boost: float) -> str:
    return "" if boost == 1.0 else f"^{boost:g}"
