from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from cases.models import Case, CaseFlag, Offence, ReadinessItem, Suspect


class SuspectInline(admin.TabularInline):
    model = Suspect
    extra = 0
    fields = ("label", "in_custody", "status")
    readonly_fields = ("status",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("urn", "police_force", "cps_area", "reported_on")
    list_filter = ("cps_area", "police_force", "flags")
    search_fields = ("urn",)
    raw_id_fields = ("officer_in_charge", "allocated_prosecutor")
    filter_horizontal = ("offences", "flags")
    inlines = [SuspectInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Case | None = None) -> tuple[str, ...]:
        """A case keeps the force and Area it was opened with: its referrals and plans carry copies of both."""
        return ("police_force", "cps_area") if obj is not None else ()


@admin.register(Offence)
class OffenceAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "statute", "disabled_on")
    search_fields = ("title", "code")


@admin.register(CaseFlag)
class CaseFlagAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "disabled_on")


@admin.register(ReadinessItem)
class ReadinessItemAdmin(admin.ModelAdmin):
    """The trial readiness checklist: new trials get the items not retired; retire one with a date."""

    list_display = ("text", "position", "disabled_on")
    list_editable = ("position",)
