"""What the case list's one search box understands: a URN typed any way (with spaces, in any case) or the start of
one; a suspect's or complainant's label, after a URN ("01AB1234524 Suspect 1") or alone; else a suspect's name. A URN
and a label may sit in an address (``?q=``); a name is personal data, so it travels only in a POST's body and is never
put in an address, a redirect or a log."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from cases.models import Case

# A whole URN with any spaces between its characters, then perhaps a label.
_URN_THEN_REST = re.compile(r"^(\d\s*\d(?:\s*[A-Z0-9]){2}(?:\s*\d){7})(?:\s+(.+))?$", re.IGNORECASE)
# The start of a URN (spaces taken out): the force's 2 digits, then what follows of the rest.
_URN_START = re.compile(r"^\d{2}[A-Z0-9]{0,2}\d{0,7}$")
# Labels as the service gives them: "Suspect 1" (cases.services.records), "Complainant A" (victims.identity).
_SUSPECT = re.compile(r"^suspect\s*(\d{1,3})$", re.IGNORECASE)
_COMPLAINANT = re.compile(r"^complainant\s*([A-Z]{1,2})$", re.IGNORECASE)

HINT = "A URN, like 01AB1234524; a URN and a label, like 01AB1234524 Suspect 1; or a suspect's name"
# What an address (or the API) may carry: never a name.
ADDRESS_HINT = (
    "A URN with or without spaces, in any case, or its start; and a suspect's or complainant's label, after the URN "
    "or alone (01AB1234524 Suspect 1). Not a name: the case list's search box finds names, by POST"
)
NOT_A_URN_OR_LABEL = (
    "Enter a URN, like 01AB1234524, or a label, like Suspect 1. To find a case by a name, type the name in the search "
    "box: names are never put in a web address"
)


@dataclass(frozen=True)
class CaseQuery:
    """A search that names no one: a URN (whole, or its start) and a label, either of which may be absent."""

    urn: str = ""
    whole_urn: bool = False
    label: str = ""

    def __str__(self) -> str:
        """As it goes in the address: "01AB1234524 Suspect 1"."""
        return " ".join(part for part in (self.urn, self.label) if part)

    def applied_to(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        """The cases it finds among ``cases``. A label is unique within its case, so joining on it never repeats a
        case; a URN's start reads the URN's own index."""
        if self.urn:
            cases = cases.filter(urn=self.urn) if self.whole_urn else cases.filter(urn__startswith=self.urn)
        if self.label.startswith("Suspect"):
            cases = cases.filter(suspects__label=self.label)
        elif self.label:
            # The complainants' table is victims', which cases may not import: reached through its relation's name.
            cases = cases.filter(complainants__label=self.label)
        return cases


def suspect_label(text: str) -> str:
    """The suspect's label typed any way ("suspect 2"), as the service writes it ("Suspect 2"); else empty."""
    found = _SUSPECT.match(" ".join(text.split()))
    return f"Suspect {int(found[1])}" if found else ""


def _label(text: str) -> str:
    if label := suspect_label(text):
        return label
    if found := _COMPLAINANT.match(text):
        return f"Complainant {found[1].upper()}"
    return ""


def parse(text: str) -> CaseQuery | None:
    """The URN and label in what was typed, or None when it is neither (perhaps a name)."""
    text = " ".join(text.split())
    if found := _URN_THEN_REST.match(text):
        urn = "".join(found[1].split()).upper()
        label = _label(found[2] or "")
        return CaseQuery(urn, whole_urn=True, label=label) if label or not found[2] else None
    if label := _label(text):
        return CaseQuery(label=label)
    start = "".join(text.split()).upper()
    return CaseQuery(start) if _URN_START.match(start) else None
