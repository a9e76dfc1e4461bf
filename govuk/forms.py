"""Forms render GOV.UK Frontend markup: each widget gets its design-system class, error state and described-by; a
choice's empty option reads "Select …" (or is absent from required radios), a required choice with only one option
comes chosen, and a radio option can reveal the questions that apply only when it is chosen."""

import copy
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict
from django.forms.widgets import Input
from django.utils.translation import gettext

from govuk.dates import GovukDateWidget
from govuk.wording import in_a_sentence

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (GovukDateWidget, "govuk-date-input"),
    (forms.RadioSelect, "govuk-radios"),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.FileInput, "govuk-file-upload"),
    (Input, "govuk-input"),
]


# The design system's classes that have an ``--error`` modifier for a field in error. A date's boxes are marked by
# govuk/widgets/date.html; radios and checkboxes have none (their form group and fieldset carry the error).
_ERROR_MODIFIED = {"govuk-input", "govuk-textarea", "govuk-select", "govuk-file-upload"}


def _design_class(widget: forms.Widget) -> str | None:
    for widget_type, css_class in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css_class
    return None


class GovukBoundField(forms.BoundField):
    """A field as GOV.UK Frontend marks it up: its hint ``<id>-hint`` and error message ``<id>-error`` (written by
    govuk/field.html only when there is a hint or an error), named by the field's aria-describedby, or by its
    fieldset's for a group of inputs (radios, checkboxes, a date's boxes)."""

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def input_id(self) -> str:
        """The id of the field's first input, where the error summary's link takes the user: the first box of a date,
        the first radio or checkbox of a group."""
        widget = self.field.widget
        id_ = str(widget.attrs.get("id") or self.auto_id)
        if isinstance(widget, forms.MultiWidget | forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect
            return f"{id_}_0"
        return id_

    @cached_property
    def initial(self) -> Any:
        """The form's initial value, or, on a blank form, the only option of a required choice: a user of one Area
        opening a case has it chosen. The options are read once, and kept for the widget to draw."""
        initial = super().initial
        field = self.field
        if (
            self.form.is_bound
            or initial not in (None, "")
            or not field.required
            or not isinstance(field, forms.ChoiceField)
            or isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
        ):
            return initial
        field.widget.choices = options = list(iter(field.widget.choices))  # iter: a queryset's choices uncounted
        values = [value for value, _ in options if value not in (None, "")]
        if len(values) != 1:
            return initial
        return getattr(values[0], "value", values[0])  # a ModelChoiceIteratorValue's primary key

    @property
    def revealed(self) -> bool:
        """Whether the field is asked inside a radio option of another (``GovukFormMixin.reveals``), not on its own."""
        reveals: Mapping[str, Mapping[str, Sequence[str]]] = getattr(self.form, "reveals", {})
        return any(self.name in names for options in reveals.values() for names in options.values())

    def as_widget(
        self, widget: forms.Widget | None = None, attrs: dict[str, Any] | None = None, only_initial: bool = False
    ) -> Any:
        options = getattr(self.form, "reveals", {}).get(self.name)
        if options and widget is None and isinstance(self.field.widget, GovukRadios):
            radios = copy.copy(self.field.widget)
            radios.revealed = {value: [self.form[name] for name in names] for value, names in options.items()}
            widget = radios
        return super().as_widget(widget, attrs, only_initial)

    @property
    def aria_describedby(self) -> str:
        """The ids of the hint and the error message the field template writes, and no others (Django's own would
        name ``<id>_helptext`` and ``<id>_error``, which GOV.UK markup does not have)."""
        if not self.auto_id or self.is_hidden:
            return ""
        named = [self.hint_id] if self.help_text else []
        return " ".join([*named, self.error_id] if self.errors else named)

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        widget = widget or self.field.widget
        given = attrs.get("aria-describedby") or widget.attrs.get("aria-describedby")
        attrs = super().build_widget_attrs(attrs, widget)
        css_class = _design_class(widget)
        if css_class:
            classes = [str(attrs.get("class", "")), css_class]
            if self.errors and css_class in _ERROR_MODIFIED:
                classes.append(f"{css_class}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        if not self.use_fieldset:  # a group's fieldset is described instead, by govuk/field.html
            described_by = [str(given)] if given else []
            if self.aria_describedby:
                described_by.append(self.aria_describedby)
            if described_by:
                attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class GovukRadios(forms.RadioSelect):
    """GOV.UK radios. An option that reveals other questions (``GovukFormMixin.reveals``) controls a
    ``govuk-radios__conditional`` block holding them, hidden by GOV.UK Frontend's script until the option is chosen
    (without the script every question shows)."""

    template_name = "govuk/widgets/radios.html"
    revealed: Mapping[str, Sequence[forms.BoundField]] = {}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for _, options, _ in context["widget"]["optgroups"]:
            for option in options:
                option["revealed"] = self.revealed.get(str(option["value"]), [])
        return context


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "govuk/widgets/checkboxes.html"


_CHOOSING = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.Select, forms.CheckboxInput, forms.FileInput)


# Django's empty option, which the design system never shows.
_DJANGO_EMPTY_LABEL = "---------"


class GovukFormMixin:
    """Mix into a Form or ModelForm so that its fields render as GOV.UK form groups, with the design system's
    wording when something required is missing ("Enter …", "Select …") and an empty option that says what to do.

    ``reveals`` names, for a radios field, the option values that reveal other fields (GOV.UK's conditional reveal):
    ``{"test": {"threshold": ("threshold_bail_objection", …)}}``; those fields are asked inside that option."""

    bound_field_class: type[forms.BoundField] | None = GovukBoundField
    fields: dict[str, forms.Field]
    reveals: ClassVar[Mapping[str, Mapping[str, Sequence[str]]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.word_required_messages()
        self.word_empty_choices()

    def word_required_messages(self) -> None:
        """Word each field's "required" message as the design system does; a form that adds fields after
        ``__init__`` calls this again."""
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                label = in_a_sentence(str(field.label))
                choosing = isinstance(field.widget, _CHOOSING)
                # Translated for the complainant's own view, whose forms are in Welsh too.
                field.error_messages["required"] = (
                    gettext("Select %(label)s") if choosing else gettext("Enter %(label)s")
                ) % {"label": label}

    def word_empty_choices(self) -> None:
        """Django's empty option ("---------") reads "Select …" in a drop-down, and "None" where nothing is an answer;
        a required question asked with radios has none (Django leaves it out of a ModelChoiceField's)."""
        for field in self.fields.values():
            if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.MultipleChoiceField):
                continue
            empty = f"Select {in_a_sentence(str(field.label))}" if field.required else "None"
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == _DJANGO_EMPTY_LABEL:
                    field.empty_label = empty
                continue
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            if any(label == _DJANGO_EMPTY_LABEL for _, label in choices):
                radios = isinstance(field.widget, forms.RadioSelect)
                field.choices = [
                    (value, empty if label == _DJANGO_EMPTY_LABEL else label)
                    for value, label in choices
                    if not (label == _DJANGO_EMPTY_LABEL and radios and field.required)
                ]


def show_as_typed(*bound: forms.BaseForm) -> None:
    """Show bound forms again as they were typed, without errors: an "Add another" button posts the form back to add
    a row, not to submit it, so nothing in it is in error yet (and the page shows no error summary)."""
    for form in bound:
        # Django cleans a bound form when its errors are first asked for, unless it has them already: none.
        form._errors = ErrorDict(renderer=form.renderer)  # type: ignore[attr-defined]


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
