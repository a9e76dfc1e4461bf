"""The fields the case forms share, bounded by the limits the services check (``cases.limits``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from cases.limits import LONG_TEXT, too_long

if TYPE_CHECKING:  # django-stubs' helper, a development dependency
    from django_stubs_ext import StrOrPromise


def long_text(label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=LONG_TEXT,
        widget=forms.Textarea({"rows": 4}),
        error_messages={"max_length": too_long(LONG_TEXT)},
    )
