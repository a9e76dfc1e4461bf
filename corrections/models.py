"""The correction log: one row for every correction, with its reason in full. The change history keeps the values
before and after (django-simple-history), but its reason column holds 100 characters; this keeps the rest, and the
details a history cannot compare (offences, a complainant's identity), for the case's change history to show."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from audit.append_only import AppendOnlyModel
from cases.models import Case
from victims.models import IdentityRead

REASON_MAX_LENGTH = 500
# The reason for a correction, as the forms and the API name it: a PRFI and a police NFA have reasons of their own.
REASON_FIELD = "correction_reason"


class Correction(AppendOnlyModel):
    """Who corrected which details of which record, when and why; never changed or deleted. A correction of a
    complainant's identity names the access log entry it wrote, and never the identity itself."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="corrections")
    record = models.CharField(max_length=30, help_text="The kind of record, as the correction pages name it.")
    record_id = models.PositiveBigIntegerField()
    record_label = models.CharField(max_length=200, help_text="Labels and dates only: never a person's name.")
    fields = models.JSONField(default=list, help_text="The details corrected, by their labels.")
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    # The history row the correction wrote, which the change history shows with this reason.
    history_model = models.CharField(max_length=100)
    history_id = models.PositiveBigIntegerField(null=True)
    identity_read = models.ForeignKey(
        IdentityRead, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["case", "-made_at"], name="correction_case_time")]

    def __str__(self) -> str:
        return f"{self.record_label} corrected"
