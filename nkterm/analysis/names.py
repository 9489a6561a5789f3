"""Clusters of spellings of one Korean name, and finding them among a query's words.

The table ships as ``nkterm/data/korean_names.yaml``; users add clusters in ``config.yaml``
(``names:``). Each spelling is reduced to the terms a search looks for (``words.terms``: folded,
given names joined, stemmed), so "P'yŏngyang" and "Pyongyang" are one key and need not both be
listed. The Revised Romanization of each Hangul spelling is added when the table loads
(hangulpy, MIT), in name mode for people ("김일성" -> "Gim Ilseong"). Search expands a
matched run of words to every spelling of its cluster; ``NameTable.find`` is pure Python and
knows nothing of Whoosh. The loaded table (with the derived spellings: ~0.1 s of YAML and
romanization) is kept as JSON in the cache folder, keyed by the table's text and this code, so
a one-shot ``nkterm search`` does not pay for it. Must not import Whoosh or Textual.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkterm import paths
from nkterm.analysis import words
from nkterm.analysis.words import fold, has_hangul, terms
from nkterm.files import write_json

TABLE_FILE = "korean_names.yaml"
MAX_KEY_WORDS = 12  # the longest spelling the matcher looks for, in terms


@dataclass(frozen=True)
class Cluster:
    """One name and every spelling of it (as written, derived forms last)."""

    names: tuple[str, ...]
    kind: str = "name"
    note: str = ""
    origin: str = "table"  # "table", or the config file that added it


@dataclass(frozen=True)
class Spelling:
    """A spelling and the terms a search looks for when it is typed or expanded to."""

    name: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class NameMatch:
    """Words ``start``..``end`` (exclusive) of a sequence spell a known name."""

    start: int
    end: int
    typed: tuple[str, ...]
    spellings: tuple[Spelling, ...]  # every distinct spelling (by terms), the typed one included

    def others(self) -> tuple[Spelling, ...]:
        return tuple(s for s in self.spellings if s.terms != self.typed)


Key = tuple[str, ...]  # the terms a search looks for when a spelling is typed


def keys_of(cluster: Cluster) -> tuple[Key, ...]:
    """The terms of each of the cluster's names (``words.terms``: folded, joined, stemmed)."""
    return tuple(tuple(terms(name)) for name in cluster.names)


class NameTable:
    """The clusters, indexed by the term sequence of each spelling."""

    def __init__(self, clusters: Iterable[Cluster], keys: Sequence[Sequence[Key]] | None = None) -> None:
        """``keys``: the terms of each name of each cluster (``keys_of``), when known (the
        shipped table's are kept in the cache folder with it); else derived here."""
        self.clusters = tuple(clusters)
        self._by_key: dict[tuple[str, ...], list[int]] = {}
        self._spellings: list[tuple[Spelling, ...]] = []
        for i, cluster in enumerate(self.clusters):
            seen: dict[tuple[str, ...], Spelling] = {}
            cluster_keys = keys[i] if keys is not None else keys_of(cluster)
            for name, key in zip(cluster.names, cluster_keys, strict=True):
                if key and len(key) <= MAX_KEY_WORDS and key not in seen:
                    seen[key] = Spelling(name, key)
            self._spellings.append(tuple(seen.values()))
            for key in seen:
                self._by_key.setdefault(key, []).append(i)
        # clusters that share a spelling are one name (a user's cluster extends a shipped one)
        parent = list(range(len(self.clusters)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for members in self._by_key.values():
            for other in members[1:]:
                parent[root(other)] = root(members[0])
        groups: dict[int, list[int]] = {}
        for i in range(len(self.clusters)):
            groups.setdefault(root(i), []).append(i)
        self._group = {i: groups[root(i)] for i in range(len(self.clusters))}
        self.longest = max((len(k) for k in self._by_key), default=0)
        self._near: dict[str, list[tuple[str, tuple[Spelling, ...]]]] | None = None
        self._firsts = {k[0] for k in self._by_key}

    def __len__(self) -> int:
        return len(self.clusters)

    def spellings(self, key: Sequence[str]) -> tuple[Spelling, ...]:
        """Every spelling of every cluster that ``key`` (a term sequence) belongs to."""
        out: dict[tuple[str, ...], Spelling] = {}
        members = {j for i in self._by_key.get(tuple(key), ()) for j in self._group[i]}
        for i in sorted(members):
            for spelling in self._spellings[i]:
                out.setdefault(spelling.terms, spelling)
        return tuple(out.values())

    def find(self, words: Sequence[str], bounds: Sequence[int] | None = None) -> list[NameMatch]:
        """The known names among ``words`` (terms), longest first, not overlapping. With
        ``bounds`` (the word indexes where a match may start or end), a match never splits a
        unit of the query (one typed word that became two terms)."""
        allowed = set(bounds) if bounds is not None else None
        out: list[NameMatch] = []
        i = 0
        n = len(words)
        while i < n:
            if words[i] not in self._firsts or (allowed is not None and i not in allowed):
                i += 1
                continue
            for j in range(min(n, i + self.longest), i, -1):
                if allowed is not None and j not in allowed:
                    continue
                key = tuple(words[i:j])
                if key in self._by_key:
                    out.append(NameMatch(i, j, key, self.spellings(key)))
                    i = j
                    break
            else:
                i += 1
        return out

    def near(self, word: str) -> list[tuple[str, tuple[Spelling, ...]]]:
        """(folded one-word spelling, its name's spellings) for the one-word spellings that
        start with the letter ``word`` starts with: what "did you mean" compares a mistyped
        word with (a name is listed in every romanization, so the first letter of one of its
        spellings is kept even by a writer who mistypes the rest)."""
        if self._near is None:
            self._near = {}
            for i in range(len(self.clusters)):
                spellings = self.spellings(self._spellings[i][0].terms) if self._spellings[i] else ()
                for name in self.clusters[i].names:
                    folded = fold(name)
                    if folded.isalnum() and not has_hangul(folded):
                        self._near.setdefault(folded[0], []).append((folded, spellings))
        return self._near.get(fold(word)[:1], [])


# -- loading --------------------------------------------------------------------------------------


def _derived(names: Sequence[str], kind: str) -> list[str]:
    """The Revised Romanization of each Hangul spelling that is not already listed."""
    try:
        from hangulpy import romanize
    except ImportError:  # an optional help: the table lists the main spellings itself
        return []
    have = {tuple(terms(n)) for n in names}
    out: list[str] = []
    for name in names:
        if not has_hangul(name) or not all(has_hangul(w) for w in name.split()):
            continue
        mode = "name" if kind == "person" and len(name) in (3, 4) and " " not in name else "general"
        try:
            rr = romanize(name, mode=mode, capitalize=True)
        except Exception:  # noqa: BLE001, S112 - a derivation is a nicety; the listed spellings stand
            continue
        key = tuple(terms(rr))
        if rr and not has_hangul(rr) and key and key not in have:
            have.add(key)
            out.append(rr)
    return out


def clusters_from(data: Any, origin: str) -> tuple[list[Cluster], list[str]]:
    """Clusters from parsed YAML (a list of spelling lists or of mappings with ``names``),
    and a message for each entry that is not one."""
    problems: list[str] = []
    out: list[Cluster] = []
    items = data.get("clusters") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return [], [f"{origin}: expected a list of name clusters"]
    for n, item in enumerate(items, 1):
        kind, note = "name", ""
        if isinstance(item, dict):
            names, kind, note = item.get("names"), str(item.get("kind", "name")), str(item.get("note", ""))
        else:
            names = item
        if not isinstance(names, list) or not all(isinstance(x, str | int) for x in names):
            problems.append(f"{origin}: cluster {n} is not a list of spellings")
            continue
        spelled = [str(x).strip() for x in names if str(x).strip()]
        if len(spelled) < 2:
            problems.append(f"{origin}: cluster {n} needs at least two spellings")
            continue
        out.append(Cluster(tuple(spelled) + tuple(_derived(spelled, kind)), kind, note, origin))
    return out, problems


@functools.cache
def shipped_clusters() -> tuple[Cluster, ...]:
    """The clusters of the table shipped with nkterm (from the cache folder when it holds them
    for this table and this code)."""
    return _shipped()[0]


def _shipped() -> tuple[tuple[Cluster, ...], tuple[tuple[Key, ...], ...]]:
    """The shipped clusters and the terms of each of their names (``keys_of``: ~20 ms to
    derive for the whole table), from the cache folder or derived and written there (read
    once per process: ``shipped_clusters`` and ``name_table`` keep what they make of it)."""
    text = table_path().read_text("utf-8")
    cache = _cache_file(text)
    cached = _read_cached(cache)
    if cached is not None:
        return cached
    import yaml  # here: a process that finds the table in the cache folder never loads YAML

    # libyaml where PyYAML has it: the pure-Python parser takes 0.5 s over this table
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    clusters, problems = clusters_from(data, TABLE_FILE)
    if problems:  # the shipped table is checked by the tests: this is a packaging fault
        raise ValueError("; ".join(problems))
    keys = tuple(keys_of(c) for c in clusters)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob("names-*.json"):  # the tables of older code or data
            old.unlink(missing_ok=True)
        write_json(
            cache,
            [
                [list(c.names), c.kind, c.note, c.origin, [list(k) for k in ks]]
                for c, ks in zip(clusters, keys, strict=True)
            ],
        )
    except OSError:  # a read-only cache folder: the next process derives them again
        pass
    return tuple(clusters), keys


def _cache_file(text: str) -> Path:
    """Where the loaded table is kept: named by the table's text, the code that derives, folds
    and stems spellings (this module and ``words``), the hangulpy and PyStemmer installed."""
    import importlib.util

    digest = hashlib.sha256(text.encode("utf-8"))
    for module in (__file__, words.__file__):
        digest.update(Path(module).read_bytes())
    for library in ("hangulpy", "Stemmer"):
        spec = importlib.util.find_spec(library)  # its install (path, time) is the key
        try:
            stamp = (
                f"{spec.origin}:{Path(spec.origin).stat().st_mtime_ns}" if spec and spec.origin else "none"
            )
        except OSError:
            stamp = "none"
        digest.update(stamp.encode())
    return paths.cache_dir() / f"names-{digest.hexdigest()[:20]}.json"


def _read_cached(path: Path) -> tuple[tuple[Cluster, ...], tuple[tuple[Key, ...], ...]] | None:
    """The clusters and their names' terms kept at ``path``; None when missing, unreadable or
    not as written."""
    try:
        data = json.loads(path.read_text("utf-8"))
        clusters: list[Cluster] = []
        keys: list[tuple[Key, ...]] = []
        for names, kind, note, origin, name_keys in data:
            cluster = Cluster(tuple(str(n) for n in names), str(kind), str(note), str(origin))
            cluster_keys = tuple(tuple(str(t) for t in k) for k in name_keys)
            if len(cluster_keys) != len(cluster.names):
                return None
            clusters.append(cluster)
            keys.append(cluster_keys)
        return tuple(clusters), tuple(keys)
    except (OSError, ValueError, TypeError):
        return None


_CACHE: dict[tuple[Any, ...], NameTable] = {}


def name_table(extra: Sequence[Sequence[str]] = (), origin: str = "config.yaml") -> NameTable:
    """The shipped clusters plus ``extra`` ones (lists of spellings), cached."""
    key = tuple(tuple(c) for c in extra)
    table = _CACHE.get(key)
    if table is None:
        added, _problems = clusters_from([list(c) for c in extra], origin)
        shipped, shipped_keys = _shipped()
        table = _CACHE[key] = NameTable([*shipped, *added], [*shipped_keys, *(keys_of(c) for c in added)])
    return table


def user_table() -> NameTable:
    """The table with the clusters of the user's ``config.yaml`` (re-read when it changes)."""
    path = paths.config_path()
    try:
        stamp: Any = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    cached = _USER.get(str(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    config = None
    if stamp is not None:  # the config module (and YAML) only for a user who has the file
        from nkterm.config import load_config

        config, _problems = load_config(path)
    extra = config.names if config is not None else ()
    table = name_table(extra, origin=str(path))
    _USER[str(path)] = (stamp, table)
    return table


_USER: dict[str, tuple[Any, NameTable]] = {}


def table_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / TABLE_FILE
