"""What each deadline number is, for the page that changes it and the record that keeps it: its group (pre-charge,
after charge, the Victims' Code), its unit, whether a published source fixes it or DOMAIN.md gives it as a
**[default]**, the environment variable that seeds it and the value DOMAIN.md documents, and the bounds a new value
must keep. Every field of ``deadlines.Deadlines`` has one definition, and only those."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Group(StrEnum):
    PRE_CHARGE = "Pre-charge"
    AFTER_CHARGE = "After charge"
    VICTIMS_CODE = "Victims' Code"


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working days"
    WEEKS = "weeks"
    MONTHS = "months"

    def of(self, number: int) -> str:
        """The number with its unit, "1 working day", "21 days"."""
        return f"{number} {self.value.removesuffix('s') if number == 1 else self.value}"


@dataclass(frozen=True)
class Definition:
    """One deadline number. ``published``: a published target (its source named), not a **[default]** of DOMAIN.md;
    both may be changed, a published one with a warning. ``several``: a list of numbers (the custody time limit's
    warnings), each within the bounds."""

    name: str
    label: str
    group: Group
    unit: Unit
    documented: int | tuple[int, ...]
    environment: str
    minimum: int
    maximum: int
    published: str = ""
    several: bool = False

    def shown(self, value: int | tuple[int, ...]) -> str:
        """A value as the pages show it: "21 days", "28 days and 7 days"."""
        if isinstance(value, tuple):
            return " and ".join(self.unit.of(number) for number in value) or "None"
        return self.unit.of(value)


DEFINITIONS: dict[str, Definition] = {
    definition.name: definition
    for definition in [
        Definition(
            "early_advice_days", "Early advice returned within", Group.PRE_CHARGE, Unit.DAYS, 21,
            "EARLY_ADVICE_DAYS", 1, 90, published="CPS National Operating Model, July 2023",
        ),
        Definition(
            "charging_decision_days", "Charging decision (suspect not in custody) within", Group.PRE_CHARGE,
            Unit.DAYS, 28, "CHARGING_DECISION_DAYS", 1, 90, published="CPS data summaries",
        ),
        Definition(
            "custody_decision_days", "Charging decision (suspect in custody, a priority) within", Group.PRE_CHARGE,
            Unit.DAYS, 0, "CUSTODY_DECISION_DAYS", 0, 7,
        ),
        Definition(
            "threshold_review_days", "Threshold Test charge reviewed under the Full Code Test within",
            Group.PRE_CHARGE, Unit.DAYS, 28, "THRESHOLD_REVIEW_DAYS", 1, 182,
        ),
        Definition(
            "ptph_days", "Plea and trial preparation hearing (PTPH) after sending", Group.AFTER_CHARGE, Unit.DAYS,
            28, "PTPH_DAYS", 1, 182, published="Criminal Procedure Rules; Better Case Management",
        ),
        Definition(
            "prosecution_case_days_custody", "Prosecution case served after sending (custody)", Group.AFTER_CHARGE,
            Unit.DAYS, 50, "PROSECUTION_CASE_DAYS_CUSTODY", 1, 182, published="Better Case Management",
        ),
        Definition(
            "prosecution_case_days_bail", "Prosecution case served after sending (bail)", Group.AFTER_CHARGE,
            Unit.DAYS, 70, "PROSECUTION_CASE_DAYS_BAIL", 1, 365, published="Better Case Management",
        ),
        Definition(
            "defence_response_days", "Defence response after the prosecution case", Group.AFTER_CHARGE, Unit.DAYS,
            28, "DEFENCE_RESPONSE_DAYS", 1, 182, published="Better Case Management",
        ),
        Definition(
            "custody_time_limit_days", "Custody time limit, from sending to the start of trial",
            Group.AFTER_CHARGE, Unit.DAYS, 182, "CUSTODY_TIME_LIMIT_DAYS", 1, 365,
            published="Prosecution of Offences (Custody Time Limits) Regulations 1987",
        ),
        Definition(
            "custody_time_limit_warning_days", "Warnings before the custody time limit expires", Group.AFTER_CHARGE,
            Unit.DAYS, (28, 7), "CUSTODY_TIME_LIMIT_WARNING_DAYS", 1, 182, several=True,
        ),
        Definition(
            "readiness_warning_days", "Readiness gaps raised before the trial", Group.AFTER_CHARGE, Unit.DAYS, 14,
            "READINESS_WARNING_DAYS", 1, 182,
        ),
        Definition(
            "trials_at_risk_weeks", "Trials with readiness gaps count as at risk within", Group.AFTER_CHARGE,
            Unit.WEEKS, 6, "TRIALS_AT_RISK_WEEKS", 1, 52,
        ),
        Definition(
            "listing_ahead_days", "Furthest ahead a hearing or trial may be listed", Group.AFTER_CHARGE, Unit.DAYS,
            730, "LISTING_AHEAD_DAYS", 30, 1826,
        ),
        Definition(
            "letter_working_days_enhanced", "Decision letter (enhanced rights) within", Group.VICTIMS_CODE,
            Unit.WORKING_DAYS, 1, "LETTER_WORKING_DAYS_ENHANCED", 1, 20,
            published="Victims' Code; Victim Communication and Liaison scheme",
        ),
        Definition(
            "letter_working_days_standard", "Decision letter (other victims) within", Group.VICTIMS_CODE,
            Unit.WORKING_DAYS, 5, "LETTER_WORKING_DAYS_STANDARD", 1, 20,
            published="Victims' Code; Victim Communication and Liaison scheme",
        ),
        Definition(
            "vrr_months", "Victims' Right to Review request accepted within", Group.VICTIMS_CODE, Unit.MONTHS, 3,
            "VRR_MONTHS", 1, 12, published="CPS Victims' Right to Review scheme",
        ),
        Definition(
            "vrr_response_working_days", "Victims' Right to Review request answered within", Group.VICTIMS_CODE,
            Unit.WORKING_DAYS, 30, "VRR_RESPONSE_WORKING_DAYS", 1, 90,
        ),
        Definition(
            "meeting_follow_up_days", "Unanswered pre-trial meeting offer followed up after", Group.VICTIMS_CODE,
            Unit.DAYS, 14, "MEETING_FOLLOW_UP_DAYS", 1, 90,
        ),
    ]
}  # fmt: skip
