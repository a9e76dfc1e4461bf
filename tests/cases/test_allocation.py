"""Allocation: a unit head allocates and reallocates a case, or one suspect's referral, to a prosecutor of the Area,
and a police supervisor changes the officer in charge, through the service, the pages and the API, with the reason
and date in the case's history, a timeline entry and a notification to the person who takes the work."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import CPS_ROLES, POLICE_ROLES, Role
from audit.history import case_history
from cases.models import Case, Referral, Suspect, TimelineEvent
from cases.models.timeline import Verb
from cases.services.allocation import (
    CASE_ALREADY_ALLOCATED,
    NOT_A_PROSECUTOR_OF_THE_AREA,
    REASON_MAX_LENGTH,
    allocate_case,
    allocate_referral,
    change_officer_in_charge,
)
from cases.services.precharge import give_early_advice, request_early_advice
from reminders.models import NoticeKind, Notification
from tests.clients import post_json, signed_in, token_client
from tests.factories import make_case, make_user

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"
FORCE = "West Yorkshire Police"
DAY = date(2024, 6, 3)


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(police_force=FORCE, cps_area=AREA, officer_in_charge=officer)


@pytest.fixture
def colleague() -> User:
    """A second prosecutor of the same Area."""
    return make_user(Role.PROSECUTOR, cps_area=AREA, first_name="Sam", last_name="Second")


@pytest.fixture
def supervisor() -> User:
    return make_user(Role.POLICE_SUPERVISOR, police_force=FORCE)


def _api(user: User) -> Client:
    return token_client(user)


def _open_referral(case: Case, officer: User) -> Referral:
    return request_early_advice(
        actor=officer, suspect=Suspect.objects.get(case=case), requested_on=DAY, questions="Which lines?"
    )


def _allocations(person: User) -> list[str]:
    return list(
        Notification.objects.filter(recipient=person, kind=NoticeKind.ALLOCATION).values_list("message", flat=True)
    )


# The service


def test_a_unit_head_allocates_and_reallocates_a_case_with_the_reason_and_date_in_its_history(
    case: Case, unit_head: User, prosecutor: User, colleague: User
) -> None:
    allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason="New case for the team")
    allocate_case(actor=unit_head, case=case, prosecutor=colleague, reason="Balancing the team's workload")

    case.refresh_from_db()
    assert case.allocated_prosecutor == colleague
    changes = [c for c in case_history(case.pk) if c.fields == ["Allocated prosecutor"]]
    assert [c.reason for c in changes] == ["Balancing the team's workload", "New case for the team"]
    assert {timezone.localtime(c.when).date() for c in changes} == {timezone.localdate()}
    assert {c.who for c in changes} == {unit_head.get_full_name()}
    summaries = [e.summary for e in TimelineEvent.objects.filter(case=case, verb=Verb.CASE_ALLOCATED)]
    assert summaries == [
        "Case reallocated to another prosecutor: Balancing the team's workload",
        "Case allocated to a prosecutor: New case for the team",
    ]
    assert _allocations(colleague) == [f"Case {case.urn} has been allocated to you."]
    assert sorted(_allocations(prosecutor)) == [
        f"Case {case.urn} has been allocated to you.",
        f"Case {case.urn} has been reallocated to another prosecutor.",
    ]


def test_reallocating_to_the_prosecutor_who_has_it_is_refused_and_writes_nothing(
    case: Case, unit_head: User, prosecutor: User
) -> None:
    allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason="New case")
    with pytest.raises(ValidationError) as refused:
        allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason="Again")
    assert refused.value.message_dict == {"prosecutor": [CASE_ALREADY_ALLOCATED]}
    assert TimelineEvent.objects.filter(case=case, verb=Verb.CASE_ALLOCATED).count() == 1
    assert len(_allocations(prosecutor)) == 1


def test_a_unit_head_may_take_a_case_but_not_give_it_to_another_areas_prosecutor_nor_a_liaison_officer(
    case: Case, unit_head: User, liaison: User
) -> None:
    elsewhere = make_user(Role.PROSECUTOR, cps_area="North East")
    for person in (elsewhere, liaison):
        with pytest.raises(ValidationError) as refused:
            allocate_case(actor=unit_head, case=case, prosecutor=person, reason="Cover")
        assert refused.value.message_dict == {"prosecutor": [NOT_A_PROSECUTOR_OF_THE_AREA]}
    allocate_case(actor=unit_head, case=case, prosecutor=unit_head, reason="I will take it myself")
    case.refresh_from_db()
    assert case.allocated_prosecutor == unit_head
    assert _allocations(unit_head) == [], "the person who allocates it is not told what they did"


def test_an_inactive_prosecutor_cannot_be_allocated_a_case(case: Case, unit_head: User, prosecutor: User) -> None:
    prosecutor.is_active = False
    prosecutor.save()
    with pytest.raises(ValidationError):
        allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason="Cover")


@pytest.mark.parametrize(
    ("reason", "message"),
    [("  ", "Enter this information."), ("x" * (REASON_MAX_LENGTH + 1), "Enter 100 characters or fewer.")],
)
def test_a_reason_is_required_and_bounded(
    case: Case, unit_head: User, prosecutor: User, reason: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason=reason)
    assert refused.value.message_dict == {"reason": [message]}


def test_only_a_unit_head_of_the_cases_area_allocates(case: Case, officer: User, prosecutor: User) -> None:
    for actor in (officer, prosecutor, make_user(Role.UNIT_HEAD, cps_area="North East")):
        with pytest.raises(PermissionDenied):
            allocate_case(actor=actor, case=case, prosecutor=prosecutor, reason="Cover")
    assert Case.objects.get(pk=case.pk).allocated_prosecutor is None


def test_a_referral_given_to_another_prosecutor_is_theirs_and_follows_the_case_when_given_back(
    case: Case, officer: User, unit_head: User, prosecutor: User, colleague: User
) -> None:
    allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason="New case")
    referral = _open_referral(case, officer)
    assert list(Referral.objects.allocated_to(prosecutor)) == [referral]

    allocate_referral(actor=unit_head, referral=referral, prosecutor=colleague, reason="Specialist in digital")
    assert list(Referral.objects.allocated_to(colleague)) == [referral]
    assert not Referral.objects.allocated_to(prosecutor).exists()
    assert _allocations(colleague) == [
        f"The early advice referral for Suspect 1 on case {case.urn} has been allocated to you."
    ]
    event = TimelineEvent.objects.get(case=case, verb=Verb.REFERRAL_ALLOCATED)
    assert event.summary == (
        "Early advice referral for Suspect 1 reallocated to another prosecutor: Specialist in digital"
    )

    allocate_referral(actor=unit_head, referral=referral, prosecutor=prosecutor, reason="Back with the case")
    referral.refresh_from_db()
    assert referral.allocated_prosecutor is None
    assert referral.prosecutor == prosecutor
    reasons = [c.reason for c in case_history(case.pk) if c.record.startswith("Referral")]
    assert "Specialist in digital" in reasons
    assert "Back with the case" in reasons


def test_a_closed_referral_is_not_allocated(case: Case, officer: User, unit_head: User, prosecutor: User) -> None:
    referral = give_early_advice(
        actor=prosecutor, referral=_open_referral(case, officer), answered_on=DAY, advice="Obtain the download"
    )
    with pytest.raises(ValidationError, match="only an open referral can be allocated"):
        allocate_referral(actor=unit_head, referral=referral, prosecutor=prosecutor, reason="Cover")


def test_a_police_supervisor_changes_the_officer_in_charge_to_an_officer_of_the_force(
    case: Case, officer: User, supervisor: User
) -> None:
    successor = make_user(Role.INVESTIGATOR, police_force=FORCE)
    change_officer_in_charge(actor=supervisor, case=case, officer=successor, reason="Officer on long leave")
    case.refresh_from_db()
    assert case.officer_in_charge == successor
    assert _allocations(successor) == [f"You are now the officer in charge of case {case.urn}."]
    assert _allocations(officer) == [f"Case {case.urn} has a new officer in charge."]
    [change] = [c for c in case_history(case.pk) if c.fields == ["Officer in charge"]]
    assert change.reason == "Officer on long leave"
    assert TimelineEvent.objects.get(case=case, verb=Verb.OFFICER_IN_CHARGE_CHANGED).summary == (
        "Officer in charge changed: Officer on long leave"
    )
    with pytest.raises(ValidationError, match="already in charge"):
        change_officer_in_charge(actor=supervisor, case=case, officer=successor, reason="Again")
    other_force = make_user(Role.INVESTIGATOR, police_force="North Yorkshire Police")
    with pytest.raises(ValidationError, match="Select an officer of the case's police force"):
        change_officer_in_charge(actor=supervisor, case=case, officer=other_force, reason="Cover")
    for actor in (officer, make_user(Role.POLICE_SUPERVISOR, police_force="North Yorkshire Police")):
        with pytest.raises(PermissionDenied):
            change_officer_in_charge(actor=actor, case=case, officer=officer, reason="Cover")


# The pages


def test_the_unit_head_allocates_through_the_page(
    case: Case, unit_head: User, prosecutor: User, colleague: User
) -> None:
    client = signed_in(unit_head)
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    url = reverse("cases:allocate", args=[case.pk])
    assert f'href="{url}"' in detail

    page = client.get(url).content.decode()
    assert "Allocate the case to a prosecutor" in page
    assert '<option value="" selected>Select a prosecutor</option>' in page
    assert f">{prosecutor.get_full_name()}</option>" in page
    assert f">{unit_head.get_full_name()} (unit head)</option>" in page
    assert ">Allocate</button>" in page

    response = client.post(url, {"prosecutor": prosecutor.pk, "reason": "New case"}, follow=True)
    assert response.redirect_chain == [(reverse("cases:detail", args=[case.pk]), 302)]
    assert f"Case {case.urn} allocated" in response.content.decode()
    assert Case.objects.get(pk=case.pk).allocated_prosecutor == prosecutor

    page = client.get(url).content.decode()
    assert "Reallocate the case" in page
    assert f">{prosecutor.get_full_name()} – has it now</option>" in page
    again = client.post(url, {"prosecutor": prosecutor.pk, "reason": "Again"}).content.decode()
    assert CASE_ALREADY_ALLOCATED in again
    client.post(url, {"prosecutor": colleague.pk, "reason": "Balancing the team's workload"})
    assert Case.objects.get(pk=case.pk).allocated_prosecutor == colleague
    assert len(_allocations(colleague)) == 1


def test_the_allocation_page_shows_its_errors_as_gov_uk_does(case: Case, unit_head: User) -> None:
    elsewhere = make_user(Role.PROSECUTOR, cps_area="North East")
    page = signed_in(unit_head).post(
        reverse("cases:allocate", args=[case.pk]), {"prosecutor": elsewhere.pk, "reason": ""}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert '<a href="#id_prosecutor">Select a prosecutor of the case&#x27;s CPS Area.</a>' in html
    assert '<a href="#id_reason">Enter the reason</a>' in html
    assert Case.objects.get(pk=case.pk).allocated_prosecutor is None


@pytest.mark.parametrize(
    ("name", "others"),
    [
        ("cases:allocate", [Role.INVESTIGATOR, Role.POLICE_SUPERVISOR, Role.PROSECUTOR, Role.ADMINISTRATOR]),
        ("cases:change_officer", [Role.INVESTIGATOR, Role.PROSECUTOR, Role.UNIT_HEAD, Role.ADMINISTRATOR]),
    ],
)
def test_a_unit_head_or_supervisor_elsewhere_gets_404_and_other_roles_403(
    case: Case, name: str, others: list[Role]
) -> None:
    url = reverse(name, args=[case.pk])
    for outsider in (
        make_user(Role.UNIT_HEAD, cps_area="North East"),
        make_user(Role.POLICE_SUPERVISOR, police_force="Northumbria Police"),
    ):
        client = signed_in(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "Cover"}).status_code == 404
    for role in others:
        organisation = (
            {"police_force": FORCE} if role in POLICE_ROLES else {"cps_area": AREA} if role in CPS_ROLES else {}
        )
        assert signed_in(make_user(role, **organisation)).get(url).status_code == 403, role


def test_the_change_links_show_only_to_the_roles_that_may(
    case: Case, officer: User, prosecutor: User, unit_head: User, supervisor: User
) -> None:
    referral = _open_referral(case, officer)
    allocate_url = reverse("cases:allocate", args=[case.pk])
    officer_url = reverse("cases:change_officer", args=[case.pk])
    referral_url = reverse("cases:allocate_referral", args=[case.pk, referral.pk])
    for person, shown in (
        (unit_head, {allocate_url, referral_url}),
        (supervisor, {officer_url}),
        (prosecutor, set()),
        (officer, set()),
    ):
        client = signed_in(person)
        pages = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        pages += client.get(reverse("cases:early-advice", args=[case.pk])).content.decode()
        assert {url for url in (allocate_url, officer_url, referral_url) if f'href="{url}"' in pages} == shown


def test_the_unit_head_allocates_a_referral_through_the_page(
    case: Case, officer: User, unit_head: User, prosecutor: User, colleague: User
) -> None:
    allocate_case(actor=unit_head, case=case, prosecutor=prosecutor, reason="New case")
    referral = _open_referral(case, officer)
    url = reverse("cases:allocate_referral", args=[case.pk, referral.pk])
    client = signed_in(unit_head)
    assert "Allocate the early advice referral for Suspect 1" in client.get(url).content.decode()
    response = client.post(url, {"prosecutor": colleague.pk, "reason": "Specialist in digital"})
    assert response["Location"] == reverse("cases:early-advice", args=[case.pk])
    assert Referral.objects.get(pk=referral.pk).allocated_prosecutor == colleague
    tab = client.get(reverse("cases:early-advice", args=[case.pk])).content.decode()
    assert colleague.get_full_name() in tab
    other_case = make_case(police_force=FORCE, cps_area=AREA)
    assert client.get(reverse("cases:allocate_referral", args=[other_case.pk, referral.pk])).status_code == 404


def test_a_police_supervisor_changes_the_officer_through_the_page(case: Case, supervisor: User) -> None:
    successor = make_user(Role.INVESTIGATOR, police_force=FORCE)
    client = signed_in(supervisor)
    url = reverse("cases:change_officer", args=[case.pk])
    assert ">Change the officer</button>" in client.get(url).content.decode()
    response = client.post(url, {"officer": successor.pk, "reason": "Officer on long leave"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).officer_in_charge == successor
    assert len(_allocations(successor)) == 1


# The API


def test_the_api_allocates_and_reallocates_through_the_same_service(
    case: Case, unit_head: User, prosecutor: User, colleague: User
) -> None:
    api = _api(unit_head)
    url = f"/api/v1/cases/{case.pk}/allocation/"
    response = post_json(api, url, {"prosecutor": prosecutor.pk, "reason": "New case"})
    assert response.status_code == 201
    assert response.json() == {
        "id": case.pk,
        "urn": case.urn,
        "allocated_prosecutor": prosecutor.pk,
        "officer_in_charge": case.officer_in_charge_id,
    }
    again = post_json(api, url, {"prosecutor": prosecutor.pk, "reason": "Again"})
    assert again.status_code == 400
    assert again.json() == {"prosecutor": [CASE_ALREADY_ALLOCATED]}
    elsewhere = make_user(Role.PROSECUTOR, cps_area="North East")
    refused = post_json(api, url, {"prosecutor": elsewhere.pk, "reason": "Cover"})
    assert refused.status_code == 400
    assert refused.json() == {"prosecutor": [NOT_A_PROSECUTOR_OF_THE_AREA]}
    assert post_json(api, url, {"prosecutor": colleague.pk, "reason": "Balancing"}).status_code == 201
    assert Case.objects.get(pk=case.pk).allocated_prosecutor == colleague
    assert [c.reason for c in case_history(case.pk) if c.fields == ["Allocated prosecutor"]] == [
        "Balancing",
        "New case",
    ]
    assert len(_allocations(colleague)) == 1


def test_the_api_refuses_other_roles_with_403_and_other_areas_with_404(
    case: Case, officer: User, prosecutor: User
) -> None:
    body = {"prosecutor": prosecutor.pk, "reason": "Cover"}
    url = f"/api/v1/cases/{case.pk}/allocation/"
    assert post_json(_api(officer), url, body).status_code == 403
    assert post_json(_api(prosecutor), url, body).status_code == 403
    assert post_json(_api(make_user(Role.UNIT_HEAD, cps_area="North East")), url, body).status_code == 404
    assert Case.objects.get(pk=case.pk).allocated_prosecutor is None


def test_the_api_allocates_a_referral_and_changes_the_officer(
    case: Case, officer: User, unit_head: User, prosecutor: User, supervisor: User
) -> None:
    referral = _open_referral(case, officer)
    response = post_json(
        _api(unit_head),
        f"/api/v1/referrals/{referral.pk}/allocation/",
        {"prosecutor": prosecutor.pk, "reason": "Cover"},
    )
    assert response.status_code == 201
    assert response.json()["allocated_prosecutor"] == prosecutor.pk
    successor = make_user(Role.INVESTIGATOR, police_force=FORCE)
    url = f"/api/v1/cases/{case.pk}/officer-in-charge/"
    changed = post_json(_api(supervisor), url, {"officer": successor.pk, "reason": "Leave"})
    assert changed.status_code == 201
    assert changed.json()["officer_in_charge"] == successor.pk
    assert post_json(_api(officer), url, {"officer": officer.pk, "reason": "Back"}).status_code == 403
