"""Letters to complainants: recording one that is owed, drafting and reading it (each a logged read of identity, by
POST), recording it as sent, and the victim liaison officer's list of letters due."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.scoping import signed_in_user
from cases.models import Case
from cases.views.steps import on_case
from victims.forms import LetterOwedForm, SendLetterForm, SurveyResponseForm
from victims.letters import (
    LETTER_WRITERS,
    draft_letter,
    read_letter,
    record_letter_owed,
    send_letter,
    wishes_warnings,
)
from victims.models import Communication
from victims.queries import letters_due
from victims.services import record_survey_response
from victims.views.complainants import tab_url
from victims.views.records import complainant_step
from web.pagination import BoundedPaginator
from web.steps import posted, step_page

LETTERS_PER_PAGE = 25


def letter_owed(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title="Record a letter owed to {label}",
        form=LetterOwedForm,
        service=record_letter_owed,
        doers=LETTER_WRITERS,
        done="Letter recorded",
    )


def _letter(request: HttpRequest, pk: int, letter_pk: int) -> Communication:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(
        Communication.objects.select_related("complainant__case__cps_area", "complainant__wishes"),
        pk=letter_pk,
        complainant__case=case,
    )


@never_cache
def letter(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """The letter's clock and status; its text only after "Draft" or "Show", each a logged read."""
    item = _letter(request, pk, letter_pk)
    LETTER_WRITERS.require(signed_in_user(request).role)
    actor = signed_in_user(request)
    context: dict[str, Any] = {"case": item.complainant.case, "letter": item, "today": timezone.localdate()}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "draft" or not item.text:
                context["text"] = draft_letter(actor=actor, letter=item).text
            else:
                context["text"] = read_letter(actor=actor, letter=item)
        except ValidationError as refused:
            context["errors"] = refused.messages
    return render(request, "victims/letter.html", context)


def send(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    item = _letter(request, pk, letter_pk)
    actor = signed_in_user(request)
    complainant = item.complainant
    wishes = getattr(complainant, "wishes", None)
    return step_page(
        request,
        doers=LETTER_WRITERS,
        **on_case(complainant.case, done_url=tab_url(complainant.case_id)),
        title=f"Record the {item.short_name.lower()} to {complainant.label} as sent",
        form=SendLetterForm(posted(request), initial={"channel": wishes.channel} if wishes else {}),
        # Only reached after the interruption below whenever something goes against the wishes.
        run=lambda data: send_letter(actor=actor, letter=item, against_wishes_acknowledged=True, **data),
        done="Letter recorded as sent",
        confirmation=lambda data: " ".join(wishes_warnings(complainant, data["channel"])),
    )


def due(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    LETTER_WRITERS.require(user.role)
    page = BoundedPaginator(letters_due(user), LETTERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "victims/letters_due.html", {"page": page, "today": timezone.localdate()})


def survey_response(request: HttpRequest) -> HttpResponse:
    actor = signed_in_user(request)
    return step_page(
        request,
        doers=LETTER_WRITERS,
        title="Record a survey response",
        form=SurveyResponseForm(posted(request)),
        run=lambda data: record_survey_response(actor=actor, **data),
        done="Survey response recorded",
        done_url=reverse("victims:survey-response"),
    )
