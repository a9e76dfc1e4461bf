"""The case records: the case and its suspects, reference data, the pre-charge stages and the timeline."""

from cases.models.case import Case, CaseQuerySet, Suspect, validate_urn
from cases.models.court import (
    Hearing,
    JudgeDirection,
    Plea,
    Prosecution,
    ReadinessCheck,
    ReadinessItem,
    Trial,
)
from cases.models.precharge import ChargingDecision, PoliceNfa, Prfi, Referral
from cases.models.reference import CaseFlag, Offence
from cases.models.timeline import TimelineEvent

__all__ = [
    "Case",
    "CaseFlag",
    "CaseQuerySet",
    "ChargingDecision",
    "Hearing",
    "JudgeDirection",
    "Offence",
    "Plea",
    "PoliceNfa",
    "Prfi",
    "Prosecution",
    "ReadinessCheck",
    "ReadinessItem",
    "Referral",
    "Suspect",
    "TimelineEvent",
    "Trial",
    "validate_urn",
]

from cases import history  # noqa: F401 - registers these records' history (audit) as they are imported
