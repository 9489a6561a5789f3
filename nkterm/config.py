"""The user's configuration: ``config_dir()/config.yaml`` -> a frozen ``Config``.

Owns the file format and its validation. A bad file never stops the reader: every problem is
returned as a ``ConfigProblem`` naming the file and line, and the defaults apply for whatever
was wrong. Knows nothing of Textual: the app checks binding ids against its own bindings
(``Config.keymap_lines`` says where each id was written). Must not import Textual or Whoosh.

The format::

    keymap:                      # binding id -> key, or keys separated by commas, or a list
      reader.next-sentence: "j,down"
      app.quit: [q, ctrl+q]
    reader:
      check_worthy_only: false   # start with only check-worthy claims highlighted
      show_claims: auto          # the claims panel: auto (wide terminals), true, false
    documents:
      sort: title                # title, date (newest first), oldest, words or claims
    names:                       # more spellings that are one name (see README, "Names")
      - [Phyongyang, Pyongyang, 평양]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from nkterm.files import read_file
from nkterm.paths import CONFIG_FILE as CONFIG_FILE  # re-exported
from nkterm.paths import config_path as config_path  # re-exported

SORT_KEYS: tuple[str, ...] = ("title", "date", "oldest", "words", "claims")  # as nkterm.listing

# One key: optional modifiers, then one character or a key name (pageup, left_curly_bracket, f5).
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[^\s,+]|[a-z][a-z0-9_]*|plus)$")
# Keys that are not characters, by the names the reader's key handling (Textual) gives them,
# and its short names for some characters. Other names are characters' Unicode names
# (left_curly_bracket, pound_sign).
_NAMED_KEYS = frozenset(
    [
        "escape",
        "enter",
        "return",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        "newline",
        "slash",
        "backslash",
        "at",
        "minus",
        "plus",
        "underscore",
    ]
) | {f"f{n}" for n in range(1, 25)}
_CHARACTER_NAMES = frozenset(
    unicodedata.name(chr(c)).lower().replace(" ", "_").replace("-", "_") for c in range(33, 127)
)


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong with the config file, worded for the user."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Config:
    """What the reader takes from the config file (defaults when there is none)."""

    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    keymap_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    check_worthy_only: bool = False
    show_claims: bool | None = None  # None: decided by the terminal width
    sort: str = "title"
    names: tuple[tuple[str, ...], ...] = ()  # clusters of spellings of one name
    path: Path | None = None


# A settings file is a few lines (a keymap rebinding every key of the reader: ~3 KB). The limit
# keeps the check under ~50 ms before the first screen: an 828 KB file of 60,000 keymap lines
# (under the old 1 MB limit) took 21 s to the first full screen.
MAX_CONFIG_BYTES = 64 << 10
SHOWN_PROBLEMS = 3  # problems quoted in the one notification (the rest are counted)

if hasattr(yaml, "CSafeLoader"):
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.resolver import Resolver

    class _Loader(Composer, CParser, Resolver):  # type: ignore[misc]
        """libyaml's parser (~15x faster than PyYAML's) with PyYAML's composer: libyaml's own
        composer recurses in C and kills the process (SIGSEGV) on a file nested a few ten
        thousand levels deep, where this one raises ``RecursionError``. (As ``_DeepLoader``
        in ``nkterm.bookmarks.yamlfile``, not imported from there to keep the start light.)"""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Resolver.__init__(self)
            Composer.__init__(self)

    _LOADER: Any = _Loader
else:  # pragma: no cover - PyYAML without libyaml
    _LOADER = yaml.SafeLoader


def _compose(source: str) -> yaml.Node | None:
    loader = _LOADER(source)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def load_config(path: Path | None = None) -> tuple[Config, list[ConfigProblem]]:
    """Read the config file; a missing file is the defaults, a bad one is the defaults plus
    problems. Never raises."""
    path = path or config_path()
    try:
        # through the corpus reader: a FIFO or a device in the file's place cannot hang the start
        source = read_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        return Config(path=path), []
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if reason.startswith("too large"):
            try:
                size = f"{path.stat().st_size / 1024:,.0f} KB; "
            except OSError:
                size = ""
            reason = f"too large for a settings file ({size}the limit is {MAX_CONFIG_BYTES >> 10} KB)"
            return Config(path=path), [
                ConfigProblem(str(path), None, f"{reason}; using the default settings")
            ]
        return Config(path=path), [ConfigProblem(str(path), None, f"cannot read the file ({reason})")]
    except UnicodeDecodeError as exc:
        return Config(path=path), [ConfigProblem(str(path), None, f"cannot read the file ({exc})")]
    return parse_config(source, path)


def parse_config(source: str, path: Path) -> tuple[Config, list[ConfigProblem]]:
    """Parse config text. Problems carry 1-based line numbers."""
    problems: list[ConfigProblem] = []

    def problem(node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        problems.append(ConfigProblem(str(path), line, message))

    try:
        root = _compose(source)
    except RecursionError:
        msg = "nested too deeply to be a settings file; using the default settings"
        return Config(path=path), [ConfigProblem(str(path), None, msg)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        kept = _valid_start(source, mark.line if mark is not None else 0)
        if kept is None:
            msg = f"not valid YAML ({reason}); using the default settings"
            return Config(path=path), [ConfigProblem(str(path), line, msg)]
        root, good_lines = kept
        msg = (
            f"not valid YAML ({reason}); lines 1-{good_lines} still apply, "
            f"the rest of the file is ignored (defaults for it)"
        )
        problems.append(ConfigProblem(str(path), line, msg))
    if root is None:
        return Config(path=path), []
    if "&" in source and _has_alias(root):  # a few lines can stand for billions of values
        msg = "uses YAML aliases (&name, *name), which a settings file does not need; using the default settings"
        return Config(path=path), [ConfigProblem(str(path), None, msg)]
    if not isinstance(root, yaml.MappingNode):
        problem(root, "expected a mapping such as 'keymap:' at the top; using the default settings")
        return Config(path=path), problems

    values: dict[str, Any] = {}
    keymap: dict[str, str] = {}
    keymap_lines: dict[str, int] = {}
    for key_node, value_node in root.value:
        name = _scalar(key_node)
        if name == "keymap":
            _parse_keymap(value_node, keymap, keymap_lines, problem)
        elif name == "reader":
            for sub_key, sub_value in _mapping(value_node, "reader", problem):
                sub = _scalar(sub_key)
                if sub == "check_worthy_only":
                    flag = _bool(sub_value)
                    if flag is None:
                        problem(sub_value, "reader.check_worthy_only must be true or false")
                    else:
                        values["check_worthy_only"] = flag
                elif sub == "show_claims":
                    text = str(_scalar(sub_value)).lower()
                    if text == "auto":
                        values["show_claims"] = None
                    elif (flag := _bool(sub_value)) is not None:
                        values["show_claims"] = flag
                    else:
                        problem(sub_value, "reader.show_claims must be auto, true or false")
                else:
                    problem(sub_key, f"unknown setting reader.{sub} (known: check_worthy_only, show_claims)")
        elif name == "documents":
            for sub_key, sub_value in _mapping(value_node, "documents", problem):
                sub = _scalar(sub_key)
                if sub == "sort":
                    text = str(_scalar(sub_value)).lower()
                    if text in SORT_KEYS:
                        values["sort"] = text
                    else:
                        problem(sub_value, f"documents.sort must be one of {', '.join(SORT_KEYS)}")
                else:
                    problem(sub_key, f"unknown setting documents.{sub} (known: sort)")
        elif name == "names":
            values["names"] = _parse_names(value_node, problem)
        else:
            problem(key_node, f"unknown section {name!r} (known: keymap, reader, documents, names)")
    config = Config(
        keymap=MappingProxyType(keymap),
        keymap_lines=MappingProxyType(keymap_lines),
        path=path,
        **values,
    )
    return config, problems


def _valid_start(source: str, error_line: int) -> tuple[yaml.Node, int] | None:
    """The longest start of ``source`` before ``error_line`` (0-based) that is valid YAML with
    something in it, and its number of lines: what a broken file still says. None if nothing."""
    lines = source.splitlines()
    for n in range(min(error_line, len(lines)), 0, -1):
        try:
            node = yaml.compose("\n".join(lines[:n]), Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError):
            continue
        if isinstance(node, yaml.MappingNode) and node.value:
            return node, n
    return None


def _parse_keymap(node: yaml.Node, keymap: dict[str, str], lines: dict[str, int], problem: Any) -> None:
    for id_node, keys_node in _mapping(node, "keymap", problem):
        binding_id = _scalar(id_node)
        if not isinstance(binding_id, str) or not binding_id:
            problem(id_node, "a keymap entry needs a binding id such as reader.next-sentence")
            continue
        if isinstance(keys_node, yaml.SequenceNode):
            if not all(isinstance(n, yaml.ScalarNode) for n in keys_node.value):
                problem(keys_node, f"{binding_id}: each key of the list must be text, such as ctrl+n")
                continue
            keys = [str(n.value).strip() for n in keys_node.value]
        elif isinstance(keys_node, yaml.ScalarNode) and str(keys_node.value).strip():
            keys = [k.strip() for k in str(keys_node.value).split(",")]
        else:
            problem(keys_node, f"{binding_id}: give a key, keys separated by commas, or a list of keys")
            continue
        bad = [k for k in keys if not is_key_name(k)]
        if bad or not keys:
            problem(
                keys_node, f"{binding_id}: not a key name: {', '.join(repr(k) for k in bad) or 'nothing'}"
            )
            continue
        keymap[binding_id] = ",".join(keys)
        lines[binding_id] = id_node.start_mark.line + 1


def _parse_names(node: yaml.Node, problem: Any) -> tuple[tuple[str, ...], ...]:
    """``names:``: a list of clusters, each a list of two or more spellings of one name."""
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problem(node, "names: expected a list of clusters such as - [Pyongyang, Phyongyang, 평양]")
        return ()
    clusters: list[tuple[str, ...]] = []
    for item in node.value:
        spellings = (
            [str(n.value).strip() for n in item.value if isinstance(n, yaml.ScalarNode)]
            if isinstance(item, yaml.SequenceNode)
            else []
        )
        spellings = [s for s in spellings if s]
        if len(spellings) < 2 or len(spellings) != len(getattr(item, "value", ())):
            problem(item, "names: each cluster is a list of two or more spellings, e.g. [Kaesong, Gaeseong]")
            continue
        clusters.append(tuple(spellings))
    return tuple(clusters)


def is_key_name(key: str) -> bool:
    """Whether ``key`` names a key: modifiers, then a character or a known key name."""
    if not _KEY.match(key):
        return False
    name = key.rsplit("+", 1)[-1] if len(key) > 1 else key
    if len(name) == 1 or name in _NAMED_KEYS or name in _CHARACTER_NAMES:
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def summary(problems: list[ConfigProblem], shown: int = SHOWN_PROBLEMS) -> str:
    """All of ``problems`` as one message: the count, the file, the first few with their lines."""
    if len(problems) == 1:
        return str(problems[0])
    problems = sorted(problems, key=lambda p: p.line or 0)
    files = sorted({p.path for p in problems})
    head = f"{len(problems):,} problems in {', '.join(files)} (the defaults apply for those lines); "
    quoted = [f"line {p.line}: {p.message}" if p.line else p.message for p in problems[:shown]]
    more = len(problems) - shown
    tail = f"; and {more:,} more" if more > 0 else ""
    return head + "; ".join(quoted) + tail


def _has_alias(root: yaml.Node) -> bool:
    """Whether a node is reached twice (``*name``). Iterative; the tree is shallow anyway."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    return False


def _mapping(node: yaml.Node, name: str, problem: Any) -> list[tuple[yaml.Node, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        return list(node.value)
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return []
    problem(node, f"{name}: expected a mapping of name: value lines")
    return []


def _scalar(node: yaml.Node) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _bool(node: yaml.Node) -> bool | None:
    text = str(_scalar(node)).lower()
    if text in ("true", "yes", "on"):
        return True
    if text in ("false", "no", "off"):
        return False
    return None
