"""The claims panel: the open document's claims in text order, filterable by kind.

Each claim shows its kind symbols and tags (never colour alone), score, a mark when it is
check-worthy, the speaker, and the start of its text. Moving the cursor posts
``ClaimHighlighted`` (the reader follows); enter or a click also hands focus to the reader.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from nkterm.models import CLAIM_KINDS, Claim
from nkterm.render import KIND_SYMBOLS, KIND_TAGS, one_line
from nkterm.tui.messages import ClaimHighlighted
from nkterm.tui.widgets.item_list import ItemList

# What the kind filter cycles through: everything, then each kind.
KIND_FILTERS: tuple[str, ...] = ("all", *CLAIM_KINDS)


def claim_label(claim: Claim) -> str:
    """``#NUM @ATT``: each kind as its symbol and its tag."""
    return " ".join(f"{KIND_SYMBOLS[k]}{KIND_TAGS[k]}" for k in claim.kinds if k in KIND_TAGS)


class ClaimList(ItemList[Claim]):
    ROW_HEIGHT = 2
    EMPTY_TEXT = "no claims"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-list--tags",
        "claim-list--strong",
        "claim-list--meta",
        "claim-list--text",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display_text = ""

    def render_row(self, row: int, line: int, width: int) -> Text:
        claim = self.rows[row]
        if line == 1:
            excerpt = " ".join(self.display_text[claim.start : claim.end].split())
            return Text("   " + excerpt, style=self._style("claim-list--text"))
        out = Text(" ")
        out.append("* " if claim.check_worthy else "  ", style=self._style("claim-list--strong"))
        out.append(claim_label(claim), style=self._style("claim-list--tags"))
        out.append(f"  {claim.score:.2f}", style=self._style("claim-list--meta"))
        if claim.check_worthy:
            out.append(" check-worthy", style=self._style("claim-list--strong"))
        if claim.speaker:
            out.append("  " + one_line(claim.speaker), style=self._style("claim-list--meta"))
        return out

    def row_highlighted(self, row: int) -> None:
        self.post_message(ClaimHighlighted(self.rows[row]))

    def row_chosen(self, row: int) -> None:
        self.post_message(ClaimHighlighted(self.rows[row], focus_reader=True))


class ClaimsPane(Vertical):
    """A status line (how many, which kind) over the ``ClaimList``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "kind_filter(1)",
            "kind",
            tooltip="show one kind of claim at a time (cycles)",
            id="claims.next-kind",
        ),
        Binding("T", "kind_filter(-1)", "kind filter back", show=False, id="claims.previous-kind"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claims: tuple[Claim, ...] = ()
        self.kind = "all"
        self.check_worthy_only = False
        self.has_document = False

    def compose(self) -> ComposeResult:
        yield Static(id="claims-title", markup=False)
        yield ClaimList(id="claims-list")

    def on_mount(self) -> None:
        self._apply(keep=None)

    @property
    def list_view(self) -> ClaimList:
        return self.query_one(ClaimList)

    def set_claims(self, claims: tuple[Claim, ...], display_text: str) -> None:
        self.claims = claims
        self.has_document = True
        self.list_view.display_text = display_text
        self._apply(keep=None)

    def set_check_worthy_only(self, value: bool) -> None:
        self.check_worthy_only = value
        self._apply(keep=self._current())

    def _current(self) -> Claim | None:
        return self.list_view.current

    def _apply(self, keep: Claim | None) -> None:
        claims = [
            c
            for c in self.claims
            if (self.kind == "all" or self.kind in c.kinds) and (c.check_worthy or not self.check_worthy_only)
        ]
        claim_list = self.list_view
        claim_list.rows = claims
        if not self.has_document:
            claim_list.empty = "open a document to see its claims"
        elif not self.claims:
            claim_list.empty = "no claims found in this document"
        else:
            claim_list.empty = "no claims of this kind (t: next kind)"
        cursor = claims.index(keep) if keep in claims else 0
        claim_list.reset_rows(cursor)
        which = (
            "all kinds"
            if self.kind == "all"
            else f"{KIND_SYMBOLS[self.kind]}{KIND_TAGS[self.kind]} {self.kind}"
        )
        strong = ", check-worthy only" if self.check_worthy_only else ""
        self.query_one("#claims-title", Static).update(
            Text(f"Claims {len(claims)} of {len(self.claims)} · {which}{strong} (t)"),
            layout=False,
        )

    def select_claim(self, claim: Claim | None) -> None:
        """The reader moved onto ``claim``: put the cursor there without echoing back."""
        if claim is None:
            return
        rows = self.list_view.rows
        try:
            row = rows.index(claim)
        except ValueError:
            return
        self.list_view.select(row, notify=False)

    def action_kind_filter(self, step: int) -> None:
        i = KIND_FILTERS.index(self.kind)
        self.kind = KIND_FILTERS[(i + step) % len(KIND_FILTERS)]
        self._apply(keep=self._current())
