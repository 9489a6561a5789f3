"""Component-class styles as Rich styles, with translucent colours blended.

``get_component_rich_style(name, partial=True)`` keeps only what the rule sets, but gives a
colour such as ``$primary 20%`` at full strength; the full style blends it against the
widget's background but also carries the inherited colours. This takes the partial style and
swaps in the blended colour and background where the rule set them.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    partial = widget.get_component_rich_style(name, partial=True)
    if partial.color is None and partial.bgcolor is None:
        return partial
    full = widget.get_component_rich_style(name)
    return partial + Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )
