"""``manage.py compile_welsh``: writes locale/cy/LC_MESSAGES/django.mo from django.po with polib, in place of Django's
compilemessages, which needs GNU gettext's msgfmt. The .mo is committed; tests check it matches the .po."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from web.catalogue import CATALOGUE, COMPILED, compiled


class Command(BaseCommand):
    help = "Compile the Welsh catalogue (locale/cy) without GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        COMPILED.write_bytes(compiled(CATALOGUE))
        self.stdout.write(f"Wrote {COMPILED.relative_to(CATALOGUE.parents[3])}")
