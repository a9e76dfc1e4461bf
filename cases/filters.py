"""The case list's search and filters and its sort order (django-filter), built from the user's scope: the page and
the API read the same FilterSet."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request

from accounts.models import CpsArea, PoliceForce, User
from accounts.roles import POLICE_ROLES
from accounts.scoping import Scope, case_scope
from cases import search
from cases.due import DueWhen, cases_due
from cases.limits import NAME_MAX_LENGTH
from cases.models import Case, CaseFlag, Suspect
from cases.transitions import CPS, SuspectStatus
from govuk.forms import GovukCheckboxes, GovukFormMixin

ALL = "All"


class CaseFilterForm(GovukFormMixin, forms.Form):
    pass


class CaseSearchForm(GovukFormMixin, forms.Form):
    """The case list's one search box, posted: what was typed may be a name, so it travels only in a POST's body."""

    q = forms.CharField(
        label="Search cases",
        min_length=2,
        max_length=NAME_MAX_LENGTH,
        help_text=search.HINT,
        error_messages={
            "required": "Enter a URN, a suspect's or complainant's label, or a suspect's name",
            "min_length": "Enter at least 2 characters",
            "max_length": f"Enter {NAME_MAX_LENGTH} characters or fewer",
        },
    )


class CaseQueryField(forms.CharField):
    """A URN or a label, as ``cases.search`` reads them; anything else (a name, say) is refused without repeating it,
    as a name must never sit in an address."""

    def clean(self, value: Any) -> search.CaseQuery | None:
        text = super().clean(value)
        if not text:
            return None
        query = search.parse(text)
        if query is None:
            raise ValidationError(search.NOT_A_URN_OR_LABEL, code="not_a_urn_or_label")
        return query


class CaseQueryFilter(django_filters.CharFilter):
    field_class = CaseQueryField


class SuspectLabelField(forms.CharField):
    def clean(self, value: Any) -> str:
        text = super().clean(value)
        label = search.suspect_label(text) if text else ""
        if text and not label:
            raise ValidationError("Enter a suspect's label, like Suspect 2", code="not_a_label")
        return label


class SuspectLabelFilter(django_filters.CharFilter):
    field_class = SuspectLabelField


class PersonChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class PersonFilter(django_filters.ModelChoiceFilter):
    """One of the people in the user's scope, by name."""

    field_class = PersonChoiceField


def _officers(scope: Scope) -> QuerySet[User]:
    """Who may be in charge of the scope's cases: the active investigators and supervisors of its forces."""
    people = User.objects.filter(is_active=True, role__in=POLICE_ROLES, police_force__in=scope.forces())
    return people.order_by("last_name", "first_name", "pk")


def _prosecutors(scope: Scope) -> QuerySet[User]:
    """Who the scope's cases may be allocated to: the active prosecutors and unit heads of its Areas."""
    people = User.objects.filter(is_active=True, role__in=CPS, cps_area__in=scope.areas())
    return people.order_by("last_name", "first_name", "pk")


class CaseFilter(django_filters.FilterSet):
    q = CaseQueryFilter(label="Search", help_text=search.ADDRESS_HINT, method="filter_q")
    police_force = django_filters.ModelChoiceFilter(
        label="Police force", queryset=PoliceForce.objects.none(), empty_label=ALL
    )
    cps_area = django_filters.ModelChoiceFilter(label="CPS Area", queryset=CpsArea.objects.none(), empty_label=ALL)
    status = django_filters.ChoiceFilter(
        label="Stage", choices=SuspectStatus.choices, method="filter_status", empty_label=ALL
    )
    suspect = SuspectLabelFilter(
        label="Suspect", help_text="A suspect's label, like Suspect 2", method="filter_suspect"
    )
    due = django_filters.ChoiceFilter(label="Next due", choices=DueWhen.choices, method="filter_due", empty_label=ALL)
    officer = PersonFilter(
        label="Officer in charge", field_name="officer_in_charge", queryset=User.objects.none(), empty_label=ALL
    )
    prosecutor = PersonFilter(
        label="Allocated prosecutor", field_name="allocated_prosecutor", queryset=User.objects.none(), empty_label=ALL
    )
    flags = django_filters.ModelMultipleChoiceFilter(
        label="Flags", queryset=CaseFlag.objects.all(), widget=GovukCheckboxes, method="filter_flags"
    )
    mine = django_filters.BooleanFilter(label="Only my cases", method="filter_mine")
    sort = django_filters.OrderingFilter(
        fields=(("urn", "urn"), ("reported_on", "reported"), ("police_force__name", "force")),
        field_labels={"urn": "URN", "reported_on": "Date reported", "police_force__name": "Police force"},
        label="Sort by",
        empty_label="Latest reported first",
    )

    class Meta:
        model = Case
        fields: list[str] = []
        form = CaseFilterForm

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # The organisations and people in the user's scope, from their own tables: asking the cases which forces
        # they name would read an Area's whole caseload to draw a drop-down.
        scope = case_scope(user)
        self.filters["police_force"].queryset = scope.forces().order_by("name")
        self.filters["cps_area"].queryset = scope.areas().order_by("name")
        self.filters["officer"].queryset = _officers(scope)
        self.filters["prosecutor"].queryset = _prosecutors(scope)
        self.filters["mine"].extra["widget"] = forms.CheckboxInput()

    def filter_q(self, queryset: QuerySet[Case], name: str, value: search.CaseQuery) -> QuerySet[Case]:
        return value.applied_to(queryset)

    def filter_status(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # The suspects at that stage in scope, from their own index, rather than a look behind every case.
        at_stage = Suspect.objects.visible_to(self.user).filter(status=value)
        return queryset.filter(pk__in=at_stage.values("case_id"))

    def filter_suspect(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # A label is unique within its case: the join never repeats a case.
        return queryset.filter(suspects__label=value)

    def filter_due(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.filter(cases_due(self.user, DueWhen(value), timezone.localdate()))

    def filter_flags(self, queryset: QuerySet[Case], name: str, value: list[CaseFlag]) -> QuerySet[Case]:
        for flag in value:
            queryset = queryset.filter(Exists(Case.flags.through.objects.filter(case=OuterRef("pk"), caseflag=flag)))
        return queryset

    def filter_mine(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        if not value:
            return queryset
        return queryset.filter(Q(officer_in_charge=self.user) | Q(allocated_prosecutor=self.user))


class CaseFilterBackend(DjangoFilterBackend):
    """The API's case list reads the page's FilterSet, built for the requesting user."""

    def get_filterset_kwargs(self, request: Request, queryset: QuerySet[Case], view: Any) -> dict[str, Any]:
        return {**super().get_filterset_kwargs(request, queryset, view), "user": request.user}
