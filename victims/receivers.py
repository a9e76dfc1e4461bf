"""What the victims' records do when something happens to a case: a charging decision opens the letter it owes every
complainant, a not-guilty plea owes each the offer of a pre-trial meeting (``victims.letters``), and an event the
complainant's own view shows tells its people there is something new (``victims.own_view_news``). Connected from
VictimsConfig.ready()."""

from __future__ import annotations

from django.dispatch import receiver

from accounts.models import User
from cases.models import ChargingDecision, Hearing, TimelineEvent
from cases.signals import charging_decision_recorded, not_guilty_plea_entered, timeline_event_recorded
from victims.letters import open_letters_for_decision, owe_meeting_offers
from victims.own_view_news import queue_news


@receiver(charging_decision_recorded, dispatch_uid="victims.open_letters_for_decision")
def decision_letters_fall_due(*, decision: ChargingDecision, actor: User, **_: object) -> None:
    open_letters_for_decision(decision=decision, actor=actor)


@receiver(not_guilty_plea_entered, dispatch_uid="victims.owe_meeting_offers")
def meeting_offers_fall_due(*, hearing: Hearing, actor: User, **_: object) -> None:
    owe_meeting_offers(hearing=hearing, actor=actor)


@receiver(timeline_event_recorded, dispatch_uid="victims.own_view_news")
def news_for_the_own_view(*, event: TimelineEvent, **_: object) -> None:
    queue_news(event)
