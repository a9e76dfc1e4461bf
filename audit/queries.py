"""Reading the export log: who may audit it, and the entries they may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import User
from accounts.roles import Role
from accounts.scoping import Scope
from audit.models import Export


def auditor_scope(user: User) -> Scope:
    """An auditor audits their Area, or every Area if they belong to none (national); nobody else audits."""
    if user.role != Role.AUDITOR:
        return Scope()
    return Scope(cps_area_id=user.cps_area_id) if user.cps_area_id else Scope(everything=True)


def export_log(user: User) -> QuerySet[Export]:
    """The downloads the user may audit. An Area's auditor sees the downloads made by people while they were of
    their Area: each download keeps the person's Area as it was then, so a person who moves takes no history with
    them. A download by an account since deleted, or from the command line, is a national auditor's only; so are
    downloads by police officers, whose force more than one Area serves (CPS Direct serves every force)."""
    scope = auditor_scope(user)
    kept = Export.objects.all() if scope.everything else Export.objects.filter(_account_kept())
    return scope.apply(kept)


def _account_kept() -> Exists:
    """Whether the download's account still exists (the log keeps it as a bare reference, with no constraint)."""
    return Exists(User.objects.filter(pk=OuterRef("user_id")))
