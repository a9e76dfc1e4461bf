"""Complainants and ISVAs are kept inside their own view (accounts.middleware.OwnViewMiddleware): every other page
and the API are a 404 to them, their session is short, and no way in but GOV.UK One Login is theirs: not a password,
not staff single sign-on (a real provider on loopback, tests/oidc), not an API token. Staff in turn reach only the
own view's open pages."""

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from accounts.api_tokens import issue
from accounts.models import ApiToken, User
from tests.clients import sign_in_own_view, signed_in
from tests.factories import PASSWORD
from tests.oidc.provider import Provider, running_provider
from tests.portal.own_view_people import complainant_who_wants_emails, invited
from victims.invitations import accept_invitation, link_hash
from victims.models import Invitation

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/cases/", "/cases/new/", "/notifications/", "/scorecards/", "/api/v1/cases/", "/admin/", "/api-docs/"]


@pytest.fixture(autouse=True)
def _own_view_on() -> Iterator[None]:
    with override_settings(ONE_LOGIN_CLIENT_ID="rasso-own-view"):
        yield


@pytest.fixture
def invitation(liaison: User) -> Invitation:
    """The complainant's invitation, accepted with their One Login."""
    invitation, secret = invited(liaison, complainant_who_wants_emails(liaison))
    accept_invitation(hashed=link_hash(secret), subject="the-complainant")
    invitation.refresh_from_db()
    return invitation


@pytest.fixture
def complainant(invitation: Invitation) -> Client:
    client = Client()
    sign_in_own_view(client, invitation)
    return client


def _signed_in(client: Client) -> bool:
    return bool(client.get("/your-case/signed-out/").wsgi_request.user.is_authenticated)


def test_an_own_view_user_finds_nothing_outside_their_view(complainant: Client, invitation: Invitation) -> None:
    pages = [*STAFF_PAGES, f"/cases/{invitation.complainant.case_id}/"]
    assert {page: complainant.get(page).status_code for page in pages} == dict.fromkeys(pages, 404)
    home = complainant.get("/")
    assert (home.status_code, home["Location"]) == (302, "/your-case/")
    assert complainant.post("/i18n/setlang/", {"language": "cy", "next": "/your-case/"}).status_code == 302
    assert _signed_in(complainant), "the language switch is theirs too"

    response = complainant.post("/sign-out/")
    assert (response.status_code, response["Location"]) == (302, "/your-case/signed-out/")
    assert not _signed_in(complainant)


def test_staff_and_visitors_reach_only_the_way_in_and_out(liaison: User, invitation: Invitation) -> None:
    staff = signed_in(liaison)
    own_pages = ["/your-case/", f"/your-case/{invitation.public_id}/", f"/your-case/{invitation.public_id}/wishes/"]
    assert {page: staff.get(page).status_code for page in own_pages} == dict.fromkeys(own_pages, 404)
    assert staff.get("/your-case/signed-out/").status_code == 200
    assert staff.get("/cases/").status_code == 200, "their own pages are untouched"
    visitor = Client()
    response = visitor.get(f"/your-case/{invitation.public_id}/")
    assert (response.status_code, response["Location"]) == (302, "/your-case/signed-out/")
    signed_out = visitor.get("/your-case/signed-out/")
    assert "You are signed out" in signed_out.content.decode()
    assert "no-store" in signed_out["Cache-Control"], "nothing of the own view is kept by the browser"


def test_the_session_ends_when_idle_for_the_own_views_limit(complainant: Client) -> None:
    assert _signed_in(complainant)
    idle = settings.OWN_VIEW_IDLE_SECONDS
    assert idle < settings.SESSION_COOKIE_AGE, "shorter than staff's"
    last_request = timezone.now() + timedelta(seconds=idle - settings.SESSION_REFRESH_SECONDS)
    with time_machine.travel(last_request):
        assert _signed_in(complainant), "still within the limit, which this request renews"
    with time_machine.travel(last_request + timedelta(seconds=idle + settings.SESSION_REFRESH_SECONDS)):
        assert not _signed_in(complainant)


def test_the_session_ends_after_the_own_views_absolute_limit_however_busy(complainant: Client) -> None:
    start = timezone.now()
    minutes = 0
    while minutes * 60 < settings.OWN_VIEW_ABSOLUTE_SECONDS:
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert _signed_in(complainant), minutes
        minutes += 10
    with time_machine.travel(start + timedelta(seconds=settings.OWN_VIEW_ABSOLUTE_SECONDS + 60)):
        response = complainant.get("/your-case/")
        assert (response.status_code, response["Location"]) == (302, "/your-case/signed-out/")
        assert not _signed_in(complainant)


def test_a_password_never_signs_in_a_complainant(invitation: Invitation) -> None:
    user = invitation.user
    assert user is not None
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    with override_settings(LOCAL_SIGN_IN="everyone"):
        response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200, "the form again, as for a wrong password"
    assert not _signed_in(client)


def test_an_api_token_never_works_for_a_complainant(invitation: Invitation) -> None:
    user = invitation.user
    assert user is not None
    with pytest.raises(ValueError, match="cannot have API tokens"):
        issue(user)
    _, token = ApiToken.objects.create(user=user, expiry=timedelta(days=1))
    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/cases/").status_code == 401


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(tmp_path_factory.mktemp("oidc")) as running:
        yield running


def test_staff_single_sign_on_never_signs_in_a_complainant(
    provider: Provider, invitation: Invitation, user_of: Callable[..., User]
) -> None:
    """Even with an e-mail address the staff provider vouches for, or a staff subject bound to the account."""
    user = invitation.user
    assert user is not None
    User.objects.filter(pk=user.pk).update(email="complainant@cps.example.gov.uk", oidc_subject="bound-to-them")
    provider.set_accounts(
        {
            "by-email": {"email": "complainant@cps.example.gov.uk", "email_verified": True},
            "bound-to-them": {"email": "someone@cps.example.gov.uk", "email_verified": True},
        }
    )
    with override_settings(**provider.settings()):
        for subject in ("by-email", "bound-to-them"):
            client = Client()
            callback = provider.sign_in(client.get("/sign-in/organisation/")["Location"], subject)
            assert client.get(callback.removeprefix("http://testserver")).status_code == 403, subject
            assert not _signed_in(client)
    assert User.objects.get(pk=user.pk).oidc_subject == "bound-to-them", "nothing else bound"
