"""manage.py restore_database FILE --yes: replace the whole database with a backup."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.backups import restore


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by backup_database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm: everything in the database is replaced.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("Restoring replaces everything in the database: run again with --yes to go ahead.")
        try:
            restore(options["file"])
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored from {options['file']}.")
