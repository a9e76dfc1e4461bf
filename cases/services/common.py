"""What every case service does first and last: check the actor may act, move the status, write the timeline."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from cases.handovers import tell_the_other_side
from cases.identity_screen import Screen
from cases.models import Case, Referral, Suspect, TimelineEvent
from cases.models.timeline import Stage, Verb
from cases.signals import timeline_event_recorded
from cases.timeline import QUOTED, Fact
from cases.transitions import Event, Facts, ReferralKind, check_transition


def require_in_scope(actor: User, case: Case) -> None:
    """Views answer 404 before this; services refuse too, so no caller can write outside the actor's scope."""
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("This case is outside your organisation.")


def facts_from(referrals: list[Referral], *, open_plans: int) -> Facts:
    """What the transition tables read of a suspect's file: its referrals in order (with their PRFIs) and how many
    action plans are open."""
    latest = referrals[-1] if referrals else None
    open_referral = next((r for r in referrals if r.closed_on is None), None)
    return Facts(
        open_referral=open_referral.kind if open_referral else None,
        latest_referral=latest.kind if latest else None,
        early_advice_given=any(r.kind == ReferralKind.EARLY_ADVICE and r.closed_on and r.advice for r in referrals),
        open_plans=open_plans,
        prfi=latest is not None and any(p.reopened_on is None for p in latest.prfis.all()),
    )


def facts_of(suspect: Suspect) -> Facts:
    """The suspect's file as the transition tables read it, from its records."""
    return facts_from(
        list(suspect.referrals.order_by("received_on", "id").prefetch_related("prfis")),
        # Read by the reverse relation: action plans build on cases, not cases on them.
        open_plans=suspect.action_plans.filter(closed_on__isnull=True).count(),
    )


def require_the_file(referral: Referral, *, rule: str) -> None:
    """Steps on a suspect's file (PRFI, a plan) act on its open referral or, with none open, the most recent one;
    any other referral is refused, naming the rule and the referral it applies to."""
    referrals = list(referral.suspect.referrals.order_by("received_on", "id"))
    current = next((r for r in referrals if r.closed_on is None), referrals[-1])
    if current.pk != referral.pk:
        raise ValidationError(
            f"{rule}: the {current.get_kind_display().lower()} referral received {current.received_on:%-d %B %Y}."
        )


def move(*, actor: User, suspect: Suspect, event: Event) -> Suspect:
    """Apply a declared transition to a suspect locked for update, before the step writes its records; refuses a
    move the tables do not allow from the suspect's status and file."""
    locked = Suspect.objects.select_for_update().get(pk=suspect.pk)
    locked.status = check_transition(event=event, status=locked.status, role=actor.role, facts=facts_of(locked))
    locked.save(update_fields=["status"])
    suspect.status = locked.status
    return suspect


def record_event(
    *,
    actor: User | None,
    suspect: Suspect | None = None,
    case: Case | None = None,
    verb: Verb,
    stage: Stage,
    payload: Mapping[str, Fact] | None = None,
) -> TimelineEvent:
    """Add an event to the case's timeline with the facts its wording names (``cases.timeline``); an event about a
    suspect belongs to the suspect's case. Caseworkers' words quoted in it pass the identity screen now, and the
    whole wording passes it again when it is shown. Other apps hear of every event through
    ``cases.signals.timeline_event_recorded``, sent in the same transaction."""
    the_case = case if case is not None else suspect.case if suspect is not None else None
    if the_case is None:
        raise ValueError("A timeline event needs a case or a suspect.")
    facts = {name: value.isoformat() if isinstance(value, date) else value for name, value in (payload or {}).items()}
    if quoted := QUOTED & facts.keys():
        screen = Screen([the_case.pk])
        facts |= {name: screen(the_case.pk, str(facts[name])) for name in quoted}
    event = TimelineEvent.objects.create(
        case=the_case, suspect=suspect, actor=actor, verb=verb, stage=stage, payload=facts
    )
    tell_the_other_side(event)  # a hand-over between police and CPS tells the other side (cases.handovers)
    timeline_event_recorded.send(sender=TimelineEvent, event=event)  # other apps hear of it (cases.signals)
    return event


def check_date(field: str, value: date, *, not_before: date | None = None, before_what: str = "") -> None:
    """A date must not be in the future, nor before the date it follows."""
    if value > timezone.localdate():
        raise ValidationError({field: "The date must be today or in the past."})
    if not_before is not None and value < not_before:
        raise ValidationError({field: f"The date must be on or after {before_what} ({not_before:%-d %B %Y})."})


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (28 February for a 29 February in a year that has none)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# Longer than anyone living: no complainant was born, and no non-recent case was reported or begun, further back.
LIFETIME_YEARS = 120


def check_within_a_lifetime(field: str, value: date, *, label: str) -> None:
    """A date that is today or in the past, and not more than ``LIFETIME_YEARS`` ago: the one bound on a date of
    birth, a date reported and an offence's start, whichever page or API client gives it."""
    if value > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past."})
    earliest = years_before(timezone.localdate(), LIFETIME_YEARS)
    if value < earliest:
        raise ValidationError(
            {field: f"{label} must be on or after {earliest:%-d %B %Y} ({LIFETIME_YEARS} years ago)."}
        )


def require_text(**fields: str) -> None:
    missing = {name: "Enter this information." for name, value in fields.items() if not value.strip()}
    if missing:
        raise ValidationError(missing)
