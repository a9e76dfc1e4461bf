"""manage.py import_journeys FILE.jsonl: import a journey file (INTERCHANGE.md, version 1), all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from scorecards.journey_import import new_import, run_import
from scorecards.models import ImportStatus


class Command(BaseCommand):
    help = "Import case histories from a journey file (JSON Lines, version 1): every line or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The .jsonl file.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        lines = content.splitlines()
        record = new_import(path.name, [content])
        with tqdm(total=len(lines), unit=" events", disable=options["no_progress"], file=self.stderr) as bar:
            record = run_import(record, lines, progress=lambda done: bar.update(done - bar.n))
        if record.status == ImportStatus.UNCHANGED:
            self.stdout.write(f"{path.name} was imported before: nothing changed.")
        elif record.status == ImportStatus.REJECTED:
            for bad in record.errors:
                self.stderr.write(f"line {bad['line']}: {bad['reason']}")
            raise CommandError(f"{path.name} was not imported: {len(record.errors)} bad lines (listed above).")
        elif record.status == ImportStatus.FAILED:
            raise CommandError(f"{path.name} was not imported: {record.errors[0]['reason']}")
        else:
            self.stdout.write(f"Imported {record.cases} cases and {record.events} events from {path.name}.")
