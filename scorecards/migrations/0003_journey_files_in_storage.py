"""Journey files move out of the database into storage (RASSO_UPLOAD_DIR), and imports count their attempts.

An import that had not ended when this runs had its file in the row, which is dropped here: it is failed with a
reason the page shows, so the administrator uploads it again. (One left "Importing" by a worker that died is among
them: it would never have ended.) The migration so needs no access to the upload volume."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils import timezone

import scorecards.models

REASON = "The service was updated before this import ended, and the file was not kept. Upload the file again."


def fail_unfinished(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    journey_import = apps.get_model("scorecards", "JourneyImport")
    journey_import.objects.filter(status__in=("queued", "running")).update(
        status="failed", errors=[{"line": None, "reason": REASON}], finished_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0002_journey_import_failed"),
    ]

    operations = [
        migrations.RunPython(fail_unfinished, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="journeyimport",
            name="content",
        ),
        migrations.AddField(
            model_name="journeyimport",
            name="file",
            field=models.FileField(
                blank=True,
                editable=False,
                help_text="The uploaded file; empty once it is deleted.",
                upload_to=scorecards.models.stored_file_name,
            ),
        ),
        migrations.AddField(
            model_name="journeyimport",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, help_text="How many times a worker has started it."),
        ),
        migrations.AddField(
            model_name="journeyimport",
            name="started_at",
            field=models.DateTimeField(blank=True, help_text="When the latest attempt began.", null=True),
        ),
    ]
