"""Front matter and sidecars are read by libyaml's parser with PyYAML's composer, constructor and
resolver (``fields._NoAliasCLoader``), and read again by PyYAML's Python loader when that fails
or when the text holds what the two parsers read differently (``fields._UNUSUAL``: tabs, odd
line breaks, indicators such as a lone "!" tag or "|#"): held here to the Python loader alone, value for value and type for type, with the same problem
(message and line) for text either one refuses."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.corpus import fields
from tests.conftest import SEEDS
from tests.counts import examples

FRONT_MATTERS = [
    'title: "Abba queen enters music rich list"\ndate: 2005-12-01\ntags: [entertainment]\n'
    "source: BBC News (recombined for benchmarks)",
    "title: Talks: the second round\nauthors:\n  - Jane Holt\n  - 'Li Wei'\ndate: 2021-03-04T10:30:00Z",
    "title: >\n  folded\n  text\nnote: |\n  kept\n  lines\nyes: no\non: off\ncount: 012\nratio: 1e3",
    "sections:\n  - {start: 0, end: 12, kind: body}\n  - start: 12\n    kind: first-person\n    voice: I",
    "empty:\nnull: ~\nhex: 0x1F\nsexagesimal: 1:30\ndate: 2005-13-45x\n'quoted key': \"\\u00e9t\\u00e9\"",
    "a: &x 1\nb: *x",  # an alias: refused
    "title: [unclosed\n",  # malformed: PyYAML's problem and line
    "- just\n- a list",  # not a mapping
    "title: tab\there\n\tindented: no",
    "title: \x07 bell",  # a control character
    "%YAML 1.1\n---\ntitle: directive",
    "? complex key\n: value\n!!str 12: tagged",
    "",
]


def _python_only(text: str) -> tuple[str, str]:
    """What ``parse_yaml`` gave with PyYAML's Python loader alone (before the fast reading)."""
    fast = fields._FAST_LOADER
    fields._FAST_LOADER = fields._NoAliasSafeLoader
    try:
        return _typed(fields.parse_yaml(text, "doc.md", line_offset=1))
    finally:
        fields._FAST_LOADER = fast


def _typed(result: Any) -> tuple[str, str]:
    """The result with every value's type spelt out (``1 == True``, a date is no datetime)."""
    data, problem = result
    return repr(_types(data)), repr(problem)


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return [(_types(k), _types(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_types(v) for v in value]
    return (type(value).__name__, value)


def _seed_sidecars() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.yaml"))]


@pytest.mark.parametrize("text", FRONT_MATTERS + _seed_sidecars())
def test_front_matter_reads_as_the_python_loader_reads_it(text: str) -> None:
    assert _typed(fields.parse_yaml(text, "doc.md", line_offset=1)) == _python_only(text)


def test_the_fast_loader_reads_valid_metadata_itself() -> None:
    """The comparison above is of the fast reading, not of its fallback: valid metadata is read
    by the libyaml loader without an error, to the Python loader's values."""
    for text in [FRONT_MATTERS[0], FRONT_MATTERS[3], *_seed_sidecars()]:
        assert _types(fields._load(fields._FAST_LOADER, text)) == _types(
            fields._load(fields._NoAliasSafeLoader, text)
        )
    with pytest.raises(yaml.composer.ComposerError, match="aliases"):  # never an expansion bomb
        fields._load(fields._FAST_LOADER, "a: &x [1, 2]\nb: *x")


_PIECES = st.sampled_from(
    [
        "title",
        "date",
        "tags",
        "x",
        ":",
        ": ",
        " ",
        "  ",
        "\n",
        "\n  ",
        "- ",
        "-",
        "#",
        " #",
        "'",
        '"',
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!",
        "!!str ",
        "|",
        ">",
        "%",
        "@",
        "`",
        "?",
        "~",
        "\t",
        "2005-12-01",
        "12:30",
        "0x1F",
        "1e3",
        "yes",
        "null",
        "é",
        "€",
        "\u2028",
        "\x85",
        "\x00",
        "\\",
        "---",
        "...",
        "\r\n",
        "\r",
        "\ufeff",
        "\x7f",
        "<<: ",
        ".inf",
        "012",
        "\n- ",
        "[a, b]",
        "{a: b}",
        "%YAML 1.1\n",
        "%TAG ! x\n",
        "M & S",
        "5%",
        "Yahoo!",
    ]
)


@settings(max_examples=examples(1500), deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_reads_as_the_python_loader_reads_it(text: str) -> None:
    assert _typed(fields.parse_yaml(text, "doc.md", line_offset=1)) == _python_only(text)
