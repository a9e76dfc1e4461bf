"""Forms render GOV.UK Frontend markup: each widget gets its design-system class, error state and described-by."""

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
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


def _design_class(widget: forms.Widget) -> str | None:
    for widget_type, css_class in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css_class
    return None


class GovukBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        css_class = _design_class(widget or self.field.widget)
        if css_class:
            classes = [str(attrs.get("class", "")), css_class]
            if self.errors:
                classes.append(f"{css_class}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        described_by = [str(attrs["aria-describedby"])] if attrs.get("aria-describedby") else []
        if self.help_text:
            described_by.append(f"{self.auto_id}-hint")
        if self.errors:
            described_by.append(f"{self.auto_id}-error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class GovukRadios(forms.RadioSelect):
    template_name = "govuk/widgets/radios.html"


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "govuk/widgets/checkboxes.html"


_CHOOSING = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.Select, forms.CheckboxInput)


class GovukFormMixin:
    """Mix into a Form or ModelForm so that its fields render as GOV.UK form groups, with the design system's
    wording when something required is missing ("Enter …", "Select …")."""

    bound_field_class: type[forms.BoundField] | None = GovukBoundField
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                verb = "Select" if isinstance(field.widget, _CHOOSING) else "Enter"
                field.error_messages["required"] = f"{verb} {str(field.label)[0].lower()}{str(field.label)[1:]}"


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
