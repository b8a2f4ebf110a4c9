"""Inline SVG bar charts for the bulletin: geometry computed here, drawn by the template (no script, no network).

Labels are page- or scenario-derived text and are escaped by the template like every other value.
"""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 22
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = ROW_HEIGHT - 8


def bar_chart(title: str, rows: list[tuple[str, float, str]], *, maximum: float | None = None) -> Chart:
    """Horizontal bars, one per (label, value, shown value); scaled to `maximum` (default: the largest value)."""
    top = maximum if maximum is not None else max((value for _l, value, _t in rows), default=0.0)
    scale = BAR_WIDTH / top if top > 0 else 0.0
    bars = [
        Bar(label=label, value_text=shown, y=index * ROW_HEIGHT + 4, width=round(max(value, 0.0) * scale, 1))
        for index, (label, value, shown) in enumerate(rows)
    ]
    return Chart(title=title, bars=bars, width=LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH, height=len(rows) * ROW_HEIGHT + 8)
