"""The disclosure rule's page: the small-number threshold for scorecards published outside the organisation, what it
withholds in words, a form to change it (with a reason, through scorecards.services) and its history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from administration.access import administrator
from administration.history import setting_changes
from administration.reference_forms import DisclosureRuleForm
from scorecards.models import DisclosureRule
from scorecards.services import change_disclosure_rule
from web.steps import posted, put_errors_on_form


def disclosure(request: HttpRequest) -> HttpResponse:
    """The rule and its form on one page (there is one rule): a change is saved here and shown here."""
    user = administrator(request)
    rule = DisclosureRule.current()
    form = DisclosureRuleForm(posted(request), instance=DisclosureRule(threshold=rule.threshold))
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            change_disclosure_rule(data["threshold"], by=user, reason=data["reason"])
        except ValidationError as refused:
            put_errors_on_form(form, refused)
        else:
            messages.success(request, f"The disclosure rule was changed: {DisclosureRule.current()}.")
            return redirect(reverse("administration:disclosure"))
    context = {
        "heading": "Disclosure rule",
        "rule": rule,
        "form": form,
        "changes": setting_changes(DisclosureRule, lambda row: f"withhold counts below {row.threshold}"),
    }
    return render(request, "administration/reference/disclosure.html", context)
