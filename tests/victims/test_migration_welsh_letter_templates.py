"""The letter templates' data migrations: 0006 adds the Welsh wording beside the English templates there were
(an administrator's edit to an English one kept), and undone it takes away the Welsh templates only. The migrations
keep their own copy of the wording, so rewording the service's defaults later cannot change what they do."""

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

import victims

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_LANGUAGES = [("victims", "0004_own_view")]
WITHOUT_WELSH = [("victims", "0005_letter_languages")]


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _everything() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _templates(apps: StateApps) -> dict[tuple[str, str], str]:
    rows = apps.get_model("victims", "LetterTemplate").objects.values_list("kind", "language", "body")
    return {(kind, language): body for kind, language, body in rows}


def test_welsh_templates_come_beside_the_english_ones_and_go_again_when_undone() -> None:
    before = _migrate(BEFORE_LANGUAGES)
    template = before.get_model("victims", "LetterTemplate")
    assert template.objects.count() == 6
    template.objects.filter(kind="nfa").update(body="Dear $complainant_name,\n\nOur own wording.")

    templates = _templates(_migrate(_everything()))
    assert {language for _, language in templates} == {"en", "cy"}
    assert len(templates) == 12
    assert templates["nfa", "en"] == "Dear $complainant_name,\n\nOur own wording."
    assert templates["nfa", "cy"].startswith("Annwyl $complainant_name,")
    assert "Hawl Dioddefwyr i Adolygiad" in templates["nfa", "cy"]

    undone = _templates(_migrate(WITHOUT_WELSH))
    assert set(undone) == {(kind, "en") for kind, _ in templates}
    assert undone["nfa", "en"] == "Dear $complainant_name,\n\nOur own wording."
    _migrate(_everything())


def test_the_migrations_import_none_of_the_apps_code() -> None:
    """Code the service changes later (the default wording, the models) would change what an old migration does."""
    imported, read = {}, 0
    for migration in sorted((Path(victims.__file__).parent / "migrations").glob("0*.py")):
        tree = ast.parse(migration.read_text())
        modules = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        modules += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        read += 1
        if ours := [name for name in modules if name.split(".")[0] == "victims"]:
            imported[migration.name] = ours
    assert read >= 6
    assert imported == {}
