"""The main screen's key bindings (``MainScreen.BINDINGS``), each with an ``id`` so a YAML
keymap can rebind it; the help screen lists them with their tooltips."""

from __future__ import annotations

from textual.binding import Binding, BindingType

_HIT_KEYS = Binding.Group("hit")

MAIN_BINDINGS: list[BindingType] = [
    Binding("slash", "search", "search", tooltip="full-text search: results as you type", id="screen.search"),
    Binding(
        "N",
        "previous_hit",
        "previous hit",
        tooltip="previous search hit; before the first, the previous result's last hit",
        id="search.previous-hit",
        group=_HIT_KEYS,
    ),
    Binding(
        "n",
        "next_hit",
        "next hit",
        tooltip="next search hit; after the last, the next result document",
        id="search.next-hit",
        group=_HIT_KEYS,
    ),
    Binding("escape", "clear_search", "clear the search hits", show=False, id="search.clear"),
    Binding(
        "w",
        "toggle_check_worthy",
        "check-worthy",
        tooltip="highlight all claims, or only the check-worthy ones (score >= 0.5)",
        id="reader.toggle-check-worthy",
    ),
    Binding("l", "toggle_list", "list", tooltip="show or hide the document list", id="screen.toggle-list"),
    Binding(
        "a", "toggle_claims", "claims", tooltip="show or hide the claims panel", id="screen.toggle-claims"
    ),
    Binding(
        "E",
        "toggle_explain",
        "explain",
        show=False,
        tooltip="show the whole explanation of the claim under the cursor (again: a few lines)",
        id="screen.toggle-explain",
    ),
    Binding(
        "greater_than_sign",
        "list_width(1)",
        "widen list",
        show=False,
        tooltip="widen the document list",
        id="screen.widen-list",
    ),
    Binding(
        "less_than_sign",
        "list_width(-1)",
        "narrow list",
        show=False,
        tooltip="narrow the document list",
        id="screen.narrow-list",
    ),
    Binding(
        "L",
        "legend",
        "legend",
        show=False,
        tooltip="what the claim marks and colours mean",
        id="screen.legend",
    ),
    Binding(
        "tab",
        "pane(1)",
        "next pane",
        show=False,
        tooltip="focus the next pane: list, reader, claims",
        id="screen.next-pane",
    ),
    Binding("shift+tab", "pane(-1)", "previous pane", show=False, id="screen.previous-pane"),
    Binding(
        "c",
        "compare",
        "compare",
        tooltip="compare this document with another (picked from a list): pairs side by side",
        id="reader.compare",
    ),
    Binding(
        "o",
        "corroborate",
        "corroborate",
        show=False,
        tooltip="what the rest of the corpus says about the claim under the cursor",
        id="reader.corroborate",
    ),
]
