from django.contrib import admin

from cases.models import Case, Suspect


class SuspectInline(admin.TabularInline):
    model = Suspect
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("urn", "police_force", "cps_area", "reported_on")
    list_filter = ("cps_area", "police_force")
    search_fields = ("urn",)
    raw_id_fields = ("officer_in_charge", "allocated_prosecutor")
    inlines = [SuspectInline]
