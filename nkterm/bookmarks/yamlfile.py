"""The bookmark file's format and its safe handling on disk, with no policy of its own.

Owns: the YAML shape (``version`` first, then ``bookmarks``, one readable record per entry),
the safe loader and dumper (libyaml's when present), parsing bytes into bookmarks and
``InvalidEntry`` records (reported per entry, with their line, and kept verbatim), writing it
back, a one-off backup copy of a broken file, and the atomic replace (temp file in the same
folder, fsync, ``os.replace``, fsync the folder). Locking and read-only rules live in
``store``. Must not import Textual or Whoosh.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nkterm import files
from nkterm.bookmarks.model import Bookmark, bookmark_from_record, record_of
from nkterm.files import temp_prefix

FORMAT_VERSION = 1

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_DEPTH = 100  # nesting levels; the file nkterm writes has 4


class UnsafeYAML(yaml.YAMLError):
    """Valid YAML that is not read: aliases, or nesting deeper than ``MAX_DEPTH``."""


if hasattr(yaml, "CSafeLoader"):
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class _DeepLoader(Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml's parser with PyYAML's composer. libyaml composes nested collections by C
        recursion and kills the process (SIGSEGV) on a few ten thousand levels; this composer
        raises ``RecursionError`` instead. About 1.6 times slower: used only for text that
        might nest deeply (``_depth_bound``)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    _DEEP_LOADER: Any = _DeepLoader
else:  # pragma: no cover - PyYAML without libyaml composes in Python anyway
    _DEEP_LOADER = yaml.SafeLoader

# Indentation and the indicators that open a block collection on the same line ("- - x").
_LEAD = re.compile(r"(?:^|(?<=[\r\n\x85\u2028\u2029]))[ \t?:-]*")


class _Dumper(_SafeDumper):
    """The safe dumper, writing multi-line text as one double-quoted line with ``\\n`` (easier
    to edit by hand than YAML's folded single quotes), and never anchors or aliases, so entries
    dumped one by one can be joined into one file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: Any, value: str) -> Any:
    # a tab too: libyaml writes it inside a plain scalar, which PyYAML's own parser refuses
    style = '"' if "\n" in value or "\r" in value or "\t" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)

HEADER = """\
# nkterm bookmarks. You may edit this file by hand; keep its shape: 'version', then a list
# 'bookmarks' whose entries have id, doc_id, exact (the quoted text), prefix and suffix (text
# around it), start and end (character offsets), note, tags, created and updated.
# nkterm rewrites the file when bookmarks change: comments are not kept.
"""


@dataclass(frozen=True)
class InvalidEntry:
    """An entry that failed validation: reported, and saved back exactly as it was read."""

    raw: object
    message: str

    @property
    def id(self) -> str | None:
        value = self.raw.get("id") if isinstance(self.raw, dict) else None
        return value if isinstance(value, str) else None


Entry = Bookmark | InvalidEntry


def yaml_where(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            return f"line {mark.line + 1}, column {mark.column + 1}: {what}"
        return what
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        character = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return f"character {exc.position + 1}: {character} ({exc.reason})"
    return " ".join(str(exc).split())


def dump(data: Any) -> str:
    return str(
        yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=1_000_000,  # one line per value: easier to edit than folded lines
        )
    )


def parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """The data and its node tree (for the line of each entry), from one safe parse.

    Raises ``UnsafeYAML`` for aliases (``*name``: a few lines can stand for billions of
    values, which saving would write out) and for nesting deeper than ``MAX_DEPTH``."""
    deep = _depth_bound(text) > MAX_DEPTH
    loader = _DEEP_LOADER(text) if deep else _Loader(text)
    # Thousands of small objects that all live on: collecting during the parse is wasted work.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is not None and (deep or "&" in text):
            _check_shape(node)
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise UnsafeYAML(f"nests more than {MAX_DEPTH} levels deep") from None
    finally:
        if gc_was_enabled:
            gc.enable()
        loader.dispose()
    return data, node


def _depth_bound(text: str) -> int:
    """An upper bound on how deeply ``text`` can nest, from a glance at it: each block level
    needs more indentation (or one more indicator, as in ``- - x``) than its parent, except a
    sequence under a mapping key, and each flow level needs an opening bracket (``[]`` and
    ``{}`` are leaves)."""
    block = max(map(len, _LEAD.findall(text)), default=0)
    flow = text.count("[") - text.count("[]") + text.count("{") - text.count("{}")
    return 2 * (block + 1) + flow + 1


def _check_shape(root: yaml.Node) -> None:
    """Raise ``UnsafeYAML`` if a node is reached twice (an alias) or lies deeper than
    ``MAX_DEPTH``. Iterative: the tree may be deep."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise UnsafeYAML("uses YAML aliases (*name), which nkterm does not read")
        if depth > MAX_DEPTH:
            raise UnsafeYAML(f"nests more than {MAX_DEPTH} levels deep")
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)


def entry_lines(root: yaml.Node | None) -> list[int]:
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "bookmarks"
            and isinstance(value, yaml.SequenceNode)
        ):
            return [item.start_mark.line + 1 for item in value.value]
    return []


@dataclass
class ParsedFile:
    """What a file holds: entries in file order, or why the whole file cannot be used."""

    entries: list[Entry] = field(default_factory=list)
    top_extra: dict[str, Any] = field(default_factory=dict)  # other top-level keys, kept
    problems: list[str] = field(default_factory=list)  # one per invalid entry
    broken: str | None = None  # e.g. "is not valid YAML at line 3, column 5: ..."
    newer_version: int | None = None


def parse_file(data: bytes, path: Path, default_time: _dt.datetime) -> ParsedFile:
    """Parse the file's bytes. Never raises for bad content: that is ``broken`` or a problem.

    ``default_time`` stands in for a missing ``created``/``updated`` (hand-written entries)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ParsedFile(broken=f"is not UTF-8 text (byte {exc.start})")
    try:
        doc, root = parse_yaml(text)
    except UnsafeYAML as exc:
        return ParsedFile(broken=str(exc))
    except yaml.YAMLError as exc:
        return ParsedFile(broken=f"is not valid YAML at {yaml_where(exc)}")
    if doc is None:
        return ParsedFile()  # an emptied file means no bookmarks
    if not isinstance(doc, dict):
        return ParsedFile(broken=f"should hold 'version' and 'bookmarks', not a {type(doc).__name__}")
    version = doc.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return ParsedFile(broken=f"has 'version: {version!r}'; expected a whole number")
    if version > FORMAT_VERSION:
        return ParsedFile(newer_version=version)
    items = doc.get("bookmarks")
    if items is None:
        items = []
    if not isinstance(items, list):
        return ParsedFile(broken="has 'bookmarks' that is not a list")
    parsed = ParsedFile(top_extra={k: v for k, v in doc.items() if k not in ("version", "bookmarks")})
    lines = entry_lines(root)
    seen: set[str] = set()
    for number, raw in enumerate(items, start=1):
        bookmark, errors = bookmark_from_record(raw, default_time)
        if bookmark is not None and bookmark.id in seen:
            errors = [f"the id {bookmark.id!r} is used by an earlier entry"]
            bookmark = None
        if bookmark is not None:
            seen.add(bookmark.id)
            parsed.entries.append(bookmark)
            continue
        line = f", line {lines[number - 1]}" if number <= len(lines) else ""
        entry_id = InvalidEntry(raw, "").id
        label = f"entry {number}" + (f" (id {entry_id})" if entry_id else "")
        message = (
            f"{path}{line}: {label}: {'; '.join(errors)}. "
            "It is kept unchanged in the file; fix it by hand to use it."
        )
        parsed.entries.append(InvalidEntry(raw, message))
        parsed.problems.append(message)
    return parsed


class Serialiser:
    """Bytes of the whole file. Entries are dumped one by one as list items (``- id: ...``)
    and joined, which is the same YAML as dumping the list at once; an unchanged bookmark's
    text is reused, so a save costs what changed, not the whole file."""

    def __init__(self) -> None:
        self._fragments: dict[tuple[Bookmark, str, str], str] = {}

    def __call__(self, entries: Iterable[Entry], top_extra: dict[str, Any]) -> bytes:
        parts = [HEADER, f"version: {FORMAT_VERSION}\n"]
        fragments: dict[tuple[Bookmark, str, str], str] = {}
        items = []
        for entry in entries:
            if isinstance(entry, Bookmark) and not entry.extra:
                # Bookmark equality ignores the UTC offset of times (and ``extra``): the key
                # keeps the offsets, and bookmarks with extra keys are never cached.
                key = (entry, entry.created.isoformat(), entry.updated.isoformat())
                text = self._fragments.get(key) or dump([record_of(entry)])
                fragments[key] = text
                items.append(text)
            else:
                items.append(dump([record_of(entry) if isinstance(entry, Bookmark) else entry.raw]))
        parts += ["bookmarks:\n", *items] if items else ["bookmarks: []\n"]
        if top_extra:
            parts.append(dump(top_extra))
        self._fragments = fragments
        return "".join(parts).encode("utf-8")


def backup_copy(path: Path, data: bytes) -> Path:
    """Copy a broken file's bytes to ``NAME.broken-YYYYmmdd-HHMMSS`` once (an identical earlier
    copy is reused, so loading a broken file again does not pile up copies)."""
    for old in sorted(path.parent.glob(path.name + ".broken-*")):
        with contextlib.suppress(OSError):
            if old.read_bytes() == data:
                return old
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.broken-{stamp}")
    for n in range(1, 1000):
        candidate = base if n == 1 else base.with_name(f"{base.name}-{n}")
        try:
            with open(candidate, "xb") as out:
                out.write(data)
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"too many backups beside {path}")


def write_atomic(path: Path, data: bytes) -> None:
    """``nkterm.files.write_atomic``, after removing temp files left by killed writers. Call it
    only under the lock: only a lock holder can know they are stale."""
    target = files.write_target(path)  # a linked file is replaced where it is
    for stale in target.parent.glob(f"{temp_prefix(target)}*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    files.write_atomic(path, data)
