"""The cases API: the same scoping as the pages; a case outside the user's scope is a 404."""

from django.db.models import QuerySet
from rest_framework import viewsets

from cases.models import Case
from cases.serializers import CaseSerializer


class CaseViewSet(viewsets.ReadOnlyModelViewSet[Case]):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return (
            Case.objects.visible_to(self.request.user)
            .select_related("police_force", "cps_area")
            .prefetch_related("suspects")
        )
