from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from accounts.models import CpsArea, PoliceForce, RassoUnit, User
from accounts.second_factor import reset_second_factor


@admin.register(User)
class ServiceUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "police_force", "cps_area", "is_active")
    list_filter = ("role", "is_active", "cps_area", "police_force")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Role and organisation", {"fields": ("role", "police_force", "cps_area", "rasso_unit")}),
    )
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
