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
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from nkterm import paths
from nkterm.files import read_file

CONFIG_FILE = "config.yaml"
SORT_KEYS: tuple[str, ...] = ("title", "date", "oldest", "words", "claims")  # as nkterm.listing

# One key: optional modifiers, then one character or a key name (pageup, left_curly_bracket, f5).
_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[^\s,+]|[a-z][a-z0-9_]*|plus)$")


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
    path: Path | None = None


MAX_CONFIG_BYTES = 1 << 20  # a settings file is a few lines; anything over 1 MB is not one


def config_path() -> Path:
    return paths.config_dir() / CONFIG_FILE


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
        root = yaml.compose(source, Loader=yaml.SafeLoader)
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
        else:
            problem(key_node, f"unknown section {name!r} (known: keymap, reader, documents)")
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
            keys = [str(_scalar(n)) for n in keys_node.value]
        elif isinstance(keys_node, yaml.ScalarNode) and str(keys_node.value).strip():
            keys = [k.strip() for k in str(keys_node.value).split(",")]
        else:
            problem(keys_node, f"{binding_id}: give a key, keys separated by commas, or a list of keys")
            continue
        bad = [k for k in keys if not _KEY.match(k)]
        if bad or not keys:
            problem(
                keys_node, f"{binding_id}: not a key name: {', '.join(repr(k) for k in bad) or 'nothing'}"
            )
            continue
        keymap[binding_id] = ",".join(keys)
        lines[binding_id] = id_node.start_mark.line + 1


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
