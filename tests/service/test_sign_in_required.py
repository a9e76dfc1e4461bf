"""Walk the URLconf: every URL needs sign-in except a short, explicit allowlist."""

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Views anyone may reach. Static files are served by whitenoise before the URLconf.
SIGN_IN_NOT_REQUIRED = {
    "accounts:sign-in", "health", "ready", "pages:accessibility", "pages:cookies", "portal:signed-out",
    # A new colleague's invitation link: it says plainly that a link never sent is not a valid invitation.
    "accounts:accept-invitation",
}  # fmt: skip
# Prometheus' scrape has a bearer token of its own (tests/operations/test_metrics.py): a 404 while none is set.
OWN_TOKEN = {"metrics"}
# The organisation sign-in's start and return (tests/accounts/test_oidc_sign_in.py): a 404 without single sign-on.
SINGLE_SIGN_ON = {"accounts:organisation-sign-in", "accounts:organisation-sign-in-callback"}
# The own view's way in (tests/portal/test_sign_in.py): a 404 without GOV.UK One Login. Its way out leaves the service.
ONE_LOGIN = {"portal:invitation", "portal:sign-in", "portal:callback"}
EXIT = "portal:exit"
# Choosing a language sets a cookie and nothing else: anyone may, by POST only.
LANGUAGE = "set_language"

_CONVERTER_SAMPLES = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001", "drf_format_suffix": ".json"}


def _sample_route(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _CONVERTER_SAMPLES.get(m.group(1) or "str", "sample"), route)


def _sample_regex(regex: str) -> str:
    def group(match: re.Match[str]) -> str:
        name, body = match.group(1), match.group(2)
        if "|" in body and not re.search(r"[\[\]\\+*?]", body):
            return body.split("|")[0]
        return "json" if name == "format" else "1"

    sample = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", group, regex.lstrip("^").rstrip("$"))
    return sample.replace("/?", "/").replace("\\.", ".").replace(".*", "")


def _sample(pattern: URLPattern | URLResolver) -> str:
    text = str(pattern.pattern)
    return _sample_regex(text) if text.startswith("^") else _sample_route(text)


def walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "/", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Every URL the project serves, as (an example path, its namespaced name)."""
    for pattern in patterns:
        path = prefix + _sample(pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, path, inner)
        else:
            yield path, f"{namespace}{pattern.name}" if pattern.name else path


URLS = sorted(set(walk(get_resolver().url_patterns)))


def test_the_walk_finds_every_part_of_the_service() -> None:
    names = {name for _, name in URLS}
    for expected in ("dashboards:home", "cases:list", "cases:detail", "case-list", "api-schema", "admin:index"):
        assert expected in names, expected


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), URLS)
def test_url_requires_sign_in(path: str, name: str) -> None:
    response = Client().get(path, headers={"Accept": "application/json"} if path.startswith("/api/") else {})
    if name in SIGN_IN_NOT_REQUIRED:
        assert response.status_code == 200
    elif name in OWN_TOKEN | SINGLE_SIGN_ON | ONE_LOGIN:
        assert response.status_code == 404
    elif name == EXIT:
        assert response.status_code == 302
        assert response["Location"] == settings.EXIT_THIS_PAGE_URL
    elif name == LANGUAGE:
        assert response.status_code == 405
    elif path.startswith("/api/"):
        assert response.status_code == 401, f"{path} answered {response.status_code}"
        assert response["Content-Type"].startswith("application/json")
    elif name.startswith("portal:"):  # a complainant's or ISVA's pages: signed out, they are offered One Login
        assert response.status_code == 302, f"{path} answered {response.status_code}"
        final = Client().get(path, follow=True)
        assert final.request["PATH_INFO"] == "/your-case/signed-out/", f"{path} ended at {final.request['PATH_INFO']}"
        assert b"Sign in with GOV.UK One Login" in final.content
    else:
        assert response.status_code == 302, f"{path} answered {response.status_code}"
        final = Client().get(path, follow=True)
        assert final.request["PATH_INFO"] == "/sign-in/", f"{path} ended at {final.request['PATH_INFO']}"
        assert b'<h1 class="govuk-heading-l">Sign in</h1>' in final.content
