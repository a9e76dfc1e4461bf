"""The export log: every download or export of data from the service."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from audit.append_only import AppendOnlyModel


class Purpose(models.TextChoices):
    """Why data left the service: each download serves one lawful purpose, named where the download is offered."""

    CASE_MANAGEMENT = "case_management", "Case management: a unit's work list"
    SCRUTINY = "scrutiny", "NFA scrutiny panel pack"
    PERFORMANCE = "performance", "Performance reporting: scorecards"
    AUDIT = "audit", "Audit: the access and export logs"


class Export(AppendOnlyModel):
    """One download or export: who, what, when, why and how (page, API or command line). The user is kept as a
    reference without a database constraint and their name copied, so the log outlives the account; their CPS Area
    and police force are copied as they were at the time, so the download stays with the Area it was made in (and
    its auditor) when the person moves to another."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    user_name = models.CharField(max_length=300)
    cps_area = models.ForeignKey(
        "accounts.CpsArea", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )
    police_force = models.ForeignKey(
        "accounts.PoliceForce",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    what = models.CharField(max_length=200)
    filename = models.CharField(max_length=200)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    via = models.CharField(max_length=20, help_text="page, api or command line")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = "export"
        verbose_name_plural = "the export log's entries"

    def __str__(self) -> str:
        return f"{self.user_name}: {self.filename}"

    @property
    def organisation_name(self) -> str:
        """The person's organisation when they downloaded, named as people call it ("CPS Wales", "CPS Direct"); ""
        for the command line."""
        if self.police_force is not None:
            return self.police_force.name
        if self.cps_area is not None:
            name = self.cps_area.name
            return name if name.startswith("CPS") else f"CPS {name}"
        return "National" if self.user_id else ""
