"""The load benchmark's users (locust): people of each role at work, each signed in, reading the pages they use most
with a pause between pages, as `bench/load.py` runs them; investigators also take a step (add a suspect: a write,
which rewrites the case's journey facts). Every one of them also asks, now and then, for the framework's floor (a
view that does nothing), so that each page is compared with the floor under the same load.

The users of each role come in the proportions of their weights (of 50 users: 8 investigators, 4 supervisors, 15
prosecutors, 8 unit heads, 5 analysts and 10 victim liaison officers), and each page's tasks are weighted so that
no page gets far fewer requests than another. Each request's time, size and Server-Timing header (bench.server_timing)
is kept from the moment every user is at work, and written to BENCH_SAMPLES when the run stops."""

from __future__ import annotations

import json
import os
import random
import time
from itertools import cycle
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import HttpUser, between, events, task

from bench import steps  # locust runs from the repository's root (bench/load.py)

PEOPLE: dict[str, Any] = {}
for person in json.loads(Path(os.environ["BENCH_PEOPLE"]).read_text()):
    PEOPLE.setdefault(person["role"], []).append(person)
TURNS = {role: cycle(people) for role, people in PEOPLE.items()}
PAUSE = [float(seconds) for seconds in os.environ.get("BENCH_PAUSE", "1,3").split(",")]
FLOOR = "floor: a view that does nothing"
SAMPLES: list[list[Any]] = []  # name, milliseconds, bytes, succeeded, then the server's app, db, cpu ms and queries
STARTED = [time.monotonic()]
ASKED: set[tuple[str, str, str]] = set()  # the scorecards asked for already, so that each is computed, not kept


def _server_timing(header: str) -> dict[str, float]:
    """``app;dur=12.3, db;dur=4.5, cpu;dur=3.2, queries;desc=7`` → {"app": 12.3, "db": 4.5, "cpu": 3.2, …}."""
    metrics = {}
    for metric in filter(None, (part.strip() for part in header.split(","))):
        name, _, value = metric.partition(";")
        metrics[name] = float(value.partition("=")[2])
    return metrics


@events.request.add_listener
def _keep(name: str, response_time: float, response_length: int, response: Any, exception: Any, **_: Any) -> None:
    timing = _server_timing(response.headers.get("Server-Timing", "")) if response is not None else {}
    SAMPLES.append([name, response_time, response_length, exception is None,
                    timing.get("app"), timing.get("db"), timing.get("cpu"), timing.get("queries")])  # fmt: skip


@events.spawning_complete.add_listener
def _all_at_work(**_: Any) -> None:
    """Count from here: while users are still arriving, the load is lighter than the run's."""
    SAMPLES.clear()
    STARTED[0] = time.monotonic()


@events.test_stop.add_listener
def _write(**_: Any) -> None:
    took = time.monotonic() - STARTED[0]
    Path(os.environ["BENCH_SAMPLES"]).write_text(json.dumps({"seconds": took, "samples": SAMPLES}))


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(*PAUSE)

    def on_start(self) -> None:
        self.person = next(TURNS[self.role])
        # Behind the TLS proxy a deployment has: the production settings expect it and redirect plain HTTP.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.person["cookies"].items())

    def page(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:  # noqa: PLR2004
                response.failure(f"{response.status_code}")

    def case_page(self) -> None:
        self.page(f"/cases/{random.choice(self.person['cases'])}/", "case page")  # noqa: S311 - not for secrets

    def post(self, url: str, data: dict[str, str], name: str) -> Any:
        """A form posted as a browser posts it: with the CSRF token of the person's cookie, from the site's origin."""
        origin = {"Origin": (self.host or "").replace("http://", "https://", 1)}
        data = {"csrfmiddlewaretoken": self.person["csrf"], **data}
        return self.client.post(url, data=data, headers=origin, name=name, allow_redirects=False, catch_response=True)

    def add_suspect(self) -> None:
        """A step page: a suspect added to one of the officer's cases. Its timeline event rewrites the case's journey
        facts in the same transaction, so this is the facts' cost on a write."""
        case = random.choice(self.person["cases"])  # noqa: S311 - not for secrets
        with self.post(steps.add_suspect_url(case), steps.ADD_SUSPECT, "step: add a suspect") as response:
            if response.status_code != 302:  # noqa: PLR2004 - the step's redirect to the case when it is done
                response.failure(f"{response.status_code}: the suspect was not added")

    @task
    def floor(self) -> None:
        self.page("/bench/floor/", FLOOR)


class Investigator(Person):
    role = "investigator"
    weight = 8

    @task(3)
    def due(self) -> None:
        self.page("/action-plans/due/", "actions due")

    @task
    def case(self) -> None:
        self.case_page()

    @task
    def cases(self) -> None:
        self.page("/cases/", "case list")

    @task
    def filtered(self) -> None:
        self.page("/cases/?status=referred&sort=-reported", "case list, filtered and sorted")

    @task
    def step(self) -> None:
        self.add_suspect()


class Supervisor(Person):
    role = "police_supervisor"
    weight = 4

    @task(2)
    def due(self) -> None:
        self.page("/action-plans/due/", "actions due")

    @task(2)
    def workload(self) -> None:
        self.page("/workload/", "team workload")

    @task
    def case(self) -> None:
        self.case_page()

    @task
    def cases(self) -> None:
        self.page("/cases/", "case list")


class Prosecutor(Person):
    role = "prosecutor"
    weight = 15

    @task(2)
    def home(self) -> None:
        self.page("/", "home: queues")

    @task
    def cases(self) -> None:
        self.page("/cases/", "case list")

    @task
    def case(self) -> None:
        self.case_page()

    @task
    def overdue_cases(self) -> None:
        self.page("/cases/?due=overdue&sort=urn", "case list, filtered and sorted")

    @task(2)
    def api_cases(self) -> None:
        self.page("/api/v1/cases/", "API: cases")

    @task(2)
    def api_referrals(self) -> None:
        self.page("/api/v1/referrals/", "API: referrals")

    @task(2)
    def api_plans(self) -> None:
        self.page("/api/v1/action-plans/", "API: action plans")


class UnitHead(Person):
    role = "unit_head"
    weight = 8

    @task(3)
    def overdue(self) -> None:
        self.page("/action-plans/overdue/", "overdue action plans")

    @task(2)
    def workload(self) -> None:
        self.page("/workload/", "team workload")

    @task(2)
    def home(self) -> None:
        self.page("/", "home: queues")

    @task
    def case(self) -> None:
        self.case_page()


class Analyst(Person):
    """A national analyst: each scorecard a place, period and breakdown not asked for before in the run."""

    role = "analyst"
    weight = 5

    @task(6)
    def scorecard(self) -> None:
        choices = self.person["scorecards"]
        while True:
            asked = (
                random.choice(choices["places"]),  # noqa: S311 - not for secrets
                random.choice(choices["periods"]),  # noqa: S311
                random.choice(["", random.choice(choices["breakdowns"])]),  # noqa: S311 - half with no breakdown
            )
            if asked not in ASKED:
                break
        ASKED.add(asked)
        query = urlencode({"place": asked[0], "period": asked[1], "breakdown": asked[2]})
        self.page(f"/scorecards/?{query}", "scorecard page")


class LiaisonOfficer(Person):
    """A victim liaison officer: the letters due, and a complainant's identity, read with a reason, to write one."""

    role = "victim_liaison_officer"
    weight = 10

    @task(3)
    def letters(self) -> None:
        self.page("/letters/", "letters due")

    @task(3)
    def identity(self) -> None:
        case, complainant = random.choice(self.person["complainants"])  # noqa: S311 - not for secrets
        url = f"/cases/{case}/complainants/{complainant}/identity/"
        self.page(url, "identity: the reason asked")
        self.wait()
        with self.post(url, {"reason": "letter"}, "identity: read with a reason") as response:
            # Shown, and decrypted: a Fernet token ("gAAAAA…") would be an identity the keys could not read.
            refused = "govuk-error-summary" in response.text or "gAAAAA" in response.text
            if response.status_code != 200 or refused:  # noqa: PLR2004
                response.failure(f"{response.status_code}: the identity was not shown")
