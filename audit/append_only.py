"""Records that, once written, are never changed or deleted by the application."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError(f"{self.model._meta.verbose_name_plural} cannot be changed.")

    def delete(self) -> NoReturn:
        raise PermissionError(f"{self.model._meta.verbose_name_plural} cannot be deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError(f"{self._meta.verbose_name_plural} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError(f"{self._meta.verbose_name_plural} cannot be deleted.")


def revoke_changes_sql(table: str) -> tuple[str, str]:
    """For a migration: on PostgreSQL the role that runs the application loses UPDATE and DELETE on the table."""
    return (
        f"REVOKE UPDATE, DELETE ON {table} FROM CURRENT_USER",
        f"GRANT UPDATE, DELETE ON {table} TO CURRENT_USER",
    )
