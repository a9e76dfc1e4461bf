"""The services the administration pages call refuse anyone but an administrator, whichever page, API or command calls
them: a page's guard is not the only one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from accounts import people
from accounts.models import User
from accounts.roles import Role
from actionplans.models import ReviewLevel
from actionplans.services import remove_review_level, save_review_level
from administration.people_services import add_and_invite
from cases.models import ReadinessItem
from cases.services.readiness_items import (
    add_readiness_item,
    move_readiness_item,
    reword_readiness_item,
    set_readiness_item_in_use,
)
from scorecards.models import DisclosureRule
from scorecards.services import change_disclosure_rule

pytestmark = pytest.mark.django_db

WHY = "Tidying up"

# Each step, given who takes it and a person of the service to take it on.
STEPS: dict[str, Callable[[User, User], object]] = {
    "add a person": lambda by, person: add_and_invite(
        by=by,
        first_name="New",
        last_name="Person",
        email="new@example.gov.uk",
        role=Role.ANALYST,
        organisation=people.Organisation(),
    ),
    "change a role": lambda by, person: people.change_role(
        person, by=by, role=Role.ANALYST, organisation=people.Organisation(), reason=WHY
    ),
    "disable a person": lambda by, person: people.disable(person, by=by, reason=WHY),
    "enable a person": lambda by, person: people.enable(person, by=by, reason=WHY),
    "reset a second factor": lambda by, person: people.reset_second_factor(person, by=by, reason=WHY),
    "note an invitation": lambda by, person: people.note_invitation(person, by=by),
    "save a review level": lambda by, person: save_review_level(ReviewLevel(days=90), by=by, reason=WHY),
    "remove a review level": lambda by, person: remove_review_level(
        ReviewLevel.objects.get(days=28), by=by, reason=WHY
    ),
    "change the disclosure rule": lambda by, person: change_disclosure_rule(10, by=by, reason=WHY),
    "add a readiness item": lambda by, person: add_readiness_item("Interpreter booked", by=by, reason=WHY),
    "reword a readiness item": lambda by, person: reword_readiness_item(
        ReadinessItem.objects.earliest("position"), "Reworded", by=by, reason=WHY
    ),
    "move a readiness item": lambda by, person: move_readiness_item(
        ReadinessItem.objects.latest("position"), up=True, by=by
    ),
    "disable a readiness item": lambda by, person: set_readiness_item_in_use(
        ReadinessItem.objects.earliest("position"), in_use=False, by=by, reason=WHY
    ),
}


def _state(person: User) -> tuple[object, ...]:
    """What the steps would change, to see that a refused step changed nothing."""
    person.refresh_from_db()
    return (
        person.role,
        person.is_active,
        User.objects.count(),
        list(ReviewLevel.objects.values_list("days", flat=True)),
        DisclosureRule.current().threshold,
        list(ReadinessItem.objects.order_by("position", "id").values_list("text", "disabled_on")),
    )


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.AUDITOR])
def test_a_service_refuses_anyone_but_an_administrator(user_of: Callable[..., User], step: str, role: Role) -> None:
    actor = user_of(role, cps_area="Yorkshire and Humberside", is_superuser=True)
    person = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    before = _state(person)
    with pytest.raises(PermissionDenied, match="cannot administer the service"):
        STEPS[step](actor, person)
    assert _state(person) == before
