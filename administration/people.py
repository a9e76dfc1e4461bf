"""The people pages (administrators): the list of the service's staff, adding a person with an invitation, and each
person's details and history, with their role and organisation changed, disabled or enabled, their second factor
reset, or a new invitation sent. The pages call the services (accounts.people, administration.people_services);
complainants' and ISVAs' accounts are not here (victim liaison officers invite them), nor are superusers' (the
service's operators): both are a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import people
from accounts.models import StaffInvitation, User
from accounts.roles import OWN_VIEW_ROLES
from administration.access import administrator, administrators_only
from administration.history import person_changes
from administration.people_forms import AddPersonForm, ChangeRoleForm, FindPeopleForm
from administration.people_services import add_and_invite, invite
from administration.reasons import ReasonForm

PAGE_SIZE = 50
NOT_SENT = "The invitation email could not be sent. Send a new invitation from this page."


def _staff() -> QuerySet[User]:
    """The people an administrator manages: the staff, not the own-view people or the superusers."""
    confirmed_app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.exclude(role__in=OWN_VIEW_ROLES)
        .exclude(is_superuser=True)
        .select_related("police_force", "cps_area", "rasso_unit")
        .annotate(has_second_factor=Exists(confirmed_app))
    )


def _person(pk: int) -> User:
    return get_object_or_404(_staff(), pk=pk)


@administrators_only
@require_http_methods(["GET"])
def people_list(request: HttpRequest) -> HttpResponse:
    form = FindPeopleForm(request.GET)
    found = _staff().order_by("last_name", "first_name", "pk")
    if form.is_valid():
        found = _filtered(found, form.cleaned_data)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "administration/people/list.html", {"form": form, "page": page})


def _filtered(found: QuerySet[User], wanted: dict[str, Any]) -> QuerySet[User]:
    if name := wanted["name"].strip():
        for word in name.split():
            found = found.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
            )
    if wanted["role"]:
        found = found.filter(role=wanted["role"])
    organisation = wanted["organisation"]
    if organisation == "national":
        found = found.filter(police_force__isnull=True, cps_area__isnull=True)
    elif organisation.startswith("force-"):
        found = found.filter(police_force_id=int(organisation.removeprefix("force-")))
    elif organisation.startswith("area-"):
        found = found.filter(cps_area_id=int(organisation.removeprefix("area-")))
    return found


@require_http_methods(["GET", "POST"])
def add_person(request: HttpRequest) -> HttpResponse:
    by = administrator(request)
    form = AddPersonForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            person, sent = add_and_invite(
                by=by,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                organisation=form.organisation(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if sent:
                messages.success(request, f"{person.get_full_name()} was added and sent an invitation")
            else:
                messages.warning(request, f"{person.get_full_name()} was added. {NOT_SENT}")
            return HttpResponseRedirect(reverse("administration:person", args=[person.pk]))
    return render(request, "administration/people/add.html", {"form": form})


@administrators_only
@require_http_methods(["GET"])
def person_details(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    context = {
        "person": person,
        "invitation": StaffInvitation.objects.filter(user=person).first(),
        "changes": person_changes(person),
        "is_me": person.pk == request.user.pk,
        "now": timezone.now(),
    }
    return render(request, "administration/people/person.html", context)


@require_http_methods(["GET", "POST"])
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    person = _person(pk)
    initial = {
        "role": person.role,
        "police_force": person.police_force,
        "cps_area": person.cps_area,
        "rasso_unit": person.rasso_unit,
    }
    form = ChangeRoleForm(request.POST or None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            people.change_role(
                person, by=by, role=data["role"], organisation=form.organisation(), reason=data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{person.get_full_name()}'s role and organisation were changed")
            return HttpResponseRedirect(reverse("administration:person", args=[person.pk]))
    return render(request, "administration/people/change_role.html", {"form": form, "person": person})


def _with_reason(request: HttpRequest, pk: int, *, step: str) -> HttpResponse:
    """The interruption page of a step (disable, enable, reset the second factor) and the step once confirmed."""
    by = administrator(request)
    person = _person(pk)
    form = ReasonForm(request.POST or None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if step == "disable":
                people.disable(person, by=by, reason=reason)
                done = f"{person.get_full_name()} was disabled and signed out everywhere"
            elif step == "enable":
                people.enable(person, by=by, reason=reason)
                done = f"{person.get_full_name()} was enabled"
            else:
                people.reset_second_factor(person, by=by, reason=reason)
                done = (
                    f"{person.get_full_name()}'s second factor was reset: they set up a new app at their next sign-in"
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return HttpResponseRedirect(reverse("administration:person", args=[person.pk]))
    return render(request, f"administration/people/{step}.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def disable_person(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, step="disable")


@require_http_methods(["GET", "POST"])
def enable_person(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, step="enable")


@require_http_methods(["GET", "POST"])
def reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, step="reset_second_factor")


@require_POST
def send_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    person = _person(pk)
    if not person.is_active:
        messages.warning(request, "Enable the person before sending them an invitation")
    elif invite(person, by=by):
        messages.success(request, f"A new invitation was sent to {person.get_full_name()}")
    else:
        messages.warning(request, NOT_SENT)
    return HttpResponseRedirect(reverse("administration:person", args=[person.pk]))


urlpatterns: list[URLPattern] = [
    path("people/", people_list, name="people"),
    path("people/add/", add_person, name="add-person"),
    path("people/<int:pk>/", person_details, name="person"),
    path("people/<int:pk>/role/", change_role, name="change-person-role"),
    path("people/<int:pk>/disable/", disable_person, name="disable-person"),
    path("people/<int:pk>/enable/", enable_person, name="enable-person"),
    path("people/<int:pk>/reset-second-factor/", reset_second_factor, name="reset-second-factor"),
    path("people/<int:pk>/invitation/", send_invitation, name="send-invitation"),
]
