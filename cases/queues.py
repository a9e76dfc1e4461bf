"""Work queues of open referrals waiting on the CPS, soonest due first, with the days left before each deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accounts.models import User
from accounts.roles import Role
from cases.models import Referral
from cases.models.precharge import ReferralKind, ReferralQuerySet
from cases.transitions import SuspectStatus


@dataclass(frozen=True)
class QueueItem:
    referral: Referral
    days_remaining: int

    @property
    def overdue_by(self) -> int:
        return max(0, -self.days_remaining)


def waiting_on_the_cps(referrals: ReferralQuerySet) -> ReferralQuerySet:
    """The open referrals the CPS owes an answer on. An open referral whose suspect has a plan outstanding waits on
    the police, not the CPS: the journey rests a suspect with any open plan at "Action plan with police"
    (``cases.transitions.resting_status``), so the suspect's status says so without reading the plans."""
    return referrals.open().exclude(suspect__status=SuspectStatus.ACTION_PLAN)


def open_referrals(*, user: User, today: date, kind: ReferralKind | None = None, limit: int = 10) -> list[QueueItem]:
    """Referrals waiting on the CPS in the user's scope, soonest due first: an investigator's own cases, a
    prosecutor's own referrals (``Referral.objects.allocated_to``), a whole force or Area for the others."""
    referrals = waiting_on_the_cps(Referral.objects.visible_to(user))
    if kind is not None:
        referrals = referrals.filter(kind=kind)
    if user.role == Role.INVESTIGATOR:
        referrals = referrals.filter(suspect__case__officer_in_charge=user)
    if user.role == Role.PROSECUTOR:
        referrals = referrals.allocated_to(user)
    rows = referrals.select_related("suspect__case").order_by("due_on", "id")[:limit]
    return [QueueItem(referral, (referral.due_on - today).days) for referral in rows]
