"""manage.py seed_demo [--cases N] [--seed S]: replace all case data with a synthetic population."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import Role
from cases.models import Case
from demo.history import journey_lines
from demo.journeys import Unit, create_journeys
from demo.population import create_cases
from demo.team import allocate_the_rest, create_team
from demo.users import DEMO_AREA, DEMO_FORCE, create_demo_users
from scorecards.journey_import import import_lines
from scorecards.models import Snapshot
from victims.models import SurveyResponse


class Command(BaseCommand):
    help = "Replace all case data with a deterministic synthetic population and create one demo user per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=3000, help="How many cases to create (default 3000).")
        parser.add_argument("--seed", type=int, default=2025, help="Random seed: the same seed gives the same data.")
        parser.add_argument(
            "--history",
            type=int,
            default=3000,
            help="Closed and running case histories loaded through the journey import, for the scorecards.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo replaces all case data and runs only outside production.")
        if options["cases"] < 0 or options["history"] < 0:
            raise CommandError("--cases and --history must be zero or more.")
        started = time.perf_counter()
        with transaction.atomic():
            Case.objects.all().delete()
            SurveyResponse.objects.all().delete()
            Snapshot.objects.all().delete()
            User.objects.filter(username__startswith="demo-").delete()
            users, credentials = create_demo_users()
            by_role = {user.role: user for user in users}
            today = timezone.localdate()
            count = create_cases(count=options["cases"], seed=options["seed"], today=today)
            officer, prosecutor = by_role[Role.INVESTIGATOR], by_role[Role.PROSECUTOR]
            team = create_team(area=CpsArea.objects.get(name=DEMO_AREA), prosecutor=prosecutor, investigator=officer)
            unit = Unit(
                team=team,
                force=PoliceForce.objects.get(name=DEMO_FORCE),
                officer=officer,
                prosecutor=prosecutor,
                head=by_role[Role.UNIT_HEAD],
                supervisor=by_role[Role.POLICE_SUPERVISOR],
            )
            plans = create_journeys(unit=unit, today=today)
            history = import_lines(list(journey_lines(cases=options["history"], seed=options["seed"], today=today)))
            allocated = allocate_the_rest(team, seed=options["seed"])
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Created {count} cases and {unit.opened} journeys with {plans} action plans, imported {history.cases} "
            f"case histories ({history.events} events) and allocated {allocated} cases to the demo team, in "
            f"{seconds:.1f} s (seed {options['seed']})."
        )
        self.stdout.write(
            "Demo sign-in details (demo mode only): username, password, then one recovery code as the code"
        )
        for credential in credentials:
            self.stdout.write(
                f"  {credential.username:<30} {credential.password:<20} {' '.join(credential.recovery_codes)}  "
                f"{credential.role} – {credential.organisation}"
            )
