"""Complainants and ISVAs sign in with GOV.UK One Login, stood in for by the tests' real OpenID provider on loopback
(tests/oidc) with a client of its own that proves itself with private_key_jwt, as the production client does: the
invitation's link, then One Login, binds the person and signs them in to their own view; the link works once and
not once expired or stopped; a session ends when the invitation stops standing; and "Exit this page" ends it."""

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import time_machine
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import User, UserSession
from accounts.one_login import OneLoginBackend
from accounts.roles import Role
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, Provider, running_provider
from tests.portal.own_view_people import complainant_who_wants_emails, invited
from victims.models import Invitation
from victims.own_view import revoke

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(tmp_path_factory.mktemp("one-login")) as running:
        yield running


@pytest.fixture
def one_login(provider: Provider) -> Iterator[Provider]:
    """The service with the provider as its GOV.UK One Login (and no client secret: private_key_jwt only)."""
    provider.set_accounts({"alex": {}, "sam": {}, "isva": {}})
    with override_settings(**provider.one_login_settings()):
        yield provider


def _start(client: Client) -> str:
    start = client.get("/your-case/sign-in/")
    assert start.status_code == 302
    return str(start["Location"])


def _one_login(provider: Provider, client: Client, subject: str) -> "TestResponse":
    callback = provider.sign_in(_start(client), subject)
    return client.get(callback.removeprefix("http://testserver"))


def _follow_link(client: Client, secret: str) -> "TestResponse":
    return client.get(f"/your-case/invitation/{secret}/")


def _signed_in_as(client: Client) -> User | None:
    """Who the service takes the browser's session to be: an own-view user's staff home sends them to theirs."""
    response = client.get("/")
    user = response.wsgi_request.user
    if not user.is_authenticated:
        return None
    assert response["Location"] == "/your-case/"
    assert isinstance(user, User)
    return user


def test_the_invitation_link_then_one_login_binds_the_complainant_and_signs_them_in(
    one_login: Provider, liaison: User
) -> None:
    invitation, secret = invited(liaison, complainant_who_wants_emails(liaison))
    client = Client()
    page = _follow_link(client, secret)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sign in with GOV.UK One Login" in text
    assert 'href="/your-case/sign-in/"' in text
    assert "Exit this page" in text

    authorise = urlsplit(_start(client))
    asked = parse_qs(authorise.query)
    assert f"{authorise.scheme}://{authorise.netloc}{authorise.path}" == f"{one_login.issuer}/auth"
    assert asked["scope"] == ["openid"], "no e-mail address or name is asked of One Login"
    assert asked["vtr"] == [settings.ONE_LOGIN_VECTOR_OF_TRUST]
    assert asked["code_challenge_method"] == ["S256"]
    assert asked["nonce"]
    assert asked["state"]

    cookie_before = client.cookies[settings.SESSION_COOKIE_NAME].value
    callback = one_login.sign_in(authorise.geturl(), "alex")
    response = client.get(callback.removeprefix("http://testserver"))
    assert response.status_code == 302
    assert response["Location"] == "/your-case/"
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != cookie_before, "a new session key"
    invitation.refresh_from_db()
    user = _signed_in_as(client)
    assert user is not None
    assert user == invitation.user
    assert (user.role, user.one_login_subject) == (Role.COMPLAINANT, "alex")

    # Next time, One Login alone signs them in, with no link.
    later = Client()
    assert _one_login(one_login, later, "alex")["Location"] == "/your-case/"
    assert _signed_in_as(later) == user


def test_the_link_works_once_and_never_for_someone_else(one_login: Provider, liaison: User) -> None:
    invitation, secret = invited(liaison, complainant_who_wants_emails(liaison))
    theirs, someone_else = Client(), Client()
    _follow_link(theirs, secret)
    _follow_link(someone_else, secret)  # the link forwarded before it was used
    assert _one_login(one_login, theirs, "alex").status_code == 302

    refused = _one_login(one_login, someone_else, "sam")
    assert refused.status_code == 403
    assert "We could not find your case" in refused.content.decode()
    assert _signed_in_as(someone_else) is None
    assert not User.objects.filter(one_login_subject="sam").exists()

    again = _follow_link(Client(), secret)
    assert again.status_code == 410
    assert "This link no longer works" in again.content.decode()
    assert "Contact your victim liaison officer" in again.content.decode()
    invitation.refresh_from_db()
    assert invitation.user is not None
    assert invitation.user.one_login_subject == "alex"


def test_one_login_without_an_accepted_invitation_lets_nobody_in(one_login: Provider) -> None:
    client = Client()
    assert _one_login(one_login, client, "sam").status_code == 403
    assert _signed_in_as(client) is None


def test_an_expired_link_is_refused(one_login: Provider, liaison: User) -> None:
    invitation, secret = invited(liaison, complainant_who_wants_emails(liaison))
    client = Client()
    with time_machine.travel(invitation.expires_at + timedelta(minutes=1)):
        assert _follow_link(client, secret).status_code == 410
    # Opened in time, but it expires while they are at One Login.
    _follow_link(client, secret)
    callback = one_login.sign_in(_start(client), "alex").removeprefix("http://testserver")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert client.get(callback).status_code == 403
    assert _signed_in_as(client) is None


def test_a_revoked_invitation_is_refused_and_ends_a_session_at_the_next_request(
    one_login: Provider, liaison: User
) -> None:
    complainant = complainant_who_wants_emails(liaison)
    stopped, stopped_secret = invited(liaison, complainant, for_isva=True)
    revoke(actor=liaison, invitation=stopped, reason="wrong_person")
    assert _follow_link(Client(), stopped_secret).status_code == 410

    invitation, secret = invited(liaison, complainant)
    client = Client()
    _follow_link(client, secret)
    _one_login(one_login, client, "alex")
    assert _signed_in_as(client) is not None
    revoke(actor=liaison, invitation=Invitation.objects.get(pk=invitation.pk), reason="safeguarding")
    response = client.get("/your-case/")
    assert response.status_code == 302
    assert response["Location"] == "/your-case/signed-out/"
    assert _signed_in_as(client) is None
    assert _one_login(one_login, Client(), "alex").status_code == 403, "nor can they sign in again"


def test_an_id_token_one_login_issued_to_another_service_is_refused(
    one_login: Provider, user_of: Callable[..., User]
) -> None:
    """An ID token the provider signed for the staff client (another audience), with a good signature and nonce,
    offered to the One Login client's checks."""
    client = Client()
    with override_settings(**one_login.settings()):
        start = client.get("/sign-in/organisation/")["Location"]
    state = parse_qs(urlsplit(start).query)["state"][0]
    pending = client.session["oidc_states"][state]
    code = parse_qs(urlsplit(one_login.sign_in(start, "alex")).query)["code"][0]
    tokens = requests.post(
        f"{one_login.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "code_verifier": pending["code_verifier"],
        },
        timeout=10,
    ).json()
    with override_settings(ONE_LOGIN_SIGN_ALGO="RS256"), pytest.raises(SuspiciousOperation, match="another client"):
        OneLoginBackend().verify_token(tokens["id_token"], nonce=pending["nonce"])


def test_a_sign_in_cancelled_at_one_login_says_it_did_not_finish(one_login: Provider) -> None:
    client = Client()
    state = parse_qs(urlsplit(_start(client)).query)["state"][0]
    response = client.get(f"/your-case/sign-in/callback/?error=access_denied&state={state}")
    assert response.status_code == 400
    assert "Sign-in did not finish" in response.content.decode()
    forged = client.get("/your-case/sign-in/callback/?code=made-up&state=made-up")
    assert forged.status_code == 400


def test_exit_this_page_ends_the_session_and_leaves(one_login: Provider, liaison: User) -> None:
    _, secret = invited(liaison, complainant_who_wants_emails(liaison))
    client = Client()
    _follow_link(client, secret)
    _one_login(one_login, client, "alex")
    user = _signed_in_as(client)
    assert user is not None
    response = client.get("/your-case/exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.EXIT_THIS_PAGE_URL
    assert _signed_in_as(client) is None
    assert not UserSession.objects.filter(user=user).exists(), "ended on the server, not just forgotten"

    again = Client(enforce_csrf_checks=True)  # exempt from CSRF: a stale page's form must still get them out
    _one_login(one_login, again, "alex")
    assert again.post("/your-case/exit/")["Location"] == settings.EXIT_THIS_PAGE_URL, "a form's POST too"
    assert _signed_in_as(again) is None


def test_without_one_login_there_is_no_way_in(client: Client, liaison: User) -> None:
    assert client.get("/your-case/invitation/anything/").status_code == 404
    assert client.get("/your-case/sign-in/").status_code == 404
    assert client.get("/your-case/sign-in/callback/?code=x&state=y").status_code == 404
