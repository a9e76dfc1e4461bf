"""What moves in the case records when an administrator changes a deadline number (``deadlines.reschedulers``):
the due dates of open referrals (early advice, the charging decision, a priority referral in custody), the Full Code
review of a Threshold Test charge not yet reviewed, the PTPH and Better Case Management dates and the custody time
limit of prosecutions without an outcome, with their reminders still to be sent, and the custody time limit's
warnings and the readiness warnings of trials not yet held. Each is recomputed with the numbers pinned for the
change, from the date the deadline is counted from; only the items whose date changes are written or counted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from accounts.models import User
from cases.models import ChargingDecision, Hearing, Prosecution, Referral, Trial
from cases.models.court import HearingKind
from cases.models.precharge import DecisionTest
from cases.services.court import custody_time_limit_warning
from cases.transitions import ReferralKind
from deadlines import (
    charging_decision_due,
    early_advice_due,
    prosecution_dates,
    readiness_warning_on,
    settings,
    threshold_review_due,
)
from deadlines.reschedulers import Moved, Rescheduling, register
from reminders.models import Reminder
from reminders.services import cancel_reminders, move_reminders, pending_reminder_dates, remind_on

# Open referrals


@dataclass(frozen=True)
class ReferralDeadline:
    kind: ReferralKind
    priority: bool | None
    one: str
    many: str

    def reschedule(self, rescheduling: Rescheduling) -> list[Moved]:
        referrals = Referral.objects.open().filter(kind=self.kind)
        if self.priority is not None:
            referrals = referrals.filter(priority=self.priority)
        moved = []
        for referral in referrals.only("pk", "kind", "received_on", "due_on", "priority").order_by("pk"):
            if self.kind == ReferralKind.EARLY_ADVICE:
                due = early_advice_due(referral.received_on).on
            else:
                due = charging_decision_due(referral.received_on, in_custody=referral.priority).on
            if due != referral.due_on:
                referral.due_on = due
                moved.append(referral)
        rescheduling.save(Referral, moved, ["due_on"])
        return [Moved(len(moved), self.one, self.many)]


# Threshold Test charges awaiting their Full Code review


THRESHOLD_ONE = "Threshold Test charge awaiting its Full Code review"
THRESHOLD_MANY = "Threshold Test charges awaiting their Full Code review"


def _reschedule_threshold_reviews(rescheduling: Rescheduling) -> list[Moved]:
    """By the earlier of the review period and the day before the PTPH (``cases.services.court.threshold_review_on``):
    the first PTPH listed, else the PTPH due after sending, recomputed here so that a change of the PTPH's days is
    counted before it is stored."""
    first_ptph = Hearing.objects.filter(suspect_id=OuterRef("referral__suspect_id"), kind=HearingKind.PTPH)
    decisions = (
        ChargingDecision.objects.filter(test=DecisionTest.THRESHOLD, full_code_reviewed_on__isnull=True)
        .exclude(referral__suspect__prosecution__result__gt="")
        .annotate(first_ptph=Subquery(first_ptph.order_by("held_on").values("held_on")[:1]))
        .select_related("referral__suspect__prosecution")
        .order_by("pk")
    )
    moved = []
    for decision in decisions:
        ptph_on = decision.first_ptph  # type: ignore[attr-defined]
        prosecution = getattr(decision.referral.suspect, "prosecution", None)
        if ptph_on is None and prosecution is not None:
            ptph_on = prosecution_dates(prosecution.sent_on, remanded_in_custody=prosecution.remanded_in_custody)[
                "ptph_due_on"
            ]
        due = threshold_review_due(decision.decided_on, ptph_on=ptph_on)
        if due != decision.full_code_review_due_on:
            decision.full_code_review_due_on = due
            moved.append(decision)
    rescheduling.save(ChargingDecision, moved, ["full_code_review_due_on"])
    return [Moved(len(moved), THRESHOLD_ONE, THRESHOLD_MANY)]


# Prosecutions without an outcome

PROSECUTION_DATES = ("ptph_due_on", "prosecution_case_due_on", "defence_response_due_on", "custody_time_limit_on")


def _open_prosecutions() -> Iterable[Prosecution]:
    held_ptph = Hearing.objects.filter(
        suspect_id=OuterRef("suspect_id"), kind=HearingKind.PTPH, held_on__lte=timezone.localdate()
    )
    return (
        Prosecution.objects.filter(result="")
        .annotate(ptph_held=Exists(held_ptph))
        .select_related("suspect__case")
        .order_by("pk")
    )


def _reschedule_prosecutions(rescheduling: Rescheduling) -> list[Moved]:
    """The PTPH (until one is held), the Better Case Management stages and the custody time limit, with the PTPH's
    reminder and the custody time limit's warnings still to be sent."""
    moved: list[Prosecution] = []
    limits_moved = 0
    for prosecution in _open_prosecutions():
        dates = prosecution_dates(prosecution.sent_on, remanded_in_custody=prosecution.remanded_in_custody)
        if prosecution.ptph_held:  # type: ignore[attr-defined]
            dates["ptph_due_on"] = prosecution.ptph_due_on
        old = {name: getattr(prosecution, name) for name in PROSECUTION_DATES}
        if old == dates:
            continue
        for name in PROSECUTION_DATES:
            setattr(prosecution, name, dates[name])
        moved.append(prosecution)
        if rescheduling.applies and dates["ptph_due_on"] != old["ptph_due_on"]:
            move_reminders(key_prefix=f"ptph:{prosecution.pk}:", on=prosecution.ptph_due_on)
        new_limit, old_limit = dates["custody_time_limit_on"], old["custody_time_limit_on"]
        if new_limit is not None and old_limit is not None and new_limit != old_limit:
            limits_moved += 1
            if rescheduling.applies:
                for days in settings().custody_time_limit_warning_days:
                    move_reminders(
                        key_prefix=f"ctl:{prosecution.pk}:{days}:", on=new_limit - timedelta(days=days),
                        dated=(old_limit, new_limit),
                    )  # fmt: skip
    rescheduling.save(Prosecution, moved, PROSECUTION_DATES)
    return [
        Moved(len(moved), "open prosecution's court dates", "open prosecutions' court dates"),
        Moved(limits_moved, "custody time limit of a remanded suspect", "custody time limits of remanded suspects"),
    ]


@dataclass
class _Warnings:
    """A prosecution's custody time limit warnings as its reminders hold them."""

    people: set[int] = field(default_factory=set)
    raised: set[int] = field(default_factory=set)  # the days warned of, sent, cancelled or to come
    to_come: dict[int, date] = field(default_factory=dict)  # the days still to be warned of, and when


def _warnings() -> dict[int, _Warnings]:
    warnings: dict[int, _Warnings] = defaultdict(_Warnings)
    rows = Reminder.objects.filter(item__startswith="ctl:").values_list("key", "due_at", "recipient_id", "sent_at",
                                                                         "cancelled_at")  # fmt: skip
    for key, due_at, person, sent_at, cancelled_at in rows:
        _, pk, days, _ = key.split(":", 3)
        of = warnings[int(pk)]
        of.people.add(person)
        of.raised.add(int(days))
        if sent_at is None and cancelled_at is None:
            of.to_come[int(days)] = timezone.localdate(due_at)
    return warnings


def _reschedule_custody_time_limit_warnings(rescheduling: Rescheduling) -> list[Moved]:
    """The warnings still to come before each remanded suspect's custody time limit, at the days the numbers now
    say: a warning at days still warned of moves, one at days no longer warned of is cancelled, and one at new days
    is raised for the people the others tell, unless its day has passed. Counted by warning."""
    wanted, today = settings().custody_time_limit_warning_days, timezone.localdate()
    warnings = _warnings()
    changed = 0
    for prosecution in _open_prosecutions():
        expires, of = prosecution.custody_time_limit_on, warnings.get(prosecution.pk)
        if expires is None or of is None:
            continue
        for days in sorted(set(of.to_come) | set(wanted)):
            on, key = expires - timedelta(days=days), f"ctl:{prosecution.pk}:{days}"
            if days in of.to_come and days not in wanted:
                changed += 1
                if rescheduling.applies:
                    cancel_reminders(key_prefix=f"{key}:")
            elif days in of.to_come and of.to_come[days] != on:
                changed += 1
                if rescheduling.applies:
                    move_reminders(key_prefix=f"{key}:", on=on)
            elif days not in of.raised and on >= today:
                changed += 1
                if rescheduling.applies:
                    message = custody_time_limit_warning(prosecution.suspect.label, days, expires)
                    people = User.objects.filter(pk__in=of.people)
                    remind_on(people=people, about=prosecution.suspect.case, key=key, on=on, message=message)
    return [Moved(changed, "custody time limit warning", "custody time limit warnings")]


# Trials not yet held


def _reschedule_readiness_warnings(rescheduling: Rescheduling) -> list[Moved]:
    """A trial's readiness gaps are raised the look-ahead before it is listed (never before today); the date lives in
    the reminders still to be sent, which the gaps' closing or the trial's outcome cancels."""
    warned = pending_reminder_dates("readiness")
    today = timezone.localdate()
    moved = 0
    for trial in Trial.objects.filter(outcome="", listed_for__gte=today, pk__in=list(warned)).only("listed_for"):
        on = max(readiness_warning_on(trial.listed_for), today)
        if on != warned[trial.pk]:
            moved += 1
            if rescheduling.applies:
                move_reminders(key_prefix=f"readiness:{trial.pk}:", on=on)
    return [Moved(moved, "readiness warning of a trial not yet held", "readiness warnings of trials not yet held")]


REFERRAL_DEADLINES: dict[str, Callable[[Rescheduling], list[Moved]]] = {
    "early_advice_days": ReferralDeadline(
        ReferralKind.EARLY_ADVICE, None, "open early advice request", "open early advice requests"
    ).reschedule,
    "charging_decision_days": ReferralDeadline(
        ReferralKind.CHARGING_DECISION, False, "open charging decision referral", "open charging decision referrals"
    ).reschedule,
    "custody_decision_days": ReferralDeadline(
        ReferralKind.CHARGING_DECISION, True, "open priority referral (in custody)", "open priority referrals (in "
        "custody)"
    ).reschedule,
}  # fmt: skip
for name, rescheduler in REFERRAL_DEADLINES.items():
    register([name], rescheduler)
register(["threshold_review_days", "ptph_days"], _reschedule_threshold_reviews)
register(
    [
        "ptph_days",
        "prosecution_case_days_custody",
        "prosecution_case_days_bail",
        "defence_response_days",
        "custody_time_limit_days",
    ],
    _reschedule_prosecutions,
)
register(["custody_time_limit_warning_days"], _reschedule_custody_time_limit_warnings)
register(["readiness_warning_days"], _reschedule_readiness_warnings)
