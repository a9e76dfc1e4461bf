"""The one filter form of the two logs an auditor reads (the identity access log and the export log), and the
filtering it asks for: by person, their organisation, the case (or, in the export log, which names no case, what was
downloaded), the reason and the dates. Each log says which of its fields each filter reads (``Log``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.scoping import Scope
from audit.models import Purpose
from govuk.dates import GovukDateField
from govuk.forms import GovukFormMixin
from govuk.wording import in_a_sentence
from victims.models import IdentityReadReason

ALL = "All"
FORCE = "force-"
AREA = "area-"


@dataclass(frozen=True)
class Log:
    """One log: its title and file name, and the fields its filters read."""

    title: str  # "Identity access log"
    filename: str  # "identity-access-log"
    person: str  # the person's bare reference (the log keeps no database constraint on it)
    person_name: str  # their name, copied into the log when it was written
    organisation: str  # where their force and Area are read from: their account ("reader__") or the entry ("")
    when: str
    reason: str
    reasons: Sequence[tuple[str, str]]
    reason_label: str
    case_label: str
    case_hint: str
    case_max_length: int
    case: Callable[[str], Q]
    case_area: str = ""  # the case's Area, where the log names a case


def _choice(label: str, choices: Sequence[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", ALL), *choices], required=False)


def _areas(scope: Scope) -> list[tuple[str, str]]:
    """The scope's CPS Areas as choices, named as people call them ("CPS Wales", "CPS Direct")."""
    areas = scope.areas().order_by("name").values_list("pk", "name")
    return [(f"{AREA}{pk}", name if name.startswith("CPS") else f"CPS {name}") for pk, name in areas]


class LogFilterForm(GovukFormMixin, forms.Form):
    """Every filter is optional; the organisations offered are those of the auditor's scope, read from their own
    tables (two short queries, however long the log)."""

    person = forms.CharField(
        label="Person", required=False, max_length=150, help_text="Part of their name or username"
    )
    # Each log's and each scope's own: see __init__.
    organisation = forms.ChoiceField(label="Their organisation", required=False)
    case_area = forms.ChoiceField(label="The case's CPS Area", required=False)
    case = forms.CharField(label="Case", required=False)
    reason = forms.ChoiceField(label="Reason", required=False)
    start = GovukDateField(
        label="Start date", required=False, allow_future=True, help_text="The first day to show, for example 1 4 2026"
    )
    end = GovukDateField(
        label="End date", required=False, allow_future=True, help_text="The last day to show, for example 30 4 2026"
    )

    def __init__(self, data: Any, *, log: Log, scope: Scope, organisations: bool) -> None:
        super().__init__(data)
        self.log = log
        self.fields["case"] = forms.CharField(
            label=log.case_label, help_text=log.case_hint, max_length=log.case_max_length, required=False
        )
        self.fields["reason"] = _choice(log.reason_label, log.reasons)
        by_area = bool(log.case_area and scope.everything)
        areas = _areas(scope) if organisations or by_area else []
        if organisations:
            forces = scope.forces().order_by("name").values_list("pk", "name")
            organisations_ = [(f"{FORCE}{pk}", name) for pk, name in forces] + areas
            self.fields["organisation"] = _choice("Their organisation", organisations_)
        else:
            del self.fields["organisation"]
        if by_area:
            self.fields["case_area"] = _choice("The case's CPS Area", areas)
        else:
            del self.fields["case_area"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "End date must be the same as or after the start date")
        return cleaned

    @property
    def used(self) -> list[str]:
        """The filters given, by label (never their values: what was typed stays out of the export log)."""
        if not self.is_bound or not self.is_valid():
            return []
        return [in_a_sentence(str(self.fields[name].label)) for name, value in self.cleaned_data.items() if value]

    def filtered(self, entries: QuerySet[Any]) -> QuerySet[Any]:
        """The entries the valid form's filters keep; each filter is one condition of the same query."""
        log, given = self.log, self.cleaned_data
        if person := given.get("person", "").strip():
            by_username = User.objects.filter(username__icontains=person).values("pk")
            entries = entries.filter(
                Q(**{f"{log.person_name}__icontains": person}) | Q(**{f"{log.person}_id__in": by_username})
            )
        if organisation := given.get("organisation"):
            field = "police_force_id" if organisation.startswith(FORCE) else "cps_area_id"
            entries = entries.filter(**{f"{log.organisation}{field}": int(organisation.split("-")[1])})
        if case_area := given.get("case_area"):
            entries = entries.filter(**{f"{log.case_area}_id": int(case_area.split("-")[1])})
        if case := given.get("case", "").strip():
            entries = entries.filter(log.case(case))
        if reason := given.get("reason"):
            entries = entries.filter(**{log.reason: reason})
        if start := given.get("start"):
            entries = entries.filter(**{f"{log.when}__gte": _midnight(start)})
        if end := given.get("end"):
            entries = entries.filter(**{f"{log.when}__lt": _midnight(end + timedelta(days=1))})
        return entries


def _midnight(day: date) -> datetime:
    """The day's start in the service's time zone, to compare the log's moments with as they are stored (not each
    moment turned into a date, which would be worked out for every entry)."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _urn(typed: str) -> Q:
    return Q(case_urn=typed.strip().upper())


def _downloaded(typed: str) -> Q:
    """The export log names no case: what was downloaded, or its file name, is what can be looked for."""
    return Q(what__icontains=typed.strip()) | Q(filename__icontains=typed.strip())


ACCESS_LOG = Log(
    title="Identity access log",
    filename="identity-access-log",
    person="reader",
    person_name="reader_name",
    organisation="reader__",
    when="read_at",
    reason="reason",
    reasons=tuple(IdentityReadReason.choices),
    reason_label="Why they read the details",
    case_label="Case URN",
    case_hint="The whole URN, for example 13AB0012324",
    case_max_length=11,
    case=_urn,
    case_area="case__cps_area",
)
EXPORT_LOG = Log(
    title="Export log",
    filename="export-log",
    person="user",
    person_name="user_name",
    organisation="",  # as they were when they downloaded
    when="made_at",
    reason="purpose",
    reasons=tuple(Purpose.choices),
    reason_label="Purpose",
    case_label="What was downloaded",
    case_hint=(
        "Downloads of lists name no case, so this is not a case URN: type part of what was downloaded, or of its file"
        " name, for example workload"
    ),
    case_max_length=200,
    case=_downloaded,
)
