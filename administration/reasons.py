"""The reason an administrator gives for a change (a person's, or a setting's): one field, one limit, on every form
of the administration pages that asks for one. The limit is the settings' history column's
(cases.services.setting_changes), which that service checks too; a person's history keeps the same reasons."""

from __future__ import annotations

from django import forms

from cases.services.setting_changes import REASON_MAX_LENGTH
from govuk.forms import GovukFormMixin


def reason_field() -> forms.CharField:
    """Why the change is made, kept in the history with who made it."""
    return forms.CharField(
        label="Reason for the change",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Kept in the history with your name. Up to {REASON_MAX_LENGTH} characters.",
    )


class ReasonForm(GovukFormMixin, forms.Form):
    """A reason alone: disabling or enabling a person or resetting their second factor, removing a level of the
    escalation ladder, disabling or enabling a readiness item."""

    reason = reason_field()
