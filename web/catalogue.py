"""The service's Welsh catalogue (locale/cy/LC_MESSAGES/django.po): which source files hold the words of the pages
that are translated (the complainant's own view, and the pages a victim liaison officer uses), so that only those are
gathered and every gathered word is translated (other staff pages fall back to English), and the catalogue's compiled
form, made with polib so that building it needs no GNU gettext."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# The files whose words a complainant or their ISVA sees: the own view's pages and the language switch, the GOV.UK
# form rendering its forms use, its views, the plain words and typical durations it shows, the messages sent to them
# and what the services they call tell them.
OWN_VIEW_SOURCES = (
    "templates/portal/**/*.html",
    "templates/partials/language_switch.html",
    "govuk/templates/govuk/**/*.html",
    "govuk/forms.py",
    "portal/**/*.py",
    "cases/plain_words.py",
    "scorecards/guides.py",
    "victims/own_view_messages.py",
    "victims/own_requests.py",
    "victims/invitations.py",
    "accounts/one_login.py",
)

# The files whose words a victim liaison officer sees: every staff page's frame (header, service navigation, footer),
# their home page, the case's header and overview, the complainants page and what it leads to (a complainant's
# details, their own view, letters due, the letter page and recording it as sent, and the step pages for their records,
# with the step pages' own words and the views' titles) and the victims forms' labels and errors, with the GOV.UK date
# input's.
LIAISON_SOURCES = (
    "templates/base.html",
    "templates/partials/service_navigation.html",
    "templates/partials/footer.html",
    "templates/partials/messages.html",
    "templates/partials/pagination.html",
    "accounts/context_processors.py",
    "templates/dashboards/home.html",
    "templates/dashboards/_*.html",
    "dashboards/views.py",
    "templates/cases/_case_header.html",
    "templates/cases/case_detail.html",
    "templates/victims/*.html",
    "web/templates/web/step_form.html",
    "web/templates/web/confirm_step.html",
    "victims/views/*.py",
    "victims/letters.py",
    "victims/forms.py",
    "govuk/dates.py",
)

SOURCES = OWN_VIEW_SOURCES + LIAISON_SOURCES

# The pages whose own words (inside <main>) are in the catalogue, by route: the own view's, the home page, the case's
# overview and the victims pages a liaison officer uses (their templates', views' and step pages' words, and the
# warnings before a letter is sent). Every page's frame is; a page not listed keeps English for its main content. Still
# in English on the listed pages: the labels of the victims models' choices (how sent, kind of letter…), and where a
# complainant's own-view access stands (victims.own_view_access), which the templates mark as English.
TRANSLATED_NAMESPACES = frozenset({"portal"})
TRANSLATED_PAGES = frozenset(
    {
        "dashboards:home",
        "cases:detail",
        *(
            f"victims:{name}"
            for name in (
                "case-complainants",
                "new-complainant",
                "identity",
                "wishes",
                "isva",
                "special-measure",
                "withdrawal",
                "offer-meeting",
                "answer-meeting",
                "vrr-request",
                "vrr-outcome",
                "letter-owed",
                "letter",
                "send-letter",
                "revoke-invitation",
                "answer-request",
                "own-view",
                "letters-due",
                "survey-response",
            )
        ),
    }
)


def content_translated(view_name: str) -> bool:
    """Whether the main content of the page at this route (``namespace:name``) is translated."""
    return view_name in TRANSLATED_PAGES or view_name.split(":", 1)[0] in TRANSLATED_NAMESPACES


def sources(patterns: tuple[str, ...] = SOURCES) -> set[Path]:
    """The source files, as absolute paths, that the catalogue is gathered from (or those of some of the patterns)."""
    base = Path(settings.BASE_DIR)
    return {path.resolve() for pattern in patterns for path in base.glob(pattern) if path.is_file()}


def compiled(catalogue: Path = CATALOGUE) -> bytes:
    """The catalogue as a .mo file: its translated entries, leaving out fuzzy and empty ones as msgfmt does."""
    return polib.pofile(str(catalogue)).to_binary()
