"""Name variants in queries: a word or run of words that spells a known name (a cluster of
the name table) also matches every other spelling; the spellings the hits show are named for
the search bar's "also:"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh import query

from nkterm.analysis import terms as analysis_terms
from nkterm.analysis.names import NameMatch, NameTable
from nkterm.models import Span

MAX_NAME_PHRASES = 32  # phrases one quoted phrase may expand to (several names in it multiply)
MAX_NAMES_IN_PHRASE = 2  # a quoted phrase with more names is searched as typed (a pasted
# paragraph of 150 names took 2 s to expand)


def expand_names(q: Any, table: NameTable) -> tuple[Any, list[NameMatch]]:
    """``q`` with each title/body word or run of words that spells a known name (a cluster of
    ``table``) also matched by every other spelling, and the names found. A run of words
    becomes: the words as typed, or any spelling as a phrase; a quoted phrase: the phrase
    with the name spelled each way."""
    found: list[NameMatch] = []
    if not len(table):
        return q, found

    def word(node: Any) -> tuple[frozenset[str], tuple[str, ...]] | None:
        if isinstance(node, query.Term) and node.fieldname in ("title", "body"):
            return frozenset([node.fieldname]), (str(node.text),)
        if isinstance(node, query.Or | query.And) and node.subqueries:
            parts = [word(c) for c in node.subqueries]
            if any(p is None for p in parts):
                return None
            if isinstance(node, query.And) and all(len(p[0]) == 1 for p in parts if p):
                fields = {f for p in parts if p for f in p[0]}
                if len(fields) == 1:  # one typed word that became several terms ("Il-sung", Hangul)
                    return frozenset(fields), tuple(t for p in parts if p for t in p[1])
                return None
            if isinstance(node, query.Or) and len({p[1] for p in parts if p}) == 1:
                return frozenset(f for p in parts if p for f in p[0]), parts[0][1] if parts[0] else ()
        return None

    def spelled(fields: Iterable[str], spelling: tuple[str, ...]) -> list[Any]:
        return [
            query.Term(f, spelling[0]) if len(spelling) == 1 else query.Phrase(f, list(spelling))
            for f in sorted(fields)
        ]

    def run_of(children: list[Any]) -> list[Any]:
        units = [word(c) for c in children]
        out: list[Any] = []
        i = 0
        while i < len(children):
            j = i
            while j < len(children) and units[j] is not None:
                j += 1
            if j == i:
                out.append(expand(children[i]))
                i += 1
                continue
            terms: list[str] = []
            bounds = [0]
            for unit in units[i:j]:
                assert unit is not None
                terms.extend(unit[1])
                bounds.append(len(terms))
            where = {b: k for k, b in enumerate(bounds)}
            done = i
            for m in table.find(terms, bounds):
                a, b = i + where[m.start], i + where[m.end]
                fields = frozenset.intersection(*(u[0] for u in units[a:b] if u is not None))
                if not fields:
                    continue
                out.extend(children[done:a])
                typed = children[a] if b - a == 1 else query.And(children[a:b])
                options = [typed] + [q for s in m.others() for q in spelled(fields, s.terms)]
                out.append(query.Or(options))
                found.append(m)
                done = b
            out.extend(children[done:j])
            i = j
        return out

    def phrase(node: Any) -> Any:
        words = [str(w) for w in node.words]
        matches = table.find(words)
        if not matches or len(matches) > MAX_NAMES_IN_PHRASE:
            return node
        found.extend(matches)
        variants: list[list[str]] = [[]]
        last = 0
        for m in matches:
            spelled = [list(s.terms) for s in m.spellings]
            variants = [v + words[last : m.start] + o for v in variants for o in spelled][:MAX_NAME_PHRASES]
            last = m.end
        # spellings that fold to the same terms (Koryŏ, Koryo) are one phrase, and the phrase as
        # typed is not repeated: a phrase matched twice would score twice
        unique = dict.fromkeys(tuple(v + words[last:]) for v in variants)
        unique.pop(tuple(words), None)
        options = [
            query.Term(node.fieldname, v[0])
            if len(v) == 1
            else query.Phrase(node.fieldname, list(v), slop=node.slop)
            for v in unique
        ]
        return query.Or([node, *options]) if options else node

    def expand(node: Any) -> Any:
        if isinstance(node, query.Not | query.AndNot):
            # a name that is excluded is excluded in every spelling, but it "matched" nothing
            kept = len(found)
            if isinstance(node, query.Not):
                out = node.apply(expand)
                del found[kept:]
                return out
            a = expand(node.a)
            kept = len(found)
            b = expand(node.b)
            del found[kept:]
            return query.AndNot(a, b)
        if isinstance(node, query.Phrase):
            return phrase(node) if node.fieldname in ("title", "body") else node
        if isinstance(node, query.And) and len(node.subqueries) > 1 and word(node) is None:
            return query.And(run_of(list(node.subqueries)), boost=node.boost)
        unit = word(node)
        if unit is not None:
            replaced = run_of([node])
            return replaced[0] if len(replaced) == 1 else node
        return node if node.is_leaf() else node.apply(expand)

    return expand(q), found


MAX_ALSO = 8  # other spellings the search bar names


def also_spelled(
    found: list[NameMatch], seen: list[tuple[str, tuple[Span, ...]]], typed: str
) -> tuple[str, ...]:
    """The other spellings of the names a query matched, for the search bar's "also:": as
    written in the hits shown (``seen``: body and hit spans; neighbouring hits joined by a
    space or hyphen make one name), the most frequent first."""
    if not found:
        return ()
    keys = {s.terms for m in found for s in m.spellings}
    typed = " ".join(typed.lower().split())
    counts: dict[str, int] = {}
    for body, spans in seen:
        runs: list[list[Span]] = []  # hits one space or hyphen apart
        for span in spans:
            if runs and body[runs[-1][-1].end : span.start] in (" ", "-", "\u00a0"):
                runs[-1].append(span)
            else:
                runs.append([span])
        for run in runs:
            i = 0
            while i < len(run):  # the longest stretch from here that spells a matched name
                for j in range(len(run), i, -1):
                    written = " ".join(body[run[i].start : run[j - 1].end].split())
                    if tuple(analysis_terms(written)) in keys:
                        if written.lower() not in typed:
                            counts[written] = counts.get(written, 0) + 1
                        i = j
                        break
                else:
                    i += 1
    return tuple(sorted(counts, key=lambda w: -counts[w])[:MAX_ALSO])


# A range of words ([a TO z], {* TO zzzz}, body:>a) walks most of the vocabulary of every
