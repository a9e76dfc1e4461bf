"""The forms of the people pages: finding people, adding one, changing a role and organisation, and the reason asked
before disabling, enabling or resetting a second factor. Which role needs which organisation is the service's rule
(accounts.people), not the form's: the form only offers the choices."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from accounts.models import CpsArea, PoliceForce, RassoUnit
from accounts.people import Organisation
from accounts.roles import STAFF_ROLES, Role
from administration.reasons import ReasonForm
from govuk.forms import GovukFormMixin

ROLE_CHOICES = [(str(role), Role(role).label) for role in STAFF_ROLES]
ORGANISATION_HINT = (
    "Police roles need a police force. CPS roles need a CPS Area, and may have its RASSO unit. Analysts and auditors "
    "work for a CPS Area or nationally. Administrators are national."
)


class FindPeopleForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name or email address", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *ROLE_CHOICES])
    organisation = forms.ChoiceField(label="Organisation", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = cast(forms.ChoiceField, self.fields["organisation"])
        organisation.choices = [
            ("", "Any organisation"),
            ("national", "National"),
            *((f"force-{force.pk}", force.name) for force in PoliceForce.objects.all()),
            *((f"area-{area.pk}", f"CPS {area.name}") for area in CpsArea.objects.all()),
        ]


class OrganisationFields(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(label="Role", choices=[("", "Select a role"), *ROLE_CHOICES])
    police_force = forms.ModelChoiceField(
        label="Police force", queryset=PoliceForce.objects.all(), required=False, help_text=ORGANISATION_HINT
    )
    cps_area = forms.ModelChoiceField(label="CPS Area", queryset=CpsArea.objects.all(), required=False)
    rasso_unit = forms.ModelChoiceField(
        label="RASSO unit", queryset=RassoUnit.objects.select_related("cps_area"), required=False
    )

    def organisation(self) -> Organisation:
        data = self.cleaned_data
        return Organisation(
            police_force=data.get("police_force"), cps_area=data.get("cps_area"), rasso_unit=data.get("rasso_unit")
        )


class AddPersonForm(OrganisationFields):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="Email address", max_length=254, help_text="Their work address: the invitation is sent to it."
    )
    field_order = ["first_name", "last_name", "email", "role", "police_force", "cps_area", "rasso_unit"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="off", spellcheck="false")


class ChangeRoleForm(OrganisationFields, ReasonForm):
    field_order = ["role", "police_force", "cps_area", "rasso_unit", "reason"]
