"""What falls due for a caseworker: the items that are theirs to act on whose deadline is today, in the rest of this
working week, or already passed ("Overdue", listed apart, so that no item is both due and overdue). One function per
role; each kind of item is read in one query however many items there are (window functions count each bucket and
keep its first few rows), and each item names the case by URN and the suspect or complainant by label, and links to
the page where it is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from actionplans.models import Action, ActionStatus, PlanStatus, ReviewPoint
from cases.models import ChargingDecision, JudgeDirection, Prosecution, Referral, Trial
from cases.models.court import ReadinessCheck
from cases.models.precharge import DecisionTest, ReferralKind, ReferralQuerySet
from cases.queues import waiting_on_the_cps
from deadlines.working_days import end_of_working_week
from victims.models import Communication, VrrRequest
from victims.models.complainant import IDENTITY_FIELDS

# The most items of each kind read for each bucket, and the oldest overdue items shown.
LIST_LENGTH = 20
OLDEST_OVERDUE = 5
# A complainant's identity is never read for a list (victims.models.IDENTITY_FIELDS).
_IDENTITY = [f"complainant__{field}" for field in IDENTITY_FIELDS]


class Bucket(IntEnum):
    OVERDUE = 0
    TODAY = 1
    THIS_WEEK = 2


@dataclass(frozen=True)
class DueItem:
    what: str
    case_id: int
    urn: str
    about: str  # the suspect's or complainant's label, or "" for the whole case
    due_on: date
    url: str  # where it is done
    today: date

    @property
    def overdue_by(self) -> int:
        return max(0, (self.today - self.due_on).days)


@dataclass(frozen=True)
class DueList:
    items: list[DueItem]
    count: int  # all of them, of which ``items`` are the first

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass(frozen=True)
class ReferralCounts:
    """Every referral waiting on the CPS in a unit head's Area, allocated or not."""

    today: int
    this_week: int
    overdue: int


@dataclass(frozen=True)
class DueWork:
    today: DueList
    this_week: DueList
    overdue: DueList
    week_ends_on: date
    area_referrals: ReferralCounts | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.today.count or self.this_week.count or self.overdue.count)


@dataclass(frozen=True)
class Kind:
    """A kind of item: the rows that are the person's and still to do, the date each is due, how a row reads, and
    whether it can be overdue (a date nobody records as done, such as a review point reached, is only due)."""

    rows: QuerySet[Any]
    due_field: str
    item: Callable[[Any], tuple[str, int, str, str, str]]  # what, case id, URN, label, url
    can_be_overdue: bool = True


def _bucket(due_field: str, today: date) -> Case:
    return Case(
        When(**{f"{due_field}__lt": today}, then=Value(Bucket.OVERDUE)),
        When(**{due_field: today}, then=Value(Bucket.TODAY)),
        default=Value(Bucket.THIS_WEEK),
        output_field=IntegerField(),
    )


def _read(kind: Kind, today: date, week_ends_on: date) -> tuple[dict[Bucket, list[DueItem]], dict[Bucket, int]]:
    """One query: the kind's rows due up to the end of the week, the first few of each bucket, with its size."""
    rows = kind.rows.filter(**{f"{kind.due_field}__lte": week_ends_on})
    if not kind.can_be_overdue:
        rows = rows.filter(**{f"{kind.due_field}__gte": today})
    rows = (
        rows.annotate(due_bucket=_bucket(kind.due_field, today))
        .annotate(
            place=Window(
                RowNumber(), partition_by=[F("due_bucket")], order_by=[F(kind.due_field).asc(), F("pk").asc()]
            ),
            bucket_size=Window(Count("pk"), partition_by=[F("due_bucket")]),
        )
        .filter(place__lte=LIST_LENGTH)
        .order_by(kind.due_field, "pk")
    )
    items: dict[Bucket, list[DueItem]] = {bucket: [] for bucket in Bucket}
    counts: dict[Bucket, int] = {bucket: 0 for bucket in Bucket}
    for row in rows:
        what, case_id, urn, about, url = kind.item(row)
        bucket = Bucket(row.due_bucket)
        items[bucket].append(DueItem(what, case_id, urn, about, getattr(row, kind.due_field), url, today))
        counts[bucket] = row.bucket_size
    return items, counts


def _due_work(kinds: list[Kind], today: date, area_referrals: ReferralCounts | None = None) -> DueWork:
    week_ends_on = end_of_working_week(today)
    items: dict[Bucket, list[DueItem]] = {bucket: [] for bucket in Bucket}
    counts: dict[Bucket, int] = {bucket: 0 for bucket in Bucket}
    for kind in kinds:
        kind_items, kind_counts = _read(kind, today, week_ends_on)
        for bucket in Bucket:
            items[bucket] += kind_items[bucket]
            counts[bucket] += kind_counts[bucket]

    def listed(bucket: Bucket, limit: int | None = None) -> DueList:
        ordered = sorted(items[bucket], key=lambda item: (item.due_on, item.urn, item.what))
        return DueList(ordered[:limit], counts[bucket])

    return DueWork(
        today=listed(Bucket.TODAY),
        this_week=listed(Bucket.THIS_WEEK),
        overdue=listed(Bucket.OVERDUE, OLDEST_OVERDUE),
        week_ends_on=week_ends_on,
        area_referrals=area_referrals,
    )


# The kinds of item


def _referral(referral: Referral) -> tuple[str, int, str, str, str]:
    case = referral.suspect.case
    if referral.kind == ReferralKind.EARLY_ADVICE:
        what, tab = "Early advice", "cases:early-advice"
    else:
        what, tab = "Charging decision", "cases:charging"
    if referral.priority:
        what += " (custody)"
    return what, case.pk, case.urn, referral.suspect.label, reverse(tab, args=[case.pk])


def _referral_to_allocate(referral: Referral) -> tuple[str, int, str, str, str]:
    what, case_id, urn, label, _ = _referral(referral)
    url = reverse("cases:allocate_referral", args=[case_id, referral.pk])
    return f"{what}: not allocated", case_id, urn, label, url


def _referrals_waiting(user: User) -> ReferralQuerySet:
    return waiting_on_the_cps(Referral.objects.visible_to(user)).select_related("suspect__case")


def _unallocated(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.filter(allocated_prosecutor__isnull=True, suspect__case__allocated_prosecutor__isnull=True)


def _action(action: Action) -> tuple[str, int, str, str, str]:
    suspect = action.plan.suspect
    url = reverse("actionplans:answer", args=[suspect.case_id, action.pk])
    return f"Action {action.number} of {action.plan.label}", suspect.case_id, suspect.case.urn, suspect.label, url


def _actions_owed_by(user: User) -> Kind:
    """The outstanding actions of open plans that the person owns (or, unowned, on a case they are in charge of)."""
    rows = (
        Action.objects.visible_to(user)
        .filter(status=ActionStatus.OUTSTANDING, plan__status=PlanStatus.OPEN)
        .filter(Q(owner=user) | Q(owner__isnull=True, plan__suspect__case__officer_in_charge=user))
        .select_related("plan__suspect__case")
    )
    return Kind(rows, "due_on", _action)


def _review_point(point: ReviewPoint) -> tuple[str, int, str, str, str]:
    suspect = point.plan.suspect
    url = reverse("actionplans:case-plans", args=[suspect.case_id])
    what = f"{point.level.days}-day review of {point.plan.label}"
    return what, suspect.case_id, suspect.case.urn, suspect.label, url


# Whose review points each role sees reached: the ladder's rows say whom each level tells.
_TOLD: dict[str, Callable[[User], Q]] = {
    Role.INVESTIGATOR: lambda user: Q(level__tell_officer_in_charge=True, plan__suspect__case__officer_in_charge=user),
    Role.POLICE_SUPERVISOR: lambda user: Q(level__tell_police_supervisors=True),
    Role.PROSECUTOR: lambda user: (
        Q(level__tell_allocated_prosecutor=True)
        & (
            Q(plan__suspect__case__allocated_prosecutor=user)
            | Q(plan__suspect__case__allocated_prosecutor__isnull=True, plan__set_by=user)
        )
    ),
    Role.UNIT_HEAD: lambda user: Q(level__tell_unit_heads=True),
}


def _review_points_reached(user: User) -> Kind:
    """Open plans reaching a review point of the ladder that tells this person (on the day it is raised)."""
    rows = (
        ReviewPoint.objects.visible_to(user)
        .filter(_TOLD[user.role](user), cancelled_at__isnull=True, plan__status=PlanStatus.OPEN)
        .select_related("level", "plan__suspect__case")
    )
    return Kind(rows, "raise_on", _review_point, can_be_overdue=False)


def _court(what: str, *, url_name: str = "cases:court") -> Callable[[Any], tuple[str, int, str, str, str]]:
    """A suspect's court record (a prosecution or trial), done on the case's Court tab or the named page."""

    def item(row: Prosecution | Trial) -> tuple[str, int, str, str, str]:
        suspect = row.suspect
        args = [suspect.case_id] if url_name == "cases:court" else [suspect.case_id, row.pk]
        return what, suspect.case_id, suspect.case.urn, suspect.label, reverse(url_name, args=args)

    return item


def _direction(direction: JudgeDirection) -> tuple[str, int, str, str, str]:
    url = reverse("cases:comply", args=[direction.case_id, direction.pk])
    return "Judge's direction", direction.case_id, direction.case.urn, "", url


def _threshold_review(decision: ChargingDecision) -> tuple[str, int, str, str, str]:
    suspect = decision.referral.suspect
    url = reverse("cases:charging", args=[suspect.case_id])
    return "Full Code Test review of a Threshold Test charge", suspect.case_id, suspect.case.urn, suspect.label, url


def _court_work_of(user: User) -> list[Kind]:
    """A prosecutor's deadlines after charge on the cases allocated to them: the Full Code review of a Threshold
    Test charge, judge's directions, custody time limits, the prosecution case to be served and trials listed with
    readiness gaps."""
    mine = {"suspect__case__allocated_prosecutor": user}
    running = Prosecution.objects.visible_to(user).filter(result="", **mine).select_related("suspect__case")
    remanded = running.filter(custody_time_limit_on__isnull=False)
    gaps = ReadinessCheck.objects.filter(trial=OuterRef("pk"), done=False)
    trials = Trial.objects.visible_to(user).filter(Exists(gaps), outcome="", **mine).select_related("suspect__case")
    directions = (
        JudgeDirection.objects.visible_to(user)
        .filter(complied_on__isnull=True, case__allocated_prosecutor=user)
        .select_related("case")
    )
    threshold_charges = (
        ChargingDecision.objects.visible_to(user)
        .filter(
            test=DecisionTest.THRESHOLD,
            full_code_reviewed_on__isnull=True,
            full_code_review_due_on__isnull=False,
            referral__suspect__case__allocated_prosecutor=user,
        )
        .select_related("referral__suspect__case")
    )
    return [
        Kind(threshold_charges, "full_code_review_due_on", _threshold_review),
        Kind(directions, "due_on", _direction),
        Kind(remanded, "custody_time_limit_on", _court("Custody time limit expires")),
        Kind(running, "prosecution_case_due_on", _court("Prosecution case to be served"), can_be_overdue=False),
        Kind(trials, "listed_for", _court("Trial readiness gaps", url_name="cases:readiness"), can_be_overdue=False),
    ]


def _letter(letter: Communication) -> tuple[str, int, str, str, str]:
    complainant = letter.complainant
    url = reverse("victims:letter", args=[complainant.case_id, letter.pk])
    return letter.short_name, complainant.case_id, complainant.case.urn, complainant.label, url


def _vrr(request: VrrRequest) -> tuple[str, int, str, str, str]:
    complainant = request.complainant
    url = reverse("victims:vrr-outcome", args=[complainant.case_id, request.pk])
    return "Victims' Right to Review reply", complainant.case_id, complainant.case.urn, complainant.label, url


def _vrr_replies(user: User) -> Kind:
    rows = VrrRequest.objects.visible_to(user).filter(outcome="").select_related("complainant__case")
    return Kind(rows.defer(*_IDENTITY), "respond_by", _vrr)


# One function per role


def due_for_police(user: User, today: date) -> DueWork:
    """The actions the officer owes, and the plans reaching a review point the ladder tells them of: an
    investigator's own cases, a police supervisor's whole force."""
    return _due_work([_actions_owed_by(user), _review_points_reached(user)], today)


def due_for_prosecutor(user: User, today: date) -> DueWork:
    """The referrals that are the prosecutor's (``Referral.objects.allocated_to``), their plans reaching a review
    point, and the court deadlines of their cases."""
    referrals = Kind(_referrals_waiting(user).allocated_to(user), "due_on", _referral)
    return _due_work([referrals, _review_points_reached(user), *_court_work_of(user)], today)


def due_for_unit_head(user: User, today: date) -> DueWork:
    """The Area's referrals nobody is allocated (with a count of all the Area's referrals due), its plans reaching a
    review point, and Victims' Right to Review replies."""
    waiting = _referrals_waiting(user)
    unallocated = Kind(_unallocated(waiting), "due_on", _referral_to_allocate)
    return _due_work(
        [unallocated, _review_points_reached(user), _vrr_replies(user)],
        today,
        area_referrals=_referral_counts(waiting, today),
    )


def due_for_victim_liaison_officer(user: User, today: date) -> DueWork:
    """The Area's letters owed to complainants on the Victims' Code clock, and Victims' Right to Review replies (the
    service reminds the Area's victim liaison officers of both)."""
    letters = (
        Communication.objects.visible_to(user)
        .unsent()
        .filter(due_on__isnull=False)
        .defer("text", *_IDENTITY)
        .select_related("complainant__case")
    )
    return _due_work([Kind(letters, "due_on", _letter), _vrr_replies(user)], today)


def _referral_counts(referrals: QuerySet[Referral], today: date) -> ReferralCounts:
    week_ends_on = end_of_working_week(today)
    counts = referrals.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        today=Count("pk", filter=Q(due_on=today)),
        this_week=Count("pk", filter=Q(due_on__gt=today, due_on__lte=week_ends_on)),
    )
    return ReferralCounts(**counts)


DUE_FOR: dict[str, Callable[[User, date], DueWork]] = {
    Role.INVESTIGATOR: due_for_police,
    Role.POLICE_SUPERVISOR: due_for_police,
    Role.PROSECUTOR: due_for_prosecutor,
    Role.UNIT_HEAD: due_for_unit_head,
    Role.VICTIM_LIAISON_OFFICER: due_for_victim_liaison_officer,
}


def due_for(user: User, today: date) -> DueWork | None:
    """What is due for a caseworker; None for the roles with no casework (analysts, auditors, panel members and
    administrators act on no case's deadline)."""
    function = DUE_FOR.get(user.role)
    return function(user, today) if function else None
