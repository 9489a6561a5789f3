"""Parsing nkterm's query language into the query tree (``nkterm.search.querytree``), once per
query, with a message naming what is wrong instead of a tree when something is.

The grammar is Lark's (MIT), LALR with a contextual lexer, so an operator is one only where
one can stand (``AND koryo`` searches "and koryo", ``title:-x`` the word "-x"). Precedence is
Whoosh's, which nkterm has always had: ``NOT``/``-``/``!``/``+`` bind tightest, then ``AND``
(``&&``), then ``OR`` (``||``), then words side by side (all required): ``a b OR c`` is
``a AND (b OR c)``. A hyphen inside a word is not an operator (``anti-nuclear``). The trees are
built as the parser reduces (no recursion over the text), and the shapes that would take too
long to run are refused here: short prefixes, ``*`` alone, ranges of words, more than 4 fuzzy
words or 2 edits. Imports no backend.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from nkterm.queryfilters import DATE_VALUE, FilterError, Filters, filter_words, parse_date_bound
from nkterm.querytext import MAX_FUZZY_EDITS, MAX_FUZZY_WORDS, MIN_PREFIX
from nkterm.search.querytree import (
    And,
    DateRange,
    Every,
    Fuzzy,
    Leaf,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Required,
    Term,
    Wildcard,
    leaves,
    walk,
)

if TYPE_CHECKING:
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

BAD_QUERY = "cannot understand this query: check its quotes, brackets, ranges and field:value pairs"
UNRUNNABLE_QUERY = "cannot run this query: check its ranges, dates, fuzzy (~) and boost (^) parts"
RANGE_ON_WORDS = (
    "ranges work on dates only, e.g. date:[2011 TO 2012] or date:>2015; "
    "a range of words ([a TO z]) would match most of the vocabulary: use word* instead"
)
EVERYTHING = "'*' alone would match everything: add at least 3 letters before it"
TOO_DEEP = "the query nests too deeply: use fewer brackets and NOTs"
MAX_DEPTH = 200  # nested groups and NOTs (a tree this deep is walked by recursion)

# the index's field names, as nkterm.querytext.rewrite_fields writes the user's
_FIELDS = (
    "title",
    "body",
    "authors",
    "people",
    "source",
    "tags",
    "date",
    "sections",
    "kind",
    "speaker",
    "id",
)
FILTER_FIELDS = ("date", "source", "kind", "tags")

GRAMMAR = (
    r"""
start: _or*
group: "(" _or* ")"
_or: or_
?or_: and_ (_OR and_)*
?and_: unary (_AND unary | andnot)*
andnot: _ANDNOT unary
?unary: _NOT unary -> not_
      | _PLUS unary -> required
      | atom
?atom: group | leaf | FIELD (group | WORD | PHRASE | RANGE | CMP) -> fielded
leaf: WORD | PHRASE | RANGE

FIELD.4: /("""
    + "|".join(_FIELDS)
    + r"""):(?=\S)/
PHRASE.3: /"[^"]*"(~[1-9][0-9]*)?(\^([0-9]*\.)?[0-9]+(?=[\s)]|$))?/
RANGE.3: /[\[{][^\]}]*?(?<![^\s\[{])(TO|to|To|tO)(?![^\s\]}])[^\]}]*[\]}]/
CMP.3: /(>=|<=|=>|=<|>|<)[^\s()"]+/
_NOT.2: /NOT(?=[\s(])/ | /[-!](?=[^\s\-!])/
_PLUS.2: /\+(?=[^\s+])/
_AND.2: /(AND|&&)(?=\s)/
_ANDNOT.2: /ANDNOT(?=\s)/
_OR.2: /(OR|\|\|)(?=\s)/
WORD: /[^\s()"]+/
%ignore /\s+/
"""
)

_BOOST = re.compile(r"\^((?:[0-9]*\.)?[0-9]+)?$")  # "koryo^": no boost, still the word
_FUZZY = re.compile(r"(?<=\S)~([0-9])?(?:/([1-9][0-9]*))?$")


class QueryError(ValueError):
    """A query that cannot be run, with the message that says why."""


class _Callbacks:
    """Lark's parse tree to nkterm's, one rule at a time as the parser reduces it (Lark's
    ``Transformer`` is mixed in by ``parser()``: Lark is imported on the first parse, so the
    build, ``nkterm index`` and the comparison never load it)."""

    def start(self, *items: Node | None) -> Node | None:
        return _join(And, items, bracketed=False)

    def group(self, *items: Node | None) -> Node | None:
        node = _join(And, items, bracketed=True)
        if isinstance(node, And | Or):
            return replace(node, bracketed=True)
        return node

    def or_(self, *items: Node | None) -> Node | None:
        return _join(Or, items, bracketed=False)

    def and_(self, *items: Node | None) -> Node | None:
        return _join(And, items, bracketed=False)

    def andnot(self, child: Node | None) -> Node | None:
        return None if child is None else Not(child)

    def not_(self, child: Node | None) -> Node | None:
        return None if child is None else Not(child)

    def required(self, child: Node | None) -> Node | None:
        return None if child is None else Required(child)

    def leaf(self, token: Token) -> Node | None:
        return _leaf(token, None)

    def fielded(self, field: Token, value: Node | Token | None) -> Node | None:
        name = str(field)[:-1]
        if isinstance(value, str):  # a Token: WORD, PHRASE, RANGE or CMP
            return _leaf(value, name)
        return _scoped(value, name)


def _join(kind: type[And] | type[Or], items: tuple[Node | None, ...], *, bracketed: bool) -> Node | None:
    found: list[Node] = []
    for item in items:  # "a AND b c" is one And of three
        if isinstance(item, kind) and not item.bracketed and item.boost == 1.0:
            found.extend(item.children)
        elif item is not None:
            found.append(item)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return kind(tuple(found), bracketed=bracketed)


def _scoped(node: Node | None, field: str) -> Node | None:
    """``node`` with its leaves that name no field searching ``field`` (``title:(a b)``)."""
    if node is None:
        return None
    if isinstance(node, And | Or):
        return replace(
            node, children=tuple(c for c in (_scoped(c, field) for c in node.children) if c is not None)
        )
    if isinstance(node, Not | Required):
        child = _scoped(node.child, field)
        return None if child is None else replace(node, child=child)
    if node.field is not None:
        return node
    if field == "date":  # a group of dates: each word must be one
        if isinstance(node, Term):
            return _date(node.text, node.start, node.end)
        raise QueryError(BAD_QUERY)
    return replace(node, field=field)


def _leaf(token: Token, field: str | None) -> Leaf | None:
    text, start = str(token), int(token.start_pos or 0)
    end = start + len(text)
    if token.type == "PHRASE":
        close = text.rindex('"')
        slop = re.match(r"~([0-9]+)", text[close + 1 :])
        boosted = _BOOST.search(text[close + 1 :])
        inner = text[1:close]
        if field == "date":
            return _date(inner, start + 1, start + close)
        return Phrase(
            inner,
            start + 1,
            start + close,
            field,
            slop=int(slop.group(1)) if slop else 1,
            boost=float(boosted.group(1)) if boosted and boosted.group(1) else 1.0,
        )
    if token.type == "RANGE":
        if field != "date":
            raise QueryError(RANGE_ON_WORDS)
        inner = text[1:-1]
        lo_text, hi_text = (
            part.strip() for part in re.split(r"(?<![^\s])(?:TO|to|To|tO)(?![^\s])", inner, maxsplit=1)
        )
        return DateRange(_bound(lo_text, end=False), _bound(hi_text, end=True), start, end)
    if token.type == "CMP":
        if field != "date":
            raise QueryError(RANGE_ON_WORDS)
        op = re.match(r"[<>=]+", text)
        assert op is not None
        value = text[op.end() :]
        if not DATE_VALUE.fullmatch(value):
            raise QueryError(BAD_QUERY)
        first, last = parse_date_bound(value, end=False), parse_date_bound(value, end=True)
        lo, hi = {
            ">": (last + _DAY, None),
            ">=": (first, None),
            "=>": (first, None),
            "<": (None, first - _DAY),
            "<=": (None, last),
            "=<": (None, last),
        }[op.group()]
        return DateRange(lo, hi, start, end)
    if text == "*:*" and field is None:  # Lucene's "every document"
        return Every(start, end)
    boost = 1.0
    found = _BOOST.search(text)
    if found and found.start() > 0:
        boost, text = float(found.group(1) or 1.0), text[: found.start()]
        end = start + len(text)
    if field == "date":
        return _date(text, start, end)
    fuzzy = _FUZZY.search(text)
    if fuzzy:
        word = text[: fuzzy.start()]
        edits = int(fuzzy.group(1)) if fuzzy.group(1) else 1
        prefix = int(fuzzy.group(2)) if fuzzy.group(2) else 0
        if edits > MAX_FUZZY_EDITS:
            raise QueryError(
                f"a fuzzy word allows at most {MAX_FUZZY_EDITS} edits: word~1 or word~{MAX_FUZZY_EDITS}"
            )
        if prefix > len(word):
            raise QueryError(UNRUNNABLE_QUERY)
        return Fuzzy(word, start, start + len(word), field, edits=edits, prefix=prefix, boost=boost)
    if "*" in text or "?" in text:
        if text == "*":
            if field == "id":
                return Wildcard("*", start, end, field, boost=boost)
            raise QueryError(EVERYTHING)
        literal = re.split(r"[*?]", text)[0]
        if len(literal) < MIN_PREFIX:
            raise QueryError(
                f"a prefix needs at least {MIN_PREFIX} letters before '*' (got {text.lower()[:40]!r})"
            )
        if text.endswith("*") and text.count("*") == 1 and "?" not in text and "[" not in text:
            return Prefix(text[:-1], start, end, field, boost=boost)
        return Wildcard(text, start, end, field, boost=boost)
    return Term(text, start, end, field, boost=boost)


_DAY = dt.timedelta(days=1)


def _date(value: str, start: int, end: int) -> DateRange:
    if not DATE_VALUE.fullmatch(value):
        raise QueryError(f"not a date: {value[:40]!r} (write YYYY, YYYY-MM or YYYY-MM-DD)")
    try:
        return DateRange(parse_date_bound(value, end=False), parse_date_bound(value, end=True), start, end)
    except FilterError as exc:
        raise QueryError(str(exc)) from None


def _bound(text: str, *, end: bool) -> dt.date | None:
    if text in ("", "*"):
        return None
    if not DATE_VALUE.fullmatch(text):
        raise QueryError(BAD_QUERY)
    try:
        return parse_date_bound(text, end=end)
    except FilterError as exc:
        raise QueryError(str(exc)) from None


_PARSER: Lark | None = None


GRAMMAR_CACHE = "query-grammar.lark"  # in the cache folder: Lark's analysis of GRAMMAR


def parser() -> Lark:
    """The grammar's LALR parser, built on first use (Lark's import ~80 ms CPU with the
    ``regex`` module it loads). Lark keeps its analysis of the grammar (~30-50 ms to make) in
    ``GRAMMAR_CACHE`` in the cache folder, under a digest of the grammar, its options and
    Lark's version: a file of another grammar, or a damaged one, is made again, never used."""
    global _PARSER
    if _PARSER is None:
        from lark import Lark, Transformer, v_args

        from nkterm import paths

        methods = {k: v for k, v in vars(_Callbacks).items() if not k.startswith("__")}
        build: Any = v_args(inline=True)(type("_Build", (Transformer,), methods))()
        cache: str | bool = False
        folder = paths.cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            cache = str(folder / GRAMMAR_CACHE)
        except OSError:  # no cache folder: build the tables every time
            pass
        _PARSER = Lark(
            GRAMMAR,
            parser="lalr",
            lexer="contextual",
            transformer=build,
            maybe_placeholders=False,
            cache=cache,
        )
    return _PARSER


def parse_tree(source: str) -> Node | None:
    """The tree of ``source`` (a query on one line, field names mapped, given names joined),
    its filters still in it. Raises ``QueryError`` with a readable message."""
    from lark.exceptions import LarkError, UnexpectedInput, VisitError

    try:
        node: Node | None = parser().parse(source)  # type: ignore[assignment]  # the transformer's
    except VisitError as exc:
        if isinstance(exc.orig_exc, QueryError):
            raise exc.orig_exc from None
        raise QueryError(TOO_DEEP if isinstance(exc.orig_exc, RecursionError) else BAD_QUERY) from None
    except QueryError:
        raise
    except RecursionError:  # a field scoping hundreds of nested groups
        raise QueryError(TOO_DEEP) from None
    except UnexpectedInput as exc:
        raise QueryError(_syntax_message(source, exc)) from None
    except LarkError:
        raise QueryError(BAD_QUERY) from None
    _check(node)
    return node


def _syntax_message(source: str, exc: UnexpectedInput) -> str:
    """What a person can fix, naming the part of the query where it went wrong."""
    at = getattr(exc, "pos_in_stream", None)
    token = getattr(exc, "token", None)
    if token is not None and getattr(token, "type", "") == "$END":
        tail = source.split()[-1] if source.split() else ""
        return f"the query ends with {tail[-40:]!r}: put a word after it"
    if token is not None and str(token):
        return f"cannot understand this query at {str(token)[:40]!r}: check its operators and brackets"
    if at is not None:
        return f"cannot understand this query at {source[at : at + 20]!r}: check its operators and brackets"
    return BAD_QUERY


def _check(node: Node | None) -> None:
    """Refuse the shapes that would take too long: more than ``MAX_FUZZY_WORDS`` fuzzy words,
    a tree nested deeper than ``MAX_DEPTH``."""
    fuzzy = {leaf.text.lower() for leaf in leaves(node, negated=True) if isinstance(leaf, Fuzzy)}
    if len(fuzzy) > MAX_FUZZY_WORDS:
        raise QueryError(f"at most {MAX_FUZZY_WORDS} fuzzy words (word~) in one query")
    depth: dict[int, int] = {}
    for current in walk(node):
        level = depth.get(id(current), 0)
        if level > MAX_DEPTH:
            raise QueryError(TOO_DEEP)
        if isinstance(current, And | Or):
            for child in current.children:
                depth[id(child)] = level + 1
        elif isinstance(current, Not | Required):
            depth[id(current.child)] = level + 1


# -- filters ---------------------------------------------------------------------------------------


def split(node: Node | None, source: str) -> tuple[Node | None, Filters, str]:
    """The scored part of ``node``, the unscored filters of its top level (``date:``,
    ``source:``, ``kind:``, ``tag:`` terms that every match must hold: not inside brackets,
    negated or beside an OR), and ``source`` without them."""
    if node is None or any(isinstance(n, Or) for n in walk(node)):
        return node, Filters(), source
    items = node.children if isinstance(node, And) and not node.bracketed else (node,)
    kept: list[Node] = []
    cut: list[tuple[int, int]] = []
    date_from = date_to = None
    has_date = False
    sources: list[str] = []
    kinds: list[str] = []
    tags: list[str] = []
    for item in items:
        leaf = item.child if isinstance(item, Required) else item
        words: list[str] = []
        if isinstance(leaf, Term | Phrase) and leaf.field in FILTER_FIELDS and leaf.boost == 1.0:
            words = filter_words(leaf.text)
        if not (isinstance(leaf, DateRange) or (isinstance(leaf, Term | Phrase) and words)):
            kept.append(item)  # a part to score
            continue
        start = source.rfind(" ", 0, leaf.start) + 1  # with its field name and any '+'
        if "(" in source[start : leaf.start]:  # "(date:2024)": inside brackets, it stays
            kept.append(item)
            continue
        if isinstance(leaf, DateRange):
            has_date = True
            if leaf.lo is not None and (date_from is None or leaf.lo > date_from):
                date_from = leaf.lo
            if leaf.hi is not None and (date_to is None or leaf.hi < date_to):
                date_to = leaf.hi
        else:
            {"source": sources, "kind": kinds, "tags": tags}[str(leaf.field)].extend(
                [" ".join(words)] if leaf.field == "tags" else words
            )
        end = leaf.end + (1 if source[leaf.end : leaf.end + 1] == '"' else 0)
        cut.append((start, end))
    if not cut:
        return node, Filters(), source
    rest, last = [], 0
    for a, b in cut:
        rest.append(source[last:a])
        last = b
    rest.append(source[last:])
    words = "".join(rest).split()
    while words and words[0] in ("AND", "NOT", "&&"):  # what joined a filter to the rest
        words.pop(0)
    while words and words[-1] in ("AND", "NOT", "&&"):
        words.pop()
    filters = Filters(
        date_from,
        date_to,
        has_date,
        tuple(dict.fromkeys(sources)),
        tuple(dict.fromkeys(kinds)),
        tuple(tags),
    )
    rest_node = kept[0] if len(kept) == 1 else (And(tuple(kept)) if kept else None)
    return rest_node, filters, " ".join(words)
