"""When the own view has something new to tell: an event recorded on a case that the portal shows the complainant (a
suspect's journey moving on, a hearing, a letter sent to them, a special measure for them) queues a news message for
each person with standing access to it (victims.invitations.standing), and for the ISVA only when the complainant
asked that their ISVA be copied. At most one waits per person (victims.own_view_messages), so a day of events is one
message. Heard through cases.signals.timeline_event_recorded (victims.receivers)."""

from __future__ import annotations

from cases.models import TimelineEvent
from cases.models.timeline import Verb
from victims.invitations import standing
from victims.models import CommunicationWishes, Invitation
from victims.models.own_view import MessageKind
from victims.own_view import message_channel
from victims.own_view_messages import queue_message

# Events that move a suspect's journey on (the portal's "where the case is now") and its hearings: news for every
# complainant of the case.
JOURNEY_NEWS = frozenset(
    {
        Verb.EARLY_ADVICE_REQUESTED,
        Verb.EARLY_ADVICE_GIVEN,
        Verb.REFERRED_FOR_CHARGING_DECISION,
        Verb.CHARGING_DECISION_RECORDED,
        Verb.PRFI,
        Verb.REOPENED_AFTER_PRFI,
        Verb.POLICE_NFA,
        Verb.REFERRED_BACK_FOR_REVIEW,
        Verb.SENT_TO_CROWN_COURT,
        Verb.HEARING_LISTED,
        Verb.HEARING_RECORDED,
        Verb.HEARING_HELD,
        Verb.TRIAL_LISTED,
        Verb.TRIAL_OUTCOME,
        Verb.CASE_OUTCOME,
        Verb.SENTENCED,
        Verb.ACTION_PLAN_SET,
        Verb.ACTION_PLAN_ANSWERED,
    }
)
# Events about one complainant (the payload's "complainant" label): news for that complainant only.
COMPLAINANT_NEWS = frozenset({Verb.LETTER_SENT, Verb.SPECIAL_MEASURE_RECORDED})


def queue_news(event: TimelineEvent) -> None:
    """Queue "something new" for whoever the event is news to; nothing (and no query) for any other event."""
    if event.verb in JOURNEY_NEWS:
        invitations = Invitation.objects.filter(complainant__case_id=event.case_id)
    elif event.verb in COMPLAINANT_NEWS:
        invitations = Invitation.objects.filter(
            complainant__case_id=event.case_id, complainant__label=event.payload.get("complainant")
        )
    else:
        return
    for invitation in invitations.filter(accepted_at__isnull=False, revoked_at__isnull=True).select_related(
        "complainant"
    ):
        if invitation.for_isva and not _copies_isva(invitation):
            continue
        if not invitation.for_isva and message_channel(_wishes(invitation)) is None:
            continue  # they asked not to be written to by e-mail or text
        if standing(invitation):
            queue_message(invitation, MessageKind.NEWS)


def _wishes(invitation: Invitation) -> CommunicationWishes | None:
    return CommunicationWishes.objects.filter(complainant_id=invitation.complainant_id).first()


def _copies_isva(invitation: Invitation) -> bool:
    wishes = _wishes(invitation)
    return wishes is not None and wishes.copy_isva
