"""Every table in the service's templates sits in the one scroll container: a region labelled by the table's caption,
which the keyboard can reach, so that at 320 CSS pixels a wide table scrolls inside it and the page does not (WCAG
1.4.10; the browser suite checks the pages themselves). Its text is smaller below tablet width, so that at 640 pixels
it fits."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TABLE = re.compile(r"<table\b[^>]*>")
CONTAINER = re.compile(
    r'<div class="app-table-scroll" role="region" aria-labelledby="(?P<id>[^"]+)" tabindex="0">\s*'
    r'<table class="govuk-table govuk-table--small-text-until-tablet[^"]*">\s*'
    r'<caption id="(?P<caption>[^"]+)" class="govuk-table__caption[^"]*">.*?</caption>'
    r".*?</table>\s*</div>",
    re.S,
)
WITH_TABLES = sorted(path for path in TEMPLATES.rglob("*.html") if TABLE.search(path.read_text()))


def test_the_service_has_tables() -> None:
    assert len(WITH_TABLES) > 20


@pytest.mark.parametrize("path", WITH_TABLES, ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_every_table_is_in_a_labelled_focusable_scroll_container(path: Path) -> None:
    text = path.read_text()
    wrapped = list(CONTAINER.finditer(text))
    assert len(wrapped) == len(TABLE.findall(text)), "a table outside the scroll container"
    for container in wrapped:
        assert container["id"] == container["caption"], "the container is not labelled by its table's caption"
    assert len({container["id"] for container in wrapped}) == len(wrapped), "two containers labelled by one id"
