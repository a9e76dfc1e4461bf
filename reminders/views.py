"""The signed-in user's notifications."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from reminders.models import Notification
from reminders.services import mark_read
from web.pagination import BoundedPaginator

NOTIFICATIONS_PER_PAGE = 25


def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient_id=request.user.pk).select_related("about")
    page = BoundedPaginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reminders/notification_list.html", {"page": page})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification.objects.select_related("about"), pk=pk, recipient_id=request.user.pk)
    mark_read(notification=notification)
    return redirect(notification.about)
