"""``manage.py welsh_messages``: Django's makemessages for Welsh, over the translated pages' sources only
(web.catalogue.SOURCES: the own view and the pages a victim liaison officer uses), so that the catalogue holds what
is translated and not every staff page's thousands of strings; then compiles it with polib. Gathering the words needs
GNU gettext (xgettext, msgmerge), as makemessages always does; compiling does not (``manage.py compile_welsh``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages

from web.catalogue import CATALOGUE, sources


class Command(makemessages.Command):
    help = "Gather the translated pages' words into locale/cy/LC_MESSAGES/django.po, then compile it."

    def handle(self, *args: Any, **options: Any) -> None:
        os.chdir(settings.BASE_DIR)  # the catalogue's references are relative to the repository's root
        options.update(locale=["cy"], no_obsolete=True)
        super().handle(*args, **options)
        call_command("compile_welsh", verbosity=options["verbosity"])

    def find_files(self, root: str) -> list[makemessages.TranslatableFile]:
        """The translated pages' sources instead of every file under the root."""
        locale = str(CATALOGUE.parents[2])
        base = Path(settings.BASE_DIR)
        return [
            makemessages.TranslatableFile(str(path.parent.relative_to(base)), path.name, locale)
            for path in sorted(sources())
        ]
