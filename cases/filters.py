"""The case list's filters and sort order (django-filter), built from the user's scope."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce, User
from accounts.scoping import case_scope
from cases.models import Case, CaseFlag, Referral, Suspect
from cases.transitions import SuspectStatus
from govuk.forms import GovukCheckboxes, GovukFormMixin


class CaseFilterForm(GovukFormMixin, forms.Form):
    pass


class CaseFilter(django_filters.FilterSet):
    police_force = django_filters.ModelChoiceFilter(label="Police force", queryset=PoliceForce.objects.none())
    cps_area = django_filters.ModelChoiceFilter(label="CPS Area", queryset=CpsArea.objects.none())
    status = django_filters.ChoiceFilter(
        label="A suspect's status", choices=SuspectStatus.choices, method="filter_status"
    )
    flags = django_filters.ModelMultipleChoiceFilter(
        label="Flags", queryset=CaseFlag.objects.all(), widget=GovukCheckboxes, method="filter_flags"
    )
    overdue = django_filters.BooleanFilter(label="Only cases with an overdue referral", method="filter_overdue")
    mine = django_filters.BooleanFilter(label="Only my cases", method="filter_mine")
    sort = django_filters.OrderingFilter(
        fields=(("urn", "urn"), ("reported_on", "reported"), ("police_force__name", "force")),
        label="Sort by",
    )

    class Meta:
        model = Case
        fields: list[str] = []
        form = CaseFilterForm

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # The organisations in the user's scope, from the organisation tables: asking the cases which forces they
        # name would read an Area's whole caseload to draw a drop-down.
        scope = case_scope(user)
        self.filters["police_force"].queryset = scope.forces().order_by("name")
        self.filters["cps_area"].queryset = scope.areas().order_by("name")
        for name in ("overdue", "mine"):
            self.filters[name].extra["widget"] = forms.CheckboxInput()

    def filter_status(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # The suspects at that stage in scope, from their own index, rather than a look behind every case.
        at_stage = Suspect.objects.visible_to(self.user).filter(status=value)
        return queryset.filter(pk__in=at_stage.values("case_id"))

    def filter_flags(self, queryset: QuerySet[Case], name: str, value: list[CaseFlag]) -> QuerySet[Case]:
        for flag in value:
            queryset = queryset.filter(Exists(Case.flags.through.objects.filter(case=OuterRef("pk"), caseflag=flag)))
        return queryset

    def filter_overdue(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        if not value:
            return queryset
        # The overdue referrals in scope, from their own index, rather than a look for one behind every case.
        overdue = Referral.objects.visible_to(self.user).overdue(timezone.localdate())
        return queryset.filter(pk__in=overdue.values("suspect__case_id"))

    def filter_mine(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        if not value:
            return queryset
        return queryset.filter(Q(officer_in_charge=self.user) | Q(allocated_prosecutor=self.user))
