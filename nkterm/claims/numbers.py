"""Quantities in text, for claim detection: a re-export of the shared number reader
(``nkterm.numbers``: value, unit and precision of every number written, and the rounding rule).
Pure Python; must not import textual or whoosh.
"""

from __future__ import annotations

from nkterm.numbers import Quantity, quantities

__all__ = ["Quantity", "quantities"]
