"""What action plans do when something happens to a case: a decision, PRFI or police NFA that closes the suspect's
file closes their open plans (``actionplans.services.close_plans_of_file``). Connected from
ActionplansConfig.ready()."""

from __future__ import annotations

from datetime import date

from django.dispatch import receiver

from accounts.models import User
from actionplans.services import close_plans_of_file
from cases.models import Suspect
from cases.signals import file_closed


@receiver(file_closed, dispatch_uid="actionplans.close_plans_of_file")
def plans_close_with_the_file(
    *, suspect: Suspect, actor: User, closed_on: date, prfi: bool, reason: str, **_: object
) -> None:
    close_plans_of_file(suspect=suspect, actor=actor, closed_on=closed_on, prfi=prfi, reason=reason)
