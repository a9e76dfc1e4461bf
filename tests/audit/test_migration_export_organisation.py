"""The migration that keeps each download's CPS Area and police force gives the downloads already in the log those
of the person's account as it is then; a download by an account since deleted, or from the command line, gets none.
On PostgreSQL the export log is append-only: the migration may fill it, and the log is append-only again after."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from accounts.roles import Role
from audit.models import Export
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("audit", "0009_audit_purpose")]


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _downloads_before(apps: StateApps) -> dict[str, int]:
    """Only the export log is as it was before: the people are made and deleted as they are now."""
    people = {
        "prosecutor": make_user(Role.PROSECUTOR, cps_area="North East"),
        "officer": make_user(Role.INVESTIGATOR, police_force="Northumbria Police"),
        "gone": make_user(Role.PROSECUTOR, cps_area="North East"),
    }
    export = apps.get_model("audit", "Export")
    ids = {
        who: export.objects.create(user_id=person.pk, user_name=who, what=who, filename="f.csv", purpose="scrutiny").pk
        for who, person in people.items()
    }
    ids["command line"] = export.objects.create(user_name="(command line)", what="x", filename="x.csv").pk
    people["gone"].delete()
    return ids


def test_downloads_already_logged_get_their_makers_area_and_force_as_their_accounts_have_them() -> None:
    ids = _downloads_before(_migrate(BEFORE))
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    kept = {
        who: Export.objects.select_related("cps_area", "police_force").get(pk=pk).organisation_name
        for who, pk in ids.items()
    }
    assert kept == {
        "prosecutor": "CPS North East",
        "officer": "Northumbria Police",
        "gone": "National",
        "command line": "",
    }
    assert Export.objects.get(pk=ids["gone"]).cps_area_id is None
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError, match="permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE audit_export SET what = 'changed'")
