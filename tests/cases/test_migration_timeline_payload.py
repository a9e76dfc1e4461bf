"""The migration that words timeline events when they are read carries existing events over: each keeps the text it
was recorded with, shown as it was (and screened again), and the text comes back if the migration is undone."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from cases.models import TimelineEvent

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("cases", "0016_court_names_sentences_and_crime_outcomes")]
AFTER = [("cases", "0017_timeline_verbs_and_payload")]
RECORDED = {
    "case_opened": "Case 13AB1234524 opened",
    "direction_set": "Judge's direction: Serve Suspect 1 interview",
    "a_verb_since_retired": "Something that no longer happens",
}


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _events_recorded_before(apps: StateApps) -> dict[str, int]:
    force = apps.get_model("accounts", "PoliceForce").objects.get(name="West Yorkshire Police")
    area = force.cps_areas.filter(is_cps_direct=False).order_by("name").first()
    case = apps.get_model("cases", "Case").objects.create(
        urn="13AB1234524", police_force_id=force.pk, cps_area_id=area.pk, reported_on=date(2025, 1, 6)
    )
    apps.get_model("cases", "Suspect").objects.create(
        case=case, label="Suspect 1", name="Li Zyxwvut", police_force_id=force.pk, cps_area_id=area.pk
    )
    event_model = apps.get_model("cases", "TimelineEvent")
    return {
        verb: event_model.objects.create(case=case, verb=verb, stage="case", summary=summary).pk
        for verb, summary in RECORDED.items()
    }


def test_events_recorded_before_keep_their_text() -> None:
    ids = _events_recorded_before(_migrate(BEFORE))
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    events = {event.pk: event for event in TimelineEvent.objects.all()}
    assert {verb: events[pk].payload for verb, pk in ids.items()} == {
        verb: {"text": summary} for verb, summary in RECORDED.items()
    }
    assert {verb: events[pk].summary for verb, pk in ids.items()} == RECORDED


def test_undone_the_events_have_their_text_again() -> None:
    ids = _events_recorded_before(_migrate(BEFORE))
    _migrate(AFTER)
    apps = _migrate(BEFORE)
    summaries = dict(apps.get_model("cases", "TimelineEvent").objects.values_list("pk", "summary"))
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # as the tests after this one expect
    assert {verb: summaries[pk] for verb, pk in ids.items()} == RECORDED
