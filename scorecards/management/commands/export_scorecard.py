"""manage.py export_scorecard --period "2024-25 Q1" --format csv|xlsx|ods --output FILE: the scorecard downloads for
analysts' scripts, national: live figures, or a published snapshot (with small numbers withheld, or every figure).
Written to the export log like a download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.exports import record_export
from audit.models import Purpose
from scorecards import compute, exports, services
from scorecards.models import Snapshot
from scorecards.periods import PeriodError, parse_period


class Command(BaseCommand):
    help = "Write a scorecard as CSV (version 1), XLSX or ODS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help='A quarter ("2024-25 Q1") or "12m to 2024-06-30".')
        parser.add_argument("--format", required=True, choices=sorted(exports.FORMATS))
        parser.add_argument("--output", required=True, type=Path, help="The file to write.")
        parser.add_argument(
            "--published",
            choices=["external", "internal"],
            help="The published snapshot of the quarter: with small numbers withheld (external) or every figure.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = parse_period(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if options["published"]:
            snapshot = Snapshot.objects.filter(period=period.label).first()
            if snapshot is None:
                raise CommandError(f"{period.label} has not been published.")
            scorecard = services.snapshot_scorecard(snapshot, external=options["published"] == "external")
        else:
            scorecard = services.live_scorecard(period, compute.places())
        write, _ = exports.FORMATS[options["format"]]
        output: Path = options["output"]
        output.write_bytes(write(scorecard))
        version = f"published scorecard, {options['published']} version" if options["published"] else "live scorecard"
        record_export(
            user=None,
            what=f"{version}, {period.label}",
            filename=output.name,
            purpose=Purpose.PERFORMANCE,
            via="command line",
        )
        self.stdout.write(f"Wrote {len(scorecard.rows)} figures for {period.label} to {output}.")
