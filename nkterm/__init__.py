"""nkterm: a keyboard-driven terminal reader for first-hand accounts and news reports.

This module holds the version only: importing ``nkterm`` must never import Textual.
"""

from __future__ import annotations

__version__ = "0.1.0"
