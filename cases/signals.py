"""Signals other apps listen to, so that cases never imports them (DESIGN.md: apps depend one way)."""

from django.dispatch import Signal

# Sent inside the transaction that closes a suspect's file before charge (a charging decision, PRFI or police NFA),
# with ``suspect``, ``actor``, ``closed_on``, ``prfi`` (True when the CPS closed the file pending the police's
# response) and ``reason`` in words: the suspect's open action plans close with it.
file_closed = Signal()

# Sent inside the transaction that records a charging decision, with ``decision`` and ``actor``: the Victims' Code
# clock for the letter that reports it starts here.
charging_decision_recorded = Signal()

# Sent inside the transaction that records a not-guilty plea, with ``hearing`` and ``actor``: every adult RASSO victim
# is then offered a pre-trial meeting.
not_guilty_plea_entered = Signal()

# Sent inside the transaction of every event added to a case's timeline (``cases.services.common.record_event``), with
# ``sender=TimelineEvent`` and ``event``: the complainant's own view tells its people there is something new.
timeline_event_recorded = Signal()
