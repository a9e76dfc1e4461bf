"""The escalation ladder is the administrator's setting: days and who is told at each level."""

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from actionplans.models import ReviewLevel
from actionplans.services import apply_ladder_change


@admin.register(ReviewLevel)
class ReviewLevelAdmin(admin.ModelAdmin):
    list_display = (
        "days",
        "tell_officer_in_charge",
        "tell_police_supervisors",
        "tell_allocated_prosecutor",
        "tell_unit_heads",
        "lists_for_joim",
        "prompts_prfi",
    )

    def save_model(self, request: HttpRequest, obj: ReviewLevel, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change or "days" in form.changed_data:
            rescheduled = apply_ladder_change(obj)
            messages.info(request, f"{rescheduled} open action plans now follow the {obj}.")

    def has_delete_permission(self, request: HttpRequest, obj: ReviewLevel | None = None) -> bool:
        # Review points already raised refer to their level; a level no longer wanted tells nobody instead.
        return False
