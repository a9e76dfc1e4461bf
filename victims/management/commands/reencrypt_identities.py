"""manage.py reencrypt_identities: after a new key is put first in COMPLAINANT_IDENTITY_KEYS (or a new SECRET_KEY with
the old one in DJANGO_SECRET_KEY_FALLBACKS), encrypt every complainant's identity and every letter text again with
it, so that the old key can be retired."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.management.base import BaseCommand
from django.db import transaction

from victims.models import IDENTITY_FIELDS, Communication, Complainant

BATCH_SIZE = 500
_Encrypted = TypeVar("_Encrypted", Complainant, Communication)


class Command(BaseCommand):
    help = "Encrypt complainants' identity and letter texts again with the first (newest) key."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            people = self._again(Complainant, list(IDENTITY_FIELDS))
            letters = self._again(Communication, ["text"])
        # Counts only: nothing identifying is ever written to output.
        self.stdout.write(f"Encrypted again: {people} complainants and {letters} letters.")

    def _again(self, model: type[_Encrypted], fields: list[str]) -> int:
        rows = list(model._default_manager.only("pk", *fields))
        model._default_manager.bulk_update(rows, fields, batch_size=BATCH_SIZE)
        return len(rows)
