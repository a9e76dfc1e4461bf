"""The action plan records whose every change is kept for the case's history (audit.history), each with the path
from it to its case."""

from __future__ import annotations

from simple_history import register

from actionplans.models import Action, ActionPlan, ProportionalityReview, ReviewLevel, ReviewPoint
from cases.history import keep_journey_history

keep_journey_history(ActionPlan, case_path="suspect__case")
keep_journey_history(Action, case_path="plan__suspect__case")
keep_journey_history(ReviewPoint, case_path="plan__suspect__case")
keep_journey_history(ProportionalityReview, case_path="suspect__case")

# The escalation ladder belongs to no case: its history (who changed a level, when and why) is kept in this app's
# tables for the administrator's ladder page.
register(ReviewLevel)
