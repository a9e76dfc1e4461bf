"""The migration that gives suspects one status to the sentence carries existing data over: a suspect charged before
it had stopped at "Charging decision made", and now takes its status after charge from its records."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("cases", "0014_overdue_referrals_name_their_suspects")]
DAY = date(2025, 1, 6)


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _charged_suspects(apps: StateApps) -> dict[str, int]:
    """Before the migration: one suspect per kind of record after charge, each charged; and one not charged."""
    force = apps.get_model("accounts", "PoliceForce").objects.get(name="West Yorkshire Police")
    area = force.cps_areas.filter(is_cps_direct=False).order_by("name").first()
    prosecutor = apps.get_model("accounts", "User").objects.create(
        username="prosecutor", role="prosecutor", cps_area_id=area.pk
    )
    case = apps.get_model("cases", "Case").objects.create(
        urn="13AB1234524", police_force_id=force.pk, cps_area_id=area.pk, reported_on=DAY - timedelta(days=300)
    )
    suspect_model = apps.get_model("cases", "Suspect")
    referral_model = apps.get_model("cases", "Referral")
    decision_model = apps.get_model("cases", "ChargingDecision")
    organisations = {"police_force_id": force.pk, "cps_area_id": area.pk}
    ids = {}
    charged = ["charged", "sent", "ptph held", "tried", "convicted", "no evidence offered"]
    for label, outcome in [*((label, "charge") for label in charged), ("not charged", "nfa_evidential")]:
        suspect = suspect_model.objects.create(case=case, label=label, pre_charge_status="decided", **organisations)
        referral = referral_model.objects.create(
            suspect=suspect, kind="charging_decision", received_on=DAY, due_on=DAY, closed_on=DAY,
            created_by=prosecutor, **organisations,
        )  # fmt: skip
        decision_model.objects.create(
            referral=referral, test="full_code", outcome=outcome, decided_on=DAY, decided_by=prosecutor,
            bad_character="not_applicable", bad_character_rationale="None", suspect_conduct="Denies",
        )  # fmt: skip
        ids[label] = suspect.pk
    prosecution_model = apps.get_model("cases", "Prosecution")
    hearing_model = apps.get_model("cases", "Hearing")
    for label in ("sent", "ptph held", "tried", "convicted", "no evidence offered"):
        prosecution_model.objects.create(
            suspect_id=ids[label], sent_on=DAY, ptph_due_on=DAY, prosecution_case_due_on=DAY,
            defence_response_due_on=DAY,
        )  # fmt: skip
    hearing_model.objects.create(suspect_id=ids["ptph held"], court="crown", kind="ptph", held_on=DAY)
    hearing_model.objects.create(suspect_id=ids["tried"], court="crown", kind="ptph", held_on=DAY)
    hearing_model.objects.create(suspect_id=ids["tried"], court="crown", kind="trial", held_on=DAY)
    prosecution_model.objects.filter(suspect_id=ids["convicted"]).update(
        result="convicted_after_trial", completed_on=DAY
    )
    prosecution_model.objects.filter(suspect_id=ids["no evidence offered"]).update(
        result="no_evidence_offered", completed_on=DAY
    )
    return ids


def test_charged_suspects_take_their_status_after_charge_from_their_records() -> None:
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    ids = _charged_suspects(_migrate(BEFORE))
    apps = _migrate(latest)
    statuses = dict(apps.get_model("cases", "Suspect").objects.values_list("pk", "status"))
    assert {label: statuses[pk] for label, pk in ids.items()} == {
        "charged": "charged",
        "sent": "awaiting_ptph",
        "ptph held": "awaiting_trial",
        "tried": "at_trial",
        "convicted": "convicted",
        "no evidence offered": "discontinued",
        "not charged": "decided",
    }
