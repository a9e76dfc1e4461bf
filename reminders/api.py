"""The signed-in user's notifications over the API, and their choice of e-mail copies per kind; marking one read and
choosing go through the same services as the pages."""

from collections.abc import Mapping

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reminders.models import NoticeKind, Notification
from reminders.services import choose_emails, email_choices, mark_read
from web.api import api_actor


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    # What a notification is about is a case, named by its URN.
    case = serializers.IntegerField(source="about_id", read_only=True)
    case_urn = serializers.CharField(source="about", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "case", "case_urn", "message", "created_at", "read_at"]


class EmailChoicesSerializer(serializers.Serializer[dict[str, list[str]]]):
    by_email = serializers.ListField(
        child=serializers.ChoiceField(choices=NoticeKind.choices),
        allow_empty=True,
        help_text="The kinds of notification that also come by e-mail; every other kind comes in the service only.",
    )


class NotificationViewSet(viewsets.ReadOnlyModelViewSet[Notification]):
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.filter(recipient_id=self.request.user.pk).select_related("about")

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = mark_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)


class EmailChoicesView(APIView):
    """Which kinds of notification also come by e-mail to the signed-in person (every kind unless turned off)."""

    @extend_schema(request=None, responses={200: EmailChoicesSerializer})
    def get(self, request: Request) -> Response:
        return self._answer(email_choices(api_actor(request)))

    @extend_schema(request=EmailChoicesSerializer, responses={200: EmailChoicesSerializer})
    def put(self, request: Request) -> Response:
        parsed = EmailChoicesSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        return self._answer(choose_emails(person=api_actor(request), by_email=parsed.validated_data["by_email"]))

    @staticmethod
    def _answer(choices: Mapping[NoticeKind, bool]) -> Response:
        return Response(EmailChoicesSerializer({"by_email": [kind for kind, on in choices.items() if on]}).data)
