"""The REST API, version 1: one router for every app's viewsets."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from actionplans.api import ActionPlanViewSet, ActionViewSet, ProportionalityReviewViewSet, ReviewPointViewSet
from cases.api.court import HearingViewSet, JudgeDirectionViewSet, ProsecutionViewSet, TrialViewSet
from cases.api.precharge import (
    CaseViewSet,
    ChargingDecisionViewSet,
    PrfiViewSet,
    ReferralViewSet,
    SuspectViewSet,
    TimelineEventViewSet,
)
from corrections.api import ROUTES as CORRECTION_ROUTES
from reminders.api import EmailChoicesView, NotificationViewSet
from scorecards.api import ScorecardViewSet, SnapshotViewSet
from scrutiny.api import FindingViewSet, PanelViewSet, SampledDecisionViewSet, SampleViewSet
from victims.api import (
    CommunicationViewSet,
    ComplainantViewSet,
    PreTrialMeetingViewSet,
    SurveyResponseViewSet,
    VrrRequestViewSet,
)

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("suspects", SuspectViewSet, basename="suspect")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("charging-decisions", ChargingDecisionViewSet, basename="charging-decision")
router.register("prfis", PrfiViewSet, basename="prfi")
router.register("timeline-events", TimelineEventViewSet, basename="timeline-event")
router.register("hearings", HearingViewSet, basename="hearing")
router.register("prosecutions", ProsecutionViewSet, basename="prosecution")
router.register("trials", TrialViewSet, basename="trial")
router.register("judge-directions", JudgeDirectionViewSet, basename="judge-direction")
router.register("scrutiny-panels", PanelViewSet, basename="scrutiny-panel")
router.register("scrutiny-samples", SampleViewSet, basename="scrutiny-sample")
router.register("scrutiny-decisions", SampledDecisionViewSet, basename="scrutiny-decision")
router.register("scrutiny-findings", FindingViewSet, basename="scrutiny-finding")
router.register("action-plans", ActionPlanViewSet, basename="action-plan")
router.register("actions", ActionViewSet, basename="action")
router.register("action-plan-reviews", ReviewPointViewSet, basename="action-plan-review")
router.register("proportionality-reviews", ProportionalityReviewViewSet, basename="proportionality-review")
router.register("complainants", ComplainantViewSet, basename="complainant")
router.register("victim-letters", CommunicationViewSet, basename="victim-letter")
router.register("vrr-requests", VrrRequestViewSet, basename="vrr-request")
router.register("pre-trial-meetings", PreTrialMeetingViewSet, basename="pre-trial-meeting")
router.register("survey-responses", SurveyResponseViewSet, basename="survey-response")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("scorecards/snapshots", SnapshotViewSet, basename="scorecard-snapshot")
router.register("scorecards", ScorecardViewSet, basename="scorecard")
for prefix, viewset, basename in CORRECTION_ROUTES:
    router.register(prefix, viewset, basename=basename)

# Before the router's, which would read "settings" as a notification's id.
urlpatterns = [
    path("notifications/settings/", EmailChoicesView.as_view(), name="notification-settings"),
    *router.urls,
]
