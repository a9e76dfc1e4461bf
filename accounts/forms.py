"""The sign-in form."""

from django.contrib.auth.forms import AuthenticationForm

from govuk.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"].widget.attrs
        # Autofocus would carry keyboard and screen-reader users past the skip link and the page's heading.
        username.pop("autofocus", None)
        username.update({"spellcheck": "false", "autocapitalize": "none"})
