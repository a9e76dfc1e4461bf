"""The select drop-down's own template (templates/django/forms/widgets/select.html) writes the options in place for
speed: what reaches the browser must be Django's markup, option for option."""

from django import forms
from django.forms.renderers import DjangoTemplates

from govuk.forms import GovukFormRenderer

CHOICES = [
    ("", "Choose"),
    ("Forces", [("12", "West Yorkshire Police"), ("13", "Avon & Somerset <Constabulary>")]),
    ("7", "Yorkshire and Humberside"),
]


def _rendered(renderer: forms.renderers.BaseRenderer) -> str:
    widget = forms.Select(attrs={"class": "govuk-select", "aria-describedby": "place-hint"}, choices=CHOICES)
    return widget.render("place", "13", attrs={"id": "id_place"}, renderer=renderer)


def test_the_select_is_djangos_markup_with_the_chosen_option_selected() -> None:
    ours = _rendered(GovukFormRenderer())
    assert ours == _rendered(DjangoTemplates())
    assert '<option value="13" selected>Avon &amp; Somerset &lt;Constabulary&gt;</option>' in ours
    assert '<optgroup label="Forces">' in ours
