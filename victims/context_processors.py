"""Every victims page shows "Exit this page": a complainant's details may be on screen."""

from django.http import HttpRequest


def exit_this_page(request: HttpRequest) -> dict[str, bool]:
    match = request.resolver_match
    return {"exit_this_page": bool(match and match.app_name == "victims")}
