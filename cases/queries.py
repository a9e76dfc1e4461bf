"""What the court pages and the unit head's trials list read: numbered hearings, the first Crown Court hearing, and
trials coming up with readiness gaps."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.models import User
from cases.models import Case, Hearing, Suspect, Trial
from cases.models.court import Court
from deadlines import trials_at_risk_until


def first_crown_court_hearing(suspect: Suspect) -> Hearing | None:
    """The earliest of the suspect's hearings in the Crown Court (INTERCHANGE.md)."""
    return Hearing.objects.filter(suspect=suspect, court=Court.CROWN).order_by("held_on", "id").first()


def trials_at_risk(user: User, today: date) -> QuerySet[Trial]:
    """Trials listed in the coming weeks, not yet heard, with any readiness item not done."""
    horizon = trials_at_risk_until(today)
    trials = Trial.objects.visible_to(user)
    return (
        trials.filter(outcome="", listed_for__gte=today, listed_for__lte=horizon)
        .annotate(gaps=Count("readiness", filter=Q(readiness__done=False)))
        .filter(gaps__gt=0)
        .select_related("suspect__case")
        .order_by("listed_for", "id")
    )


def cases_with_suspect_named(user: User, name: str) -> QuerySet[Case]:
    """The cases the user may see with a suspect whose recorded name contains ``name`` (any case, any order of
    letters' case), newest report first."""
    named = Suspect.objects.filter(case=OuterRef("pk"), name__icontains=name.strip())
    return (
        Case.objects.visible_to(user)
        .filter(Exists(named))
        .select_related("police_force", "cps_area")
        .order_by("-reported_on", "-pk")
    )
