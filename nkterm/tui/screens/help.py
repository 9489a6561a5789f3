"""The help screen (``?``): every key, generated from the bindings themselves.

Rows come from each class's own ``BINDINGS`` with the user's keymap applied, so the screen
cannot drift from what the keys do, and it shows the binding ids to use in the config file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HelpRow = tuple[str, str, str]  # keys, what it does, binding id


def binding_rows(
    bindings: Iterable[BindingType], keymap: Mapping[str, str], key_display: Callable[[Binding], str]
) -> list[HelpRow]:
    """One row per binding (keys joined), in definition order, with ``keymap`` applied."""
    bindings_map = BindingsMap(bindings)
    if keymap:
        bindings_map.apply_keymap(keymap)
    rows: dict[str, tuple[list[str], str, str]] = {}
    for _key, binding in bindings_map:
        if binding.system:
            continue
        name = binding.id or binding.action
        does = binding.tooltip or binding.description or binding.action
        keys, _, _ = rows.setdefault(name, ([], does, binding.id or ""))
        shown = key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(", ".join(keys), description, binding_id) for keys, description, binding_id in rows.values()]


def own_bindings(cls: type) -> list[BindingType]:
    return list(cls.__dict__.get("BINDINGS", []))


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "close help", id="help.close"),
    ]

    def __init__(self, sections: Sequence[tuple[str, list[HelpRow]]], notes: Sequence[str] = ()) -> None:
        super().__init__()
        self.sections = sections
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("nkterm keys", justify="center"), id="help-title")
            for title, rows in self.sections:
                yield Static(self._table(title, rows), classes="help-section")
            for note in self.notes:
                yield Static(Text(note), classes="help-note")

    def _table(self, title: str, rows: list[HelpRow]) -> Table:
        # the keys and the ids are never cut (an id is what the config file needs: at 80
        # columns "reader.previous-sent…" was shown); "does" wraps in the room left. The same
        # widths in every section, so the columns line up from one table to the next.
        keys_width = max(
            (cell_len(keys) for _t, section in self.sections for keys, _d, _i in section), default=4
        )
        ids_width = max((len(i) for _t, section in self.sections for _k, _d, i in section), default=10)
        table = Table(title=title, title_justify="left", expand=True, show_edge=False, pad_edge=False)
        table.add_column("keys", no_wrap=True, min_width=keys_width)
        table.add_column("does", ratio=1)
        table.add_column("binding id (keymap)", no_wrap=True, min_width=ids_width)
        for keys, description, binding_id in rows:
            table.add_row(Text(keys), Text(description), Text(binding_id))
        return table

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def help_sections(app: Any, sources: Sequence[tuple[str, Any]]) -> list[tuple[str, list[HelpRow]]]:
    """``sources``: (section title, class or list of bindings) pairs."""
    keymap = getattr(app, "_keymap", {}) or {}
    sections = []
    for title, source in sources:
        bindings = source if isinstance(source, list) else own_bindings(source)
        rows = binding_rows(bindings, keymap, app.get_key_display)
        if rows:
            sections.append((title, rows))
    return sections
