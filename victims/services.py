"""Every write to a complainant's record other than identity (victims.identity) and letters (victims.letters):
communication wishes, ISVA, special measures, withdrawal of support, pre-trial meetings, Victims' Right to Review
and survey responses. Pages and API call these."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from cases.limits import check_lengths
from cases.models.timeline import Stage, Verb
from cases.services.common import check_date, record_event, require_text
from deadlines import meeting_follow_up_on, vrr_in_time, vrr_respond_by
from reminders.audience import Place, people_at
from reminders.services import cancel_reminders, remind_on
from victims.identity import require_caseworker
from victims.letters import LETTER_WRITERS
from victims.models import (
    CommunicationWishes,
    Complainant,
    Invitation,
    Isva,
    MeasureStatus,
    PreTrialMeeting,
    SpecialMeasure,
    SpecialMeasureKind,
    SurveyResponse,
    VrrRequest,
)
from victims.models.complainant import AccessibleFormat, Channel, WithdrawalStage
from victims.models.limits import LANGUAGE_MAX_LENGTH, SAFE_TIMES_MAX_LENGTH
from victims.models.review import SurveyQuestion, VrrOutcome
from victims.own_view import CONSENT_WITHDRAWN, ISVA_CHANGED, end_invitation, follow_wishes


def _require_cps(actor: User, complainant: Complainant) -> None:
    require_caseworker(actor, complainant.case)
    LETTER_WRITERS.require(actor.role)


def _event(actor: User, complainant: Complainant, verb: Verb, **facts: str) -> None:
    record_event(
        actor=actor,
        case=complainant.case,
        verb=verb,
        stage=Stage.VICTIM,
        payload={"complainant": complainant.label, **facts},
    )


@transaction.atomic
def record_wishes(
    *,
    actor: User,
    complainant: Complainant,
    channel: str,
    updated_on: date,
    safe_times: str = "",
    language: str = "English",
    interpreter: bool = False,
    accessible_formats: list[str] | None = None,
    others_who_may_be_told: str = "",
    no_contact: bool = False,
    copy_isva: bool = False,
) -> CommunicationWishes:
    require_caseworker(actor, complainant.case)
    if channel not in Channel.values:
        raise ValidationError({"channel": "Select how the complainant wants to be contacted."})
    formats = sorted(set(accessible_formats or []))
    if set(formats) - set(AccessibleFormat.values):
        raise ValidationError({"accessible_formats": "Select formats from the list."})
    check_date("updated_on", updated_on)
    check_lengths(others_who_may_be_told=others_who_may_be_told)
    check_lengths(limit=SAFE_TIMES_MAX_LENGTH, safe_times=safe_times)
    check_lengths(limit=LANGUAGE_MAX_LENGTH, language=language)
    wishes, _ = CommunicationWishes.objects.update_or_create(
        complainant=complainant,
        defaults={
            "channel": channel,
            "safe_times": safe_times,
            "language": language.strip() or "English",
            "interpreter": interpreter,
            "accessible_formats": formats,
            "others_who_may_be_told": others_who_may_be_told,
            "no_contact": no_contact,
            "copy_isva": copy_isva,
            "updated_on": updated_on,
        },
    )
    _event(actor, complainant, Verb.WISHES_RECORDED)
    follow_wishes(complainant)
    return wishes


@transaction.atomic
def record_isva(
    *, actor: User, complainant: Complainant, kind: str, organisation: str, contact: str, consent_to_share: bool
) -> Isva:
    """The complainant's ISVA. Withdrawing consent to sharing, or another adviser's contact, ends the ISVA's access to
    the own view at once (their standing invitation is revoked)."""
    require_caseworker(actor, complainant.case)
    require_text(organisation=organisation, contact=contact)
    before = Isva.objects.filter(complainant=complainant).first()
    isva, _ = Isva.objects.update_or_create(
        complainant=complainant,
        defaults={
            "kind": kind,
            "organisation": organisation,
            "contact": contact,
            "consent_to_share": consent_to_share,
        },
    )
    isva.full_clean()
    _event(actor, complainant, Verb.ISVA_RECORDED, isva=isva.get_kind_display().split(" ")[0])
    standing = Invitation.objects.filter(complainant=complainant, for_isva=True, revoked_at__isnull=True).first()
    if standing is not None and not consent_to_share:
        end_invitation(actor=actor, invitation=standing, reason=CONSENT_WITHDRAWN)
    elif standing is not None and before is not None and before.contact.strip() != contact.strip():
        end_invitation(actor=actor, invitation=standing, reason=ISVA_CHANGED)
    return isva


@transaction.atomic
def record_special_measure(
    *,
    actor: User,
    complainant: Complainant,
    measure: str,
    status: str,
    decided_on: date,
    s28_recording_on: date | None = None,
) -> SpecialMeasure:
    _require_cps(actor, complainant)
    if measure not in SpecialMeasureKind.values:
        raise ValidationError({"measure": "Select the special measure."})
    if status not in MeasureStatus.values:
        raise ValidationError({"status": "Select where the application stands."})
    check_date("decided_on", decided_on)
    granted_s28 = measure == SpecialMeasureKind.PRE_RECORDED_CROSS_EXAMINATION and status == MeasureStatus.GRANTED
    if s28_recording_on is not None and not granted_s28:
        raise ValidationError({"s28_recording_on": "A recording date is only for a granted s.28 application."})
    record, _ = SpecialMeasure.objects.update_or_create(
        complainant=complainant,
        measure=measure,
        defaults={"status": status, "decided_on": decided_on, "s28_recording_on": s28_recording_on},
    )
    _event(
        actor,
        complainant,
        Verb.SPECIAL_MEASURE_RECORDED,
        measure=record.get_measure_display(),
        status=record.get_status_display().lower(),
    )
    return record


@transaction.atomic
def record_withdrawal(*, actor: User, complainant: Complainant, withdrew_on: date, stage: str) -> Complainant:
    """The complainant withdrew support for the case (counted for attrition by stage)."""
    require_caseworker(actor, complainant.case)
    if stage not in WithdrawalStage.values:
        raise ValidationError({"stage": "Select the stage the case had reached."})
    check_date("withdrew_on", withdrew_on, not_before=complainant.case.reported_on, before_what="the report")
    complainant.withdrew_support_on = withdrew_on
    complainant.withdrawal_stage = stage
    complainant.save(update_fields=["withdrew_support_on", "withdrawal_stage"])
    _event(actor, complainant, Verb.SUPPORT_WITHDRAWN)
    return complainant


def _remind_area(complainant: Complainant, *, key: str, on: date, message: str, roles: frozenset[str]) -> None:
    case = complainant.case
    people = people_at(Place(cps_area_id=case.cps_area_id), area_roles=roles)
    remind_on(people=people, about=case, key=key, on=on, message=message)


@transaction.atomic
def offer_meeting(*, actor: User, complainant: Complainant, offered_on: date) -> PreTrialMeeting:
    _require_cps(actor, complainant)
    check_date("offered_on", offered_on)
    meeting = PreTrialMeeting.objects.create(complainant=complainant, offered_on=offered_on)
    _remind_area(
        complainant,
        key=f"meeting:{meeting.pk}",
        on=meeting_follow_up_on(offered_on),
        message=f"no answer yet to the pre-trial meeting offered to {complainant.label}",
        roles=frozenset({Role.VICTIM_LIAISON_OFFICER}),
    )
    _event(actor, complainant, Verb.MEETING_OFFERED)
    return meeting


@transaction.atomic
def answer_meeting(*, actor: User, meeting: PreTrialMeeting, on: date, held: bool) -> PreTrialMeeting:
    complainant = meeting.complainant
    _require_cps(actor, complainant)
    if meeting.held_on or meeting.declined_on:
        raise ValidationError("This meeting offer has already been answered.")
    check_date("on", on, not_before=meeting.offered_on, before_what="the offer")
    if held:
        meeting.held_on = on
    else:
        meeting.declined_on = on
    meeting.save(update_fields=["held_on", "declined_on"])
    cancel_reminders(key_prefix=f"meeting:{meeting.pk}:")
    _event(actor, complainant, Verb.MEETING_HELD if held else Verb.MEETING_DECLINED)
    return meeting


@transaction.atomic
def record_vrr_request(
    *, actor: User, complainant: Complainant, decision_letter_on: date, received_on: date, late_exceptional: bool
) -> VrrRequest:
    """A caseworker records a request the complainant made to the CPS."""
    _require_cps(actor, complainant)
    return receive_vrr_request(
        actor=actor,
        complainant=complainant,
        decision_letter_on=decision_letter_on,
        received_on=received_on,
        late_exceptional=late_exceptional,
    )


def receive_vrr_request(
    *, actor: User, complainant: Complainant, decision_letter_on: date, received_on: date, late_exceptional: bool
) -> VrrRequest:
    """The scheme's rules, whoever records the request (a caseworker above, or the complainant from their own view,
    victims.own_requests): accepted up to 3 months after the decision letter; a later one only exceptionally. The
    caller checks who is asking and holds the transaction."""
    check_date("received_on", received_on, not_before=decision_letter_on, before_what="the decision letter")
    in_time = vrr_in_time(decision_letter_on=decision_letter_on, received_on=received_on)
    if not in_time and not late_exceptional:
        raise ValidationError(
            {"late_exceptional": "This request is more than 3 months after the letter: accept it only exceptionally."}
        )
    request = VrrRequest.objects.create(
        complainant=complainant,
        decision_letter_on=decision_letter_on,
        received_on=received_on,
        late_exceptional=not in_time,
        respond_by=vrr_respond_by(received_on),
    )
    _remind_area(
        complainant,
        key=f"vrr:{request.pk}",
        on=request.respond_by,
        message=f"the Victims' Right to Review request of {complainant.label} is due an answer today",
        roles=frozenset({Role.VICTIM_LIAISON_OFFICER, Role.UNIT_HEAD}),
    )
    _event(actor, complainant, Verb.VRR_RECEIVED)
    return request


@transaction.atomic
def record_vrr_outcome(
    *, actor: User, request: VrrRequest, outcome: str, outcome_on: date, local_resolution: str = ""
) -> VrrRequest:
    complainant = request.complainant
    _require_cps(actor, complainant)
    if outcome not in VrrOutcome.values:
        raise ValidationError({"outcome": "Select the outcome."})
    check_date("outcome_on", outcome_on, not_before=request.received_on, before_what="the request")
    if outcome == VrrOutcome.RESOLVED_LOCALLY:
        require_text(local_resolution=local_resolution)
        request.local_resolution_on = outcome_on
    check_lengths(local_resolution=local_resolution)
    request.local_resolution = local_resolution
    request.outcome = outcome
    request.outcome_on = outcome_on
    request.save()
    cancel_reminders(key_prefix=f"vrr:{request.pk}:")
    _event(actor, complainant, Verb.VRR_OUTCOME)
    return request


def record_survey_response(*, actor: User, question: str, agree: bool, responded_on: date) -> SurveyResponse:
    """An anonymous survey answer, counted for the recorder's Area."""
    LETTER_WRITERS.require(actor.role)
    if actor.cps_area_id is None:
        raise PermissionDenied("Survey responses are counted for an Area: yours is not set.")
    if question not in SurveyQuestion.values:
        raise ValidationError({"question": "Select the question."})
    check_date("responded_on", responded_on)
    return SurveyResponse.objects.create(
        cps_area_id=actor.cps_area_id, question=question, agree=agree, responded_on=responded_on
    )
