"""The reader: the Textual face over the library (``nkterm.open()``).

``nkterm.tui.app`` is the one entry point (``run_app``, used by ``nkterm.cli``); ``screens/`` hold
the layouts and workers, ``widgets/`` the Textual widgets, ``view/`` the view models (text layout,
cursor, marks, listing) that import no Textual. Only this package imports Textual.
"""
