"""The action plan records whose every change is kept for the case's history (audit.history), each with the path
from it to its case."""

from __future__ import annotations

from actionplans.models import Action, ActionPlan, ProportionalityReview, ReviewPoint
from cases.history import keep_journey_history

keep_journey_history(ActionPlan, case_path="suspect__case")
keep_journey_history(Action, case_path="plan__suspect__case")
keep_journey_history(ReviewPoint, case_path="plan__suspect__case")
keep_journey_history(ProportionalityReview, case_path="suspect__case")
