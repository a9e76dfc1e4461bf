"""The signed-in user's notifications, and their choice of e-mail copies per kind."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.scoping import signed_in_user
from reminders.forms import EmailChoicesForm
from reminders.models import Notification
from reminders.services import choose_emails, email_choices, mark_read
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


def notification_settings(request: HttpRequest) -> HttpResponse:
    """Which kinds of notification also come by e-mail: every kind until the person unticks it."""
    person = signed_in_user(request)
    if request.method == "POST":
        form = EmailChoicesForm(request.POST)
        if form.is_valid():
            choose_emails(person=person, by_email=form.cleaned_data["by_email"])
            messages.success(request, "Notification settings saved")
            return redirect("reminders:list")
    else:
        form = EmailChoicesForm(initial={"by_email": [kind for kind, on in email_choices(person).items() if on]})
    return render(request, "reminders/notification_settings.html", {"form": form})
