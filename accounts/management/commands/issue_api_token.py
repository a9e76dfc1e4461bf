"""manage.py issue_api_token USERNAME [--days N]: a new API token for a system's account, printed once. The
database keeps only its digest, so it cannot be shown again: give it to the system now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.api_tokens import issue
from accounts.models import User


class Command(BaseCommand):
    help = "Issue an API token for a user and print it once. It expires after API_TOKEN_TTL_DAYS unless --days says."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, help="days until it expires (default API_TOKEN_TTL_DAYS)")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user is named {options['username']}.")
        if not user.is_active:
            raise CommandError(f"{user.username} is disabled: a token of theirs would not work.")
        try:
            row, token = issue(user, days)
        except ValueError as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stderr.write(
            f"Token for {user.username}, beginning {row.token_key}, expires {row.expiry:%Y-%m-%d %H:%M %Z}. "
            "It is shown once only; send it as 'Authorization: Token <token>'."
        )
        self.stdout.write(token)
