"""The signed-in user's notifications over the API; marking one read goes through the same service as the page."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from reminders.models import Notification
from reminders.services import mark_read


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    # What a notification is about is a case, named by its URN.
    case = serializers.IntegerField(source="about_id", read_only=True)
    case_urn = serializers.CharField(source="about", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "case", "case_urn", "message", "created_at", "read_at"]


class NotificationViewSet(viewsets.ReadOnlyModelViewSet[Notification]):
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.filter(recipient_id=self.request.user.pk).select_related("about")

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = mark_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)
