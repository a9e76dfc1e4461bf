"""The deadline numbers, for administrators: every number grouped pre-charge, after charge and Victims' Code, with
its value, whether it is a published target or a default of DOMAIN.md, and where its value comes from; and the
change of one, in two steps (the new value and the reason, then a check of what will move before it is applied).
The rules are ``deadlines.changes``'s: the form only reads what is typed."""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from administration.access import administrator, administrators_only
from deadlines.changes import (
    InForce,
    Value,
    change_deadline,
    changes_of,
    check_reason,
    check_value,
    in_force,
    number,
    would_move,
)
from deadlines.definitions import Definition
from deadlines.models import REASON_MAX_LENGTH
from govuk.forms import GovukFormMixin


class DeadlineForm(GovukFormMixin, forms.Form):
    """A new value (a whole number, or for the custody time limit's warnings several, separated by commas) and why."""

    value = forms.CharField(label="New value", max_length=100, error_messages={"required": "Enter the new value"})
    reason = forms.CharField(
        label="Why is it changing?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the deadline is changing"},
        help_text="For example, the published target changed, or what the JOIM agreed. It is kept in the history.",
    )

    def __init__(self, *args: Any, definition: Definition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        field = self.fields["value"]
        field.label = f"New value, in {definition.unit.value}"
        field.help_text = (
            f"Whole numbers from {definition.minimum} to {definition.maximum}, separated by commas, for example 28, 7"
            if definition.several
            else f"A whole number from {definition.minimum} to {definition.maximum}"
        )
        field.widget.attrs.update({"class": "govuk-input--width-10", "spellcheck": "false"})
        if not definition.several:
            field.widget.attrs["inputmode"] = "numeric"

    def clean_value(self) -> Value:
        text = self.cleaned_data["value"].strip()
        parts = [part for part in re.split(r"[\s,]+", text) if part]
        if not parts or not all(part.isdigit() for part in parts) or (len(parts) > 1 and not self.definition.several):
            raise ValidationError(
                "Enter whole numbers of days, separated by commas, like 28, 7"
                if self.definition.several
                else f"Enter the new value as a whole number, like {self.definition.documented}"
            )
        numbers = tuple(int(part) for part in parts)
        value = numbers if self.definition.several else numbers[0]
        try:  # the service's bounds, shown with the other errors
            check_value(self.definition, value)
        except ValidationError as refused:
            raise ValidationError(refused.message_dict["value"]) from None
        return value

    def clean_reason(self) -> str:
        return check_reason(self.cleaned_data["reason"])


def _number_or_404(name: str) -> InForce:
    try:
        return number(name)
    except LookupError:
        raise Http404("No such deadline") from None


@administrators_only
@require_GET
def deadlines_page(request: HttpRequest) -> HttpResponse:
    numbers = in_force()
    groups = [(group, list(rows)) for group, rows in groupby(numbers, key=lambda each: each.definition.group)]
    return render(request, "administration/deadlines/list.html", {"groups": groups})


@administrators_only
@require_http_methods(["GET", "POST"])
def change_deadline_page(request: HttpRequest, name: str) -> HttpResponse:
    """The form, then (on a valid POST) the check of the change and what will move, then (confirmed) the change. "Go
    back and edit" posts the answers back to the form, so nothing typed is lost."""
    current = _number_or_404(name)
    definition = current.definition
    if request.method == "GET":
        form = DeadlineForm(definition=definition, initial={"value": _typed(current.value)})
        return _form_page(request, current, form)
    if "edit" in request.POST:  # back from the check, with what was typed
        return _form_page(request, current, DeadlineForm(initial=request.POST.dict(), definition=definition))
    form = DeadlineForm(request.POST, definition=definition)
    if not form.is_valid():
        return _form_page(request, current, form)
    value, reason = form.cleaned_data["value"], form.cleaned_data["reason"]
    try:
        if "confirm" in request.POST:
            moved = change_deadline(name=name, value=value, by=administrator(request), reason=reason)
        else:
            return render(
                request,
                "administration/deadlines/check.html",
                {
                    "number": current,
                    "new_value": definition.shown(value),
                    "typed": request.POST["value"],
                    "reason": reason,
                    "moved": would_move(name=name, value=value),
                },
            )
    except ValidationError as error:
        form.add_error(None, error)
        # Read again: another administrator may have changed the number meanwhile.
        return _form_page(request, _number_or_404(name), form)
    what = f"{definition.label}: now {definition.shown(value)}."
    messages.success(request, " ".join([what, *(f"{each} moved to the new deadline." for each in moved)]))
    return redirect("administration:deadlines")


def _typed(value: Value) -> str:
    return ", ".join(str(n) for n in value) if isinstance(value, tuple) else str(value)


def _form_page(request: HttpRequest, current: InForce, form: DeadlineForm) -> HttpResponse:
    changes = changes_of(current.definition.name)
    return render(
        request, "administration/deadlines/change.html", {"number": current, "form": form, "changes": changes}
    )


urlpatterns: list[URLPattern] = [
    path("deadlines/", deadlines_page, name="deadlines"),
    path("deadlines/<str:name>/", change_deadline_page, name="change-deadline"),
]
