"""The trial readiness checklist's pages: its items in order, adding one, rewording one, moving one up or down, and
disabling or enabling one (never deleting: trials already listed have checks against it). Each change is made by
cases.services.readiness_items, kept in the checklist's history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.roles import ADMINISTRATORS
from administration.access import administrator, administrators_only
from administration.history import setting_changes
from administration.reasons import ReasonForm
from administration.reference_forms import ReadinessItemForm
from cases.models import ReadinessItem
from cases.services.readiness_items import (
    add_readiness_item,
    move_readiness_item,
    reword_readiness_item,
    set_readiness_item_in_use,
)
from web.steps import posted, step_page

CAPTION = "Readiness checklist"


@require_safe
@administrators_only
def readiness(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    in_use = set(ReadinessItem.objects.in_use(today).values_list("pk", flat=True))
    items = [(item, item.pk in in_use) for item in ReadinessItem.objects.order_by("position", "id")]
    context = {
        "heading": CAPTION,
        "items": items,
        "changes": setting_changes(ReadinessItem, lambda row: f"“{row.text}”"),
    }
    return render(request, "administration/reference/readiness.html", context)


def add_item(request: HttpRequest) -> HttpResponse:
    by = administrator(request)
    return step_page(
        request,
        doers=ADMINISTRATORS,
        caption=CAPTION,
        title="Add an item",
        form=ReadinessItemForm(posted(request)),
        run=lambda data: add_readiness_item(data["text"], by=by, reason=data["reason"]),
        done="The item was added at the end of the checklist.",
        done_url=reverse("administration:readiness"),
        submit="Add the item",
    )


def reword_item(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    item = get_object_or_404(ReadinessItem, pk=pk)
    return step_page(
        request,
        doers=ADMINISTRATORS,
        caption=CAPTION,
        title="Reword an item",
        form=ReadinessItemForm(posted(request), initial={"text": item.text}),
        run=lambda data: reword_readiness_item(item, data["text"], by=by, reason=data["reason"]),
        done="The item was reworded.",
        done_url=reverse("administration:readiness"),
        summary=[("Now", item.text)],
        submit="Save the wording",
    )


def set_in_use(request: HttpRequest, pk: int, *, in_use: bool) -> HttpResponse:
    by = administrator(request)
    item = get_object_or_404(ReadinessItem, pk=pk)
    return step_page(
        request,
        doers=ADMINISTRATORS,
        caption=CAPTION,
        title="Enable an item" if in_use else "Disable an item",
        form=ReasonForm(posted(request)),
        run=lambda data: set_readiness_item_in_use(item, in_use=in_use, by=by, reason=data["reason"]),
        done="The item was enabled." if in_use else "The item was disabled.",
        done_url=reverse("administration:readiness"),
        summary=[
            ("Item", item.text),
            (
                "What happens",
                "Trials listed from today have it on their checklist."
                if in_use
                else "Trials listed from today do not have it. Trials already listed keep it.",
            ),
        ],
        submit="Enable the item" if in_use else "Disable the item",
    )


def enable_item(request: HttpRequest, pk: int) -> HttpResponse:
    return set_in_use(request, pk, in_use=True)


def disable_item(request: HttpRequest, pk: int) -> HttpResponse:
    return set_in_use(request, pk, in_use=False)


@require_POST
def move_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an item one place up or down (a button per direction on the checklist page; no script needed)."""
    by = administrator(request)
    item = get_object_or_404(ReadinessItem, pk=pk)
    try:
        move_readiness_item(item, up=request.POST.get("direction") == "up", by=by)
    except ValidationError as refused:
        messages.info(request, refused.messages[0])
    return redirect(f"{reverse('administration:readiness')}#item-{item.pk}")
