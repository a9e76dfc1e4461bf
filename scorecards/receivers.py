"""The one hook that keeps the journey facts: every write to a case's journey records a timeline event in its
transaction, and the case's fact rows are rewritten from its records there and then (``scorecards.journey_facts``)."""

from typing import Any

from django.dispatch import receiver

from cases.models import TimelineEvent
from cases.signals import timeline_event_recorded
from scorecards import journey_facts


@receiver(timeline_event_recorded, sender=TimelineEvent, dispatch_uid="scorecards.journey_facts")
def keep_journey_facts(sender: type[TimelineEvent], event: TimelineEvent, **kwargs: Any) -> None:
    journey_facts.refresh([event.case_id])
