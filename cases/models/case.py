"""A RASSO case reported to police, and its suspects (the counting unit of every measure)."""

from __future__ import annotations

from collections.abc import Collection
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from accounts.models import CpsArea, PoliceForce, RassoUnit
from accounts.scoping import ScopedQuerySet
from cases.characteristics import ProtectedCharacteristics
from cases.models.reference import CaseFlag, Offence
from cases.transitions import SuspectStatus

validate_urn = RegexValidator(
    r"^\d{2}[A-Z0-9]{2}\d{7}$",
    "Enter a URN of 11 characters: the 2-digit force code, 2 letters or digits, then 7 digits, like 01AB1234524",
)


class CaseQuerySet(ScopedQuerySet["Case"]):
    """Cases: ``visible_to(user)`` gives those the user may open."""

    def with_header(self) -> CaseQuerySet:
        """With what the case header of every case page shows: its organisations and people."""
        return self.select_related(
            "police_force", "cps_area", "rasso_unit", "officer_in_charge", "allocated_prosecutor"
        )


class SuspectQuerySet(ScopedQuerySet["Suspect"]):
    """Suspects, which carry their case's force and Area."""


class Case(models.Model):
    urn = models.CharField("URN", max_length=11, unique=True, validators=[validate_urn])
    police_force = models.ForeignKey(PoliceForce, on_delete=models.PROTECT, related_name="cases")
    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, related_name="cases", verbose_name="CPS Area")
    rasso_unit = models.ForeignKey(
        RassoUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name="RASSO unit"
    )
    reported_on = models.DateField("reported to police")
    offence_date_from = models.DateField("offence date (or first date of a range)", null=True, blank=True)
    offence_date_to = models.DateField("last date of the offence range", null=True, blank=True)
    offences = models.ManyToManyField(Offence, blank=True, related_name="cases")
    flags = models.ManyToManyField(CaseFlag, blank=True, related_name="cases")
    officer_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="cases_in_charge"
    )
    allocated_prosecutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="cases_allocated"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "urn"]
        indexes = [
            models.Index(fields=["police_force", "-reported_on"], name="case_force_reported"),
            models.Index(fields=["cps_area", "-reported_on"], name="case_area_reported"),
            # The national list's order: a page reads its 25 rows from the index, never sorting a million.
            models.Index(fields=["-reported_on", "urn"], name="case_reported_order"),
            # A force's or an Area's cases by URN: a filtered list sorted by URN stops at its page.
            models.Index(fields=["police_force", "urn"], name="case_force_urn"),
            models.Index(fields=["cps_area", "urn"], name="case_area_urn"),
        ]
        constraints = [
            models.CheckConstraint(
                name="case_offence_range_in_order",
                condition=Q(offence_date_to__isnull=True) | Q(offence_date_from__lte=F("offence_date_to")),
                violation_error_message="The last offence date must be on or after the first.",
            ),
            models.CheckConstraint(
                name="case_offence_before_report",
                condition=Q(offence_date_from__isnull=True) | Q(offence_date_from__lte=F("reported_on")),
                violation_error_message="The offence must have happened on or before the day it was reported.",
            ),
        ]

    def __str__(self) -> str:
        return self.urn

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])


class InCaseOrganisations(models.Model):
    """A record of a case that carries the case's police force and CPS Area, so that the lists of suspects, open
    referrals and open plans in a user's scope read their own indexes instead of joining a million suspects and
    cases. A case keeps its force and Area once opened (the admin shows them read-only), so the copies never go stale.
    ``save()`` takes them from the case; code that writes rows with ``bulk_create`` calls
    ``take_case_organisations()`` first. They are never input, so validation leaves them to ``save()``."""

    CASE = "suspect.case"  # the attribute path from the record to its case

    # Not indexed alone: each table's indexes on its lists lead with them.
    police_force = models.ForeignKey(
        PoliceForce, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    cps_area = models.ForeignKey(CpsArea, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            self.take_case_organisations()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        super().clean_fields(exclude={*(exclude or ()), "police_force", "cps_area"})

    def take_case_organisations(self) -> None:
        case = attrgetter(self.CASE)(self)
        self.police_force_id = case.police_force_id
        self.cps_area_id = case.cps_area_id


class Suspect(InCaseOrganisations, ProtectedCharacteristics):
    """A suspect on a case, known everywhere by a case-local label such as "Suspect 1"; the name is shown only where
    a caseworker needs it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspects")
    label = models.CharField(max_length=30)
    name = models.CharField(max_length=200, blank=True)
    in_custody = models.BooleanField(default=False)
    status = models.CharField(
        max_length=30, choices=SuspectStatus.choices, default=SuspectStatus.WITH_POLICE, editable=False
    )

    objects = SuspectQuerySet.as_manager()

    CASE = "case"

    class Meta:
        ordering = ["case", "label"]
        constraints = [models.UniqueConstraint(fields=["case", "label"], name="suspect_label_unique_in_case")]
        indexes = [
            # A force's or an Area's suspects at a stage (the case list's "status", aged cases).
            models.Index(fields=["police_force", "status"], name="suspect_force_status"),
            models.Index(fields=["cps_area", "status"], name="suspect_area_status"),
        ]

    def __str__(self) -> str:
        return f"{self.case.urn} {self.label}"
