"""Forms for complainants' records. They parse input only: every rule is the services'."""

from __future__ import annotations

from typing import Any

from django import forms

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


def _yes_no(label: str, *, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
        help_text=help_text,
    )


class ComplainantForm(ProtectedCharacteristicsForm):
    name = forms.CharField(label="Full name", max_length=200, required=False)
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    address = forms.CharField(label="Address", max_length=500, required=False, widget=forms.Textarea({"rows": 3}))
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    email = forms.EmailField(label="E-mail address", required=False)
    enhanced_rights = _yes_no("Enhanced rights under the Victims' Code", help_text="Yes for sexual offences")
    vulnerable = _yes_no("Vulnerable")
    intimidated = _yes_no("Intimidated", help_text="Complainants of sexual offences are eligible (YJCEA s.17(4))")
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
        label="Why do you need to see the complainant's details?",
        choices=IdentityReadReason.choices,
        widget=GovukRadios,
        help_text="Your name, the time and your reason are recorded in the access log",
        error_messages={"required": "Select why you need to see the details"},
    )


class WishesForm(GovukFormMixin, forms.Form):
    channel = forms.ChoiceField(label="How they want to be contacted", choices=Channel.choices, widget=GovukRadios)
    safe_times = forms.CharField(
        label="When it is safe to contact them",
        max_length=SAFE_TIMES_MAX_LENGTH,
        required=False,
        error_messages={"max_length": too_long(SAFE_TIMES_MAX_LENGTH)},
    )
    language = forms.CharField(
        label="Language",
        max_length=LANGUAGE_MAX_LENGTH,
        initial="English",
        required=False,
        help_text="Leave blank for English",
        error_messages={"max_length": too_long(LANGUAGE_MAX_LENGTH)},
    )
    interpreter = forms.BooleanField(label="They need an interpreter", required=False)
    accessible_formats = forms.MultipleChoiceField(
        label="Accessible formats", choices=AccessibleFormat.choices, widget=GovukCheckboxes, required=False
    )
    others_who_may_be_told = long_text(
        "Who else may be told", required=False, help_text="By role or relationship, not by name"
    )
    no_contact = forms.BooleanField(label="They have said they want no contact", required=False)
    copy_isva = forms.BooleanField(label="Copy their ISVA into what they are sent", required=False)
    updated_on = GovukDateField(label="Date agreed with them")


class IsvaForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Adviser", choices=IsvaKind.choices, widget=GovukRadios)
    organisation = forms.CharField(label="Organisation", max_length=200)
    contact = forms.CharField(label="Contact", max_length=200, help_text="The adviser's name, phone or e-mail")
    consent_to_share = forms.BooleanField(label="The complainant consents to sharing with the adviser", required=False)


class SpecialMeasureForm(GovukFormMixin, forms.Form):
    measure = forms.ChoiceField(label="Special measure", choices=SpecialMeasureKind.choices, widget=GovukRadios)
    status = forms.ChoiceField(label="Where it stands", choices=MeasureStatus.choices, widget=GovukRadios)
    decided_on = GovukDateField(label="Date")
    s28_recording_on = GovukDateField(
        label="s.28 recording date", required=False, allow_future=True, help_text="Only for a granted s.28 application"
    )


class LetterOwedForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Letter", choices=CommunicationKind.choices, widget=GovukRadios)
    decision_on = GovukDateField(
        label="Date of the decision it reports", required=False, help_text="For a letter that reports a decision"
    )
    decision = forms.CharField(
        label="What was decided",
        max_length=DECISION_MAX_LENGTH,
        required=False,
        help_text="By suspect label",
        error_messages={"max_length": too_long(DECISION_MAX_LENGTH)},
    )


class SendLetterForm(GovukFormMixin, forms.Form):
    sent_on = GovukDateField(label="Date sent")
    channel = forms.ChoiceField(label="How it was sent", choices=Channel.choices, widget=GovukRadios)


class VrrRequestForm(GovukFormMixin, forms.Form):
    decision_letter_on = GovukDateField(label="Date of the letter reporting the decision")
    received_on = GovukDateField(label="Date the request was received")
    late_exceptional = forms.BooleanField(
        label="Accept exceptionally", required=False, help_text="Only for a request over 3 months after the letter"
    )


class VrrOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=VrrOutcome.choices, widget=GovukRadios)
    outcome_on = GovukDateField(label="Date")
    local_resolution = long_text("Local resolution", required=False, help_text="If resolved locally, how")


class MeetingOfferForm(GovukFormMixin, forms.Form):
    offered_on = GovukDateField(label="Date offered")


class MeetingAnswerForm(GovukFormMixin, forms.Form):
    held = forms.TypedChoiceField(
        label="What happened",
        choices=[("yes", "The meeting was held"), ("no", "The complainant declined")],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
    )
    on = GovukDateField(label="Date")


class WithdrawalForm(GovukFormMixin, forms.Form):
    withdrew_on = GovukDateField(label="Date support was withdrawn")
    stage = forms.ChoiceField(label="Stage", choices=WithdrawalStage.choices, widget=GovukRadios)


class SurveyResponseForm(GovukFormMixin, forms.Form):
    question = forms.ChoiceField(label="Question", choices=SurveyQuestion.choices, widget=GovukRadios)
    agree = _yes_no("Did they agree?")
    responded_on = GovukDateField(label="Date of the response")


class AccessLogFilterForm(GovukFormMixin, forms.Form):
    urn = forms.CharField(label="Case URN", max_length=11, required=False)


class OwnViewForm(GovukFormMixin, forms.Form):
    """A button on the own-view page: invite the complainant or their ISVA, or send a standing invitation again."""

    who = forms.ChoiceField(
        choices=[("complainant", "The complainant"), ("isva", "Their ISVA")], widget=forms.HiddenInput
    )
    action = forms.ChoiceField(
        choices=[("invite", "Invite"), ("new_link", "Send a new link")], widget=forms.HiddenInput
    )


class EndAccessForm(GovukFormMixin, forms.Form):
    reason = forms.ChoiceField(label="Why are you ending their access?", choices=EndReason.choices, widget=GovukRadios)


class AnsweredForm(GovukFormMixin, forms.Form):
    """Nothing to fill in: the button records that the request was answered."""
