"""Action-plan pages as each role uses them: setting a plan with "add another", answering, closing after an
interruption, the unit head's overdue list and JOIM agenda, and the proportionality dip-sample."""

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan, ActionStatus, PlanStatus, ProportionalityReview, ReviewLevel
from actionplans.proportionality import sampled_suspect_ids
from actionplans.services import PlannedAction, answer_action, set_action_plan
from cases.models import Case, Suspect
from cases.services.precharge import give_early_advice, request_early_advice
from tests.clients import date_fields, signed_in
from tests.factories import make_case, planned_actions, referred_suspect

pytestmark = pytest.mark.django_db


def _referred_case(officer: User, *, days_ago: int = 120) -> Case:
    assert officer.police_force is not None
    case = make_case(
        police_force=officer.police_force.name,
        officer_in_charge=officer,
        reported_on=timezone.localdate() - timedelta(days=days_ago + 30),
    )
    referred_suspect(case, officer=officer, received_on=timezone.localdate() - timedelta(days=days_ago))
    return case


def _plan(officer: User, prosecutor: User, *, set_days_ago: int, request: str = "Obtain item") -> ActionPlan:
    case = _referred_case(officer, days_ago=set_days_ago + 5)
    referral = Suspect.objects.get(case=case).referrals.get()
    actions = [
        PlannedAction(
            request=request, line_of_enquiry="Consent", proportionality="Needed", due_on=timezone.localdate()
        ),
        *planned_actions(1, due_on=timezone.localdate() + timedelta(days=3)),
    ]
    return set_action_plan(
        actor=prosecutor,
        referral=referral,
        set_on=timezone.localdate() - timedelta(days=set_days_ago),
        actions=actions,
    )


def _action_fields(n: int, request: str, due: date) -> dict[str, str]:
    return {
        f"actions-{n}-request": request,
        f"actions-{n}-line_of_enquiry": "Corroboration",
        f"actions-{n}-proportionality": "Goes to consent",
        f"actions-{n}-owner": "",
        **date_fields(f"actions-{n}-due_on", due),
    }


def test_prosecutor_adds_another_action_without_losing_anything_then_sets_the_plan(
    officer: User, prosecutor: User
) -> None:
    case = _referred_case(officer)
    referral = Suspect.objects.get(case=case).referrals.get()
    client = signed_in(prosecutor)
    url = reverse("actionplans:set-plan", args=[case.pk, referral.pk])
    first = {
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        **date_fields("set_on", timezone.localdate()),
        **_action_fields(0, "Phone download", timezone.localdate() + timedelta(days=14)),
    }
    added = client.post(url, {**first, "add_action": "yes"})
    assert added.status_code == 200
    page = added.content.decode()
    assert "Action 2" in page
    assert "Phone download" in page
    assert "There is a problem" not in page
    assert not ActionPlan.objects.exists()

    # The second action is missing what is asked: refused, naming the action, with everything typed kept.
    both = {**first, "actions-TOTAL_FORMS": "2", **_action_fields(1, "", timezone.localdate() + timedelta(days=21))}
    refused = client.post(url, both)
    assert refused.status_code == 200
    assert "Action 2: Enter what is asked" in refused.content.decode()
    assert "Phone download" in refused.content.decode()

    both["actions-1-request"] = "CCTV from the taxi rank"
    done = client.post(url, both)
    assert done["Location"] == reverse("actionplans:case-plans", args=[case.pk])
    plan = ActionPlan.objects.get()
    assert list(plan.actions.values_list("request", "owner")) == [
        ("Phone download", officer.pk),
        ("CCTV from the taxi rank", officer.pk),
    ]


def test_a_due_date_before_the_plan_is_set_is_shown_on_that_action(officer: User, prosecutor: User) -> None:
    case = _referred_case(officer)
    referral = Suspect.objects.get(case=case).referrals.get()
    response = signed_in(prosecutor).post(
        reverse("actionplans:set-plan", args=[case.pk, referral.pk]),
        {
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            **date_fields("set_on", timezone.localdate()),
            **_action_fields(0, "Phone", timezone.localdate() - timedelta(days=1)),
        },
    )
    assert "Action 1: The due date must be on or after the day the plan is set." in response.content.decode()


def test_police_see_days_left_and_answer_each_action(officer: User, prosecutor: User) -> None:
    plan = _plan(officer, prosecutor, set_days_ago=10)
    client = signed_in(officer)
    due = client.get(reverse("actionplans:due")).content.decode()
    assert plan.suspect.case.urn in due
    assert "3 days left" in due
    first, second = plan.actions.all()
    answer_url = reverse("actionplans:answer", args=[plan.suspect.case_id, first.pk])
    assert "Obtain item" in client.get(answer_url).content.decode()
    response = client.post(
        answer_url,
        {**date_fields("answered_on", timezone.localdate()), "response": "Download done", "exhibit_reference": "AB/1"},
    )
    assert response["Location"] == reverse("actionplans:case-plans", args=[plan.suspect.case_id])
    client.post(
        reverse("actionplans:answer", args=[plan.suspect.case_id, second.pk]),
        {**date_fields("answered_on", timezone.localdate()), "response": "Statement taken"},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ANSWERED
    assert "No action plan is waiting for you." in client.get(reverse("actionplans:due")).content.decode()


def test_closing_a_plan_asks_for_confirmation_first(officer: User, prosecutor: User) -> None:
    plan = _plan(officer, prosecutor, set_days_ago=10)
    client = signed_in(prosecutor)
    url = reverse("actionplans:close", args=[plan.suspect.case_id, plan.pk])
    data = {**date_fields("closed_on", timezone.localdate()), "reason": "Enough evidence to decide"}
    interruption = client.post(url, data)
    assert interruption.status_code == 200
    assert "Are you sure?" in interruption.content.decode()
    assert ActionPlan.objects.get(pk=plan.pk).status == PlanStatus.OPEN
    client.post(url, {**data, "confirmed": "yes"})
    assert ActionPlan.objects.get(pk=plan.pk).status == PlanStatus.WITHDRAWN


def test_unit_head_sees_overdue_plans_by_level_until_they_are_answered(
    officer: User, prosecutor: User, unit_head: User, user_of: Callable[..., User]
) -> None:
    at_28 = _plan(officer, prosecutor, set_days_ago=30)
    at_90 = _plan(officer, prosecutor, set_days_ago=95)
    _plan(officer, prosecutor, set_days_ago=5)
    client = signed_in(unit_head)
    groups = client.get(reverse("actionplans:overdue")).context["groups"]
    assert [(g.level.days, [p.pk for p in g.plans]) for g in groups] == [(90, [at_90.pk]), (28, [at_28.pk])]

    other_force = user_of(Role.INVESTIGATOR, police_force="Humberside Police")
    elsewhere = _plan(other_force, prosecutor, set_days_ago=60)
    force_id = elsewhere.suspect.case.police_force_id
    filtered = client.get(reverse("actionplans:overdue"), {"police_force": force_id}).context["groups"]
    assert [(g.level.days, [p.pk for p in g.plans]) for g in filtered] == [(56, [elsewhere.pk])]

    for action in at_28.actions.all():
        answer_action(actor=officer, action=action, answered_on=timezone.localdate(), response="Done")
    groups = client.get(reverse("actionplans:overdue")).context["groups"]
    assert at_28.pk not in {p.pk for g in groups for p in g.plans}


def test_unit_head_sees_aged_cases_longest_waiting_first_with_their_plans(
    officer: User, prosecutor: User, unit_head: User
) -> None:
    newer = _referred_case(officer, days_ago=40)
    planned = _plan(officer, prosecutor, set_days_ago=100)  # referred 105 days ago
    older = _referred_case(officer, days_ago=200)
    rows = signed_in(unit_head).get(reverse("actionplans:aged")).context["rows"]
    assert [(suspect.case_id, days, suspect.plans) for suspect, days in rows] == [
        (older.pk, 200, 0),
        (planned.suspect.case_id, 105, 1),
        (newer.pk, 40, 0),
    ]


def test_only_unit_heads_reach_the_oversight_pages(officer: User, prosecutor: User) -> None:
    for user in (officer, prosecutor):
        client = signed_in(user)
        for name in ("overdue", "aged", "proportionality"):
            assert client.get(reverse(f"actionplans:{name}")).status_code == 403
        assert client.get(reverse("actionplans:joim-agenda", args=["csv"])).status_code == 403
    assert signed_in(prosecutor).get(reverse("actionplans:due")).status_code == 403


def _csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_joim_agenda_lists_outstanding_actions_at_90_days_safely_in_csv_and_xlsx(
    officer: User, prosecutor: User, unit_head: User
) -> None:
    plan = _plan(officer, prosecutor, set_days_ago=95, request='=HYPERLINK("http://example.com","x")')
    _plan(officer, prosecutor, set_days_ago=30)
    plan.suspect.name = "Seeded Suspectname"
    plan.suspect.save()
    client = signed_in(unit_head)

    response = client.get(reverse("actionplans:joim-agenda", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    header, *rows = _csv_rows(response)
    assert header[:4] == ["URN", "Police force", "Suspect", "Plan"]
    assert [(row[0], row[2], row[6], row[7]) for row in rows] == [
        (plan.suspect.case.urn, "Suspect 1", "1", '\'=HYPERLINK("http://example.com","x")'),
        (plan.suspect.case.urn, "Suspect 1", "2", "Obtain item 1"),
    ]
    assert "Suspectname" not in response.content.decode("utf-8-sig")

    xlsx = client.get(reverse("actionplans:joim-agenda", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content))["JOIM agenda"]
    cell = sheet["H2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com","x")', "s")
    assert sheet.max_row == 3
    assert client.get("/action-plans/joim-agenda.pdf").status_code == 404


def _suspect_with_plans_after_early_advice(officer: User, prosecutor: User, plans: int) -> Suspect:
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=400))
    suspect = Suspect.objects.get(case=case)
    start = timezone.localdate() - timedelta(days=300)
    referral = request_early_advice(actor=officer, suspect=suspect, requested_on=start, questions="?")
    for n in range(plans):
        plan = set_action_plan(
            actor=prosecutor,
            referral=referral,
            set_on=start + timedelta(days=n * 20),
            actions=planned_actions(1, due_on=start + timedelta(days=n * 20 + 5)),
        )
        for action in plan.actions.all():
            answer_action(actor=officer, action=action, answered_on=action.due_on, response="Done")
    give_early_advice(actor=prosecutor, referral=referral, answered_on=timezone.localdate(), advice="Refer when ready")
    return suspect


def test_proportionality_queue_sample_and_review(officer: User, prosecutor: User, unit_head: User) -> None:
    over = [_suspect_with_plans_after_early_advice(officer, prosecutor, 3) for _ in range(3)]
    _suspect_with_plans_after_early_advice(officer, prosecutor, 2)
    client = signed_in(unit_head)
    page = client.get(reverse("actionplans:proportionality"))
    assert [s.pk for s in page.context["queue"]] == [s.pk for s in over]

    client.post(reverse("actionplans:proportionality"), {"size": "2", "seed": "2025"})
    sampled = list(ProportionalityReview.objects.order_by("id").values_list("suspect_id", flat=True))
    assert sampled == sampled_suspect_ids([s.pk for s in over], size=2, seed=2025)
    client.post(reverse("actionplans:proportionality"), {"size": "2", "seed": "2025"})
    again = ProportionalityReview.objects.filter(sample__seed=2025).order_by("-sample_id", "id")[:2]
    assert [r.suspect_id for r in again] == sampled, "the same seed over the same queue draws the same suspects"

    review = ProportionalityReview.objects.order_by("id").first()
    assert review is not None
    url = reverse("actionplans:review", args=[review.pk])
    refused = client.post(
        url, {"proportionate": "no", "learning": "", **date_fields("reviewed_on", timezone.localdate())}
    )
    assert "Say what should have been done differently." in refused.content.decode()
    client.post(
        url,
        {
            "proportionate": "no",
            "learning": "Plan 3 repeated plan 2",
            **date_fields("reviewed_on", timezone.localdate()),
        },
    )
    review.refresh_from_db()
    assert (review.proportionate, review.learning, review.reviewed_by) == (False, "Plan 3 repeated plan 2", unit_head)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_run_a_constant_number_of_queries(officer: User, prosecutor: User, unit_head: User) -> None:
    first = _plan(officer, prosecutor, set_days_ago=95)
    pages = {
        officer: [reverse("actionplans:due"), reverse("actionplans:case-plans", args=[first.suspect.case_id])],
        unit_head: [
            reverse("actionplans:overdue"),
            reverse("actionplans:aged"),
            reverse("actionplans:proportionality"),
        ],
    }
    before = {url: _queries(signed_in(user), url) for user, urls in pages.items() for url in urls}
    for days in (30, 60, 95, 100):
        _plan(officer, prosecutor, set_days_ago=days)
    after = {url: _queries(signed_in(user), url) for user, urls in pages.items() for url in urls}
    assert after == before
    assert ActionPlan.objects.filter(actions__status=ActionStatus.OUTSTANDING).distinct().count() == 5


def test_unit_head_prfis_a_plan_past_90_days_after_confirming_and_reopens_it(
    officer: User, prosecutor: User, unit_head: User
) -> None:
    plan = _plan(officer, prosecutor, set_days_ago=95)
    client = signed_in(unit_head)
    prfi_url = reverse("cases:prfi-referral", args=[plan.suspect.case_id, plan.referral_id])
    assert prfi_url in client.get(reverse("actionplans:overdue")).content.decode()
    data = {**date_fields("prfi_on", timezone.localdate()), "reason": "No response to Plan 1 after 90 days"}
    assert "Are you sure?" in client.post(prfi_url, data).content.decode()
    client.post(prfi_url, {**data, "confirmed": "yes"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PRFI

    overdue = client.get(reverse("actionplans:overdue"))
    assert overdue.context["groups"] == []
    prfi = overdue.context["prfis"][0]
    reopen_url = reverse("cases:reopen-referral", args=[plan.suspect.case_id, prfi.pk])
    assert reopen_url in overdue.content.decode()
    client.post(reopen_url, date_fields("reopened_on", timezone.localdate()))
    assert Suspect.objects.get(pk=plan.suspect_id).status == "referred"
    assert list(client.get(reverse("actionplans:overdue")).context["prfis"]) == []


def test_administrator_changes_the_ladder_and_open_plans_follow(
    officer: User, prosecutor: User, user_of: Callable[..., User]
) -> None:
    plan = _plan(officer, prosecutor, set_days_ago=10)
    administrator = user_of(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    level = ReviewLevel.objects.get(days=28)
    response = signed_in(administrator).post(
        reverse("admin:actionplans_reviewlevel_change", args=[level.pk]),
        {"days": "21", "tell_officer_in_charge": "on", "tell_unit_heads": "on"},
    )
    assert response.status_code == 302
    point = plan.review_points.get(level=level)
    assert point.due_on == plan.set_on + timedelta(days=21)
    level.refresh_from_db()
    assert (level.tell_police_supervisors, level.tell_unit_heads) == (False, True)
