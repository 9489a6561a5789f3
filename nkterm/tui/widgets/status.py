"""Two small lines: the claim detail under the reader, and the status bar above the footer.

``ClaimDetail`` says what the claim under the cursor is: kinds (symbol + tag + name), score,
check-worthiness, speaker and the cues that fired, wrapped to the area's width (a few lines;
the screen's E key gives it more room), never cut off. ``StatusBar`` shows indexing progress, the
document count, the claim filter and the search walk. Plain ``Text``, styles from the
stylesheet's component classes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from nkterm.models import Claim
from nkterm.render import KIND_SYMBOLS, KIND_TAGS, one_line
from nkterm.tui.widgets.styles import component_style


class ClaimDetail(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-detail--tags",
        "claim-detail--strong",
        "claim-detail--label",
        "claim-detail--dim",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._lines = 0  # wrapped lines of what is shown: a change resizes the area
        self._last: tuple[Claim | None, str, str] | None = None

    def _show(self, out: Text, first_line_end: int | None = None) -> None:
        """``out`` wrapped into the area; when it needs more lines than the area has, the first
        line says so ("E: all of it"). Laid out again only when the number of lines changes
        (the E view grows with it; the normal area has a fixed height)."""
        width = max(1, self.content_region.width or self.size.width or 80)
        lines = len(out.wrap(self.app.console, width))
        room = self.content_region.height
        if first_line_end is not None and room and lines > room and not self.expanded:
            out = (
                out[:first_line_end]
                + Text(" · E: all of it", style=component_style(self, "claim-detail--dim"))
                + out[first_line_end:]
            )
        self.update(out, layout=lines != self._lines)
        self._lines = lines

    @property
    def expanded(self) -> bool:
        return self.screen.has_class("-explain")

    def show(self, claim: Claim | None, where: str, part: str = "") -> None:
        """The claim under the cursor (or where the cursor is); ``part``: its page or chapter."""

        def style(name: str) -> Style:
            return component_style(self, f"claim-detail--{name}")

        # wrapped, never cut: three lines here, E shows all of it
        self._last = (claim, where, part)
        out = Text()
        if claim is None:
            out.append("no claim in this sentence", style=style("dim"))
            out.append("  ·  [ ] previous/next claim  ·  L legend\n", style=style("dim"))
            out.append(where, style=style("dim"))
            self._show(out)
            return
        kinds = ", ".join(f"{KIND_SYMBOLS[k]} {k}" for k in claim.kinds if k in KIND_TAGS)
        out.append(kinds, style=style("tags"))
        out.append(f"  · score {claim.score:.2f}", style=style("label"))
        if claim.check_worthy:
            out.append(" * check-worthy", style=style("strong"))
        if claim.speaker:
            out.append("  · speaker: ", style=style("label"))
            out.append(one_line(claim.speaker))
        if part:
            out.append(f"  · {one_line(part)}", style=style("label"))
        first_line_end = len(out)
        out.append("\n")
        out.append("cues: ", style=style("label"))
        out.append(one_line("; ".join(claim.cues)) if claim.cues else "none recorded")
        self._show(out, first_line_end)

    def redraw(self) -> None:
        """Again, after the area changed (E), laid out again: its height may follow the text."""
        self._lines = -1
        if self._last is not None:
            self.show(*self._last)


class StatusBar(Horizontal):
    """A message on the left; a progress bar while the index is being brought up to date."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-text", markup=False)
        yield ProgressBar(id="status-progress", show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def say(self, text: str) -> None:
        self.query_one("#status-text", Static).update(
            Text(text, no_wrap=True, overflow="ellipsis"), layout=False
        )

    def text_room(self) -> int:
        """Columns the message has (0 before the first layout)."""
        return self.query_one("#status-text", Static).content_region.width

    def progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)

    def progress_done(self) -> None:
        self.query_one(ProgressBar).display = False
