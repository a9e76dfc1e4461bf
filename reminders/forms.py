"""The notification settings form: which kinds of notification also come by e-mail."""

from django import forms

from govuk.forms import GovukCheckboxes, GovukFormMixin
from reminders.models import NoticeKind


class EmailChoicesForm(GovukFormMixin, forms.Form):
    by_email = forms.MultipleChoiceField(
        label="Send me an e-mail copy of",
        choices=NoticeKind.choices,
        widget=GovukCheckboxes,
        required=False,
        help_text="You always see every notification in the service. Untick a kind to stop its e-mail copies.",
    )
