"""Typical durations for the complainant's own view: how long the next step of their case usually takes, from the
service's own figures, computed by the scorecard engine (``scorecards.compute``: the same facts and SQL) over the last
year for their case's police force, shown as a range (the lower to the upper quartile) and said to be a guide.

Where the force has fewer items than the scorecards' small-number rule (``DisclosureRule``) the guide is the CPS
Area's, and failing that England and Wales'; where even that has too few, there is no guide ("We cannot give a guide
yet"). Two guides are the published measures themselves (days to charge, charge to completion); the others are
measured the same way from what the service records, but are not published (they are not in ``MEASURES`` or the
scorecard's CSV)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actionplans.models import ActionPlan, PlanStatus
from cases.models import Case, ChargingDecision, Prosecution, Referral
from cases.models.precharge import ReferralKind
from scorecards import compute
from scorecards.compute import NATIONAL, Place
from scorecards.facts import Source
from scorecards.journey_facts import DaysBetween, answered_early_advice
from scorecards.measures import BY_ID, Group, Kind, Measure
from scorecards.models import DisclosureRule
from scorecards.periods import Period, rolling_year

WEEK = 7
MONTH = 365.25 / 12
DAYS_SHOWN_UNDER = 14  # ranges that end within two weeks are given in days
WEEKS_SHOWN_UNDER = 13 * WEEK  # within a quarter of a year, in weeks; beyond, in months


def _first_referrals() -> list[Source]:
    """Each suspect's first referral, on the day the CPS received it: the police's investigation, from the report."""
    earlier = Referral.objects.filter(suspect=OuterRef("suspect")).filter(
        Q(received_on__lt=OuterRef("received_on")) | Q(received_on=OuterRef("received_on"), pk__lt=OuterRef("pk"))
    )
    first = Referral.objects.exclude(Exists(earlier)).annotate(
        days=DaysBetween(F("received_on"), F("suspect__case__reported_on"))
    )
    return [Source(first, on="received_on", unit="suspect", case="suspect__case", amount=F("days"))]


def _early_advice_given() -> list[Source]:
    return [
        Source(
            answered_early_advice(),
            on="closed_on",
            unit="pk",
            case="suspect__case",
            amount=F("days"),
        )
    ]


def _charging_decisions() -> list[Source]:
    decisions = ChargingDecision.objects.filter(referral__kind=ReferralKind.CHARGING_DECISION).annotate(
        days=DaysBetween(F("decided_on"), F("referral__received_on"))
    )
    return [Source(decisions, on="decided_on", unit="pk", case="referral__suspect__case", amount=F("days"))]


def _plans_answered() -> list[Source]:
    answered = ActionPlan.objects.filter(status=PlanStatus.ANSWERED, closed_on__isnull=False).annotate(
        days=DaysBetween(F("closed_on"), F("set_on"))
    )
    return [Source(answered, on="closed_on", unit="pk", case="suspect__case", amount=F("days"))]


def _sentences() -> list[Source]:
    sentenced = Prosecution.objects.filter(sentenced_on__isnull=False).annotate(
        days=DaysBetween(F("sentenced_on"), F("completed_on"))
    )
    return [Source(sentenced, on="sentenced_on", unit="suspect", case="suspect__case", amount=F("days"))]


def _unpublished(key: str, title: str, definition: str, group: Group, sources: Any) -> Measure:
    return Measure(
        f"guide_{key}", title, definition, Kind.MEDIAN, group, "", "", "days", (), sources, in_contract=False
    )


@dataclass(frozen=True)
class Guide:
    """A typical duration: the measure it is taken from, and the sentence that gives its range ("%(range)s")."""

    key: str
    measure: Measure
    sentence: Promise


GUIDES: dict[str, Guide] = {
    guide.key: guide
    for guide in (
        Guide(
            "investigation",
            _unpublished(
                "investigation",
                "Days from report to first referral",
                "Over suspects first referred to the CPS in the period: the calendar days from the case's report to "
                "the police to that first referral.",
                Group.PRE_CHARGE,
                _first_referrals,
            ),
            gettext_lazy("This usually takes %(range)s. We count from the report until the police first ask the CPS."),
        ),
        Guide(
            "early_advice",
            _unpublished(
                "early_advice",
                "Days to early advice",
                "Over early advice given in the period: the calendar days from the request to the advice.",
                Group.PRE_CHARGE,
                _early_advice_given,
            ),
            gettext_lazy("The CPS usually takes %(range)s to give advice."),
        ),
        Guide(
            "charging_decision",
            _unpublished(
                "charging_decision",
                "Days to a charging decision",
                "Over charging decisions made in the period: the calendar days from the referral for a charging "
                "decision to the decision.",
                Group.PRE_CHARGE,
                _charging_decisions,
            ),
            gettext_lazy("The CPS usually takes %(range)s to decide."),
        ),
        Guide(
            "action_plan",
            _unpublished(
                "action_plan",
                "Days to answer an action plan",
                "Over action plans answered in the period: the calendar days from the plan being set to its answer.",
                Group.ACTION_PLANS,
                _plans_answered,
            ),
            gettext_lazy("The police usually take %(range)s to do the work."),
        ),
        Guide(
            "to_charge",
            BY_ID["median_days_to_charge"],
            gettext_lazy("When there is a charge, it usually comes %(range)s after the police first ask the CPS."),
        ),
        Guide(
            "charge_to_completion",
            BY_ID["median_days_charge_to_completion"],
            gettext_lazy("After a charge, the court case usually takes %(range)s to end."),
        ),
        Guide(
            "sentence",
            _unpublished(
                "sentence",
                "Days from conviction to sentence",
                "Over suspects sentenced in the period: the calendar days from the conviction to the sentence.",
                Group.COURT,
                _sentences,
            ),
            gettext_lazy("The judge usually gives the sentence %(range)s later."),
        ),
    )
}


@dataclass(frozen=True)
class TypicalDuration:
    """A guide's figures for one place and year: the quartiles in days and how many items they are taken over."""

    guide: Guide
    period: Period
    place: Place
    lower: float
    median: float
    upper: float
    counted: int

    @property
    def range_in_words(self) -> str:
        """The range a person reads: in days, weeks or months, the lower end rounded down and the upper up."""
        if self.upper < DAYS_SHOWN_UNDER:
            return _in_units(self.lower, self.upper, 1, "days")
        if self.upper < WEEKS_SHOWN_UNDER:
            return _in_units(self.lower, self.upper, WEEK, "weeks")
        return _in_units(self.lower, self.upper, MONTH, "months")

    @property
    def in_words(self) -> str:
        return str(self.guide.sentence) % {"range": self.range_in_words}

    @property
    def source_in_words(self) -> str:
        """Where the figures come from: the force's cases, the Area's, or England and Wales'."""
        if self.place.level == "force":
            where = _("cases of %(force)s") % {"force": self.place.force_name}
        elif self.place.level == "area":
            where = _("cases in %(area)s") % {"area": self.place.area_name}
        else:
            where = _("all cases in England and Wales")
        return _("This is only a guide. It comes from our figures for %(where)s over the last year.") % {
            "where": where
        }


def _unit(count: int, unit: str) -> str:
    words = {
        "days": ngettext("%(count)s day", "%(count)s days", count),
        "weeks": ngettext("%(count)s week", "%(count)s weeks", count),
        "months": ngettext("%(count)s month", "%(count)s months", count),
    }
    return words[unit] % {"count": count}


def _in_units(lower_days: float, upper_days: float, size: float, unit: str) -> str:
    lower = math.floor(lower_days / size)
    upper = max(1, math.ceil(upper_days / size))
    if lower == upper:
        return _("about %(length)s") % {"length": _unit(upper, unit)}
    if lower == 0:
        return _("up to %(length)s") % {"length": _unit(upper, unit)}
    return _("between %(lower)s and %(length)s") % {"lower": lower, "length": _unit(upper, unit)}


def places_for(case: Case) -> list[Place]:
    """Where a case's guide may come from, nearest first: its police force (as its Area serves it), its Area, the
    nation."""
    area, force = case.cps_area, case.police_force
    return [Place(area.pk, area.name, force.pk, force.name), Place(area.pk, area.name), NATIONAL]


def typical_duration(key: str, case: Case, *, today: date | None = None) -> TypicalDuration | None:
    """The guide for the case's place over the year to ``today``: the nearest place with at least the small-number
    rule's threshold of items; None when not even England and Wales has that many."""
    guide = GUIDES[key]
    period = rolling_year(today or timezone.localdate())
    threshold = DisclosureRule.current().threshold
    for place in places_for(case):
        spread = compute.quartiles(guide.measure, period, place)
        if spread.counted >= threshold and None not in (spread.lower, spread.median, spread.upper):
            return TypicalDuration(
                guide,
                period,
                place,
                float(spread.lower or 0),
                float(spread.median or 0),
                float(spread.upper or 0),
                spread.counted,
            )
    return None
