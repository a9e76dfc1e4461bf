"""The own view's Welsh catalogue (locale/cy/LC_MESSAGES/django.po): which source files hold the words the own view
shows, so that only those are gathered for translation (staff pages stay English), and the catalogue's compiled form,
made with polib so that building it needs no GNU gettext."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# The files whose words a complainant or their ISVA sees: the own view's pages and the language switch, the GOV.UK
# form rendering its forms use, its views, the plain words and typical durations it shows, the messages sent to them
# and what the services they call tell them.
SOURCES = (
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


def own_view_sources() -> set[Path]:
    """The source files, as absolute paths, that the catalogue is gathered from."""
    base = Path(settings.BASE_DIR)
    return {path.resolve() for pattern in SOURCES for path in base.glob(pattern) if path.is_file()}


def compiled(catalogue: Path = CATALOGUE) -> bytes:
    """The catalogue as a .mo file: its translated entries, leaving out fuzzy and empty ones as msgfmt does."""
    return polib.pofile(str(catalogue)).to_binary()
