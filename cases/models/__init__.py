"""The case records: the case and its suspects, reference data, the pre-charge stages and the timeline."""

from cases.models.case import Case, CaseQuerySet, Suspect, validate_urn
from cases.models.precharge import ChargingDecision, PoliceNfa, Prfi, Referral
from cases.models.reference import CaseFlag, Offence
from cases.models.timeline import TimelineEvent

__all__ = [
    "Case",
    "CaseFlag",
    "CaseQuerySet",
    "ChargingDecision",
    "Offence",
    "PoliceNfa",
    "Prfi",
    "Referral",
    "Suspect",
    "TimelineEvent",
    "validate_urn",
]
