"""The REST API, version 1: one router for every app's viewsets."""

from rest_framework.routers import DefaultRouter

from actionplans.api import ActionPlanViewSet, ActionViewSet, ProportionalityReviewViewSet, ReviewPointViewSet
from cases.api import (
    CaseViewSet,
    ChargingDecisionViewSet,
    PrfiViewSet,
    ReferralViewSet,
    SuspectViewSet,
    TimelineEventViewSet,
)
from reminders.api import NotificationViewSet
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

urlpatterns = router.urls
