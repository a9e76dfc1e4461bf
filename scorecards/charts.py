"""Trend charts drawn as SVG on the server: labelled bars with their values written on them, so nothing is told by
colour alone and nothing needs JavaScript. The page shows the same figures as a table beside each chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scorecards.compute import Figure
from scorecards.funnel import FunnelStep
from scorecards.measures import Kind

WIDTH, HEIGHT, TOP, BOTTOM = 480, 180, 24, 36
GAP = 8
AXIS_Y = HEIGHT - BOTTOM
LABEL_Y = HEIGHT - 12
VALUE_ABOVE_BAR = 6
FUNNEL_WIDTH = 200


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    label_x: float

    @property
    def value_y(self) -> float:
        return self.y - VALUE_ABOVE_BAR


def shown(figure: Figure) -> str:
    """A figure as people read it: a percentage, a count, days or a mean to two places; a dash when there is none."""
    value = figure.value
    if value is None:
        return "–"
    kind, unit = figure.measure.kind, figure.measure.unit
    if kind == Kind.RATE:
        return f"{value:.1%}"
    if kind == Kind.COUNT:
        return f"{round(value):,}"
    if unit == "days":
        return f"{value:,.1f} days"
    return f"{value:,.2f}"


def short_label(label: str) -> str:
    """``2024-25 Q1`` → ``Q1 24-25``."""
    year, quarter = label.split(" ")
    return f"{quarter} {year[2:]}"


def bars(trend: Sequence[Figure]) -> list[Bar]:
    top = max((f.value or 0 for f in trend), default=0) or 1
    slot = WIDTH / max(len(trend), 1)
    drawable = HEIGHT - TOP - BOTTOM
    result = []
    for n, figure in enumerate(trend):
        height = drawable * (figure.value or 0) / top
        x = n * slot + GAP / 2
        result.append(
            Bar(x, TOP + drawable - height, slot - GAP, height, short_label(figure.period.label), shown(figure),
                x + (slot - GAP) / 2)
        )  # fmt: skip
    return result


@dataclass(frozen=True)
class FunnelBar:
    label: str
    suspects: int
    share: str
    width: float


def funnel_bars(steps: Sequence[FunnelStep]) -> list[FunnelBar]:
    """Each step as a share of the first (the suspects reported), with a bar as wide as that share."""
    first = steps[0].suspects if steps else 0
    return [
        FunnelBar(step.label, step.suspects, f"{step.suspects / first:.1%}" if first else "–",
                  FUNNEL_WIDTH * step.suspects / first if first else 0)
        for step in steps
    ]  # fmt: skip
