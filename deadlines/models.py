"""The settings record of the deadlines: one row per number an administrator has changed in the service (a field
of ``deadlines.Deadlines``), with its value, who changed it, when and why, and its history. A number with no row
has the value the environment gives (``settings.RASSO_DEADLINES``), so rows are written on the first change only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from deadlines.definitions import DEFINITIONS

REASON_MAX_LENGTH = 500


class DeadlineSetting(models.Model):
    name = models.CharField(max_length=60, unique=True, choices=[(name, d.label) for name, d in DEFINITIONS.items()])
    # A whole number, or a list of them for the custody time limit's warnings.
    value = models.JSONField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    reason = models.CharField(max_length=REASON_MAX_LENGTH)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
