"""What falls due next on each case, from every app that keeps deadlines: a registry of sources. ``cases`` registers
its own (referrals, the Full Code review of a Threshold Test charge, PTPH, custody time limits, trials, the judge's
directions); the stage apps above it register theirs in their ``AppConfig.ready`` (``register_due_source``), as
``cases`` may not import them. The case list reads, for a page of cases, each source's earliest open item per case
(one query a source, whatever the number of cases), and filters by what falls due when through each source's scoped
query of case ids."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.db import models
from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.scoping import ScopedQuerySet
from cases.models import ChargingDecision, JudgeDirection, Prosecution, Referral, Trial
from cases.models.precharge import DecisionTest
from cases.transitions import ReferralKind, SuspectStatus
from deadlines.working_days import end_of_working_week


@dataclass(frozen=True)
class Due:
    """An open item on a case and the day it falls due: "Charging decision due" on 9 December 2026."""

    on: date
    what: str


class DueSource(Protocol):
    def earliest(self, case_ids: Collection[int]) -> dict[int, Due]:
        """The earliest open item of this kind on each of these cases that has one, in one query."""
        ...

    def case_ids(self, user: User, *, since: date | None, until: date) -> QuerySet[Any]:
        """The ids of the cases in the user's scope with an open item of this kind due from ``since`` (or any day
        before) to ``until``, as a query a case list filters by."""
        ...


@dataclass(frozen=True)
class DatedItems:
    """A kind of open item with a due date, read from its own table: ``items`` gives the open ones (a scoped
    queryset), ``case`` is the path from an item to its case's id, ``on`` its date, and ``what`` its wording, fixed
    or read from the fields named in ``reads``."""

    items: Callable[[], ScopedQuerySet[Any]]
    what: str | Callable[[dict[str, Any]], str]
    case: str = "suspect__case_id"
    on: str = "due_on"
    reads: tuple[str, ...] = ()

    def earliest(self, case_ids: Collection[int]) -> dict[int, Due]:
        rows = self.items().filter(**{f"{self.case}__in": case_ids}).values(self.case, self.on, *self.reads)
        found: dict[int, Due] = {}
        for row in rows:
            due = Due(row[self.on], self.what if isinstance(self.what, str) else self.what(row))
            case_id = row[self.case]
            if case_id not in found or due.on < found[case_id].on:
                found[case_id] = due
        return found

    def case_ids(self, user: User, *, since: date | None, until: date) -> QuerySet[Any]:
        window = Q(**{f"{self.on}__lte": until}) & (Q(**{f"{self.on}__gte": since}) if since else Q())
        return self.items().visible_to(user).filter(window).values(self.case)


_SOURCES: list[DueSource] = []


def register_due_source(source: DueSource) -> None:
    """Read ``source`` with every other for the case list's "next due" (once: registering it again does nothing)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def next_due(case_ids: Collection[int]) -> dict[int, Due]:
    """Each case's earliest open item of every registered kind (one query a kind); cases with none are left out. Of
    items due the same day, the first registered is named."""
    found: dict[int, Due] = {}
    if not case_ids:
        return found
    for source in _SOURCES:
        for case_id, due in source.earliest(case_ids).items():
            if case_id not in found or due.on < found[case_id].on:
                found[case_id] = due
    return found


class DueWhen(models.TextChoices):
    """The case list's "next due" filter: a case with any open item due in the window."""

    OVERDUE = "overdue", "Overdue"
    TODAY = "today", "Due today"
    THIS_WEEK = "week", "Due this week"


def window(when: DueWhen, today: date) -> tuple[date | None, date]:
    """The days a ``DueWhen`` covers: before today; today; today to the end of the working week."""
    if when == DueWhen.OVERDUE:
        return None, today - timedelta(days=1)
    if when == DueWhen.TODAY:
        return today, today
    return today, end_of_working_week(today)


def cases_due(user: User, when: DueWhen, today: date) -> Q:
    """Cases with an open item of any registered kind due in the window, as a filter on the user's cases."""
    since, until = window(when, today)
    found = Q(pk__in=[])
    for source in _SOURCES:
        found |= Q(pk__in=source.case_ids(user, since=since, until=until))
    return found


def _referral_what(row: dict[str, Any]) -> str:
    return "Early advice due" if row["kind"] == ReferralKind.EARLY_ADVICE else "Charging decision due"


for _source in (
    DatedItems(Referral.objects.open, _referral_what, reads=("kind",)),
    DatedItems(
        lambda: ChargingDecision.objects.filter(
            test=DecisionTest.THRESHOLD, full_code_review_due_on__isnull=False, full_code_reviewed_on__isnull=True
        ),
        "Full Code Test review due",
        case="referral__suspect__case_id",
        on="full_code_review_due_on",
    ),
    DatedItems(
        lambda: Prosecution.objects.filter(suspect__status=SuspectStatus.AWAITING_PTPH), "PTPH due", on="ptph_due_on"
    ),
    DatedItems(
        lambda: Prosecution.objects.filter(result="", custody_time_limit_on__isnull=False),
        "Custody time limit expires",
        on="custody_time_limit_on",
    ),
    DatedItems(
        lambda: Trial.objects.filter(outcome="", suspect__status=SuspectStatus.AWAITING_TRIAL),
        "Trial listed for",
        on="listed_for",
    ),
    DatedItems(lambda: JudgeDirection.objects.filter(complied_on__isnull=True), "Court direction due", case="case_id"),
):
    register_due_source(_source)
