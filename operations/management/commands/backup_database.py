"""manage.py backup_database FILE: the whole database, to restore with restore_database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from operations.backups import backup


class Command(BaseCommand):
    help = "Back up the whole database to a file (pg_dump custom format on PostgreSQL, a database file on SQLite)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        backup(options["file"])
        self.stdout.write(f"Backed up to {options['file']}.")
