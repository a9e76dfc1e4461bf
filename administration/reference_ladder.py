"""The escalation ladder's pages: its levels, adding one, changing one's days and who it tells, and removing one
after an interruption. Each change is made by actionplans.services with a reason, kept in the ladder's history;
open action plans follow it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from accounts.models import User
from accounts.roles import ADMINISTRATORS
from actionplans.models import ActionPlan, ReviewLevel
from actionplans.services import remove_review_level, save_review_level
from administration.access import administrator, administrators_only
from administration.history import setting_changes
from administration.reasons import ReasonForm
from administration.reference_forms import ReviewLevelForm
from web.steps import posted, step_page

CAPTION = "Escalation ladder"
# Whom a level tells and what it prompts: its yes-or-no fields.
WHO_IS_TOLD = [field for field in ReviewLevel._meta.concrete_fields if isinstance(field, models.BooleanField)]


def told(level: ReviewLevel) -> list[str]:
    """What a level does, in words: whom it tells and what it prompts."""
    return [str(field.verbose_name) for field in WHO_IS_TOLD if getattr(level, field.attname)]


@require_safe
@administrators_only
def ladder(request: HttpRequest) -> HttpResponse:
    levels = [(level, told(level)) for level in ReviewLevel.objects.all()]
    context = {
        "heading": CAPTION,
        "levels": levels,
        "open_plans": ActionPlan.objects.open().count(),
        "changes": setting_changes(ReviewLevel, lambda row: str(row.instance)),
    }
    return render(request, "administration/reference/ladder.html", context)


def _save(request: HttpRequest, level: ReviewLevel, title: str, *, by: User) -> HttpResponse:
    form = ReviewLevelForm(posted(request), instance=level)

    def run(data: dict[str, Any]) -> None:
        rescheduled = save_review_level(form.instance, by=by, reason=data["reason"])
        follow = ngettext(
            "%(count)d open action plan now follows the %(level)s.",
            "%(count)d open action plans now follow the %(level)s.",
            rescheduled,
        )
        messages.info(request, follow % {"count": rescheduled, "level": form.instance})

    return step_page(
        request,
        doers=ADMINISTRATORS,
        caption=CAPTION,
        title=title,
        form=form,
        run=run,
        done="The escalation ladder was changed.",
        done_url=reverse("administration:ladder"),
        submit="Save the level",
    )


def add_level(request: HttpRequest) -> HttpResponse:
    return _save(request, ReviewLevel(), "Add a level", by=administrator(request))


def change_level(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    level = get_object_or_404(ReviewLevel, pk=pk)
    return _save(request, level, f"Change the {level}", by=by)


def remove_level(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    level = get_object_or_404(ReviewLevel, pk=pk)
    waiting = level.review_points.filter(
        raised_at__isnull=True, cancelled_at__isnull=True, plan__in=ActionPlan.objects.open()
    ).count()

    def run(data: dict[str, Any]) -> None:
        remove_review_level(level, by=by, reason=data["reason"])

    no_longer = ngettext(
        "%(count)d open action plan will no longer be reviewed at %(days)d days.",
        "%(count)d open action plans will no longer be reviewed at %(days)d days.",
        waiting,
    ) % {"count": waiting, "days": level.days}
    return step_page(
        request,
        doers=ADMINISTRATORS,
        caption=CAPTION,
        title=f"Remove the {level}",
        form=ReasonForm(posted(request)),
        run=run,
        done=f"The {level} was removed from the ladder.",
        done_url=reverse("administration:ladder"),
        confirmation=f"{no_longer} To have the level back, you would add it again.",
        summary=[("Level", str(level)), ("What it does", "\n".join(told(level)) or "Tells nobody")],
        submit="Remove the level",
    )
