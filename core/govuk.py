"""Django forms rendered with the GOV.UK Design System's classes, error states and date input pattern."""

import datetime

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

INPUT_CLASSES = {
    "text": "govuk-input",
    "number": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "password": "govuk-input",
    "date": "govuk-input",
    "select": "govuk-select",
    "lazyselect": "govuk-select",  # django-countries' country select
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
}
DEFAULT_REQUIRED = forms.Field.default_error_messages["required"]


class GovukBoundField(BoundField):
    """Adds the Design System's class (and its error variant) to every widget a form renders."""

    @property
    def anchor_id(self) -> str:
        """The element an error summary link moves focus to: the day box of a date, the first of a set of
        checkboxes, else the field."""
        if isinstance(self.field.widget, GovukDateInput | forms.CheckboxSelectMultiple):
            return f"{self.auto_id}_0"
        return self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, GovukDateInput):
            attrs["has_errors"] = bool(self.errors)
            return attrs
        base = INPUT_CLASSES.get(self.widget_type)
        if base:
            classes = [base, widget.attrs.get("class", ""), attrs.get("class", "")]
            if self.errors and base in ERROR_CLASSES:
                classes.append(ERROR_CLASSES[base])
            attrs["class"] = " ".join(name for name in classes if name)
        return attrs


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attributes(attrs: dict) -> str:
    """Django's widgets/attrs.html: `` name="value"``, a bare `` name`` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _text(value) -> str:
    """``{{ value }}`` in a template: localised, then escaped unless already safe."""
    return conditional_escape(localize(template_localtime(value)))


def render_select(widget: dict) -> str:
    """Django's select.html with its option template, byte for byte, written in Python: the camera filters' country,
    manufacturer and site lists have some 400 options, each an include of two templates, which cost more than the
    rest of the page."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            value = conditional_escape(str(option["value"]))
            parts.append(
                f'\n  <option value="{value}"{_attributes(option["attrs"])}>{_text(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's last newline
    return mark_safe("".join(parts))


class GovukFormRenderer(DjangoTemplates):
    bound_field_class = GovukBoundField

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
        if widget and all(
            option["template_name"] == OPTION_TEMPLATE for _, options, _ in widget["optgroups"] for option in options
        ):
            return render_select(widget)
        return super().render(template_name, context, request)


class GovukDateInput(forms.MultiWidget):
    """Three boxes (day, month, year), as the Design System asks for dates people already know."""

    template_name = "core/widgets/date_input.html"

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric"}
        super().__init__(
            {"day": forms.TextInput(numeric), "month": forms.TextInput(numeric), "year": forms.TextInput(numeric)},
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        has_errors = attrs.pop("has_errors", False)
        attrs.pop("aria-invalid", None)
        context = super().get_context(name, value, attrs)
        for subwidget, width in zip(context["widget"]["subwidgets"], (2, 2, 4), strict=True):
            classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            if has_errors:
                classes += " govuk-input--error"
            subwidget["attrs"]["class"] = classes
            subwidget["attrs"].pop("required", None)
            subwidget["part"] = subwidget["name"].rsplit("_", 1)[-1].capitalize()
        return context

    def value_from_datadict(self, data, files, name):
        # Keep exactly what was typed, so an invalid date is shown back as the officer entered it.
        return [data.get(f"{name}_{part}", "") for part in ("day", "month", "year")]

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}_{part}" not in data for part in ("day", "month", "year"))


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the Design System's error messages."""

    widget = GovukDateInput

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, datetime.date):
            return value or None
        parts = [str(part or "").strip() for part in value]
        if not any(parts):
            return None
        label = self.label or "The date"
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        day, month, year = parts
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(f"{label} must be a real date, in numbers", code="invalid")
        if len(year) != 4:
            raise forms.ValidationError(f"{label} must include a year with 4 numbers, like 2024", code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date", code="invalid") from None

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True


def name_required_errors(form: forms.BaseForm) -> None:
    """Say which answer is missing ("Enter the asset tag", "Select a site"), not "This field is required"."""
    for name, field in form.fields.items():
        if not field.required or str(field.error_messages["required"]) != str(DEFAULT_REQUIRED):
            continue
        # Django labels an unlabelled field from its name ("subject" -> "Subject") only when it renders.
        label = (field.label or name.replace("_", " ")).lower()
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages["required"] = f"Select {label}"
        else:
            field.error_messages["required"] = f"Enter the {label}"
