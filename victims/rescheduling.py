"""What moves in the complainants' records when an administrator changes a deadline number
(``deadlines.reschedulers``): the due date of each decision letter not yet sent (1 or 5 working days after the
decision, by the complainant's rights), the date an open Victims' Right to Review request is answered by, and the
follow-up of a pre-trial meeting offer not yet answered, each with its reminders still to be sent. Only the items
whose date changes are written or counted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import cast

from deadlines import letter_due, meeting_follow_up_on, vrr_respond_by
from deadlines.reschedulers import Moved, Rescheduling, register
from reminders.services import move_reminders, pending_reminder_dates
from victims.models import Communication, PreTrialMeeting, VrrRequest
from victims.models.communications import DECISION_LETTERS


def _letters(*, enhanced_rights: bool) -> Callable[[Rescheduling], list[Moved]]:
    """The unsent decision letters of complainants with (or without) enhanced rights, and their two reminders (due
    today, overdue the day after, which names the due date)."""

    def reschedule(rescheduling: Rescheduling) -> list[Moved]:
        letters = Communication.objects.unsent().filter(
            kind__in=sorted(DECISION_LETTERS),
            decision_on__isnull=False,
            complainant__enhanced_rights=enhanced_rights,
        )
        moved = []
        for letter in letters.only("pk", "decision_on", "due_on").order_by("pk"):
            due = letter_due(cast(date, letter.decision_on), enhanced_rights=enhanced_rights)  # the query's: not None
            if due == letter.due_on:
                continue
            if rescheduling.applies:
                move_reminders(key_prefix=f"letter:{letter.pk}:due:", on=due)
                if letter.due_on is not None:
                    move_reminders(
                        key_prefix=f"letter:{letter.pk}:overdue:",
                        on=due + timedelta(days=1),
                        dated=(letter.due_on, due),
                    )
            letter.due_on = due
            moved.append(letter)
        rescheduling.save(Communication, moved, ["due_on"])
        return [Moved(len(moved), "unsent decision letter", "unsent decision letters")]

    return reschedule


def _reschedule_vrr_requests(rescheduling: Rescheduling) -> list[Moved]:
    moved = []
    for request in VrrRequest.objects.filter(outcome="").only("pk", "received_on", "respond_by").order_by("pk"):
        respond_by = vrr_respond_by(request.received_on)
        if respond_by != request.respond_by:
            request.respond_by = respond_by
            moved.append(request)
            if rescheduling.applies:
                move_reminders(key_prefix=f"vrr:{request.pk}:", on=respond_by)
    rescheduling.save(VrrRequest, moved, ["respond_by"])
    return [Moved(len(moved), "open Victims' Right to Review request", "open Victims' Right to Review requests")]


def _reschedule_meeting_follow_ups(rescheduling: Rescheduling) -> list[Moved]:
    """An unanswered offer is followed up on the day its reminder, still to be sent, is due."""
    follow_ups = pending_reminder_dates("meeting")
    offers = PreTrialMeeting.objects.filter(held_on__isnull=True, declined_on__isnull=True, pk__in=list(follow_ups))
    moved = 0
    for meeting in offers.only("pk", "offered_on"):
        on = meeting_follow_up_on(meeting.offered_on)
        if on != follow_ups[meeting.pk]:
            moved += 1
            if rescheduling.applies:
                move_reminders(key_prefix=f"meeting:{meeting.pk}:", on=on)
    return [Moved(moved, "unanswered pre-trial meeting offer", "unanswered pre-trial meeting offers")]


register(["letter_working_days_enhanced"], _letters(enhanced_rights=True))
register(["letter_working_days_standard"], _letters(enhanced_rights=False))
register(["vrr_response_working_days"], _reschedule_vrr_requests)
register(["meeting_follow_up_days"], _reschedule_meeting_follow_ups)
