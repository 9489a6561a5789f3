from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from nkterm.models import Claim, Document, Hit, Span
from nkterm.render import claim_text, hit_text, one_line, safe

HOSTILE = "[bold]x[/bold] \x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\ \u202eevil\u202c \x9b"


@given(st.text())
def test_safe_keeps_length_and_removes_every_control(text: str) -> None:
    out = safe(text)
    assert len(out) == len(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    assert not any(0x7F <= ord(c) <= 0x9F for c in out)
    assert "\u202e" not in out


def _render(text_obj: object) -> str:
    console = Console(force_terminal=True, color_system="truecolor", width=200)
    with console.capture() as cap:
        console.print(text_obj)
    return cap.get()


def test_hostile_text_is_shown_literally_and_never_escapes() -> None:
    doc = Document(id="h", text=HOSTILE, title="[red]T[/red]")
    claim = Claim(0, len(HOSTILE), ("quote",), 0.9, speaker="\x1b[2J", cues=("cue [b]",))
    output = _render(claim_text(doc, claim))
    assert "[bold]x[/bold]" in output
    assert "\x1b]" not in output and "\x07" not in output and "\u202e" not in output
    assert "\x1b[2J" not in output
    hit = Hit(
        id="h",
        title="[red]T[/red]\x1b]0;pwn\x07",
        score=1.0,
        snippet=HOSTILE,
        snippet_spans=(Span(0, 6),),
        hits=(),
    )
    output = _render(hit_text(hit))
    assert "[red]T[/red]" in output and "\x1b]0;pwn" not in output


def test_one_line_flattens_and_keeps_cells_honest() -> None:
    shown = one_line("  A\ttitle\r\nover  lines \u200d joined\x1b]0;x\x07 ")
    assert shown == "A title over lines \u200b joined␛]0;x␇"
    assert "\n" not in shown and "\x1b" not in shown and "\u200d" not in shown
