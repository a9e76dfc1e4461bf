"""The case records whose every change is kept for the case's history (audit.history), each with the path from it to
its case, and the rule every journey app follows: the force and Area a stage record copies from its case are not
kept in its history (the case keeps them)."""

from __future__ import annotations

from django.db import models
from simple_history import register

from audit.history import keep_history
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    Plea,
    PoliceNfa,
    Prfi,
    Prosecution,
    ReadinessCheck,
    ReadinessItem,
    Referral,
    Suspect,
    Trial,
)
from cases.models.case import InCaseOrganisations

# The case's force and Area, copied onto stage records for the lists (InCaseOrganisations); the case keeps them.
CASE_ORGANISATION_FIELDS = ("police_force", "cps_area")


def keep_journey_history(model: type[models.Model], *, case_path: str, excluded_fields: tuple[str, ...] = ()) -> None:
    """Keep a journey record's history, leaving out the case's force and Area where the record copies them."""
    copied = CASE_ORGANISATION_FIELDS if issubclass(model, InCaseOrganisations) else ()
    keep_history(model, case_path=case_path, excluded_fields=(*excluded_fields, *copied))


keep_journey_history(Case, case_path="id")
keep_journey_history(Suspect, case_path="case")
keep_journey_history(Referral, case_path="suspect__case")
keep_journey_history(ChargingDecision, case_path="referral__suspect__case")
keep_journey_history(Prfi, case_path="referral__suspect__case")
keep_journey_history(PoliceNfa, case_path="suspect__case")
keep_journey_history(Hearing, case_path="suspect__case")
keep_journey_history(Prosecution, case_path="suspect__case")
keep_journey_history(Plea, case_path="hearing__suspect__case")
keep_journey_history(Trial, case_path="suspect__case")
keep_journey_history(ReadinessCheck, case_path="trial__suspect__case")
keep_journey_history(JudgeDirection, case_path="case")

# The readiness checklist belongs to no case: its history (who added, reworded, moved or disabled an item, when and
# why) is kept in this app's tables for the administrator's checklist page.
register(ReadinessItem)
