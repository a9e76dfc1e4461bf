"""The administrator's reference-data pages: the escalation ladder, the readiness checklist and the disclosure rule,
each change made with a reason, kept in the history, by an administrator who is not a superuser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan, ReviewLevel
from actionplans.services import PlannedAction, set_action_plan
from cases.models import ReadinessItem
from scorecards.models import DisclosureRule
from tests.clients import signed_in
from tests.factories import make_case, planned_actions, referred_suspect

LADDER = reverse("administration:ladder")
READINESS = reverse("administration:readiness")
DISCLOSURE = reverse("administration:disclosure")


@pytest.fixture
def administrator(user_of: Callable[..., User]) -> User:
    return user_of(Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")


@pytest.fixture
def admin_client(administrator: User) -> Client:
    return signed_in(administrator)


def _open_plan(officer: User, prosecutor: User, *, set_on: date) -> ActionPlan:
    suspect = referred_suspect(make_case(), officer=officer, received_on=set_on - timedelta(days=5))
    referral = suspect.referrals.get()
    actions = [
        PlannedAction(
            request="Obtain item", line_of_enquiry="Consent", proportionality="Needed", due_on=timezone.localdate()
        ),
        *planned_actions(1, due_on=timezone.localdate() + timedelta(days=3)),
    ]
    return set_action_plan(actor=prosecutor, referral=referral, set_on=set_on, actions=actions)


def _level_fields(days: str, reason: str, *told: str) -> dict[str, str]:
    return {"days": days, "reason": reason, **dict.fromkeys(told, "on")}


def test_an_administrator_changes_a_level_and_open_plans_follow_with_the_change_in_the_history(
    admin_client: Client, officer: User, prosecutor: User
) -> None:
    plan = _open_plan(officer, prosecutor, set_on=timezone.localdate() - timedelta(days=10))
    level = ReviewLevel.objects.get(days=28)
    changed = admin_client.post(
        reverse("administration:change-level", args=[level.pk]),
        _level_fields("21", "Reviews come sooner in the new protocol", "tell_officer_in_charge", "tell_unit_heads"),
        follow=True,
    )
    page = changed.content.decode()
    assert "1 open action plan now follows the 21-day review." in page
    assert plan.review_points.get(level=level).due_on == plan.set_on + timedelta(days=21)
    level.refresh_from_db()
    assert (level.days, level.tell_unit_heads, level.tell_police_supervisors) == (21, True, False)
    history = admin_client.get(LADDER).context["changes"]
    assert (history[0].who, history[0].reason) == ("Ada Admin", "Reviews come sooner in the new protocol")
    assert "Days" in history[0].fields


def test_a_level_needs_a_reason_and_days_the_model_allows_and_nothing_typed_is_lost(admin_client: Client) -> None:
    level = ReviewLevel.objects.get(days=28)
    url = reverse("administration:change-level", args=[level.pk])
    refused = admin_client.post(url, _level_fields("56", "", "tell_unit_heads"))
    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.errors["days"] == ["There is already a level at this many days."]
    assert form.errors["reason"] == ["Enter reason for the change"]
    page = refused.content.decode()
    assert "govuk-error-summary" in page
    assert 'value="56"' in page
    too_late = admin_client.post(url, _level_fields("400", "A year and more", "tell_unit_heads"))
    assert "days" in too_late.context["form"].errors
    level.refresh_from_db()
    assert level.days == 28


def test_an_administrator_adds_a_level_and_removes_it_after_an_interruption(
    admin_client: Client, officer: User, prosecutor: User
) -> None:
    plan = _open_plan(officer, prosecutor, set_on=timezone.localdate() - timedelta(days=3))
    admin_client.post(reverse("administration:add-level"), _level_fields("14", "A fortnight check", "tell_unit_heads"))
    level = ReviewLevel.objects.get(days=14)
    assert plan.review_points.get(level=level).due_on == plan.set_on + timedelta(days=14)

    remove = reverse("administration:remove-level", args=[level.pk])
    asked = admin_client.post(remove, {"reason": "The fortnight check was not needed"})
    assert "Are you sure?" in asked.content.decode()
    assert "1 open action plan will no longer be reviewed at 14 days" in asked.content.decode()
    assert ReviewLevel.objects.filter(days=14).exists(), "nothing is removed before it is confirmed"

    admin_client.post(remove, {"reason": "The fortnight check was not needed", "confirmed": "yes"})
    assert not ReviewLevel.objects.filter(days=14).exists()
    assert not plan.review_points.filter(level_id=level.pk).exists()
    removal = admin_client.get(LADDER).context["changes"][0]
    assert (removal.what, removal.reason) == ("Removed: 14-day review", "The fortnight check was not needed")


def test_a_level_some_plan_has_reached_stays_and_the_page_says_why(
    admin_client: Client, officer: User, prosecutor: User
) -> None:
    plan = _open_plan(officer, prosecutor, set_on=timezone.localdate() - timedelta(days=30))
    level = ReviewLevel.objects.get(days=28)
    plan.review_points.filter(level=level).update(raised_at=timezone.now())
    refused = admin_client.post(
        reverse("administration:remove-level", args=[level.pk]), {"reason": "Not wanted", "confirmed": "yes"}
    )
    assert "1 action plans have already reached the 28-day review" in refused.content.decode()
    assert ReviewLevel.objects.filter(pk=level.pk).exists()


def test_an_administrator_adds_rewords_moves_and_disables_a_readiness_item(admin_client: Client) -> None:
    admin_client.post(
        reverse("administration:add-readiness-item"),
        {"text": "Interpreter booked", "reason": "Trials adjourned for want of one"},
    )
    item = ReadinessItem.objects.get(text="Interpreter booked")
    texts = [entry.text for entry, _ in admin_client.get(READINESS).context["items"]]
    assert texts[-1] == "Interpreter booked"

    admin_client.post(reverse("administration:move-readiness-item", args=[item.pk]), {"direction": "up"})
    texts_after = [entry.text for entry, _ in admin_client.get(READINESS).context["items"]]
    assert texts_after[-2:] == ["Interpreter booked", texts[-2]]

    admin_client.post(
        reverse("administration:reword-readiness-item", args=[item.pk]),
        {"text": "Interpreter booked for every witness who needs one", "reason": "Clearer"},
    )
    admin_client.post(
        reverse("administration:disable-readiness-item", args=[item.pk]), {"reason": "Covered by the witness list"}
    )
    item.refresh_from_db()
    assert (item.text, item.disabled_on) == (
        "Interpreter booked for every witness who needs one",
        timezone.localdate(),
    )
    assert item not in ReadinessItem.objects.in_use(timezone.localdate()), "trials listed from today do not get it"
    page = admin_client.get(READINESS)
    assert "Disabled" in page.content.decode()
    changes = [(change.what, change.reason) for change in page.context["changes"]]
    assert changes[:2] == [
        ("Changed: “Interpreter booked for every witness who needs one”", "Covered by the witness list"),
        ("Changed: “Interpreter booked for every witness who needs one”", "Clearer"),
    ]
    assert ("Changed: “Interpreter booked”", "Moved up") in changes

    admin_client.post(reverse("administration:enable-readiness-item", args=[item.pk]), {"reason": "Needed after all"})
    item.refresh_from_db()
    assert item.disabled_on is None


def test_the_top_item_cannot_move_up(admin_client: Client) -> None:
    top = ReadinessItem.objects.order_by("position", "id").first()
    assert top is not None
    moved = admin_client.post(
        reverse("administration:move-readiness-item", args=[top.pk]), {"direction": "up"}, follow=True
    )
    assert "This item is already at the top." in moved.content.decode()
    assert ReadinessItem.objects.order_by("position", "id").first() == top


def test_an_administrator_changes_the_disclosure_rule_within_its_bounds(admin_client: Client) -> None:
    refused = admin_client.post(DISCLOSURE, {"threshold": "1", "reason": "Publish everything"})
    assert "govuk-error-summary" in refused.content.decode()
    assert refused.context["form"].errors["threshold"] == ["Ensure this value is greater than or equal to 2."]
    assert DisclosureRule.current().threshold == 5

    admin_client.post(DISCLOSURE, {"threshold": "10", "reason": "Small Areas asked for more"})
    changed = admin_client.post(DISCLOSURE, {"threshold": "8", "reason": "Ten withheld too much"}, follow=True)
    page = changed.content.decode()
    assert "Counts from 1 to 7 are withheld" in page
    assert DisclosureRule.current().threshold == 8
    latest, first = changed.context["changes"][:2]
    assert (latest.who, latest.reason, latest.fields) == ("Ada Admin", "Ten withheld too much", ["Threshold"])
    assert first.reason == "Small Areas asked for more"


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.AUDITOR, Role.ANALYST])
def test_only_administrators_see_the_reference_pages(client_of: Callable[..., Client], role: Role) -> None:
    client = client_of(role, cps_area="Yorkshire and Humberside")
    level = ReviewLevel.objects.get(days=28)
    for url in (LADDER, READINESS, DISCLOSURE, reverse("administration:change-level", args=[level.pk])):
        assert client.get(url).status_code == 403
    assert client.post(DISCLOSURE, {"threshold": "10", "reason": "x"}).status_code == 403
    assert DisclosureRule.current().threshold == 5
