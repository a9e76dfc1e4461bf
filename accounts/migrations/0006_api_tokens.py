"""API tokens move from REST framework's authtoken, which kept each token in clear, to knox, which keeps a digest.

A DRF token is 40 hexadecimal characters and knox finds a token by its first 15 and checks the SHA-512 digest of the
whole, whatever its length: so each old token becomes a knox row holding only its digest, and the systems that use it
go on sending the same header until it expires, API_TOKEN_TTL_DAYS after this migration. Then the clear-text table is
dropped, with authtoken's record in django_migrations (the app is no longer installed)."""

from typing import Any

from django.db import migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS, knox_settings

CLEAR_TABLE = "authtoken_token"


def carry_over(connection: BaseDatabaseWrapper, token_model: Any) -> int:
    """Hash every clear token into a knox row, then drop the clear table; the number carried over."""
    if CLEAR_TABLE not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {CLEAR_TABLE}")  # noqa: S608 - a constant
        clear = cursor.fetchall()
        expiry = timezone.now() + knox_settings.TOKEN_TTL
        token_model.objects.bulk_create(
            token_model(
                digest=hash_token(key), token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, expiry=expiry
            )
            for key, user_id in clear
        )
        cursor.execute(f"DROP TABLE {CLEAR_TABLE}")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])
    return len(clear)


def carry_over_clear_tokens(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    carry_over(schema_editor.connection, apps.get_model("knox", "AuthToken"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_oidc_subject"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[],
            options={"verbose_name": "API token", "proxy": True, "indexes": [], "constraints": []},
            bases=("knox.authtoken",),
        ),
        # Irreversible in substance: the clear tokens are gone for good, which is the point.
        migrations.RunPython(carry_over_clear_tokens, migrations.RunPython.noop),
    ]
