"""`make backup` / `make restore`: a seeded database backed up, damaged, and restored whole (PostgreSQL in CI's second
run, SQLite in the first)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cases.models import Case, Suspect
from tests.factories import make_case, suspect_with_facts

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_every_case_after_they_are_lost(tmp_path: Path) -> None:
    cases = [make_case() for _ in range(3)]
    suspect_with_facts(case=cases[0], label="Suspect 2", name="A <b>name</b> ✓ עברית")
    backup = tmp_path / "rasso.backup"
    call_command("backup_database", str(backup))
    assert backup.stat().st_size > 0
    Case.objects.all().delete()
    assert not Suspect.objects.exists()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_database", str(backup))
    assert not Case.objects.exists(), "nothing is replaced without the confirmation"
    call_command("restore_database", str(backup), "--yes")
    assert sorted(Case.objects.values_list("urn", flat=True)) == sorted(c.urn for c in cases)
    assert Suspect.objects.get(label="Suspect 2").name == "A <b>name</b> ✓ עברית"


def test_restoring_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore_database", str(tmp_path / "nothing-here"), "--yes")
