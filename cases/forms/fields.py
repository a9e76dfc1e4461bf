"""The fields the case forms share, bounded by the limits the services check (``cases.limits``)."""

from __future__ import annotations

from django import forms

from cases.limits import LONG_TEXT, too_long


def long_text(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=LONG_TEXT,
        widget=forms.Textarea({"rows": 4}),
        error_messages={"max_length": too_long(LONG_TEXT)},
    )
