"""The complainant records whose every change is kept for the case's history (audit.history), each with the path
from it to its case. A complainant's identity is not copied into the history: it is encrypted in one place only, and
every read of it is logged."""

from __future__ import annotations

from simple_history import register

from cases.history import keep_journey_history
from victims.models import (
    IDENTITY_FIELDS,
    Communication,
    CommunicationWishes,
    Complainant,
    Invitation,
    Isva,
    LetterTemplate,
    OwnViewRequest,
    PreTrialMeeting,
    SpecialMeasure,
    VrrRequest,
)

keep_journey_history(Complainant, case_path="case", excluded_fields=IDENTITY_FIELDS)
keep_journey_history(CommunicationWishes, case_path="complainant__case")
keep_journey_history(Isva, case_path="complainant__case")
keep_journey_history(SpecialMeasure, case_path="complainant__case")
keep_journey_history(PreTrialMeeting, case_path="complainant__case")
# Whether the officer changed a draft is the letter page's working note (the history keeps the text's changes).
keep_journey_history(Communication, case_path="complainant__case", excluded_fields=("edited",))
keep_journey_history(VrrRequest, case_path="complainant__case")
keep_journey_history(Invitation, case_path="complainant__case")
keep_journey_history(OwnViewRequest, case_path="invitation__complainant__case")

# Not a journey record (no case): an administrator's edits of a template are kept with who made them and why.
register(LetterTemplate, app="victims")
