"""The reader's footer: Textual's ``Footer`` without its leak, composed again only when what it
shows changed (see ``MainFooter``)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer, Label

# Keys a narrow footer leaves to the help (?): at 80 columns the list's keys ran past the edge
# and "? help" itself was cut ("... c comp"), the reader's ended "B boo"
NARROW_HIDDEN = frozenset({"quit", "toggle_check_worthy", "toggle_claims"})


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

    Without its leak: each new key is ``data_bind``-ed to the footer's ``compact``; Textual keeps
    one watcher per key ever composed, each holding the removed key with its styles and render
    caches, and prunes them only when ``compact`` changes, which it never does here (textual
    8.2: ~570 dead keys after 50 documents). Before composing, drop the watchers whose key has
    been removed."""

    _shown: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        self.forget_removed_keys()
        self._shown = self.shown()
        narrow = not self.show_command_palette  # (the screens hide ^p below their narrow width)
        for widget in super().compose():
            if not isinstance(widget, (Label, HorizontalGroup)):
                # a key (Textual's FooterKey is not public; the rest are labels and key groups)
                if narrow and getattr(widget, "action", None) in NARROW_HIDDEN:
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

    async def recompose(self) -> None:
        if self._shown is not None and self.is_attached and self.shown() == self._shown:
            return
        await super().recompose()

    def shown(self) -> tuple[Any, ...] | None:
        """What ``compose`` would show: the settings it reads and each shown binding with its
        state (None before the bindings are ready, when it shows nothing)."""
        if not self._bindings_ready:
            return None
        app = self.app
        bindings = self.screen.active_bindings
        palette = bindings.get(app.COMMAND_PALETTE_BINDING)
        return (
            self.compact,
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
            palette and (palette.binding, palette.enabled, palette.tooltip),
            tuple(
                (b.binding, b.enabled, b.tooltip, app.get_key_display(b.binding))
                for b in bindings.values()
                if b.binding.show
            ),
        )

    def forget_removed_keys(self) -> None:
        watchers = getattr(self, "__watchers", None)  # textual.reactive._watch keeps them there
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
