"""config.yaml: the keymap and settings, and every way a person can get it wrong."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkterm.config import (
    MAX_CONFIG_BYTES,
    Config,
    ConfigProblem,
    config_path,
    load_config,
    parse_config,
    summary,
)
from tests.counts import examples

PATH = Path("/home/me/.config/nkterm/config.yaml")


def test_no_file_means_defaults() -> None:
    config, problems = load_config()
    assert problems == []
    assert config == Config(path=config_path())
    assert dict(config.keymap) == {} and config.sort == "title" and config.show_claims is None


def test_a_full_file_is_read() -> None:
    config, problems = parse_config(
        "# keys\n"
        "keymap:\n"
        "  reader.next-claim: z\n"
        '  reader.next-sentence: "j, down"\n'
        "  app.quit: [q, ctrl+q]\n"
        "reader:\n"
        "  check_worthy_only: yes\n"
        "  show_claims: false\n"
        "documents:\n"
        "  sort: words\n",
        PATH,
    )
    assert problems == []
    assert dict(config.keymap) == {
        "reader.next-claim": "z",
        "reader.next-sentence": "j,down",
        "app.quit": "q,ctrl+q",
    }
    assert dict(config.keymap_lines) == {"reader.next-claim": 3, "reader.next-sentence": 4, "app.quit": 5}
    assert config.check_worthy_only is True and config.show_claims is False and config.sort == "words"


def test_the_config_is_frozen() -> None:
    config, _ = parse_config("keymap:\n  a.b: z\n", PATH)
    with pytest.raises(AttributeError):
        config.sort = "words"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.keymap["a.b"] = "y"  # type: ignore[index]


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("keymap:\n  reader.next-sentence: [j\n", 3, "not valid YAML"),
        ("- just\n- a list\n", 1, "expected a mapping"),
        ("keymap:\n  reader.next-sentence: 'two words'\n", 2, "not a key name: 'two words'"),
        ("keymap:\n  reader.next-sentence:\n", 2, "give a key"),
        ("keymap: [j, k]\n", 1, "keymap: expected a mapping"),
        ("reader:\n  check_worthy_only: perhaps\n", 2, "must be true or false"),
        ("reader:\n  show_claims: sometimes\n", 2, "auto, true or false"),
        ("reader:\n  colour: red\n", 2, "unknown setting reader.colour"),
        ("documents:\n  sort: newest\n", 2, "title, date, oldest, words, claims"),
        ("theme: dark\n", 1, "unknown section 'theme'"),
    ],
)
def test_problems_name_the_file_and_line_and_keep_the_defaults(source: str, line: int, words: str) -> None:
    config, problems = parse_config(source, PATH)
    assert len(problems) == 1, problems
    assert problems[0].line == line
    message = str(problems[0])
    assert message.startswith(f"{PATH}, line {line}: ")
    assert words in message
    assert config.sort == "title" and dict(config.keymap) == {}


def test_good_lines_survive_bad_neighbours() -> None:
    config, problems = parse_config("keymap:\n  a.ok: z\n  a.bad: 'x y'\n", PATH)
    assert dict(config.keymap) == {"a.ok": "z"}
    assert [p.line for p in problems] == [3]


def test_an_unreadable_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    config, problems = load_config(path)
    assert config.path == path
    assert problems and str(path) in str(problems[0])


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_config_and_problems_never_an_exception(source: str) -> None:
    config, problems = parse_config(source, PATH)
    assert isinstance(config, Config)
    assert all(str(PATH) in str(p) for p in problems)


@pytest.mark.parametrize(
    "source", ["[" * 5000 + "]" * 5000, "a:\n" + "".join(" " * i + "- \n" for i in range(1, 3000))]
)
def test_a_file_nested_thousands_deep_is_a_problem_not_a_crash(tmp_path: Path, source: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(source)
    config, problems = load_config(path)
    assert config == Config(path=path)
    assert len(problems) == 1 and str(path) in str(problems[0])


def test_a_fifo_in_place_of_the_file_does_not_hang_the_start(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    os.mkfifo(path)  # nobody ever writes to it: a blocking read would wait forever
    config, problems = load_config(path)
    assert config == Config(path=path)
    assert len(problems) == 1 and "not a regular file" in str(problems[0]) and str(path) in str(problems[0])


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("# filler\n" * 200_000)
    config, problems = load_config(path)
    assert config == Config(path=path)
    assert len(problems) == 1 and "too large" in str(problems[0])


def test_a_file_over_the_settings_limit_is_refused_unread_with_its_size(tmp_path: Path) -> None:
    # issue 15: 60,000 unknown keymap ids in 828 KB (under the old 1 MB limit) stalled the start
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n" + "".join(f"  x.action-{i:05d}: ctrl+x\n" for i in range(30_000)))
    config, problems = load_config(path)
    assert config == Config(path=path)
    assert [str(p) for p in problems] == [
        f"{path}: too large for a settings file (732 KB; the limit is 64 KB); using the default settings"
    ]


def test_the_largest_accepted_file_is_checked_in_a_few_tens_of_milliseconds(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    text, i = "keymap:\n", 0
    while len(text) < MAX_CONFIG_BYTES - 40:
        text += f"  x.action-{i:05d}: ctrl+alt+nonsense\n"
        i += 1
    path.write_text(text)
    best = min(_cpu_seconds(lambda: load_config(path)) for _ in range(3))
    config, problems = load_config(path)
    assert len(problems) == i and dict(config.keymap) == {}
    assert best < 0.1, f"{best:.3f} s of CPU to check {len(text):,} bytes"  # measured: ~0.03 s


def _cpu_seconds(call: Callable[[], object]) -> float:
    start = time.thread_time()
    call()
    return time.thread_time() - start


def test_a_billion_laughs_config_is_one_readable_problem() -> None:
    bomb = (
        'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "keymap:\n  reader.next-claim: [*c, *c, *c]\n"
    )
    config, problems = parse_config(bomb, PATH)
    assert config == Config(path=PATH)
    assert [p.message for p in problems] == [
        "uses YAML aliases (&name, *name), which a settings file does not need; using the default settings"
    ]
    _, nested = parse_config("keymap:\n  reader.next-claim: [[z], ctrl+n]\n", PATH)
    assert [p.message for p in nested] == [
        "reader.next-claim: each key of the list must be text, such as ctrl+n"
    ]


@pytest.mark.parametrize(
    ("key", "known"),
    [
        ("ctrl+alt+nonsense", False),
        ("nonsense", False),
        ("ctrl+pagedown", True),
        ("f24", True),
        ("f25", False),
        ("ctrl+left_curly_bracket", True),
        ("ctrl+hyphen_minus", True),
        ("pound_sign", True),
        ("shift+space", True),
        ("é", True),
        ("ctrl+plus", True),
    ],
)
def test_key_names_are_checked(key: str, known: bool) -> None:
    config, problems = parse_config(f"keymap:\n  reader.next-claim: '{key}'\n", PATH)
    assert (dict(config.keymap) == {"reader.next-claim": key}) is known
    assert (problems == []) is known
    if not known:
        assert problems[0].line == 2 and f"not a key name: {key!r}" in problems[0].message


def test_many_problems_are_summarised_in_one_message() -> None:
    problems = [ConfigProblem(str(PATH), n, f"problem {n}") for n in (9, 3, 5, 7)]
    assert summary(problems) == (
        f"4 problems in {PATH} (the defaults apply for those lines); "
        "line 3: problem 3; line 5: problem 5; line 7: problem 7; and 1 more"
    )
    assert summary(problems[:1]) == f"{PATH}, line 9: problem 9"
