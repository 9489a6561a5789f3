"""Whether a late callback still has widgets to land on: ``torn_down``.

A timer, a worker's answer (a message, or a call from its thread) or a callback after the
refresh can run after the widgets it draws on began to go: a dismissed screen's widgets are
removed while calls from its workers' threads still arrive, and at exit the app closes every
widget of the screens it keeps installed (search, comparison) one by one in no set order, so a
parent's timer can fire after its status line is gone (CI, sessions 11-13: ``NoMatches`` on
``SuggestionLine``, ``SearchResults``, ``SearchBar``). Such a callback asks ``torn_down`` first and, when it says
so, draws nothing (what must still happen elsewhere, such as telling the reader a bookmark was
deleted, still does). Imports Textual only.
"""

from __future__ import annotations

from textual.widget import Widget


def torn_down(widget: Widget, *parts: str | type[Widget]) -> bool:
    """Whether ``widget`` is being taken down, so that a late callback must not draw on it: the
    app is shutting down, ``widget`` is no longer in the DOM, its screen was dismissed (and is
    not one kept installed), or one of ``parts`` (selectors of the descendants the callback
    draws on) is gone already."""
    app = widget.app
    if not app.is_running or not widget.is_attached:
        return True
    screen = widget.screen
    if screen not in app.screen_stack and not app.is_screen_installed(screen):
        return True
    return any(not widget.query(part) for part in parts)
