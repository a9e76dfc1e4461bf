"""The REST API, version 1: one router for every app's viewsets."""

from rest_framework.routers import DefaultRouter

from cases.api import CaseViewSet
from reminders.api import NotificationViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = router.urls
