"""The deadlines pages: an administrator (the role, not a superuser) sees every number grouped, published or default,
with where its value comes from, and changes one in two steps: the new value and the reason, checked against the
number's bounds with GOV.UK's error summary and nothing typed lost, then what will move, before it is applied; the
change moves the open items and says how many. Every other role is refused."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse

import deadlines
from accounts.roles import OWN_VIEW_ROLES, Role
from cases.models import Referral
from tests.clients import signed_in
from tests.factories import make_case, make_user, referred_suspect
from tests.html_references import Element, parse, problems

if TYPE_CHECKING:  # django-stubs' type of a test client's response
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

LIST = reverse("administration:deadlines")
EARLY_ADVICE = reverse("administration:change-deadline", args=["early_advice_days"])


@pytest.fixture
def admin_client() -> Client:
    return signed_in(make_user(Role.ADMINISTRATOR, first_name="Ada", last_name="Okafor"))


def _page(response: _MonkeyPatchedWSGIResponse) -> Element:
    return parse(response.content.decode())


def _text(response: _MonkeyPatchedWSGIResponse) -> str:
    return " ".join(_page(response).text_content().split())


def _with_class(page: Element, css_class: str) -> list[Element]:
    return [element for element in page.iter() if css_class in element.classes]


def _field(page: Element, tag: str, name: str) -> Element:
    return next(element for element in page.iter() if element.tag == tag and element.attrs.get("name") == name)


def test_every_number_is_listed_by_group_with_its_kind_and_source(admin_client: Client) -> None:
    response = admin_client.get(LIST)
    assert response.status_code == 200
    page = _page(response)
    assert [h.text_content().strip() for h in _with_class(page, "govuk-heading-m")] == [
        "Pre-charge",
        "After charge",
        "Victims' Code",
    ]
    rows = {
        _with_class(row, "govuk-summary-list__key")[0].text_content().strip(): " ".join(
            _with_class(row, "govuk-summary-list__value")[0].text_content().split()
        )
        for row in _with_class(page, "govuk-summary-list__row")
    }
    assert len(rows) == len(deadlines.environment().__dataclass_fields__)
    early_advice = rows["Early advice returned within"]
    for shown in ("21 days", "Published target", "CPS National Operating Model, July 2023", "Default (DOMAIN.md)"):
        assert shown in early_advice
    threshold = rows["Threshold Test charge reviewed under the Full Code Test within"]
    assert "Published target" not in threshold
    assert threshold.count("Default") == 2  # the kind, and where the value comes from
    assert any(element.attrs.get("href") == EARLY_ADVICE for element in page.iter())


@pytest.mark.parametrize("role", sorted(set(Role) - OWN_VIEW_ROLES - {Role.ADMINISTRATOR}))
def test_other_roles_are_refused(role: Role) -> None:
    client = signed_in(make_user(role))
    assert client.get(LIST).status_code == 403
    assert client.post(LIST).status_code == 403
    assert client.get(EARLY_ADVICE).status_code == 403
    assert client.post(EARLY_ADVICE, {"value": "14", "reason": "Mine", "confirm": "yes"}).status_code == 403
    assert deadlines.settings().early_advice_days == 21


def test_the_list_is_only_read(admin_client: Client) -> None:
    assert admin_client.post(LIST).status_code == 405


def test_an_unknown_number_is_not_found(admin_client: Client) -> None:
    assert admin_client.get(reverse("administration:change-deadline", args=["ptph_weeks"])).status_code == 404


def test_bad_input_is_shown_again_with_the_error_summary(admin_client: Client) -> None:
    response = admin_client.post(EARLY_ADVICE, {"value": "fourteen", "reason": "New model"})
    assert response.status_code == 200
    page = _page(response)
    assert next(e for e in page.iter() if e.tag == "title").text_content().startswith("Error: ")
    (summary,) = _with_class(page, "govuk-error-summary")
    assert "Enter the new value as a whole number, like 21" in summary.text_content()
    assert problems(response.content.decode()) == []
    assert _field(page, "input", "value").attrs["value"] == "fourteen"
    assert _field(page, "textarea", "reason").text_content().strip() == "New model"
    response = admin_client.post(EARLY_ADVICE, {"value": "91", "reason": ""})
    assert "The value must be between 1 and 90 days" in _text(response)
    assert "Enter why the deadline is changing" in _text(response)


def test_the_change_is_checked_then_applied_and_open_items_move(admin_client: Client) -> None:
    officer = make_user(Role.INVESTIGATOR)
    suspect = referred_suspect(
        make_case(officer_in_charge=officer), officer=officer, received_on=date.today(), early_advice=True
    )
    typed = {"value": "14", "reason": "New operating model"}

    check = admin_client.post(EARLY_ADVICE, typed)
    assert check.status_code == 200
    assert "Check the change before it is made" in _text(check)
    assert "1 open early advice request" in _text(check)
    assert deadlines.settings().early_advice_days == 21  # nothing changed yet

    back = admin_client.post(EARLY_ADVICE, {**typed, "edit": "yes"})
    page = _page(back)
    assert _field(page, "input", "value").attrs["value"] == "14"
    assert _field(page, "textarea", "reason").text_content().strip() == "New operating model"
    assert _with_class(page, "govuk-error-summary") == []

    done = admin_client.post(EARLY_ADVICE, {**typed, "confirm": "yes"}, follow=True)
    assert done.redirect_chain == [(LIST, 302)]
    assert "Early advice returned within: now 14 days. 1 open early advice request moved to the new deadline." in (
        _text(done)
    )
    assert "Changed by Ada Okafor on" in _text(done)
    assert Referral.objects.get(suspect=suspect).due_on == date.fromordinal(date.today().toordinal() + 14)
    assert "14 days, by Ada Okafor. New operating model" in _text(admin_client.get(EARLY_ADVICE))
