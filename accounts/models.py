"""Organisations and the people who work in them."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from knox.models import AuthToken

from accounts.roles import CPS_ROLES, OWN_VIEW_ROLES, POLICE_ROLES, Role


class PoliceForce(models.Model):
    """A territorial police force of England and Wales."""

    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(max_length=2, unique=True, help_text="The two-digit force code that begins a URN.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CpsArea(models.Model):
    """One of the 14 CPS Areas, or CPS Direct (the national out-of-hours charging service)."""

    name = models.CharField(max_length=100, unique=True)
    is_cps_direct = models.BooleanField(default=False)
    forces: models.ManyToManyField[PoliceForce, Any] = models.ManyToManyField(
        PoliceForce, related_name="cps_areas", help_text="The forces the Area serves."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "CPS Area"

    def __str__(self) -> str:
        return self.name


class RassoUnit(models.Model):
    """The RASSO unit of a CPS Area."""

    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, related_name="rasso_units")
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "RASSO unit"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Police roles belong to a force, CPS roles to an Area; administrators are national."""

    role = models.CharField(max_length=32, choices=Role.choices)
    police_force = models.ForeignKey(PoliceForce, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rasso_unit = models.ForeignKey(RassoUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    oidc_subject = models.CharField(
        "single sign-on subject",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Who the organisation's identity provider says this is, stored at the first single sign-on.",
    )
    one_login_subject = models.CharField(
        "GOV.UK One Login subject",
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Who GOV.UK One Login says this complainant or ISVA is, bound when they first use an invitation.",
    )

    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="user_organisation_matches_role",
                condition=(
                    Q(role__in=POLICE_ROLES, police_force__isnull=False, cps_area__isnull=True)
                    | Q(role__in=CPS_ROLES, police_force__isnull=True, cps_area__isnull=False)
                    | Q(role__in=[Role.ANALYST, Role.AUDITOR], police_force__isnull=True)
                    | Q(role=Role.ADMINISTRATOR, police_force__isnull=True, cps_area__isnull=True)
                    | Q(role__in=OWN_VIEW_ROLES, police_force__isnull=True, cps_area__isnull=True)
                ),
                violation_error_message=(
                    "Police roles need a police force, CPS roles a CPS Area, analysts and auditors an Area or none, "
                    "administrators, complainants and ISVAs neither."
                ),
            ),
        ]

    @property
    def organisation_name(self) -> str:
        if self.police_force is not None:
            return self.police_force.name
        if self.cps_area is not None:
            return f"CPS {self.cps_area.name}"
        return "National"


class UserSession(AbstractBaseSession):
    """A signed-in session (Django's database session with the user it belongs to), so that every session of one user
    can be ended at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, db_index=True, related_name="+")

    @classmethod
    def get_session_store_class(cls) -> type[Any]:
        """The store of the session engine (``SESSION_ENGINE``: accounts.sessions, which keeps its sessions here),
        found as Django's session middleware finds it."""
        return import_module(settings.SESSION_ENGINE).SessionStore


class ApiToken(AuthToken):
    """An API token as administrators see it (knox's row: the token's digest, never the token). It is named by the
    characters the token begins with, which its holder can match, never by its digest, which nobody can."""

    class Meta:
        proxy = True
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.token_key}… of {self.user}"


class StaffInvitation(models.Model):
    """An invitation to a person an administrator added: a link, used once before it expires, to set a password and
    then an authenticator app. Only the hash of the link's secret is kept; a new invitation ends any earlier one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation {self.pk} of {self.user}"


from accounts import history  # noqa: E402, F401 - registers the history of people's accounts as the models load
