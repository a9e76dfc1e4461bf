"""What the victims pages and API read, scoped to the user and built in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import Scope
from audit.queries import auditor_scope
from victims.models import Communication, Complainant, IdentityRead


def complainants_of_case(case_id: int) -> QuerySet[Complainant]:
    """A case's complainants with everything their tab shows; identity is never loaded."""
    return (
        Complainant.objects.filter(case_id=case_id)
        .defer("name", "date_of_birth", "address", "phone", "email")
        .select_related("wishes", "isva")
        .prefetch_related(
            "special_measures",
            Prefetch("communications", queryset=Communication.objects.defer("text").order_by("due_on", "id")),
            "vrr_requests",
            "meetings",
        )
    )


def letters_due(user: User) -> QuerySet[Communication]:
    """Unsent letters in the user's scope, soonest due first (letters without a clock last)."""
    return (
        Communication.objects.visible_to(user)
        .unsent()
        .defer("text")
        .select_related("complainant__case")
        .order_by("due_on", "id")
    )


def access_log_scope(user: User) -> Scope:
    """Unit heads read their Area's access log; auditors their Area's, or every Area if they are national."""
    if user.role == Role.UNIT_HEAD:
        return Scope(cps_area_id=user.cps_area_id)
    return auditor_scope(user)


def access_log(user: User) -> QuerySet[IdentityRead]:
    """The identity reads the user may audit. The log keeps the case as a bare reference, so the Area is found
    through the case where it still exists."""
    return access_log_scope(user).apply(IdentityRead.objects.all(), area_field="case__cps_area")
