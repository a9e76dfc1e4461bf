"""The migration operations that give a stage table its case's police force and CPS Area
(``cases.models.case.InCaseOrganisations``): nullable columns, filled from the case, then required."""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


def _organisation(model: str, *, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=f"accounts.{model}",
    )


def add_case_organisations(model_name: str, table: str) -> list[migrations.operations.base.Operation]:
    """Operations for a table whose rows reach their case through ``suspect_id`` (SQL that SQLite 3.33+ and
    PostgreSQL both run)."""
    fields = {"police_force": "policeforce", "cps_area": "cpsarea"}
    copy = (
        f"UPDATE {table} SET police_force_id = c.police_force_id, cps_area_id = c.cps_area_id "  # noqa: S608 - our table
        f"FROM cases_suspect s JOIN cases_case c ON c.id = s.case_id WHERE s.id = {table}.suspect_id"
    )
    return [
        *(migrations.AddField(model_name, name, _organisation(to, null=True)) for name, to in fields.items()),
        migrations.RunSQL(copy, migrations.RunSQL.noop, elidable=False),
        *(migrations.AlterField(model_name, name, _organisation(to, null=False)) for name, to in fields.items()),
    ]
