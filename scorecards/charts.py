"""How the scorecard page shows a figure: as the people who read it expect (a rate as a percentage, days as days, a
count as a whole number) with the exact numerator and denominator beside it, and trend charts drawn as horizontal
bars, one line per quarter, with the quarter and its figure written above its bar in HTML. Text above a bar reflows
and wraps like any other text, so labels never collide at 320 CSS pixels or at 200% zoom, and nothing is told by
colour alone or needs JavaScript. The page shows the same figures as a table beside each chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scorecards.compute import Figure
from scorecards.funnel import FunnelStep
from scorecards.measures import Kind, Measure


def _number(value: float) -> str:
    """A whole number with thousands separators; otherwise to one decimal place."""
    return f"{round(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _days(value: float) -> str:
    """``42 days``, ``41.5 days``, ``1 day``: medians of an even count can fall on a half day, means anywhere."""
    number = _number(round(value, 1))
    return f"{number} day" if number == "1" else f"{number} days"


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
        return _days(value)
    return f"{value:,.2f}"


def beside(figure: Figure) -> str:
    """What the figure was worked out from, written beside it: ``49 of 57 suspects charged …`` for a rate; the total
    and how many it is shared over for a mean; how many a median is the middle of; what a count counts."""
    measure = figure.measure
    if figure.value is None:
        return f"No {measure.denominator or measure.numerator} in {figure.period.in_words}"
    if measure.kind == Kind.COUNT:
        return measure.numerator
    over = f"{figure.denominator:,} {measure.denominator}"
    if measure.kind == Kind.RATE:
        return f"{figure.numerator:,} of {over}"
    if measure.kind == Kind.MEAN and figure.numerator is not None:
        total = _days(figure.numerator) if measure.unit == "days" else f"{_number(figure.numerator)} {measure.unit}"
        return f"{total} in all, over {over}"
    return f"the middle value of {over}"


def meaning(measure: Measure) -> str:
    """What the figure means, in a sentence, from what the measure counts and over which cases."""
    if measure.kind == Kind.RATE:
        return f"The figure is the {measure.numerator} as a percentage of the {measure.denominator}."
    if measure.kind == Kind.MEAN:
        return f"The figure is the average (mean) number of {measure.unit} for each of the {measure.denominator}."
    if measure.kind == Kind.MEDIAN:
        return (
            f"The figure is the middle value: half of the {measure.denominator} took this many {measure.unit} or "
            "fewer, and half took this many or more."
        )
    return f"The figure is the number of {measure.numerator}."


@dataclass(frozen=True)
class TrendBar:
    """A quarter's line of a trend chart: its label and figure (written above the bar) and the bar's length as a
    percentage of the chart's width (the longest bar fills it)."""

    label: str
    value: str
    length: float


def bars(trend: Sequence[Figure]) -> list[TrendBar]:
    top = max((f.value or 0 for f in trend), default=0) or 1
    return [TrendBar(f.period.label, shown(f), 100 * (f.value or 0) / top) for f in trend]


@dataclass(frozen=True)
class FunnelBar:
    label: str
    suspects: int
    share: str
    length: float  # the bar's length as a percentage of the chart's width


def funnel_bars(steps: Sequence[FunnelStep]) -> list[FunnelBar]:
    """Each step as a share of the first (the suspects reported), with a bar as long as that share."""
    first = steps[0].suspects if steps else 0
    return [
        FunnelBar(step.label, step.suspects, f"{step.suspects / first:.1%}" if first else "–",
                  100 * step.suspects / first if first else 0)
        for step in steps
    ]  # fmt: skip
