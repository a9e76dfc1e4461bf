"""The live scorecard page is computed for each request from the journey facts, which are written with the records:
a decision recorded a moment ago is counted at once, with nothing to refresh, and the page says when its figures were
computed."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from scorecards.journey_import import import_lines
from tests.clients import signed_in
from tests.journeys import line, reported
from tests.scorecards.test_scorecard_measures import history

pytestmark = pytest.mark.django_db
# A day of 2024-25 Q2, when the page opens on 2024-25 Q1.
IN_Q2 = datetime(2024, 8, 14, 10, 0, tzinfo=ZoneInfo("Europe/London"))
NATIONAL_Q1 = {"period": "2024-25 Q1", "place": "national"}


def _legal_decisions(analyst: Client) -> int:
    response = analyst.get("/scorecards/", NATIONAL_Q1)
    assert response.status_code == 200
    figures = response.context["figures"]
    shown = {panel["measure"].id: panel["figure"] for _, panels in figures.groups for panel in panels}
    return shown["legal_decisions"].numerator


def test_a_decision_recorded_is_counted_on_the_next_page(user_of: Callable[..., User]) -> None:
    import_lines(history())
    analyst = signed_in(user_of(Role.ANALYST))
    with time_machine.travel(IN_Q2, tick=False) as traveller:
        assert _legal_decisions(analyst) == 3
        page = analyst.get("/scorecards/", NATIONAL_Q1).content.decode()
        assert "Figures as at 14 August 2024 at 10am: everything recorded by then is counted." in page

        import_lines([
            reported("13AA0000009", "2024-04-02"),
            line("suspect_added", urn="13AA0000009", suspect="S1"),
            line("referral_received", urn="13AA0000009", suspect="S1", date="2024-04-03", kind="charging_decision"),
            line("decision", urn="13AA0000009", suspect="S1", date="2024-05-01", outcome="charge", test="full_code"),
        ])  # fmt: skip
        traveller.shift(60)
        assert _legal_decisions(analyst) == 4
        assert "Figures as at 14 August 2024 at 10:01am" in analyst.get("/scorecards/", NATIONAL_Q1).content.decode()


def test_beat_refreshes_no_scorecard_and_only_starts_journey_imports() -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {task for task in tasks if task.startswith("scorecards.")} == {"scorecards.tasks.start_queued_imports"}
