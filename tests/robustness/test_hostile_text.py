"""Hostile text in the terminal: document text and metadata (title, source, people, tags, file
names, bookmark notes) holding Rich markup, ANSI/OSC escape sequences (terminal title,
hyperlinks), C0/C1 controls, bidi overrides, zero-width characters, combining marks, wide CJK
characters and emoji.

Every command runs as a real process on a pseudo-terminal (``isatty()`` true, colours on): what
it writes may hold the SGR colour sequences nkterm emits itself, and nothing else a terminal
would act on. Hostile text shows literally (control pictures such as ␛ for ESC) and the
columns of ``nkterm docs`` stay aligned. ``nkterm show`` writes the exact text when piped (like
``cat``) and the safe text on a terminal; ``--raw`` forces the exact text.
"""

from __future__ import annotations

import io
import shutil
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from nkterm import cli
from nkterm.bookmarks import BookmarkStore
from nkterm.corpus import load_corpus
from nkterm.index import Index
from nkterm.models import Claim, DocSummary, Document, Hit, Span
from nkterm.render import CLI_THEME, claim_text, document_text, hit_text, safe, safe_line
from tests.robustness.conftest import (
    SGR,
    Run,
    cells,
    nkterm_env,
    record,
    run_on_terminal,
    run_piped,
    scale,
    terminal_controls,
)

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_LINK = "\x1b]8;;http://evil.example/\x1b\\click here\x1b]8;;\x1b\\"
CSI = "\x1b[2J\x1b[H\x1b[31m"
C1 = "\x9b31m\x9d0;c1title\x9c"
BIDI = "\u202eevil\u202c \u2067iso\u2069"
ZERO_WIDTH = "zero\u200bwidth\u200cjoin\u200dx\ufeff"
COMBINING = "e\u0301\u0301 a\u0308 n\u0303"
CJK = "東京の記者"
EMOJI = "😀🎉"
MARKUP = "[bold red]markup[/bold red] [link=http://x]l[/link] :smile:"
CONTROLS = "bell\x07 back\x08space cr\rover del\x7f vt\x0b ff\x0c"
HOSTILE = " ".join([MARKUP, OSC_TITLE, OSC_LINK, CSI, C1, BIDI, ZERO_WIDTH, COMBINING, CJK, EMOJI, CONTROLS])

BODY = (
    f"Breaking {MARKUP} {OSC_TITLE} {CJK} {EMOJI}\n\n"
    f'The mayor said "{CSI}3 million{C1} people came {OSC_LINK}" to the rally on Tuesday, according to officials.\n\n'
    f"Officials will raise the budget by 40 percent next year because {BIDI} costs grew {COMBINING}.\n\n"
    f"{ZERO_WIDTH} {CONTROLS} and the council said 12 schools would close {OSC_TITLE}.\n"
)
BODY2 = (
    "Second report on the rally.\n\n"
    f'The mayor said "3 million people came" to the rally on Tuesday {OSC_TITLE}, officials said.\n\n'
    f"The budget will rise by 40 percent next year because costs grew {CSI}.\n"
)
HOSTILE_NAME = f"name{OSC_TITLE}\u202e{CJK}"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(BODY, "utf-8")
    (corpus / "hostile.yaml").write_text(
        yaml.safe_dump(
            {
                "title": f"Title {MARKUP} {OSC_TITLE} {BIDI} {CJK}{EMOJI} {COMBINING}",
                "source": f"Source {OSC_LINK} {C1}",
                "people": [f"Kim {CSI}Jong", f"Ann {BIDI}"],
                "tags": [f"tag{OSC_TITLE}", MARKUP],
            },
            allow_unicode=True,
        ),
        "utf-8",
    )
    (corpus / "hostile2.txt").write_text(BODY2, "utf-8")
    (corpus / f"{HOSTILE_NAME}.txt").write_text(f"Named {CSI} file {ZERO_WIDTH}\n", "utf-8")
    (corpus / "wide.md").write_text(f"# {CJK}{CJK}{EMOJI} {COMBINING} {ZERO_WIDTH}\n\nWide title.\n", "utf-8")
    (corpus / "plain.txt").write_text("A plain title\n\nPlain text.\n", "utf-8")
    (corpus / f"bad{OSC_TITLE}.txt").write_bytes(b"\x00\x01\x02" * 50)  # a problem naming a hostile file
    home = root / "home"
    env = nkterm_env(corpus, root / "index", home)
    index = Index(corpus, root / "index")
    index.update()
    doc = index.document("hostile")
    store = BookmarkStore(home / "data" / "bookmarks.yaml")
    start = doc.text.index("The mayor")
    store.add(doc, start, start + 120, note=f"note {HOSTILE}", tags=[f"t{OSC_TITLE}", CJK])
    index.close()
    # a hand-written entry on a hostile document id, and a broken one with a hostile id
    extra = yaml.safe_dump(
        [
            {
                "id": "handmade",
                "doc_id": f"gone{OSC_TITLE}",
                "exact": f"quote {CSI}",
                "start": 0,
                "end": 5,
                "note": OSC_LINK,
            },
            {"id": f"bad{OSC_TITLE}", "doc_id": "x", "exact": "y", "start": "zero"},
        ],
        allow_unicode=True,
    )
    store.path.write_text(store.path.read_text("utf-8") + extra, "utf-8")
    assert len(BookmarkStore(store.path).problems) == 1
    return {"root": root, "corpus": corpus, "env": env, "doc": doc}


def _assert_safe(run: Run, command: str) -> None:
    for stream, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        controls = terminal_controls(text)
        assert not controls, f"{command}: {stream} reaches the terminal with {controls[:10]}"


def _plain(text: str) -> str:
    return SGR.sub("", text)


TERMINAL_COMMANDS = {
    "docs": ["docs"],
    "search": ["search", "mayor"],
    "show --claims": ["show", "hostile", "--claims"],
    "show": ["show", "hostile"],
    "claims": ["claims", "hostile"],
    "bookmarks list": ["bookmarks", "list"],
    "compare --plain": ["compare", "hostile", "hostile2", "--plain"],
    "show (hostile id)": ["show", HOSTILE_NAME],
    "index": ["index"],
}


@pytest.mark.parametrize("command", list(TERMINAL_COMMANDS))
def test_nothing_but_nkterms_own_styles_reaches_the_terminal(hostile: dict[str, Any], command: str) -> None:
    run = run_on_terminal(TERMINAL_COMMANDS[command], hostile["env"])
    assert run.returncode == 0, run.stderr
    _assert_safe(run, command)
    out = _plain(run.stdout)
    if command not in ("index",):
        assert out.strip(), f"{command} printed nothing"
    if command == "docs":
        assert "␛]0;pwned␇" in out and "[bold red]markup[/bold red]" in out and CJK in out
    if command in ("show --claims", "show"):
        assert "[bold red]markup[/bold red]" in out and "␛[2J␛[H␛[31m" in out and "\ufffdevil\ufffd" in out
    if command in ("claims", "search"):
        assert "␛]0;pwned␇" in out
    if command == "compare --plain":
        assert "␛" in out and ("AGREES" in out or "DIFFERS" in out)
    if command == "bookmarks list":
        assert "handmade" in out and "gone␛]0;pwned␇" in out
        assert "warning: " in run.stderr and "bad␛]0;pwned␇" in run.stderr  # the broken entry, shown safely
    if command == "index":
        assert "bad␛]0;pwned␇.txt: skipped: binary file" in run.stderr
    record("hostile text: CLI command on a terminal")


def _in_process(
    args: list[str], env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Run:
    """``nkterm ARGS`` in this process, output captured (not a terminal: as in a pipe)."""
    for name, value in env.items():
        if name.startswith("NKTERM_"):
            monkeypatch.setenv(name, value)
    capsys.readouterr()
    code = cli.main(args)
    out, err = capsys.readouterr()
    return Run(code, out, err)


def test_piped_output_is_as_safe_as_terminal_output(
    hostile: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = 0
    for command, args in TERMINAL_COMMANDS.items():
        if command.startswith("show"):
            continue  # piped `show` is the exact text, by design (see below)
        run = _in_process(args, hostile["env"], capsys, monkeypatch)
        assert run.returncode == 0, (command, run.stderr)
        assert "\x1b" not in run.stdout, command  # not even colours in a pipe
        _assert_safe(run, command)
        checked += 1
    record("hostile text: CLI command piped", checked)


def test_docs_columns_stay_aligned(hostile: dict[str, Any]) -> None:
    run = run_on_terminal(["docs"], hostile["env"], columns=140)
    lines = [_plain(line) for line in run.stdout.splitlines() if line.strip()]
    widths = {cells(line.rstrip()) for line in lines}
    # every row is as wide as the header: the right-aligned number columns end in one column
    assert len(lines) == 6 and len(widths) == 1, [(cells(line.rstrip()), line) for line in lines]
    record("hostile text: `nkterm docs` column alignment")


def test_show_writes_exact_text_when_piped_and_safe_text_on_a_terminal(hostile: dict[str, Any]) -> None:
    doc: Document = hostile["doc"]
    piped = run_piped(["show", "hostile"], hostile["env"])
    assert piped.stdout == doc.text  # a file or a program gets the document's exact text
    on_terminal = run_on_terminal(["show", "hostile"], hostile["env"])
    assert on_terminal.stdout == safe(doc.text)  # same length and layout, nothing that drives the terminal
    assert not terminal_controls(on_terminal.stdout)
    raw = run_on_terminal(["show", "hostile", "--raw"], hostile["env"])
    assert raw.stdout == doc.text  # asked for: the exact bytes, even on a terminal
    record("hostile text: `nkterm show` piped / terminal / --raw", 3)


def test_errors_echoing_hostile_input_are_safe(
    hostile: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = {
        "show unknown": ["show", f"nope{OSC_TITLE}"],
        "search bad": ["search", f"nofield:{OSC_TITLE}"],
        "search no match": ["search", f"zzzqqq{OSC_TITLE}"],
        "bookmarks add": ["bookmarks", "add", "hostile", "--quote", f"absent {CSI}"],
        "bookmarks add unknown": ["bookmarks", "add", f"nope{CSI}", "--quote", "x"],
        "bookmarks remove": ["bookmarks", "remove", f"zz{OSC_TITLE}"],
        "compare unknown": ["compare", "hostile", f"nope{C1}"],
    }
    for name, args in commands.items():
        run = _in_process(args, hostile["env"], capsys, monkeypatch)
        assert run.returncode in (0, 2), (name, run.stderr)
        assert "nkterm: " in run.stderr, name
        _assert_safe(run, name)
    record("hostile text: error messages echoing hostile input", len(commands))


# -- the same guarantee for any text, in-process ----------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            ["\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2066", "\u200b", "\u0301", "[", "]", "/", "="]
        ),
    ),
    max_size=80,
)


def _render(renderable: Any) -> str:
    console = Console(
        force_terminal=True, color_system="truecolor", width=100, theme=CLI_THEME, highlight=False
    )
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


@settings(max_examples=scale(300, 3000), deadline=None)
@given(text=ANY_TEXT, title=ANY_TEXT, speaker=ANY_TEXT, cue=ANY_TEXT)
def test_any_text_renders_without_terminal_controls(text: str, title: str, speaker: str, cue: str) -> None:
    body = text + " the mayor said 3 things"
    doc = Document(id=title or "x", text=body, title=title)
    claim = Claim(0, len(body), ("quote", "quantity"), 0.9, speaker=speaker, cues=(cue,))
    hit = Hit(
        id=title, title=title, score=1.0, snippet=body, snippet_spans=(Span(0, min(3, len(body))),), hits=()
    )
    for renderable in (claim_text(doc, claim), hit_text(hit), document_text(doc, [claim])):
        output = _render(renderable)
        assert not terminal_controls(output), (text, title)
    assert len(safe(text)) == len(text) and len(safe_line(title)) == len(title)
    assert "\n" not in safe_line(title) and "\t" not in safe_line(title)
    record("hostile text: random text through render (claims, hits, documents)")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# Characters whose terminal width everyone agrees on (wcwidth, Rich, terminals): no VS16 emoji,
# ZWJ sequences or flags, which terminals draw with differing widths.
ALIGNABLE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0xC0, max_codepoint=0x17F),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.characters(min_codepoint=0x3041, max_codepoint=0x3096),
        st.characters(min_codepoint=0x1F600, max_codepoint=0x1F64F),
        st.sampled_from(
            ["\u0301", "\u0308", "\u200b", "\x1b", "\x07", "\x9b", "\u202e", "\t", "\n", "\r", "["]
        ),
    ),
    min_size=1,
    max_size=90,
)


@settings(
    max_examples=scale(150, 2000), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(titles=st.lists(st.tuples(ALIGNABLE, ALIGNABLE), min_size=1, max_size=6))
def test_docs_table_aligns_any_titles_and_ids(
    titles: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    summaries = [
        DocSummary(id=f"{doc_id}{n}", title=title, source="", words=n * 7, claims=n, check_worthy=0, path="")
        for n, (doc_id, title) in enumerate(titles)
    ]

    class Listing:  # the library's document list, without building an index for each example
        def documents(self, sort: str = "id") -> list[DocSummary]:
            return summaries

    out = _Terminal()
    monkeypatch.setattr(cli.documents, "open_library", lambda args: Listing())
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setenv("COLUMNS", "160")
    assert cli.main(["docs"]) == 0
    monkeypatch.undo()
    output = out.getvalue()
    assert not terminal_controls(output)
    lines = [_plain(line) for line in output.splitlines()]
    assert len(lines) == len(summaries) + 1
    widths = {cells(line.rstrip()) for line in lines}
    assert len(widths) == 1, lines
    record("hostile text: random ids/titles in the `docs` table")


def test_the_hostile_corpus_loads_with_its_metadata(hostile: dict[str, Any]) -> None:
    corpus = load_corpus(hostile["corpus"])
    doc = corpus.by_id()["hostile"]
    assert OSC_TITLE in doc.title and doc.people[0] == f"Kim {CSI}Jong"  # stored as written, shown safely
    shutil.rmtree(hostile["root"] / "scratch", ignore_errors=True)
