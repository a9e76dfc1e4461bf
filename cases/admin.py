from django.contrib import admin

from cases.models import Case, CaseFlag, Offence, ReadinessItem, Suspect


class SuspectInline(admin.TabularInline):
    model = Suspect
    extra = 0
    fields = ("label", "in_custody", "pre_charge_status")
    readonly_fields = ("pre_charge_status",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("urn", "police_force", "cps_area", "reported_on")
    list_filter = ("cps_area", "police_force", "flags")
    search_fields = ("urn",)
    raw_id_fields = ("officer_in_charge", "allocated_prosecutor")
    filter_horizontal = ("offences", "flags")
    inlines = [SuspectInline]


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
