"""The live scorecard page is computed once and kept for everyone who asks (scorecards.live): it says when its figures
were computed, keeps them while new decisions are recorded, and beat's refresh brings them up to date."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from scorecards.journey_import import import_lines
from scorecards.tasks import refresh_live_scorecards
from tests.clients import signed_in
from tests.journeys import line, reported
from tests.scorecards.test_scorecard_measures import history

pytestmark = pytest.mark.django_db
# A day of 2024-25 Q2, when the page opens on 2024-25 Q1.
IN_Q2 = datetime(2024, 8, 14, 10, 0, tzinfo=ZoneInfo("Europe/London"))
NATIONAL_Q1 = {"period": "2024-25 Q1", "place": "national"}


def _legal_decisions(analyst_of: Callable[[], Client]) -> tuple[str, int]:
    response = analyst_of().get("/scorecards/", NATIONAL_Q1)
    assert response.status_code == 200
    figures = response.context["figures"]
    shown = {panel["measure"].id: panel["figure"] for _, panels in figures.groups for panel in panels}
    return figures.computed_at.isoformat(), shown["legal_decisions"].numerator


def test_the_page_keeps_its_figures_until_beat_refreshes_them(user_of: Callable[..., User]) -> None:
    import_lines(history())
    analyst = user_of(Role.ANALYST)
    with time_machine.travel(IN_Q2, tick=False) as traveller:
        first_asked, decisions = _legal_decisions(lambda: signed_in(analyst))
        assert decisions == 3
        page = signed_in(analyst).get("/scorecards/", NATIONAL_Q1).content.decode()
        assert "Figures as at 14 August 2024 at 10am" in page

        import_lines([
            reported("13AA0000009", "2024-04-02"),
            line("suspect_added", urn="13AA0000009", suspect="S1"),
            line("referral_received", urn="13AA0000009", suspect="S1", date="2024-04-03", kind="charging_decision"),
            line("decision", urn="13AA0000009", suspect="S1", date="2024-05-01", outcome="charge", test="full_code"),
        ])  # fmt: skip
        traveller.shift(60)
        assert _legal_decisions(lambda: signed_in(analyst)) == (first_asked, 3), "the kept figures, as at first asked"

        traveller.shift(60)
        assert refresh_live_scorecards.apply().get() == 16, "the nation and its fifteen Areas"
        refreshed_at, decisions = _legal_decisions(lambda: signed_in(analyst))
        assert decisions == 4
        assert refreshed_at > first_asked
        # The page's rendering of the figures is kept too, and goes with the figures it showed.
        page = signed_in(analyst).get("/scorecards/", NATIONAL_Q1).content.decode()
        assert "Figures as at 14 August 2024 at 10:02am" in page
