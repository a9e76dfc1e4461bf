"""manage.py revoke_api_token (--user USERNAME | --token BEGINNING): revoke every token of a user, or the one token
beginning with the characters the admin and issue_api_token show. A revoked token is a 401 at its next request."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.api_tokens import PREFIX_LENGTH, revoke_all, revoke_beginning
from accounts.models import User


class Command(BaseCommand):
    help = "Revoke API tokens: every token of a user (--user), or the token beginning with given characters (--token)."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--user", help="revoke every token of this username")
        which.add_argument("--token", help=f"revoke the token beginning with these {PREFIX_LENGTH} characters")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["user"] is not None:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user is named {options['user']}.")
            self.stdout.write(f"Revoked {revoke_all(user)} token(s) of {user.username}.")
            return
        try:
            revoked = revoke_beginning(options["token"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not revoked:
            raise CommandError("No token begins with those characters.")
        self.stdout.write(f"Revoked {revoked} token(s).")
