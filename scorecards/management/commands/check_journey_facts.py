"""Work every journey fact out again from the records and report the rows that differ from the table (expected 0):
CI runs it after the suite's journeys, and the benchmark at national size. ``--repair`` rewrites them all."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from scorecards import journey_facts


class Command(BaseCommand):
    help = "Report the journey fact rows that differ from what the records say (0 expected); --repair rewrites them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repair", action="store_true", help="Rewrite every fact row from the records.")

    def handle(self, *args: Any, repair: bool = False, **options: Any) -> None:
        missing, extra = journey_facts.differing()
        self.stdout.write(
            f"{missing + extra} journey fact rows differ from the records "
            f"({missing} missing from the table, {extra} in it that the records do not call for)"
        )
        if repair and missing + extra:
            with transaction.atomic():
                journey_facts.rewrite_all()
            self.stdout.write("Every journey fact row was rewritten from the records.")
        elif missing + extra:
            raise CommandError("The journey facts differ from the records: run again with --repair.")
