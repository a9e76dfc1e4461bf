"""Letters to complainants: recording one that is owed, drafting, reading and editing it (each a logged read of
identity, by POST), recording it as sent with the complainant's wishes beside the form, and the victim liaison
officer's list of letters due."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.scoping import signed_in_user
from cases.models import Case
from victims.forms import LetterOwedForm, LetterTextForm, SendLetterForm, SurveyResponseForm
from victims.letters import (
    LETTER_WRITERS,
    draft_letter,
    edit_letter,
    letter_language,
    read_letter,
    record_letter_owed,
    send_letter,
    wishes_warnings,
)
from victims.models import Communication, Complainant
from victims.models.communications import LetterLanguage
from victims.queries import letters_due
from victims.services import record_survey_response
from victims.views.complainants import tab_url
from victims.views.records import complainant_step
from web.pagination import BoundedPaginator
from web.steps import posted, put_errors_on_form, step_page

LETTERS_PER_PAGE = 25


def letter_owed(request: HttpRequest, pk: int, complainant_pk: int) -> HttpResponse:
    return complainant_step(
        request,
        pk,
        complainant_pk,
        title=_("Record a letter owed to {label}"),
        form=LetterOwedForm,
        service=record_letter_owed,
        doers=LETTER_WRITERS,
        done=_("Letter recorded"),
    )


def _letter(request: HttpRequest, pk: int, letter_pk: int) -> Communication:
    case = get_object_or_404(Case.objects.visible_to(request.user).with_header(), pk=pk)
    return get_object_or_404(
        Communication.objects.select_related("complainant__case__cps_area", "complainant__wishes"),
        pk=letter_pk,
        complainant__case=case,
    )


def _draft_languages(item: Communication) -> list[tuple[str, str]]:
    """The draft buttons' languages, the one the complainant asked for first (English when the service has no letters
    in theirs)."""
    wished = letter_language(getattr(item.complainant, "wishes", None)) or LetterLanguage.ENGLISH
    return sorted(LetterLanguage.choices, key=lambda choice: choice[0] != wished)


@never_cache
def letter(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """The letter's clock and status; its text, to read and change, only after "Draft" or "Show", each a logged
    read. Saving a change is a logged write; the page shows the saved text again, with no redirect (a GET would
    read it unlogged). Drafting again over text the officer changed asks first; "No, go back" shows their text."""
    item = _letter(request, pk, letter_pk)
    actor = signed_in_user(request)
    LETTER_WRITERS.require(actor.role)
    context: dict[str, Any] = {
        "case": item.complainant.case,
        "letter": item,
        "today": timezone.localdate(),
        "draft_languages": _draft_languages(item),
    }
    if request.method == "POST":
        text_form = None
        try:
            if request.POST.get("action") == "save":
                text_form = LetterTextForm(request.POST)
                if text_form.is_valid():
                    edit_letter(actor=actor, letter=item, text=text_form.cleaned_data["text"])
                    context["saved"] = True
                    text_form = None
            elif "language" in request.POST or not item.text:
                language, answer = request.POST.get("language") or None, request.POST.get("confirmed")
                if item.edited and answer not in ("yes", "no"):
                    return render(request, "victims/redraft_confirm.html", {**context, "language": language})
                if item.edited and answer == "no":  # the edited text, kept and shown again
                    read_letter(actor=actor, letter=item)
                else:
                    draft_letter(actor=actor, letter=item, language=language, replacing_edits=answer == "yes")
            else:
                read_letter(actor=actor, letter=item)
        except ValidationError as refused:
            if text_form is None:
                context["errors"] = refused.messages
            else:
                put_errors_on_form(text_form, refused)
        if text_form is None and item.text and "errors" not in context:
            text_form = LetterTextForm(initial={"text": item.text})
        context["text_form"] = text_form
    return render(request, "victims/letter.html", context)


def _yes_no(answer: bool) -> str:
    return _("Yes") if answer else _("No")


def wishes_summary(complainant: Complainant, item: Communication) -> list[tuple[str, str]]:
    """The complainant's communication wishes as the send page lists them, and the language the letter is in."""
    wishes = getattr(complainant, "wishes", None)
    in_language = item.get_language_display() if item.language else _("Not drafted")
    if wishes is None:
        return [(_("Communication wishes"), _("Not recorded")), (_("This letter is in"), in_language)]
    contact = wishes.get_channel_display()
    if wishes.safe_times:
        contact = _("%(channel)s (safe times: %(times)s)") % {"channel": contact, "times": wishes.safe_times}
    language = wishes.language.strip() or _("English")
    if wishes.interpreter:
        language = _("%(language)s, with an interpreter") % {"language": language}
    isva_copy = _yes_no(wishes.copy_isva)
    if wishes.copy_isva and not complainant.shares_with_isva:
        isva_copy = _("Yes, but they have not consented to sharing with an ISVA")
    rows = [
        (_("How to contact them"), contact),
        (_("Language"), language),
        (_("This letter is in"), in_language),
        (_("Accessible formats"), ", ".join(wishes.accessible_format_labels()) or _("None")),
        (_("Copy to their ISVA"), isva_copy),
        (_("No contact"), _("They have said they want no contact") if wishes.no_contact else _("No")),
    ]
    if wishes.others_who_may_be_told:
        rows.append((_("Others who may be told"), wishes.others_who_may_be_told))
    rows.append((_("Wishes agreed"), formats.date_format(wishes.updated_on, "j F Y")))
    return rows


def send(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """Record the letter as sent, with the complainant's wishes beside the form. Anything against them interrupts
    first; "No, go back" posts what was typed back to this form (never in the URL), and "Yes" sends it."""
    item = _letter(request, pk, letter_pk)
    actor = signed_in_user(request)
    LETTER_WRITERS.require(actor.role)
    complainant = item.complainant
    wishes = getattr(complainant, "wishes", None)
    form = SendLetterForm(posted(request), initial={"channel": wishes.channel} if wishes else {})
    done_url = tab_url(complainant.case_id)
    title = _("Record the %(letter)s to %(label)s as sent") % {
        "letter": item.short_name.lower(),
        "label": complainant.label,
    }
    if request.method == "POST" and form.is_valid():
        language = item.language or LetterLanguage.ENGLISH
        warnings = wishes_warnings(complainant, form.cleaned_data["channel"], language)
        answer = request.POST.get("confirmed")
        if warnings and answer not in ("yes", "no"):
            typed = [
                (name, value)
                for name, values in request.POST.lists()
                if name not in ("csrfmiddlewaretoken", "confirmed")
                for value in values
            ]
            confirm = {"case": complainant.case, "title": title, "warnings": warnings, "typed": typed}
            return render(request, "victims/send_letter_confirm.html", confirm)
        if not warnings or answer == "yes":
            try:
                send_letter(actor=actor, letter=item, against_wishes_acknowledged=True, **form.cleaned_data)
            except ValidationError as refused:
                put_errors_on_form(form, refused)
            else:
                messages.success(request, _("Letter recorded as sent"))
                return redirect(done_url)
    context = {
        "case": complainant.case,
        "letter": item,
        "title": title,
        "form": form,
        "wishes": wishes_summary(complainant, item),
        "back_url": reverse("victims:letter", args=[complainant.case_id, item.pk]),
    }
    return render(request, "victims/send_letter.html", context)


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
        title=_("Record a survey response"),
        form=SurveyResponseForm(posted(request)),
        run=lambda data: record_survey_response(actor=actor, **data),
        done=_("Survey response recorded"),
        done_url=reverse("victims:survey-response"),
    )
