"""The case list: filters, sorting and a count, always within the user's scope."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, CaseFlag, Suspect
from cases.services.court import record_sending
from cases.services.precharge import refer_for_charging_decision, request_early_advice
from tests.clients import signed_in
from tests.factories import full_code_decision, make_case

pytestmark = pytest.mark.django_db


def _urns(client: Client, query: str = "") -> list[str]:
    response = client.get(f"/cases/{query}")
    assert response.status_code == 200
    return [case.urn for case in response.context["page"].object_list]


@pytest.fixture
def client(prosecutor: User) -> Client:
    return signed_in(prosecutor)


def test_filters_by_force_flag_status_overdue_and_mine(
    client: Client, prosecutor: User, user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    west = make_case(police_force="West Yorkshire Police", allocated_prosecutor=prosecutor)
    south = make_case(police_force="South Yorkshire Police", reported_on=date(2024, 6, 1))
    make_case(police_force="Kent Police")
    west.flags.add(CaseFlag.objects.get(code="domestic_abuse"))
    overdue = refer_for_charging_decision(
        actor=officer, suspect=Suspect.objects.get(case=west), received_on=timezone.localdate() - timedelta(days=40)
    )
    assert overdue.is_overdue(timezone.localdate())

    assert sorted(_urns(client)) == sorted([west.urn, south.urn])
    force = west.police_force_id
    assert _urns(client, f"?police_force={force}") == [west.urn]
    flag = CaseFlag.objects.get(code="domestic_abuse").pk
    assert _urns(client, f"?flags={flag}") == [west.urn]
    assert _urns(client, "?status=referred") == [west.urn]
    assert _urns(client, "?status=with_police") == [south.urn]
    assert _urns(client, "?overdue=on") == [west.urn]
    assert _urns(client, "?mine=on") == [west.urn]
    page = client.get("/cases/?overdue=on").content.decode()
    assert "1 case." in page


def test_filter_choices_offer_only_what_is_in_scope(client: Client) -> None:
    make_case(police_force="Kent Police")
    make_case(police_force="West Yorkshire Police")
    # The forces the prosecutor's Area serves, whether or not they have a case yet; never Kent, which it does not.
    forces = {force.name for force in client.get("/cases/").context["filter"].form.fields["police_force"].queryset}
    assert forces == {"West Yorkshire Police", "North Yorkshire Police", "South Yorkshire Police", "Humberside Police"}
    kent = Case.objects.get(police_force__name="Kent Police").police_force_id
    response = client.get(f"/cases/?police_force={kent}")
    assert list(response.context["page"].object_list) == []
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_columns_sort_both_ways_and_pagination_keeps_the_filters(client: Client, user_of: Callable[..., User]) -> None:
    cases = [make_case(reported_on=date(2024, 5, day)) for day in (3, 1, 2)]
    assert _urns(client, "?sort=reported") == [cases[1].urn, cases[2].urn, cases[0].urn]
    assert _urns(client, "?sort=-reported") == [cases[0].urn, cases[2].urn, cases[1].urn]
    assert _urns(client, "?sort=urn") == sorted(c.urn for c in cases)
    page = client.get("/cases/?sort=urn").content.decode()
    assert 'aria-sort="ascending"' in page
    assert "?sort=-urn" in page
    for n in range(30):
        make_case(reported_on=date(2024, 6, 1) + timedelta(days=n))
    listing = client.get("/cases/?sort=urn&status=with_police").content.decode()
    assert "?sort=urn&amp;status=with_police&amp;page=2" in listing


def test_early_advice_requested_status_filter(client: Client, user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    case = make_case()
    request_early_advice(
        actor=officer, suspect=Suspect.objects.get(case=case), requested_on=timezone.localdate(), questions="Q"
    )
    assert _urns(client, "?status=early_advice_requested") == [case.urn]


def test_the_status_filter_follows_a_suspect_after_charge(
    client: Client, prosecutor: User, user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    today = timezone.localdate()
    charged, sent = make_case(), make_case()
    for case in (charged, sent):
        referral = refer_for_charging_decision(
            actor=officer, suspect=Suspect.objects.get(case=case), received_on=today - timedelta(days=20)
        )
        full_code_decision(prosecutor=prosecutor, referral=referral, outcome="charge", decided_on=today)
    record_sending(actor=prosecutor, suspect=Suspect.objects.get(case=sent), sent_on=today, remanded_in_custody=False)
    assert _urns(client, "?status=charged") == [charged.urn]
    assert _urns(client, "?status=awaiting_ptph") == [sent.urn]
    assert _urns(client, "?status=decided") == []
    assert 'value="sentenced"' in client.get("/cases/").content.decode()
