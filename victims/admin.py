"""The administrator edits letter templates and may read the identity access log. Complainants have no admin page:
their identity is read only through the service, where every read is logged."""

from django.contrib import admin
from django.http import HttpRequest

from victims.models import IdentityRead, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "language", "subject")


@admin.register(IdentityRead)
class IdentityReadAdmin(admin.ModelAdmin):
    list_display = ("read_at", "case_urn", "complainant_label", "reader_name", "reason", "via")
    list_filter = ("reason", "via")
    search_fields = ("case_urn",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: IdentityRead | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: IdentityRead | None = None) -> bool:
        return False
