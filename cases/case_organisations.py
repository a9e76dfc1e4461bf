"""The migration operations that give a stage table its case's police force and CPS Area
(``cases.models.case.InCaseOrganisations``): nullable columns, filled from the case, then required."""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


def _organisation(model: str, *, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False,
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=f"accounts.{model}",
    )


def add_case_organisations(model_name: str, table: str) -> list[migrations.operations.base.Operation]:
    """Operations for the suspects' table (copied from the case), or a table whose rows name their suspect (copied
    from the suspect, which has them first): SQL that SQLite 3.33+ and PostgreSQL both run."""
    fields = {"police_force": "policeforce", "cps_area": "cpsarea"}
    source = (
        "cases_case o WHERE o.id = cases_suspect.case_id"
        if table == "cases_suspect"
        else (f"cases_suspect o WHERE o.id = {table}.suspect_id")
    )
    copy = f"UPDATE {table} SET police_force_id = o.police_force_id, cps_area_id = o.cps_area_id FROM {source}"  # noqa: S608
    return [
        *(migrations.AddField(model_name, name, _organisation(to, null=True)) for name, to in fields.items()),
        migrations.RunSQL(copy, migrations.RunSQL.noop, elidable=False),
        *(migrations.AlterField(model_name, name, _organisation(to, null=False)) for name, to in fields.items()),
    ]
