"""The command line: a thin face over ``nkterm.library.Library`` (it parses, prints and picks exit
codes; every answer comes from the library). ``main`` runs the ``nkterm`` command; one module per
command group: ``documents``, ``compare``, ``bookmarks``; ``common`` holds what they share.
"""

from __future__ import annotations

from nkterm.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
