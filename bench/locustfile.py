"""The load benchmark's users (locust): people of each role at work, each signed in, reading the pages they use most
with a pause between pages, as `bench/load.py` runs them. FloorUser asks only for the framework's floor."""

from __future__ import annotations

import json
import os
import random
from itertools import cycle
from typing import Any

from locust import HttpUser, between, task

PEOPLE: dict[str, Any] = {}
for person in json.loads(open(os.environ["BENCH_PEOPLE"]).read()):  # noqa: SIM115 - read once at start
    PEOPLE.setdefault(person["role"], []).append(person)
TURNS = {role: cycle(people) for role, people in PEOPLE.items()}
PAUSE = [float(seconds) for seconds in os.environ.get("BENCH_PAUSE", "1,3").split(",")]


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(*PAUSE)

    def on_start(self) -> None:
        self.person = next(TURNS[self.role])
        # Behind the TLS proxy a deployment has: the production settings expect it and redirect plain HTTP.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.headers["Cookie"] = f"{self.person['cookie_name']}={self.person['cookie']}"

    def page(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:  # noqa: PLR2004
                response.failure(f"{response.status_code}")

    def case_page(self) -> None:
        self.page(f"/cases/{random.choice(self.person['cases'])}/", "case page")  # noqa: S311 - not for secrets


class FloorUser(Person):
    role = "investigator"

    @task
    def floor(self) -> None:
        self.page("/bench/floor/", "floor: a view that does nothing")


class Investigator(Person):
    role = "investigator"
    fixed_count = 16

    @task(3)
    def cases(self) -> None:
        self.page("/cases/", "case list")

    @task(3)
    def case(self) -> None:
        self.case_page()

    @task
    def filtered(self) -> None:
        self.page("/cases/?status=referred&sort=-reported", "case list, filtered and sorted")

    @task
    def due(self) -> None:
        self.page("/action-plans/due/", "actions due")


class Supervisor(Investigator):
    role = "police_supervisor"
    fixed_count = 4

    @task
    def workload(self) -> None:
        self.page("/workload/", "team workload")


class Prosecutor(Person):
    role = "prosecutor"
    fixed_count = 15

    @task(2)
    def cases(self) -> None:
        self.page("/cases/", "case list")

    @task(3)
    def case(self) -> None:
        self.case_page()

    @task
    def overdue_cases(self) -> None:
        self.page("/cases/?due=overdue&sort=urn", "case list, filtered and sorted")

    @task
    def api_cases(self) -> None:
        self.page("/api/v1/cases/", "API: cases")

    @task
    def api_referrals(self) -> None:
        self.page("/api/v1/referrals/", "API: referrals")

    @task
    def api_plans(self) -> None:
        self.page("/api/v1/action-plans/", "API: action plans")


class UnitHead(Person):
    role = "unit_head"
    fixed_count = 10

    @task(2)
    def overdue(self) -> None:
        self.page("/action-plans/overdue/", "overdue action plans")

    @task
    def workload(self) -> None:
        self.page("/workload/", "team workload")

    @task
    def cases(self) -> None:
        self.page("/cases/", "case list")

    @task(2)
    def case(self) -> None:
        self.case_page()


class Analyst(Person):
    role = "analyst"
    fixed_count = 5

    @task
    def scorecard(self) -> None:
        self.page("/scorecards/", "scorecard page")
