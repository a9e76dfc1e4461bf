from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import CpsArea, PoliceForce, RassoUnit, User


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
