"""The letter templates, for administrators: every kind of letter in English and Welsh with when it last changed, and a
page to reword one (subject and body), its placeholders listed and checked, a preview filled with made-up values
(never a real person), and its history of changes with who made each and why."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_safe

from accounts.models import User
from administration.access import administrator, administrators_only
from govuk.forms import GovukFormMixin
from victims.letter_templates import (
    BODY_MAX_LENGTH,
    PLACEHOLDERS,
    REASON_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    change_letter_template,
    placeholder_problems,
    template_changes,
)
from victims.letters import fill_template
from victims.models import LetterTemplate
from web.steps import put_errors_on_form

# Made-up values for the preview: plainly not a person or a case.
SAMPLE_VALUES: dict[str, Any] = {
    "complainant_name": "Sam Sample",
    "urn": "00XX0000000",
    "decision_date": date(2026, 3, 2),
    "today": date(2026, 3, 3),
    "sender_name": "Alex Example",
    "cps_area": "CPS Cymru-Wales",
}
HISTORY_SHOWN = 20


class LetterTemplateForm(GovukFormMixin, forms.Form):
    """The wording an administrator types; victims.letter_templates.change_letter_template checks it."""

    subject = forms.CharField(
        label="Subject", max_length=SUBJECT_MAX_LENGTH, error_messages={"required": "Enter the subject"}
    )
    body = forms.CharField(
        label="Letter",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea({"rows": 18}),
        help_text="Use only the placeholders listed; a blank line starts a new paragraph",
        error_messages={"required": "Enter the letter"},
    )
    reason = forms.CharField(
        label="Why are you changing it?",
        max_length=REASON_MAX_LENGTH,
        help_text="Kept in the template's history with your name",
        error_messages={"required": "Enter why you are changing it"},
    )


@administrators_only
@require_safe
def letter_templates(request: HttpRequest) -> HttpResponse:
    """Every template, by kind and language, with its last change."""
    latest = template_changes().filter(id=OuterRef("pk"))
    templates = list(
        LetterTemplate.objects.annotate(
            changed_at=Subquery(latest.values("history_date")[:1]),
            changed_by_id=Subquery(latest.values("history_user")[:1]),
        )
    )
    people = User.objects.in_bulk({template.changed_by_id for template in templates} - {None})
    for template in templates:
        template.changed_by = people.get(template.changed_by_id)  # type: ignore[attr-defined]
    return render(request, "administration/letter_templates/list.html", {"templates": templates})


@administrators_only
def letter_template(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    """Reword one template. "Preview" fills what was typed with made-up values and saves nothing; "Save" keeps the
    change, with the reason, in the template's history."""
    template = get_object_or_404(LetterTemplate, kind=kind, language=language)
    form = LetterTemplateForm(
        request.POST if request.method == "POST" else None,
        initial={"subject": template.subject, "body": template.body},
    )
    for name in ("subject", "body"):  # the wording is in the template's language, the labels in the service's
        form.fields[name].widget.attrs["lang"] = template.language
    subject, body = template.subject, template.body
    if request.method == "POST":
        subject, body = request.POST.get("subject", ""), request.POST.get("body", "")
        if request.POST.get("action") == "preview":
            form.is_valid()
            # Only the wording matters for a preview: no reason is asked for yet.
            form.errors.pop("reason", None)
            for field, text in (("subject", subject), ("body", body)):
                for problem in placeholder_problems(text):
                    form.add_error(field, problem)
        elif form.is_valid():
            try:
                change_letter_template(actor=administrator(request), template=template, **form.cleaned_data)
            except ValidationError as refused:
                put_errors_on_form(form, refused)
            else:
                messages.success(
                    request, f"{template.get_kind_display()} in {template.get_language_display()} changed"
                )
                return redirect("administration:letter-templates")
    context = {
        "template": template,
        "form": form,
        "placeholders": [(f"${name}", meaning) for name, meaning in PLACEHOLDERS.items()],
        "preview": fill_template(subject, body, language=template.language, values=SAMPLE_VALUES),
        "changes": list(template_changes().filter(id=template.pk).select_related("history_user")[:HISTORY_SHOWN]),
        "back_url": reverse("administration:letter-templates"),
    }
    return render(request, "administration/letter_templates/edit.html", context)


urlpatterns: list[URLPattern] = [
    path("letter-templates/", letter_templates, name="letter-templates"),
    path("letter-templates/<str:kind>/<str:language>/", letter_template, name="letter-template"),
]
