"""Step pages: a GOV.UK form that calls a step's service, with an interruption page before an irreversible step. Only
the step's doers see the form; a refusal of the service is shown on the form (or refuses the page, when it is of
who is asking)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.roles import Doers
from accounts.scoping import signed_in_user
from govuk.wording import in_a_sentence
from web.refusals import Refusal


def put_errors_on_form(form: forms.BaseForm, refusal: ValidationError) -> None:
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for field, errors in refusal.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def step_page(
    request: HttpRequest,
    *,
    doers: Doers,
    title: str,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], object],
    done: str,
    done_url: str,
    caption: str = "",
    confirmation: str | Callable[[dict[str, Any]], str] = "",
    summary: list[tuple[str, str]] | None = None,
    submit: str = "",
) -> HttpResponse:
    """Show the form; on a valid post (confirmed, where the step asks) call the service and go to ``done_url``, which
    is also where the Back link leads. ``caption`` is shown above the title (what the step is of); ``summary`` above
    the form (what the step answers); ``submit`` is the button's words
    ("Continue" unless given).

    ``confirmation`` is the interruption shown before an irreversible step, or a function of what was entered
    that gives it (empty for no interruption); its "No, go back" posts what was typed back, to be shown again. Only
    ``doers`` see the form: the service refuses any other role, so the page does too, before it shows anything."""
    doers.require(signed_in_user(request).role)
    if request.method == "POST" and form.is_valid():
        if callable(confirmation):
            confirmation = confirmation(form.cleaned_data)
        answer = request.POST.get("confirmed")
        if confirmation and answer is None:
            kept = ("csrfmiddlewaretoken", "confirmed")
            posted = [(k, v) for k, values in request.POST.lists() if k not in kept for v in values]
            confirm = {
                "caption": caption,
                "title": title,
                "action": in_a_sentence(title),
                "confirmation": confirmation,
                "posted": posted,
            }
            return render(request, "web/confirm_step.html", confirm)
        if not confirmation or answer == "yes":
            try:
                run(form.cleaned_data)
            except Refusal as refused:
                if refused.forbidden:
                    raise PermissionDenied(str(refused)) from refused
                form.add_error(None, str(refused))
            except ValidationError as refused:
                put_errors_on_form(form, refused)
            else:
                messages.success(request, done)
                return redirect(done_url)
        # "No, go back": the form again, with everything that was typed.
    context = {
        "caption": caption,
        "title": title,
        "form": form,
        "summary": summary or [],
        "back_url": done_url,
        "submit": submit,
    }
    return render(request, "web/step_form.html", context)


def posted(request: HttpRequest) -> dict[str, Any] | None:
    return request.POST if request.method == "POST" else None
