"""``TimelineBars``: documents (or search hits) per month as one line of block characters.

Sits in the document list's header and in the search bar. Focusable: ←/→ (h/l) move a marker
over the bars (highlighted, and ``▲`` under it) and the line under them says which month it is
and how many; enter, or a click
on a bar, posts ``TimelineBars.Chosen`` with that bar's months (the owner filters to them).
Data comes from ``nkterm.listing.Timeline``; nothing here reads the index.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from nkterm.listing import Timeline
from nkterm.tui.widgets.styles import component_style


class TimelineBars(Widget, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--bars",
        "timeline--marker",
        "timeline--label",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "earlier", show=False, id="timeline.earlier"),
        Binding("right,l", "move(1)", "later", show=False, id="timeline.later"),
        Binding("home", "move(-10000)", "first month", show=False, id="timeline.first"),
        Binding("end", "move(10000)", "last month", show=False, id="timeline.last"),
        Binding("enter", "choose", "filter to this month", id="timeline.choose"),
    ]

    class Chosen(Message):
        """A bar was chosen: filter to these months ("2024-08", ...)."""

        def __init__(self, timeline: TimelineBars, months: tuple[str, ...]) -> None:
            super().__init__()
            self.timeline = timeline
            self.months = months

        @property
        def control(self) -> TimelineBars:
            return self.timeline

    def __init__(self, *, what: str = "documents", hint: str = "t", id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = hint  # the key that focuses the timeline, said in the caption
        self.timeline = Timeline((), ())
        self.what = what  # "documents" or "hits": said in the caption
        self.marker = -1  # the bar under the marker; -1: none yet (the busiest when focused)
        self._groups: list[tuple[str, ...]] = []

    def set_timeline(self, timeline: Timeline, what: str | None = None) -> None:
        self.timeline = timeline
        if what is not None:
            self.what = what
        self.marker = -1
        self.refresh()

    def _layout(self) -> tuple[str, list[tuple[str, ...]]]:
        width = max(0, self.size.width)
        line, groups = self.timeline.bars(width)
        self._groups = groups
        return line, groups

    def render(self) -> Text:
        line, groups = self._layout()
        label = component_style(self, "timeline--label")
        if not groups:
            return Text("no dates to draw" if self.timeline.undated else "", style=label, no_wrap=True)
        out = Text(line, style=component_style(self, "timeline--bars"), no_wrap=True)
        if self.has_focus and 0 <= self.marker < len(groups):
            here = groups[self.marker]
            first = groups.index(here)
            last = first
            while last + 1 < len(groups) and groups[last + 1] == here:
                last += 1
            out.stylize(component_style(self, "timeline--marker"), first, last + 1)
        out.append("\n")
        out.append_text(self._caption(groups))
        return out

    def _caption(self, groups: list[tuple[str, ...]]) -> Text:
        label = component_style(self, "timeline--label")
        if self.has_focus and 0 <= self.marker < len(groups):
            months = groups[self.marker]
            name = months[0] if len(months) == 1 else f"{months[0]}…{months[-1]}"
            n = self.timeline.count_of(months)
            return self._pointer(groups, f"{name}: {n:,} {self.what}", " · ←→ enter")
        first, last = groups[0][0], groups[-1][-1]
        middle = f" {self.what}/month · {self.hint} "
        room = self.size.width - len(first) - len(last)
        if room < len(middle):
            middle = " " * max(1, room)
        return Text(f"{first}{middle.center(room)}{last}", style=label, no_wrap=True, overflow="ellipsis")

    def _pointer(self, groups: list[tuple[str, ...]], caption: str, hint: str) -> Text:
        """The caption with ``▲`` under the marked bar: the marker is seen by its shape, not
        by its colour alone (on a full bar, ``█``, a background colour does not show). The
        caption stands right of the marker, else left of it; without ``hint`` if it must."""
        first = groups.index(groups[self.marker])
        last = first
        while last + 1 < len(groups) and groups[last + 1] == groups[first]:
            last += 1
        arrow = "▲" * (last - first + 1)
        width = self.size.width
        line = ""
        for text in (caption + hint, caption):
            if first + len(arrow) + 1 + len(text) <= width:
                line = " " * first + arrow + " " + text
            elif len(text) + 1 <= first:
                line = " " * (first - len(text) - 1) + text + " " + arrow
            if line:
                break
        else:
            line = " " * first + arrow + " " + caption  # cut at the edge
        out = Text(line, style=component_style(self, "timeline--label"), no_wrap=True, overflow="ellipsis")
        start = line.index(arrow)
        out.stylize(component_style(self, "timeline--marker"), start, start + len(arrow))
        return out

    def on_focus(self) -> None:
        if self.marker < 0:
            self._layout()
            counts = [self.timeline.count_of(g) for g in self._groups]
            self.marker = counts.index(max(counts)) if counts else -1
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.marker = -1 if not self.has_focus else min(self.marker, max(0, len(self._layout()[1]) - 1))

    def action_move(self, step: int) -> None:
        """To the next (previous) month's bar; a big step to the first or last."""
        n = len(self._groups)
        if not n:
            return
        if abs(step) > 1:
            i = 0 if step < 0 else n - 1
        else:
            here = self._groups[self.marker] if 0 <= self.marker < n else None
            i = max(0, self.marker)
            while 0 <= i < n and self._groups[i] == here:  # a bar may be several columns wide
                i += step
            i = max(0, min(n - 1, i))
        self.marker = i
        self.refresh()

    def action_choose(self) -> None:
        if 0 <= self.marker < len(self._groups):
            self.post_message(self.Chosen(self, self._groups[self.marker]))

    def on_click(self, event: events.Click) -> None:
        self._layout()
        column = event.x
        if event.y == 0 and 0 <= column < len(self._groups):
            self.marker = column
            self.refresh()
            self.post_message(self.Chosen(self, self._groups[column]))
