"""What GovukFormMixin gives every form: messages in sentence case with acronyms kept, empty options that say what to
do (never Django's "---------"), the only option of a required choice chosen, and questions revealed by a radio
option (GOV.UK's conditional reveal) inside that option."""

from typing import Any

import pytest
from django import forms
from pytest_django import DjangoAssertNumQueries

from accounts.models import CpsArea
from cases.forms.precharge import DecisionForm
from cases.models.precharge import THRESHOLD_CONDITIONS
from govuk.dates import GovukDateField
from govuk.forms import GovukFormMixin, GovukRadios
from tests.html_references import Element, parse

pytestmark = pytest.mark.django_db


class _CaseDetails(GovukFormMixin, forms.Form):
    urn = forms.CharField(label="URN")
    cps_area = forms.ModelChoiceField(label="CPS Area", queryset=CpsArea.objects.none())
    police_force = forms.ChoiceField(label="Police force", choices=[("", "---------"), ("1", "Avon and Somerset")])
    ptph_on = GovukDateField(label="PTPH date")
    court = forms.ChoiceField(label="Court", choices=[("", "---------"), ("crown", "Crown")], widget=GovukRadios)
    hearing = forms.ModelChoiceField(label="At which hearing", queryset=CpsArea.objects.none(), required=False)

    def __init__(self, *args: Any, areas: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cps_area"].queryset = areas if areas is not None else CpsArea.objects.all()  # type: ignore[attr-defined]


def _options(page: Element, name: str) -> list[Element]:
    return [
        node for node in page.iter() if node.tag == "option" and node.parent and node.parent.attrs.get("name") == name
    ]


def test_a_required_message_keeps_an_acronym_and_lowers_a_word() -> None:
    form = _CaseDetails({"ptph_on_0": "31", "ptph_on_1": "2", "ptph_on_2": "2020"})
    assert form.errors["urn"] == ["Enter URN"]
    assert form.errors["cps_area"] == ["Select CPS Area"]
    assert form.errors["police_force"] == ["Select police force"]
    assert form.errors["ptph_on"] == ["PTPH date must be a real date"]


def test_empty_options_say_what_to_do_and_required_radios_have_none() -> None:
    page = parse(str(_CaseDetails(areas=CpsArea.objects.all()[:2])))
    assert "---------" not in page.text_content()
    assert _options(page, "cps_area")[0].text_content() == "Select CPS Area"
    assert _options(page, "police_force")[0].text_content() == "Select police force"
    assert _options(page, "hearing")[0].text_content() == "None"
    court = [node.attrs["value"] for node in page.iter() if node.attrs.get("name") == "court"]
    assert court == ["crown"]


def test_the_only_option_of_a_required_choice_comes_chosen_read_once(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    only = CpsArea.objects.filter(pk=CpsArea.objects.order_by("name").values("pk")[:1])
    form = _CaseDetails(areas=only)
    with django_assert_num_queries(1):  # the Areas, read once
        page = parse(str(form))
    chosen = [option for option in _options(page, "cps_area") if "selected" in option.attrs]
    assert [option.text_content() for option in chosen] == [str(only.get())]
    # a choice of one already asked for is not chosen for the user, nor is one of several, nor an optional one
    assert not [
        o
        for o in _options(parse(str(_CaseDetails({}, areas=only))), "cps_area")
        if "selected" in o.attrs and o.attrs["value"]
    ]
    assert not [
        o for o in _options(parse(str(_CaseDetails())), "cps_area") if "selected" in o.attrs and o.attrs["value"]
    ]


def _conditional(page: Element) -> Element:
    threshold = next(
        node for node in page.iter() if node.attrs.get("name") == "test" and node.attrs.get("value") == "threshold"
    )
    controlled = threshold.attrs["data-aria-controls"]
    return next(node for node in page.iter() if node.attrs.get("id") == controlled)


def test_the_threshold_conditions_are_asked_inside_the_threshold_test_option() -> None:
    page = parse(str(DecisionForm()))
    block = _conditional(page)
    assert block.classes == {"govuk-radios__conditional", "govuk-radios__conditional--hidden"}
    inside = [node.attrs["name"] for node in block.iter() if node.tag == "input"]
    assert inside == list(THRESHOLD_CONDITIONS)
    everywhere = [node.attrs.get("name") for node in page.iter() if node.tag == "input"]
    assert all(everywhere.count(name) == 1 for name in THRESHOLD_CONDITIONS)
    full_code = next(node for node in page.iter() if node.attrs.get("value") == "full_code")
    assert "data-aria-controls" not in full_code.attrs


def test_the_threshold_conditions_show_when_the_threshold_test_was_chosen() -> None:
    form = DecisionForm({"test": "threshold", "threshold_bail_objection": "on"})
    block = _conditional(parse(str(form)))
    assert "govuk-radios__conditional--hidden" not in block.classes
    assert [n.attrs["name"] for n in block.iter() if "checked" in n.attrs] == ["threshold_bail_objection"]
