"""The disclosure rule's every change is kept (django-simple-history, in this app's tables): who changed the
threshold, when and why, for the administrator's page and for anyone asking why a published figure was withheld."""

from __future__ import annotations

from simple_history import register

from scorecards.models import DisclosureRule

register(DisclosureRule)
