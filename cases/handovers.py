"""Hand-overs between the police and the CPS: the steps that pass a suspect's file from one side to the other, which
side each tells, and what it is told. ``record_event`` hands every timeline event here as it is recorded, so each
hand-over tells the other side once, in the step's own transaction, whichever page, API call or service makes it.

Who is told: on the police side, the case's officer in charge (with none, the force's police supervisors); on the
CPS side, the prosecutor of the suspect's file (its referral's own allocation, else the case's allocated
prosecutor; with none, the Area's unit heads). Never the person who made the step. The wording is fixed: the case by
URN and the suspect by label, never a name, nor the words a caseworker typed.

A police NFA tells the CPS only when the CPS has a file on the suspect (advice given, plans, a PRFI: the journey's
tables refuse a police NFA while a referral is open). Not hand-overs: a file accepted at triage stays with the CPS
(only a rejection goes back to the police); a plan's last answer is told once, as the answer that answers the plan,
so the plan's own event tells no one again. A journey import writes its timeline in bulk, not through
``record_event``, so history it imports tells no one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from accounts.roles import CPS_ROLES, POLICE_ROLES, Role
from cases.models import Suspect, TimelineEvent
from cases.models.timeline import Verb
from cases.timeline import Wording, worded
from reminders.audience import Place, people_at
from reminders.models import NoticeKind, Notification
from reminders.services import Notice, notify

MESSAGE_LENGTH: int = Notification._meta.get_field("message").max_length or 200


class Side(StrEnum):
    POLICE = "police"
    CPS = "cps"

    @classmethod
    def of(cls, person: User | None) -> Side | None:
        """The side a person works on; ``None`` for anyone else (an administrator, the service itself)."""
        if person is None:
            return None
        if person.role in POLICE_ROLES:
            return cls.POLICE
        return cls.CPS if person.role in CPS_ROLES else None


def _has_a_cps_file(suspect: Suspect, payload: Mapping[str, Any]) -> bool:
    return suspect.referrals.exists()


def _rejected(suspect: Suspect, payload: Mapping[str, Any]) -> bool:
    return bool(payload.get("rejection_reasons"))


@dataclass(frozen=True)
class HandOver:
    """One hand-over: the side it tells (``None``: whichever side did not make the step, for a step either side may
    take), what it says after the case's URN, and when the step is a hand-over at all."""

    told: Side | None
    wording: Wording
    applies: Callable[[Suspect, Mapping[str, Any]], bool] = lambda suspect, payload: True


HANDOVERS: dict[Verb, HandOver] = {
    Verb.EARLY_ADVICE_REQUESTED: HandOver(
        Side.CPS, _("the police asked for early advice on %(suspect)s; due %(due_on)s")
    ),
    Verb.REFERRED_FOR_CHARGING_DECISION: HandOver(
        Side.CPS,
        {
            "": _("the police referred %(suspect)s for a charging decision; due %(due_on)s"),
            "priority": _(
                "the police referred %(suspect)s for a charging decision (priority: in custody); due %(due_on)s"
            ),
        },
    ),
    Verb.FILE_TRIAGED: HandOver(
        Side.POLICE,
        {"rejection_reasons": _("the CPS rejected the file for %(suspect)s: %(rejection_reasons)s")},
        applies=_rejected,
    ),
    Verb.EARLY_ADVICE_GIVEN: HandOver(Side.POLICE, _("the CPS gave early advice on %(suspect)s")),
    Verb.ACTION_PLAN_SET: HandOver(
        Side.POLICE,
        ngettext_lazy(
            "the CPS set %(plan)s for %(suspect)s: %(count)d action",
            "the CPS set %(plan)s for %(suspect)s: %(count)d actions",
            "count",
        ),
    ),
    # Each answer, the last one saying that the plan is answered.
    Verb.ACTION_ANSWERED: HandOver(
        Side.CPS,
        {
            "": _("the police answered action %(number)d of %(plan)s for %(suspect)s; every action is now answered"),
            "late": _(
                "the police answered action %(number)d of %(plan)s for %(suspect)s (after the agreed date); every "
                "action is now answered"
            ),
            "outstanding": ngettext_lazy(
                "the police answered action %(number)d of %(plan)s for %(suspect)s; %(outstanding)d action "
                "outstanding",
                "the police answered action %(number)d of %(plan)s for %(suspect)s; %(outstanding)d actions "
                "outstanding",
                "outstanding",
            ),
            "late+outstanding": ngettext_lazy(
                "the police answered action %(number)d of %(plan)s for %(suspect)s (after the agreed date); "
                "%(outstanding)d action outstanding",
                "the police answered action %(number)d of %(plan)s for %(suspect)s (after the agreed date); "
                "%(outstanding)d actions outstanding",
                "outstanding",
            ),
        },
    ),
    Verb.CHARGING_DECISION_RECORDED: HandOver(
        Side.POLICE,
        _("the CPS recorded its charging decision on %(suspect)s: %(decision_outcome)s (%(decision_test)s)"),
    ),
    Verb.PRFI: HandOver(
        Side.POLICE,
        _("%(referral_kind)s file for %(suspect)s closed by the CPS as PRFI: it waits on the police's response"),
    ),
    Verb.REOPENED_AFTER_PRFI: HandOver(
        None, _("%(referral_kind)s file for %(suspect)s reopened after PRFI; due %(due_on)s")
    ),
    Verb.POLICE_NFA: HandOver(
        Side.CPS,
        _("the police took no further action on %(suspect)s (Home Office outcome %(crime_outcome)s)"),
        applies=_has_a_cps_file,
    ),
    Verb.REFERRED_BACK_FOR_REVIEW: HandOver(
        Side.POLICE, _("an NFA scrutiny panel referred %(suspect)s back: the police's review is open again")
    ),
}


def _the_police(event: TimelineEvent) -> list[User]:
    case = event.case
    place = Place(police_force_id=case.police_force_id)
    return people_at(place, named=[case.officer_in_charge]) or people_at(place, force_roles=[Role.POLICE_SUPERVISOR])


def _the_cps(event: TimelineEvent, suspect: Suspect) -> list[User]:
    case = event.case
    referrals = list(
        suspect.referrals.select_related("allocated_prosecutor", "suspect__case__allocated_prosecutor").order_by(
            "received_on", "id"
        )
    )
    current = next((r for r in referrals if r.closed_on is None), referrals[-1] if referrals else None)
    prosecutor = current.prosecutor if current is not None else case.allocated_prosecutor
    place = Place(cps_area_id=case.cps_area_id)
    return people_at(place, named=[prosecutor]) or people_at(place, area_roles=[Role.UNIT_HEAD])


def tell_the_other_side(event: TimelineEvent) -> None:
    """If the event is a hand-over made by one side, tell the other side's people: never the person who made it, who
    is on the side that made it."""
    handover = HANDOVERS.get(Verb(event.verb))
    suspect = event.suspect
    made_by = Side.of(event.actor)
    if handover is None or suspect is None or made_by is None:
        return
    told = handover.told or (Side.CPS if made_by == Side.POLICE else Side.POLICE)
    if told == made_by or not handover.applies(suspect, event.payload):
        return
    people = _the_police(event) if told == Side.POLICE else _the_cps(event, suspect)
    message = f"Case {event.case.urn}: {worded(handover.wording, event.payload)}"[:MESSAGE_LENGTH]
    notify(Notice(person, event.case_id, message, NoticeKind.HANDOVER) for person in people)
