"""The small-number rule is the administrator's setting; journey imports and published snapshots are records to read,
never to change (a published scorecard is frozen)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from scorecards.models import DisclosureRule, JourneyImport, Snapshot


@admin.register(DisclosureRule)
class DisclosureRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "threshold")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not DisclosureRule.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: DisclosureRule | None = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(JourneyImport)
class JourneyImportAdmin(ReadOnlyAdmin):
    """The uploaded file itself is never offered (it is deleted once the import ends): only whether it is kept."""

    list_display = ("created_at", "file_name", "status", "attempts", "cases", "events", "uploaded_by")
    list_filter = ("status",)
    exclude = ("file",)
    readonly_fields = ("file_kept",)

    @admin.display(boolean=True, description="File kept")
    def file_kept(self, journey_import: JourneyImport) -> bool:
        return bool(journey_import.file)


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ("period", "computed_at", "threshold", "published_by")
