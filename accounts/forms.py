"""The sign-in forms: password, then a code."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from govuk.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }
    ADMINISTRATORS_ONLY = (
        "Enter a correct username and password. Only administrators sign in with a password: everyone else signs in "
        "with their organisation account."
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if settings.LOCAL_SIGN_IN == "administrators":
            # One answer for a wrong password and for someone else's right one (accounts.local_sign_in).
            self.error_messages = {**self.error_messages, "invalid_login": self.ADMINISTRATORS_ONLY}
        username = self.fields["username"].widget.attrs
        # Autofocus would carry keyboard and screen-reader users past the skip link and the page's heading.
        username.pop("autofocus", None)
        username.update({"spellcheck": "false", "autocapitalize": "none"})
        # Django sets the username's length after the field is made, so nothing enforces it: a longer name would reach
        # authenticate() and the lockout's record of failures, whose column it overflows (a 500 on PostgreSQL).
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))  # type: ignore[attr-defined]


class CodeForm(GovukFormMixin, forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app or a recovery code"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
