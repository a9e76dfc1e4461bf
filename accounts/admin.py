from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from knox.models import AuthToken

from accounts.models import ApiToken, CpsArea, PoliceForce, RassoUnit, User
from accounts.second_factor import reset_second_factor


@admin.register(User)
class ServiceUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "police_force", "cps_area", "is_active")
    list_filter = ("role", "is_active", "cps_area", "police_force")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Role and organisation", {"fields": ("role", "police_force", "cps_area", "rasso_unit")}),
        ("Single sign-on", {"fields": ("oidc_subject",)}),
    )
    readonly_fields = ("oidc_subject",)
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Role and organisation", {"fields": ("email", "role", "police_force", "cps_area", "rasso_unit")}),
    )
    actions = ["reset_sign_in"]

    @admin.action(description="Reset multi-factor sign-in (lost phone) and sign out everywhere")
    def reset_sign_in(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        if request.POST.get("confirmed") != "yes":
            context = {**self.admin_site.each_context(request), "users": queryset, "opts": self.model._meta}
            return TemplateResponse(request, "admin/accounts/user/reset_sign_in.html", context)
        for user in queryset:
            reset_second_factor(user)
        self.message_user(
            request,
            f"Reset {queryset.count()} user(s): each sets up a new authenticator app at their next sign-in.",
            messages.SUCCESS,
        )
        return None


@admin.register(CpsArea)
class CpsAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "is_cps_direct")
    filter_horizontal = ("forces",)


@admin.register(PoliceForce)
class PoliceForceAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(RassoUnit)
class RassoUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "cps_area")


# API tokens: knox's own page lists tokens by their digest, which looks like a token and is of no use to
# anyone; ours names each by the characters it begins with. Tokens are issued by `manage.py issue_api_token`, which
# shows a token once; here they are only listed and revoked (deleted).
admin.site.unregister(AuthToken)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("begins_with", "user", "created", "expiry")
    list_filter = ("expiry",)
    search_fields = ("token_key", "user__username")
    fields = ("begins_with", "user", "created", "expiry")
    ordering = ("-created",)

    @admin.display(description="begins with")
    def begins_with(self, token: ApiToken) -> str:
        return f"{token.token_key}…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False
