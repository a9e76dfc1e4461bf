"""Forms for complainants' records. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.forms.fields import long_text
from cases.forms.records import ProtectedCharacteristicsForm
from cases.limits import too_long
from govuk.dates import GovukDateField
from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios
from victims.models import IdentityReadReason, MeasureStatus, SpecialMeasureKind
from victims.models.communications import CommunicationKind
from victims.models.complainant import AccessibleFormat, Channel, IsvaKind, WithdrawalStage
from victims.models.limits import DECISION_MAX_LENGTH, LANGUAGE_MAX_LENGTH, SAFE_TIMES_MAX_LENGTH
from victims.models.review import SurveyQuestion, VrrOutcome
from victims.own_view import EndReason

if TYPE_CHECKING:  # django-stubs' helper, a development dependency
    from django_stubs_ext import StrOrPromise


def _yes_no(label: StrOrPromise, *, help_text: StrOrPromise = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[
            ("yes", pgettext_lazy("any yes or no question", "Yes")),
            ("no", pgettext_lazy("any yes or no question", "No")),
        ],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
        help_text=help_text,
    )


class ComplainantForm(ProtectedCharacteristicsForm):
    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    date_of_birth = GovukDateField(label=_("Date of birth"), required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False, widget=forms.Textarea({"rows": 3}))
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    enhanced_rights = _yes_no(_("Enhanced rights under the Victims' Code"), help_text=_("Yes for sexual offences"))
    vulnerable = _yes_no(_("Vulnerable"))
    intimidated = _yes_no(
        _("Intimidated"), help_text=_("Complainants of sexual offences are eligible (YJCEA s.17(4))")
    )
    field_order = [
        "name",
        "date_of_birth",
        "address",
        "phone",
        "email",
        "enhanced_rights",
        "vulnerable",
        "intimidated",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("enhanced_rights", "intimidated"):
            self.fields[name].initial = "yes"
        self.fields["vulnerable"].initial = "no"


class IdentityReasonForm(GovukFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you need to see the complainant's details?"),
        choices=IdentityReadReason.choices,
        widget=GovukRadios,
        help_text=_("Your name, the time and your reason are recorded in the access log"),
        error_messages={"required": _("Select why you need to see the details")},
    )


class WishesForm(GovukFormMixin, forms.Form):
    channel = forms.ChoiceField(label=_("How they want to be contacted"), choices=Channel.choices, widget=GovukRadios)
    safe_times = forms.CharField(
        label=_("When it is safe to contact them"),
        max_length=SAFE_TIMES_MAX_LENGTH,
        required=False,
        error_messages={"max_length": too_long(SAFE_TIMES_MAX_LENGTH)},
    )
    language = forms.CharField(
        label=_("Language"),
        max_length=LANGUAGE_MAX_LENGTH,
        initial="English",
        required=False,
        help_text=_("Leave blank for English"),
        error_messages={"max_length": too_long(LANGUAGE_MAX_LENGTH)},
    )
    interpreter = forms.BooleanField(label=_("They need an interpreter"), required=False)
    accessible_formats = forms.MultipleChoiceField(
        label=_("Accessible formats"), choices=AccessibleFormat.choices, widget=GovukCheckboxes, required=False
    )
    others_who_may_be_told = long_text(
        _("Who else may be told"), required=False, help_text=_("By role or relationship, not by name")
    )
    no_contact = forms.BooleanField(label=_("They have said they want no contact"), required=False)
    copy_isva = forms.BooleanField(label=_("Copy their ISVA into what they are sent"), required=False)
    updated_on = GovukDateField(label=_("Date agreed with them"))


class IsvaForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Adviser"), choices=IsvaKind.choices, widget=GovukRadios)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    contact = forms.CharField(label=_("Contact"), max_length=200, help_text=_("The adviser's name, phone or e-mail"))
    consent_to_share = forms.BooleanField(
        label=_("The complainant consents to sharing with the adviser"), required=False
    )


class SpecialMeasureForm(GovukFormMixin, forms.Form):
    measure = forms.ChoiceField(label=_("Special measure"), choices=SpecialMeasureKind.choices, widget=GovukRadios)
    status = forms.ChoiceField(label=_("Where it stands"), choices=MeasureStatus.choices, widget=GovukRadios)
    decided_on = GovukDateField(label=_("Date"))
    s28_recording_on = GovukDateField(
        label=_("s.28 recording date"),
        required=False,
        allow_future=True,
        help_text=_("Only for a granted s.28 application"),
    )


class LetterOwedForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=CommunicationKind.choices, widget=GovukRadios)
    decision_on = GovukDateField(
        label=_("Date of the decision it reports"), required=False, help_text=_("For a letter that reports a decision")
    )
    decision = forms.CharField(
        label=_("What was decided"),
        max_length=DECISION_MAX_LENGTH,
        required=False,
        help_text=_("By suspect label"),
        error_messages={"max_length": too_long(DECISION_MAX_LENGTH)},
    )


class SendLetterForm(GovukFormMixin, forms.Form):
    sent_on = GovukDateField(label=_("Date sent"))
    channel = forms.ChoiceField(label=_("How it was sent"), choices=Channel.choices, widget=GovukRadios)


class LetterTextForm(GovukFormMixin, forms.Form):
    """The officer's wording of a drafted letter (victims.letters.edit_letter checks it)."""

    text = forms.CharField(
        label=_("The letter"),
        help_text=_("Change the wording if you need to. Saving is recorded in the access log."),
        widget=forms.Textarea({"rows": 20, "spellcheck": "true"}),
        error_messages={"required": _("Enter the letter")},
    )


class VrrRequestForm(GovukFormMixin, forms.Form):
    decision_letter_on = GovukDateField(label=_("Date of the letter reporting the decision"))
    received_on = GovukDateField(label=_("Date the request was received"))
    late_exceptional = forms.BooleanField(
        label=_("Accept exceptionally"),
        required=False,
        help_text=_("Only for a request over 3 months after the letter"),
    )


class VrrOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=VrrOutcome.choices, widget=GovukRadios)
    outcome_on = GovukDateField(label=_("Date"))
    local_resolution = long_text(_("Local resolution"), required=False, help_text=_("If resolved locally, how"))


class MeetingOfferForm(GovukFormMixin, forms.Form):
    offered_on = GovukDateField(label=_("Date offered"))


class MeetingAnswerForm(GovukFormMixin, forms.Form):
    held = forms.TypedChoiceField(
        label=_("What happened"),
        choices=[("yes", _("The meeting was held")), ("no", _("The complainant declined"))],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
    )
    on = GovukDateField(label=_("Date"))


class WithdrawalForm(GovukFormMixin, forms.Form):
    withdrew_on = GovukDateField(label=_("Date support was withdrawn"))
    stage = forms.ChoiceField(label=_("Stage"), choices=WithdrawalStage.choices, widget=GovukRadios)


class SurveyResponseForm(GovukFormMixin, forms.Form):
    question = forms.ChoiceField(label=_("Question"), choices=SurveyQuestion.choices, widget=GovukRadios)
    agree = _yes_no(_("Did they agree?"))
    responded_on = GovukDateField(label=_("Date of the response"))


class OwnViewForm(GovukFormMixin, forms.Form):
    """A button on the own-view page: invite the complainant or their ISVA, or send a standing invitation again."""

    who = forms.ChoiceField(
        choices=[("complainant", "The complainant"), ("isva", "Their ISVA")], widget=forms.HiddenInput
    )
    action = forms.ChoiceField(
        choices=[("invite", "Invite"), ("new_link", "Send a new link")], widget=forms.HiddenInput
    )


class EndAccessForm(GovukFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you ending their access?"), choices=EndReason.choices, widget=GovukRadios
    )


class AnsweredForm(GovukFormMixin, forms.Form):
    """Nothing to fill in: the button records that the request was answered."""
