"""Forms render GOV.UK Frontend markup: each widget gets its design-system class, error state and described-by."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict
from django.forms.widgets import Input

from govuk.dates import GovukDateWidget

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
    template_name = "govuk/widgets/radios.html"


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "govuk/widgets/checkboxes.html"


_CHOOSING = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.Select, forms.CheckboxInput, forms.FileInput)


def _in_a_sentence(label: str) -> str:
    """The label after a verb: its first letter lower case, unless it starts an abbreviation ("NFA decisions")."""
    if label[1:2].isupper():
        return label
    return f"{label[:1].lower()}{label[1:]}"


class GovukFormMixin:
    """Mix into a Form or ModelForm so that its fields render as GOV.UK form groups, with the design system's
    wording when something required is missing ("Enter …", "Select …")."""

    bound_field_class: type[forms.BoundField] | None = GovukBoundField
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.word_required_messages()

    def word_required_messages(self) -> None:
        """Word each field's "required" message as the design system does; a form that adds fields after
        ``__init__`` calls this again."""
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                verb = "Select" if isinstance(field.widget, _CHOOSING) else "Enter"
                field.error_messages["required"] = f"{verb} {_in_a_sentence(str(field.label))}"


def show_as_typed(*bound: forms.BaseForm) -> None:
    """Show bound forms again as they were typed, without errors: an "Add another" button posts the form back to add
    a row, not to submit it, so nothing in it is in error yet (and the page shows no error summary)."""
    for form in bound:
        # Django cleans a bound form when its errors are first asked for, unless it has them already: none.
        form._errors = ErrorDict(renderer=form.renderer)  # type: ignore[attr-defined]


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
