"""The administrator's index of the administration pages, the service navigation's link to it, and the Django admin
kept for superusers: an administrator who is not one is taken to the service's own pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.clients import signed_in
from tests.html_references import parse

HOME = reverse("administration:home")


def test_the_administrators_index_links_every_section(user_of: Callable[..., User]) -> None:
    page = signed_in(user_of(Role.ADMINISTRATOR)).get(HOME)
    assert page.status_code == 200
    document = parse(page.content.decode())
    links = {link.text_content(): link.attrs.get("href") for link in document.iter() if link.tag == "a"}
    assert {name: links[name] for name in ("People", "Deadlines", "Escalation ladder", "Readiness checklist")} == {
        "People": reverse("administration:people"),
        "Deadlines": reverse("administration:deadlines"),
        "Escalation ladder": reverse("administration:ladder"),
        "Readiness checklist": reverse("administration:readiness"),
    }
    assert links["Disclosure rule"] == reverse("administration:disclosure")
    assert links["Letter templates"] == reverse("administration:letter-templates")
    assert links["Administration"] == HOME, "the service navigation leads here, not to the Django admin"


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.AUDITOR, Role.ANALYST, Role.PROSECUTOR])
def test_others_are_refused_the_index(client_of: Callable[..., Client], role: Role) -> None:
    assert client_of(role, cps_area="Yorkshire and Humberside").get(HOME).status_code == 403


def test_an_administrator_who_is_not_a_superuser_is_taken_from_the_django_admin_to_the_service(
    user_of: Callable[..., User],
) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True))
    for path in ("/admin/", "/admin/actionplans/reviewlevel/", "/admin/accounts/user/"):
        response = administrator.get(path, follow=True)
        assert response.redirect_chain[-1][0] == HOME, path
        assert response.status_code == 200


def test_the_django_admin_remains_for_superusers_only(user_of: Callable[..., User]) -> None:
    superuser = signed_in(user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    assert superuser.get("/admin/").status_code == 200
    assert superuser.get("/admin/actionplans/reviewlevel/").status_code == 200
    unit_head = signed_in(user_of(Role.UNIT_HEAD, cps_area="Yorkshire and Humberside", is_staff=True))
    assert unit_head.get("/admin/", follow=True).status_code == 403
    disabled = user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = signed_in(disabled)
    disabled.is_active = False
    disabled.save()
    assert client.get("/admin/").status_code != 200


def test_the_administrators_home_page_leads_to_the_administration_pages(user_of: Callable[..., User]) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    document = parse(administrator.get(reverse("dashboards:home")).content.decode())
    main = next(element for element in document.iter() if element.tag == "main")
    assert HOME in {link.attrs.get("href") for link in main.iter() if link.tag == "a"}
