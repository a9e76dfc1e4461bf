"""The action plans of one case: the tab, setting a plan with several actions, answering and withdrawing actions,
and closing a plan (after an interruption)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import POLICE_ROLES, Doers
from accounts.scoping import signed_in_user
from actionplans.forms import (
    ActionForm,
    ActionFormSet,
    AnswerForm,
    ClosePlanForm,
    PlanForm,
    WithdrawActionForm,
)
from actionplans.models import Action, ActionPlan
from actionplans.queries import as_tasks, plans_of_case, with_actions
from actionplans.services import (
    ANSWERERS,
    PLANNERS,
    PlannedAction,
    answer_action,
    close_plan,
    give_early_advice_with_plan,
    set_action_plan,
    withdraw_action,
)
from cases.forms.precharge import EarlyAdviceForm
from cases.models import Case, Referral
from cases.transitions import Event
from cases.views.pages import file_for, suspect_files
from cases.views.steps import on_case
from govuk.forms import show_as_typed
from web.steps import posted, put_errors_on_form, step_page

ADD_ACTION = "add_action"


def _tab(case: Case) -> str:
    return reverse("actionplans:case-plans", args=[case.pk])


def case_plans(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    user = signed_in_user(request)
    # The files a plan may be set on now, as the case page offers them (the tables decide).
    files = ((suspect, file_for(user, Event.SET_ACTION_PLAN, suspect, file)) for suspect, file in suspect_files(case))
    referrals_waiting = [(suspect, referral) for suspect, referral in files if referral is not None]
    context = {
        "case": case,
        "tab": "action_plans",
        "plans": as_tasks(
            with_actions(plans_of_case(case.pk)).prefetch_related("review_points__level"), timezone.localdate()
        ),
        "referrals_waiting": referrals_waiting,
        "police": user.role in ANSWERERS.roles,
        "cps": user.role in PLANNERS.roles,
    }
    return render(request, "actionplans/case_plans.html", context)


def _officers(case: Case) -> QuerySet[User]:
    return User.objects.filter(role__in=POLICE_ROLES, police_force_id=case.police_force_id, is_active=True).order_by(
        "last_name", "first_name"
    )


def set_plan(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """A plan answering the suspect's open referral, or following the early advice given."""
    return _plan_page(request, pk, referral_pk, with_advice=False)


def advise_with_plan(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """Early advice and the action plan it sets out, given in one step."""
    return _plan_page(request, pk, referral_pk, with_advice=True)


def _plan_page(request: HttpRequest, pk: int, referral_pk: int, *, with_advice: bool) -> HttpResponse:
    """One form for the plan and its actions (and the advice, when given with it); "Add another action" posts back
    with one more, losing nothing."""
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    referral = get_object_or_404(Referral.objects.select_related("suspect__case"), pk=referral_pk, suspect__case=case)
    PLANNERS.require(signed_in_user(request).role)
    actor = signed_in_user(request)
    data = posted(request)
    adding = data is not None and ADD_ACTION in data
    if adding:
        data = data.copy()  # type: ignore[union-attr]
        data["actions-TOTAL_FORMS"] = str(int(data.get("actions-TOTAL_FORMS") or 1) + 1)
    # The advice's date is the date its plan is set.
    plan_form: forms.Form = EarlyAdviceForm(data) if with_advice else PlanForm(data)
    formset = ActionFormSet(data, prefix="actions", form_kwargs={"officers": _officers(case)})
    if adding:
        show_as_typed(plan_form, *formset.forms)
    if data is not None and not adding and plan_form.is_valid() and formset.is_valid():
        filled = [form for form in formset.forms if form.cleaned_data]
        actions = [PlannedAction(**form.cleaned_data) for form in filled]
        try:
            if with_advice:
                plan = give_early_advice_with_plan(
                    actor=actor, referral=referral, actions=actions, **plan_form.cleaned_data
                )
            else:
                plan = set_action_plan(actor=actor, referral=referral, actions=actions, **plan_form.cleaned_data)
        except ValidationError as refused:
            _errors_to_forms(refused, plan_form, filled)
        else:
            given = "Early advice and " if with_advice else ""
            messages.success(request, f"{given}{plan.label} set for {referral.suspect.label}")
            return redirect(_tab(case))
    doing = "Give early advice with an action plan" if with_advice else "Set an action plan"
    title = f"{doing} for {referral.suspect.label}"
    return render(
        request,
        "actionplans/set_plan.html",
        {"case": case, "title": title, "plan_form": plan_form, "formset": formset, "adding": adding},
    )


def _errors_to_forms(refused: ValidationError, plan_form: forms.Form, filled: list[ActionForm]) -> None:
    """The service names an action's field as ``actions.N.field``: put it on that action's form."""
    if not hasattr(refused, "error_dict"):
        plan_form.add_error(None, refused)
        return
    for key, errors in refused.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "actions":  # noqa: PLR2004 - actions.N.field
            filled[int(parts[1])].add_error(parts[2], errors)
        else:
            put_errors_on_form(plan_form, ValidationError({key: errors}))


def _action(request: HttpRequest, pk: int, action_pk: int) -> Action:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(
        Action.objects.select_related("plan__suspect__case", "plan__referral", "owner"),
        pk=action_pk,
        plan__suspect__case=case,
    )


def _action_step(
    request: HttpRequest,
    pk: int,
    action_pk: int,
    *,
    verb: str,
    done: str,
    form: type[forms.Form],
    service: Callable[..., Action],
    doers: Doers,
) -> HttpResponse:
    """Answer or withdraw one action: the same page, with what the action asks shown above the form."""
    action = _action(request, pk, action_pk)
    actor = signed_in_user(request)
    plan = action.plan
    return step_page(
        request,
        doers=doers,
        **on_case(plan.suspect.case, done_url=_tab(plan.suspect.case)),
        title=f"{verb.capitalize()} action {action.number} of {plan.label} for {plan.suspect.label}",
        form=form(posted(request)),
        run=lambda data: service(actor=actor, action=action, **data),
        done=f"Action {action.number} {done}",
        summary=[
            ("What is asked", action.request),
            ("Line of enquiry", action.line_of_enquiry),
            ("Why it is proportionate", action.proportionality),
            ("Due", f"{action.due_on:%-d %B %Y}"),
        ],
    )


def answer(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    return _action_step(
        request,
        pk,
        action_pk,
        verb="answer",
        done="answered",
        form=AnswerForm,
        service=answer_action,
        doers=ANSWERERS,
    )


def withdraw(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    return _action_step(
        request,
        pk,
        action_pk,
        verb="withdraw",
        done="withdrawn",
        form=WithdrawActionForm,
        service=withdraw_action,
        doers=PLANNERS,
    )


def close(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    plan = get_object_or_404(ActionPlan.objects.select_related("suspect"), pk=plan_pk, suspect__case=case)
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=PLANNERS,
        **on_case(case, done_url=_tab(case)),
        title=f"Close {plan.label} for {plan.suspect.label}",
        form=ClosePlanForm(posted(request)),
        run=lambda data: close_plan(actor=actor, plan=plan, **data),
        done=f"{plan.label} closed",
        confirmation=(
            f"You are closing {plan.label} for {plan.suspect.label}. Every action not yet answered will be withdrawn "
            "and the police will no longer be asked for it. This cannot be undone."
        ),
    )
