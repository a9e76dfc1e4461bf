"""The complainant's wishes form, in their own words and translated. Its choices are the ones the staff form offers
(victims.forms.WishesForm: the Channel and AccessibleFormat choices, the length limits of victims.models.limits), each
worded here for the complainant; every rule is the service's (victims.own_requests)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from govuk.forms import GovukCheckboxes, GovukFormMixin, GovukRadios
from victims.language import WELSH, language_code, writes_in_english
from victims.models.complainant import AccessibleFormat, Channel, CommunicationWishes
from victims.models.limits import LANGUAGE_MAX_LENGTH, SAFE_TIMES_MAX_LENGTH

if TYPE_CHECKING:  # django-stubs' helper, a development dependency
    from django_stubs_ext import StrOrPromise

# Each way of contact and each format as the complainant reads it; a choice added to the model without words here is
# an error when the form is made, never a choice shown in the staff's words.
CHANNEL_WORDS = {
    Channel.LETTER: _("By letter"),
    Channel.EMAIL: _("By email"),
    Channel.PHONE: _("By phone"),
    Channel.THROUGH_ISVA: _("Through my ISVA"),
}
FORMAT_WORDS = {
    AccessibleFormat.LARGE_PRINT: _("Large print"),
    AccessibleFormat.EASY_READ: _("Easy read"),
    AccessibleFormat.BRAILLE: _("Braille"),
    AccessibleFormat.AUDIO: _("Audio"),
}

# The language radios; "English" and "Welsh" are stored as those words, another language as typed.
ENGLISH, OTHER = "en", "other"
STORED_LANGUAGE = {ENGLISH: "English", WELSH: "Welsh"}


def _yes_no(label: StrOrPromise, required: StrOrPromise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=GovukRadios,
        error_messages={"required": required},
    )


def _too_long(limit: int) -> StrOrPromise:
    """Worded when shown, in the page's language."""
    return format_lazy(_("Enter {limit} characters or fewer"), limit=limit)


class OwnWishesForm(GovukFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        widget=GovukRadios,
        error_messages={"required": _("Select how you want us to contact you")},
    )
    safe_times = forms.CharField(
        label=_("When is it safe to contact you?"),
        help_text=_("For example, weekdays after 6pm. Leave this empty if any time is safe."),
        max_length=SAFE_TIMES_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _too_long(SAFE_TIMES_MAX_LENGTH)},
    )
    language = forms.ChoiceField(
        label=_("Which language do you want us to use?"),
        choices=[(ENGLISH, _("English")), (WELSH, _("Welsh")), (OTHER, _("Another language"))],
        widget=GovukRadios,
        error_messages={"required": _("Select which language you want us to use")},
    )
    other_language = forms.CharField(
        label=_("Which language?"),
        max_length=LANGUAGE_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _too_long(LANGUAGE_MAX_LENGTH)},
    )
    interpreter = _yes_no(_("Do you need an interpreter?"), _("Select yes if you need an interpreter"))
    accessible_formats = forms.MultipleChoiceField(
        label=_("Do you need letters in another format?"),
        help_text=_("Select all that you need."),
        choices=[(choice.value, FORMAT_WORDS[choice]) for choice in AccessibleFormat],
        widget=GovukCheckboxes,
        required=False,
    )
    copy_isva = _yes_no(
        _("Do you want your ISVA to be sent a copy of what we send you?"),
        _("Select yes if you want your ISVA to be sent a copy"),
    )
    reveals = {"language": {OTHER: ("other_language",)}}

    def __init__(self, *args: Any, has_isva: bool, **kwargs: Any) -> None:
        """``has_isva``: the complainant has an ISVA they consented to share with, so they may be contacted through
        them and have them copied in."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["channel"]).choices = [
            (choice.value, CHANNEL_WORDS[choice]) for choice in Channel if has_isva or choice != Channel.THROUGH_ISVA
        ]
        if not has_isva:
            del self.fields["copy_isva"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("language") == OTHER and not cleaned.get("other_language", "").strip():
            self.add_error("other_language", _("Enter the language you want us to use"))
        return cleaned

    def wishes(self) -> dict[str, Any]:
        """What the form says, as victims.own_requests.change_own_wishes takes it."""
        data = self.cleaned_data
        language = data["language"]
        return {
            "channel": data["channel"],
            "safe_times": data["safe_times"],
            "language": data["other_language"] if language == OTHER else STORED_LANGUAGE[language],
            "interpreter": data["interpreter"],
            "accessible_formats": data["accessible_formats"],
            "copy_isva": data.get("copy_isva", False),
        }


def initial_from(wishes: CommunicationWishes | None) -> dict[str, Any]:
    """The form filled in from the complainant's wishes as they stand."""
    if wishes is None:
        return {}
    if language_code(wishes) == WELSH:
        language, other = WELSH, ""
    elif writes_in_english(wishes.language):
        language, other = ENGLISH, ""
    else:
        language, other = OTHER, wishes.language
    return {
        "channel": wishes.channel,
        "safe_times": wishes.safe_times,
        "language": language,
        "other_language": other,
        "interpreter": "yes" if wishes.interpreter else "no",
        "accessible_formats": wishes.accessible_formats,
        "copy_isva": "yes" if wishes.copy_isva else "no",
    }
