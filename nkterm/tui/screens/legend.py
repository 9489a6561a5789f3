"""The legend (``L``): what each claim kind's symbol, tag and style mean, and the gutter marks.

The samples use the reader's own styles, handed down by the screen that opens the legend, so
the legend shows exactly what the reader shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nkterm.models import CHECK_WORTHY, CLAIM_KINDS
from nkterm.render import KIND_DESCRIPTIONS, KIND_SYMBOLS, KIND_TAGS


class LegendScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,L", "close", "close legend", id="legend.close"),
    ]

    def __init__(self, styles: Mapping[str, Style], strong: Style) -> None:
        super().__init__()
        self.kind_styles = styles
        self.strong = strong

    def compose(self) -> ComposeResult:
        table = Table(title="Claim kinds", title_justify="left", expand=True, show_edge=False, pad_edge=False)
        table.add_column("mark", no_wrap=True)
        table.add_column("tag", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("means")
        table.add_column("looks like", no_wrap=True)
        for kind in CLAIM_KINDS:
            sample = Text("a claim", style=self.kind_styles.get(kind, Style()))
            sample.append("  ")
            sample.append("check-worthy", style=self.kind_styles.get(kind, Style()) + self.strong)
            table.add_row(KIND_SYMBOLS[kind], KIND_TAGS[kind], kind, KIND_DESCRIPTIONS[kind], sample)
        marks = Text.assemble(
            "In the gutter left of the text:\n",
            "  ›     the sentence under the cursor\n",
            f"  *     a check-worthy claim on this line (score ≥ {CHECK_WORTHY}), also underlined\n",
            "  # @   the kinds of the claims on this line (up to three; + means more)\n",
            "Search hits are shown reversed; the current hit more strongly. w shows only check-worthy claims.",
        )
        with VerticalScroll(id="legend-box"):
            yield Static(table)
            yield Static(marks, classes="help-note")

    def on_mount(self) -> None:
        self.query_one("#legend-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
