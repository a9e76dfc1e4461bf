"""Work queues of open referrals, soonest due first, with the days left before each deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accounts.models import User
from accounts.roles import Role
from cases.models import Referral
from cases.models.precharge import ReferralKind


@dataclass(frozen=True)
class QueueItem:
    referral: Referral
    days_remaining: int

    @property
    def overdue_by(self) -> int:
        return max(0, -self.days_remaining)


def open_referrals(*, user: User, today: date, kind: ReferralKind | None = None, limit: int = 10) -> list[QueueItem]:
    """Open referrals in the user's scope (an investigator's own cases only), soonest due first."""
    referrals = Referral.objects.visible_to(user).open()
    if kind is not None:
        referrals = referrals.filter(kind=kind)
    if user.role == Role.INVESTIGATOR:
        referrals = referrals.filter(suspect__case__officer_in_charge=user)
    rows = referrals.select_related("suspect__case").order_by("due_on", "id")[:limit]
    return [QueueItem(referral, (referral.due_on - today).days) for referral in rows]
