"""The main screen's footer: Textual's ``Footer`` without its leak (see ``MainFooter``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class MainFooter(Footer):
    """Textual's footer without its leak. The footer is composed again whenever the bindings
    change (every focus change, every document opened), and each new key is ``data_bind``-ed
    to the footer's ``compact``: Textual keeps one watcher per key ever composed, each holding
    the removed key with its styles and render caches, and prunes them only when ``compact``
    changes, which it never does here (textual 8.2: ~570 dead keys after 50 documents).
    Before composing, drop the watchers whose key has been removed."""

    def compose(self) -> ComposeResult:
        self.forget_removed_keys()
        yield from super().compose()

    def forget_removed_keys(self) -> None:
        watchers = getattr(self, "__watchers", None)  # textual.reactive._watch keeps them there
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if not node._closing]
