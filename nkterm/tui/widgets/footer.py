"""The reader's footer: Textual's ``Footer`` without its leak, composed again only when what it
shows changed, and with only the keys that fit whole (see ``MainFooter``)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer, Label

# Keys a footer too narrow for all its keys leaves to the help (?), first to last: at 80
# columns the list's keys ran past the edge and "? help" itself was cut ("... c comp"), the
# reader's ended "B boo"; at 120 the list's ended "B bookmark▏^p palette"
LEFT_TO_HELP = ("quit", "toggle_claims", "toggle_check_worthy")


class MainFooter(Footer):
    """Textual's footer, composed again only when what it shows changed, and without its leak.

    Textual recomposes the footer whenever the screen's bindings signal a change (every focus
    change, every document opened), and a recompose removes every key and mounts and styles new
    ones. A focus change signals twice (the widget left, the widget entered), and moving between
    widgets with the same keys changes nothing on screen: the shown bindings (each with its
    enabled state, tooltip and key display) and the footer's own settings are compared first.
    A compact footer's keys get ``-compact`` before they are mounted: each was styled twice
    (mounted, then restyled by its ``compact`` watcher adding the class). A change of
    ``show_command_palette`` composes it again (Textual's footer reads it only as it composes).

    Only keys that fit whole: when the keys are wider than the footer, those of
    ``LEFT_TO_HELP`` are left out, first to last, until the rest fit (``left_out``; a resize
    that changes them composes it again). Widths are counted as Textual's compact footer lays
    keys out (tests/tui/test_footer.py checks the line at every width from 80 to 130).

    Without its leak: each new key is ``data_bind``-ed to the footer's ``compact``; Textual keeps
    one watcher per key ever composed, each holding the removed key with its styles and render
    caches, and prunes them only when ``compact`` changes, which it never does here (textual
    8.2: ~570 dead keys after 50 documents). Before composing, drop the watchers whose key has
    been removed."""

    _shown: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        self.forget_removed_keys()
        self._shown = self.shown()
        left_out = self._shown[-1] if self._shown else frozenset()
        for widget in super().compose():
            if not isinstance(widget, (Label, HorizontalGroup)):
                # a key (Textual's FooterKey is not public; the rest are labels and key groups)
                if getattr(widget, "action", None) in left_out:
                    continue
                if self.compact:
                    # styled compact as it is mounted, not restyled once more by its watcher
                    widget.add_class("-compact", update=False)
            yield widget

    def watch_show_command_palette(self) -> None:
        # Textual's footer reads it only as it composes: a narrow screen hiding the palette key
        # (MainScreen / CompareScreen on resize) kept it, and a stray letter, until focus moved
        if self._shown is not None:
            self.call_after_refresh(self.recompose)

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None and self.shown() != self._shown:
            self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if self._shown is not None and self.is_attached and self.shown() == self._shown:
            return
        await super().recompose()

    def shown(self) -> tuple[Any, ...] | None:
        """What ``compose`` would show: the settings it reads, each shown binding with its
        state, and the keys left out for room, last (None before the bindings are ready, when it
        shows nothing)."""
        if not self._bindings_ready:
            return None
        app = self.app
        bindings = self.screen.active_bindings
        palette = bindings.get(app.COMMAND_PALETTE_BINDING)
        with_palette = self.show_command_palette and app.ENABLE_COMMAND_PALETTE
        shown = tuple(
            (b.binding, b.enabled, b.tooltip, app.get_key_display(b.binding))
            for b in bindings.values()
            if b.binding.show
        )
        palette_cells = 0
        if with_palette and palette is not None:  # docked right: border, key, space, description, margin
            described = palette.binding.description
            palette_cells = 2 + cell_len(app.get_key_display(palette.binding)) + cell_len(described)
            palette_cells += 1 if described else 0
        return (
            self.compact,
            with_palette,
            palette and (palette.binding, palette.enabled, palette.tooltip),
            shown,
            self.left_out([(binding, display) for binding, _on, _tip, display in shown], palette_cells),
        )

    def left_out(self, keys: list[tuple[Any, str]], palette_cells: int) -> frozenset[str]:
        """The actions of ``LEFT_TO_HELP`` to leave out so that ``keys`` ((binding, key display)
        in the footer's order) and the palette key (``palette_cells`` wide) fit the footer's
        width (all of them when the rest still do not fit)."""
        if not self.compact:
            return frozenset()
        width = self.size.width or self.app.size.width
        first: dict[str, tuple[Any, str]] = {}  # the footer shows one key per action
        for binding, display in keys:
            first.setdefault(binding.action, (binding, display))
        cells: dict[str, int] = {}  # (margins: one cell after each key, label and group)
        needed = palette_cells
        for group, members_of in groupby(first.values(), lambda key: key[0].group):
            members = list(members_of)
            if group is not None and len(members) > 1:  # "[ ] claim": each key with a cell each side
                keys_cells = sum(cell_len(display) for _b, display in members)
                needed += keys_cells + (2 if group.compact else len(members) + 1)
                needed += cell_len(group.description) + 1
                continue
            for binding, display in members:
                described = 1 + cell_len(binding.description) if binding.description else 0
                cells[binding.action] = cell_len(display) + described + 1
                needed += cells[binding.action]
        left: set[str] = set()
        for action in LEFT_TO_HELP:
            if needed <= width:
                break
            if action in cells:
                left.add(action)
                needed -= cells[action]
        return frozenset(left)

    def forget_removed_keys(self) -> None:
        watchers = getattr(self, "__watchers", None)  # textual.reactive._watch keeps them there
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
