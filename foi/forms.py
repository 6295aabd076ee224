"""Forms for the FOI pages. They collect input; the services decide what is valid."""

import datetime

from django import forms

from assets.choices import CameraStatus
from assets.models import Manufacturer
from assets.vocabulary import COUNT_DIMENSIONS, dimension_heading
from core.govuk import GovukDateField, name_required_errors
from core.views import change_reason_field
from foi.casework_forms import add_casework_fields
from foi.choices import QUESTION_FIELDS, DisclosableColumn, Exemption
from foi.models import FOIRequest, Question
from foi.review_forms import OutcomeFields
from registry.models import SiteCategory

# Question filters offered on the page, as (form field, filter name); the API accepts every FilterSet filter.
FILTER_FIELDS = (
    "site_category",
    "status",
    "networked",
    "vendor",
    "manufacturer",
    "origin_country",
    "installed_after",
    "installed_before",
    "q",
)


# Question filters that are dates: the form takes day, month and year; the filters keep yyyy-mm-dd.
DATE_FILTER_FIELDS = ("installed_after", "installed_before")


class FOIRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, required=True, empty_label=None)
    reference = forms.CharField(
        max_length=50,
        help_text="For example FOI-2024-0153.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    received_date = GovukDateField(label="Date received", help_text="For example, 3 6 2024.")
    subject = forms.CharField(max_length=200)
    request_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), label="Request", help_text="The requester's words, as received."
    )
    change_reason = change_reason_field()

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_errors(self)
        self.fields["organisation"].queryset = organisations
        add_casework_fields(self, organisations=organisations)
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first()


# The request page's dated steps: (label, hint) for each, by the action's name in the URL.
TRANSITION_DATES = {
    "clarification-requested": ("Date you asked the requester to clarify", "The deadline stops until they reply."),
    "clarification-received": ("Date the clarification was received", "A new 20-working-day period starts from it."),
}


class DateForm(forms.Form):
    """The one date a step on the request page needs, such as when clarification was asked for."""

    date = GovukDateField()

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        label, hint = TRANSITION_DATES[action]
        self.fields["date"].label = label
        self.fields["date"].help_text = hint
        self.fields["date"].error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}"


class IssueForm(OutcomeFields):
    reason = forms.CharField(
        max_length=200,
        required=False,
        label="Reason for a new version",
        help_text="For example, an internal review. Needed for a second or later version.",
    )


def _slug_choices(queryset) -> list[tuple[str, str]]:
    return [("", "Any"), *queryset.values_list("slug", "name")]


class QuestionForm(forms.Form):
    change_reason = change_reason_field()
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Question (the requester's words)",
        error_messages={"required": "Enter the question, in the requester's words"},
    )
    site_category = forms.ChoiceField(required=False, label="Site category")
    # FOI questions ask about cameras in service: a new question counts planned and decommissioned ones only if ticked.
    status = forms.MultipleChoiceField(
        required=False,
        choices=CameraStatus.choices,
        initial=[status for status in CameraStatus.values if status in CameraStatus.in_service()],
        widget=forms.CheckboxSelectMultiple,
        label="Status",
        help_text="Cameras in service (operational and faulty) to start with. Tick none to count every status.",
    )
    networked = forms.ChoiceField(
        required=False, choices=[("", "Either"), ("true", "Networked"), ("false", "Not networked")]
    )
    vendor = forms.ChoiceField(required=False, label="Vendor (parent company)")
    manufacturer = forms.ChoiceField(required=False, label="Manufacturer (brand)")
    origin_country = forms.CharField(
        required=False,
        max_length=2,
        label="Origin country (ISO code, such as CN)",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3"}),
    )
    installed_after = GovukDateField(required=False, label="Installed after")
    installed_before = GovukDateField(required=False, label="Installed before")
    q = forms.CharField(required=False, label="Search")
    group_by = forms.MultipleChoiceField(
        required=False,
        choices=[(name, dimension_heading(name)) for name in COUNT_DIMENSIONS],
        widget=forms.CheckboxSelectMultiple,
        label="Count by",
    )
    as_at = GovukDateField(required=False, label="Count cameras in service on")
    disclosed_columns = forms.MultipleChoiceField(
        required=False,
        choices=DisclosableColumn.choices,
        widget=forms.CheckboxSelectMultiple,
        label="List cameras with these columns",
        help_text="Leave empty to give counts only. Location descriptions and serial numbers are sensitive.",
    )
    exemption = forms.ChoiceField(
        required=False,
        label="Exemption for the whole question",
        help_text="For neither confirm nor deny, or a refusal of the whole question. Where cameras are listed, cite "
        "exemptions for each withheld column instead; one chosen here applies to every withheld column without one.",
    )
    public_interest_reasoning = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Why the exemption applies"
    )
    neither_confirm_nor_deny = forms.BooleanField(required=False, label="Neither confirm nor deny")
    answer_wording = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Answer wording",
        help_text="Leave blank to use the sentence generated from the counts.",
    )

    def __init__(self, *args, foi_request: FOIRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site_category"].choices = _slug_choices(SiteCategory.objects.all())
        manufacturers = _slug_choices(Manufacturer.objects.all())
        self.fields["vendor"].choices = manufacturers
        self.fields["manufacturer"].choices = manufacturers
        self.fields["exemption"].choices = [
            ("", "None"),
            *((exemption.value, exemption.label) for exemption in Exemption.for_law(foi_request.law)),
        ]
        add_withheld_fields(self, foi_request.law)
        name_required_errors(self)

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        initial = {name: getattr(question, name) for name in QUESTION_MODEL_FIELDS}
        initial.update(withheld_initial(question))
        for name in FILTER_FIELDS:
            value = question.filters.get(name)
            if name == "status" and isinstance(value, str):
                value = [status for status in value.split(",") if status]
            if name == "networked" and isinstance(value, bool):
                value = "true" if value else "false"
            if name in DATE_FILTER_FIELDS and isinstance(value, str):
                try:
                    value = datetime.date.fromisoformat(value)
                except ValueError:
                    value = None
            initial[name] = value
        return initial

    def service_fields(self) -> dict:
        """The question's fields for the services, with the filters gathered into one dict."""
        data = self.cleaned_data
        filters = {}
        for name in FILTER_FIELDS:
            value = data.get(name)
            if value in (None, "", []):
                continue
            filters[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return {
            "filters": filters,
            "withheld": withheld_from(data),
            **{name: data.get(name) for name in QUESTION_MODEL_FIELDS},
        }

    @property
    def withheld_boxes(self) -> dict:
        """Each column's two boxes for the page: the sensitive columns, and the others (folded away unless used)."""
        boxes: dict = {"sensitive": [], "others": []}
        for column, label in DisclosableColumn.choices:
            exemption, reasoning = (self[withheld_field_name(column, part)] for part in ("exemption", "reasoning"))
            used = bool(exemption.value() or reasoning.value() or exemption.errors or reasoning.errors)
            group = "sensitive" if column in DisclosableColumn.sensitive() else "others"
            boxes[group].append({"label": label, "exemption": exemption, "reasoning": reasoning, "used": used})
        boxes["others_used"] = any(box["used"] for box in boxes["others"])
        return boxes

    def add_error(self, field, error):
        """A service's error about one withheld column is shown at that column's boxes."""
        if field is None and isinstance(error, list):
            for one in error:
                name = withheld_field_name(getattr(one, "withheld_column", ""), getattr(one, "withheld_part", ""))
                super().add_error(name if name in self.fields else None, one)
            return
        super().add_error(field, error)


# The question's own fields on the form; the filters and the withheld columns are gathered from their boxes, and
# the order is kept.
QUESTION_MODEL_FIELDS = tuple(name for name in QUESTION_FIELDS if name not in ("order", "filters", "withheld"))


def withheld_field_name(column: str, part: str) -> str:
    return f"withheld_{column}_{'reasoning' if part == 'reasoning' else 'exemption'}"


def add_withheld_fields(form: forms.Form, law: str) -> None:
    """An exemption select and a reasoning box for each column a listing could withhold."""
    exemptions = [(exemption.value, exemption.label) for exemption in Exemption.for_law(law)]
    choices = [("", "No exemption: not disclosed"), *exemptions]
    for column, label in DisclosableColumn.choices:
        words = label.lower()
        form.fields[withheld_field_name(column, "exemption")] = forms.ChoiceField(
            required=False, choices=choices, label=f"{label} withheld under"
        )
        form.fields[withheld_field_name(column, "reasoning")] = forms.CharField(
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            label=f"Why the exemption applies to the {words}",
        )


def withheld_initial(question: Question) -> dict:
    initial = {}
    for entry in question.withheld if isinstance(question.withheld, list) else []:
        if isinstance(entry, dict) and entry.get("column") in DisclosableColumn.values:
            initial[withheld_field_name(entry["column"], "exemption")] = entry.get("exemption") or ""
            initial[withheld_field_name(entry["column"], "reasoning")] = entry.get("reasoning") or ""
    return initial


def withheld_from(data: dict) -> list[dict]:
    """The withheld columns typed on the form: each column given an exemption or reasons."""
    entries = []
    for column in DisclosableColumn.values:
        exemption = data.get(withheld_field_name(column, "exemption")) or ""
        reasoning = (data.get(withheld_field_name(column, "reasoning")) or "").strip()
        if exemption or reasoning:
            entries.append({"column": column, "exemption": exemption, "reasoning": reasoning})
    return entries
