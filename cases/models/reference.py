"""Reference data an administrator keeps: offences and case flags, retired with a date rather than deleted."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q


class ReferenceQuerySet(models.QuerySet[Any]):
    def in_use(self, on: date) -> ReferenceQuerySet:
        """The entries an administrator has not retired by ``on``."""
        return self.filter(Q(disabled_on__isnull=True) | Q(disabled_on__gt=on))


class Offence(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    statute = models.CharField(max_length=200)
    disabled_on = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CaseFlag(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    disabled_on = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
