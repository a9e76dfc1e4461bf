"""What every case service does first and last: check the actor may act, move the status, write the timeline."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from cases.models import Case, Suspect, TimelineEvent
from cases.models.timeline import Stage
from cases.transitions import Event, check_transition


def require_in_scope(actor: User, case: Case) -> None:
    """Views answer 404 before this; services refuse too, so no caller can write outside the actor's scope."""
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("This case is outside your organisation.")


def move(*, actor: User, suspect: Suspect, event: Event) -> Suspect:
    """Apply a declared transition to a suspect locked for update; refuses a move the table does not allow."""
    locked = Suspect.objects.select_for_update().get(pk=suspect.pk)
    locked.pre_charge_status = check_transition(event=event, status=locked.pre_charge_status, role=actor.role)
    locked.save(update_fields=["pre_charge_status"])
    suspect.pre_charge_status = locked.pre_charge_status
    return suspect


def record_event(
    *,
    actor: User | None,
    suspect: Suspect | None = None,
    case: Case | None = None,
    verb: str,
    stage: Stage,
    summary: str,
) -> TimelineEvent:
    """Add an event to the case's timeline; an event about a suspect belongs to the suspect's case."""
    the_case = case if case is not None else suspect.case if suspect is not None else None
    if the_case is None:
        raise ValueError("A timeline event needs a case or a suspect.")
    return TimelineEvent.objects.create(
        case=the_case, suspect=suspect, actor=actor, verb=verb, stage=stage, summary=summary[:300]
    )


def check_date(field: str, value: date, *, not_before: date | None = None, before_what: str = "") -> None:
    """A date must not be in the future, nor before the date it follows."""
    if value > timezone.localdate():
        raise ValidationError({field: "The date must be today or in the past."})
    if not_before is not None and value < not_before:
        raise ValidationError({field: f"The date must be on or after {before_what} ({not_before:%-d %B %Y})."})


def require_text(**fields: str) -> None:
    missing = {name: "Enter this information." for name, value in fields.items() if not value.strip()}
    if missing:
        raise ValidationError(missing)
