"""The e-mail outbox's dead letter, for administrators: the messages that failed (given up, or waiting to be tried
again), whom they were for (staff, by name and organisation; never a complainant, who is never e-mailed), and a way
to try them again once the cause is fixed. Trying again is a POST with a confirmation step, recorded in the
administration history with who did it."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import signed_in_user
from reminders.models import Email, EmailState
from reminders.outbox import FAILED, counts_by_state, try_again
from web.pagination import BoundedPaginator

EMAILS_PER_PAGE = 50
EVERY_FAILED = "all"


def _administrator(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if user.role != Role.ADMINISTRATOR:
        raise PermissionDenied("The e-mail outbox is for administrators.")
    return user


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    failed = (
        Email.objects.filter(FAILED)
        .select_related("notification__recipient__police_force", "notification__recipient__cps_area")
        .order_by("-claimed_at", "-id")
    )
    page = BoundedPaginator(failed, EMAILS_PER_PAGE).get_page(request.GET.get("page"))
    counts = counts_by_state()
    context = {
        "page": page,
        "dead": counts[EmailState.DEAD],
        "retrying": Email.objects.filter(state=EmailState.PENDING, attempts__gt=0).count(),
        "waiting": counts[EmailState.PENDING] + counts[EmailState.SENDING],
        "every_failed": EVERY_FAILED,
    }
    return render(request, "reminders/outbox.html", context)


@require_POST
def outbox_try_again(request: HttpRequest) -> HttpResponse:
    """``email`` names one failed message, or ``all`` every one. Without ``confirmed`` this shows what will happen."""
    user = _administrator(request)
    chosen = request.POST.get("email", "")
    emails = Email.objects.filter(FAILED)
    if chosen != EVERY_FAILED:
        emails = emails.filter(pk=int(chosen)) if re.fullmatch(r"[0-9]{1,18}", chosen) else emails.none()
    if not emails.exists():
        messages.info(request, "There is nothing to try again: it may have been sent or tried again already.")
        return redirect("reminders:outbox")
    if request.POST.get("confirmed") != "yes":
        one = None if chosen == EVERY_FAILED else emails.select_related("notification__recipient").get()
        return render(
            request,
            "reminders/outbox_try_again.html",
            {"chosen": chosen, "one": one, "count": emails.count()},
        )
    count = try_again(emails, by=user)
    messages.success(request, f"{count} e-mail{'' if count == 1 else 's'} will be sent again at the next sweep")
    return redirect("reminders:outbox")
