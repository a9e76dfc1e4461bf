"""The service's pages about itself and the frame of every page: the accessibility statement and the cookies page open
signed out and are linked from every page's footer; the header is GOV.UK Frontend's Generic header (a service not on
GOV.UK: no crown, no "GOV.UK" in the title) with the organisations' name; the favicon the page names is served."""

import re

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import Client

from accounts.models import User
from tests.clients import signed_in
from tests.html_references import parse

pytestmark = pytest.mark.django_db


def test_the_accessibility_statement_and_cookies_pages_open_signed_out_from_the_footer() -> None:
    sign_in = parse(Client().get("/sign-in/").content.decode())
    footer = next(node for node in sign_in.iter() if node.tag == "footer")
    links = {node.text_content(): node.attrs["href"] for node in footer.iter() if node.tag == "a"}
    assert links == {"Accessibility statement": "/accessibility/", "Cookies": "/cookies/"}
    statement = Client().get(links["Accessibility statement"])
    assert statement.status_code == 200
    text = parse(statement.content.decode()).text_content()
    for heading in ("How accessible this service is", "Enforcement procedure", "Compliance status"):
        assert heading in text
    assert "partially compliant" in text
    assert "scrolls sideways" in text  # the known limit: a wide scorecard breakdown at 640 pixels


def test_the_cookies_page_names_the_cookies_the_service_sets() -> None:
    client = Client()
    client.get("/sign-in/")  # the sign-in form sets the CSRF cookie
    page = parse(client.get("/cookies/").content.decode())
    names = [row.text_content() for row in page.iter() if row.tag == "th" and row.attrs.get("scope") == "row"]
    assert names == [
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        "messages",
        settings.LANGUAGE_COOKIE_NAME,
    ]
    assert settings.CSRF_COOKIE_NAME in client.cookies
    assert "30 minutes" in page.text_content()


def test_the_header_names_the_organisations_not_gov_uk(officer: User) -> None:
    for page in (Client().get("/sign-in/"), signed_in(officer).get("/")):
        html = page.content.decode()
        document = parse(html)
        title = next(node for node in document.iter() if node.tag == "title").text_content()
        assert "GOV.UK" not in title
        assert title.endswith("– RASSO case-journey tracker")
        assert "govuk-header" not in html
        assert "crown" not in html.lower().replace("crown prosecution service", "")
        logo = next(node for node in document.iter() if "govuk-generic-header__homepage-link" in node.classes)
        assert logo.text_content() == "Crown Prosecution Service and police"
        service = next(node for node in document.iter() if "govuk-service-navigation__service-name" in node.classes)
        assert service.text_content() == "RASSO case-journey tracker"


def test_the_favicons_the_page_names_are_served() -> None:
    page = Client().get("/sign-in/").content.decode()
    icons = re.findall(r'<link rel="icon"[^>]*href="([^"]+)"', page)
    assert icons == [static("images/favicon.svg"), static("images/favicon.ico")]
    for icon in icons:
        response = Client().get(icon)
        assert response.status_code == 200, icon
        assert response["Content-Type"].startswith(("image/svg+xml", "image/vnd.microsoft.icon", "image/x-icon"))
