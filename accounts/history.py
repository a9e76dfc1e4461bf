"""The history of people's accounts (django-simple-history): every change an administrator makes to a person (added,
role and organisation changed, disabled, enabled, second factor reset, invited) with who made it, what it was and
why. Secrets and bookkeeping are left out: the password's hash, and the time of the last sign-in, whose saving alone
makes no history row."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import receiver
from simple_history import register
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from accounts.models import User

EXCLUDED_FIELDS = ("password", "last_login")


class ChangeOfPerson(models.Model):
    """What a history row of a person records, in words ("Disabled"), beside its fields and reason: some changes
    (a second factor reset, a new invitation) change none of the person's fields."""

    change = models.CharField(max_length=60, blank=True, default="")

    class Meta:
        abstract = True


class PersonRecords(HistoricalRecords):
    """No row for a save of left-out fields only (signing in saves the last sign-in's time)."""

    def post_save(self, instance: Any, created: bool, using: str | None = None, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= set(EXCLUDED_FIELDS):
            return
        super().post_save(instance, created, using=using, **kwargs)


register(
    User,
    app="accounts",
    records_class=PersonRecords,
    bases=[ChangeOfPerson],
    excluded_fields=list(EXCLUDED_FIELDS),
    history_change_reason_field=models.TextField(null=True),
)


def record(person: User, *, by: User | None, change: str, reason: str = "") -> None:
    """Name the next save of the person in their history: who, what and why."""
    person._history_user = by  # type: ignore[attr-defined]
    person._change_reason = reason  # type: ignore[attr-defined]
    person._history_change = change  # type: ignore[attr-defined]


@receiver(pre_create_historical_record, dispatch_uid="name-the-change-of-a-person")
def _name_the_change(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, User):
        history_instance.change = instance.__dict__.pop("_history_change", "")
