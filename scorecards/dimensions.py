"""The breakdowns a scorecard offers: case type (flags) and each of the nine protected characteristics of suspects
and of complainants, each with "not recorded". A case with several flags or people is counted once in each of their
categories, so a breakdown's categories can add up to more than the whole."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField

from cases.characteristics import NOT_RECORDED, ProtectedCharacteristics
from cases.models import CaseFlag
from scorecards.facts import Source

NO_FLAG = "none"


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    person: str = ""  # "suspect" or "complainant"; empty for the case's flags
    field: str = ""

    @property
    def missing(self) -> str:
        """The category of an item with nothing recorded (no flag, no complainant on the case)."""
        return NO_FLAG if not self.person else NOT_RECORDED

    def path(self, source: Source) -> str | None:
        """The ORM path from the source's rows to the category; None when the source has no case."""
        if source.case is None:
            return None
        if not self.person:
            return f"{source.case}__flags__code"
        own = source.suspect if self.person == "suspect" else source.complainant
        person = own or f"{source.case}__{self.person}s"
        return f"{person}__{self.field}"

    def categories(self) -> list[tuple[str, str]]:
        if not self.person:
            flags = list(CaseFlag.objects.order_by("name").values_list("code", "name"))
            return [*flags, (NO_FLAG, "No flag")]
        return [(str(value), str(label)) for value, label in _characteristic(self.field).choices or []]


def _characteristic(name: str) -> CharField[str, str]:
    field = ProtectedCharacteristics._meta.get_field(name)
    assert isinstance(field, CharField)  # noqa: S101 - the nine are character fields with choices
    return field


def _characteristics() -> list[tuple[str, str]]:
    return [(field.name, str(field.verbose_name)) for field in ProtectedCharacteristics._meta.concrete_fields]


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("case_type", "Case type"),
    *(
        Dimension(f"{person}_{name}", f"{person.capitalize()}: {label}", person, name)
        for person in ("suspect", "complainant")
        for name, label in _characteristics()
    ),
)
BY_ID = {dimension.id: dimension for dimension in DIMENSIONS}
