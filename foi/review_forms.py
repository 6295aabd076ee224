"""Forms for the outcome of a response, internal reviews and appeals on the request page. They collect input; the
services decide what is valid."""

from django import forms
from django.core.exceptions import ValidationError

from core.govuk import GovukDateField, name_required_errors
from foi.choices import AppealDecision, Outcome, ReviewOutcome
from foi.outcomes import COST_LIMITS

DERIVED = "Work it out from the answers"


def outcome_choices() -> list[tuple[str, str]]:
    return [("", DERIVED), *Outcome.choices]


def cost_limits_hint() -> str:
    limits = "; ".join(f"{law.label}: {limit.describe()}" for law, limit in COST_LIMITS.items())
    return f"Only for a refusal on cost. The estimate must be over the limit ({limits})."


class OutcomeFields(forms.Form):
    """What a response decides, with a refusal on cost's estimate and advice."""

    outcome = forms.ChoiceField(
        choices=outcome_choices,
        required=False,
        label="Outcome",
        help_text="Granted, partly granted and neither confirm nor deny can be worked out from the answers.",
    )
    cost_estimate_hours = forms.DecimalField(
        max_digits=7,
        decimal_places=1,
        min_value=0,
        required=False,
        label="Estimated hours of work (refusal on cost)",
        help_text=cost_limits_hint(),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter the estimated hours as a number, like 19.5"},
    )
    advice_and_assistance = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Advice and assistance offered (refusal on cost)",
        help_text="For example, how the requester could narrow the request to come within the limit.",
    )

    def outcome_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("outcome", "cost_estimate_hours", "advice_and_assistance")}


class ReviewRequestForm(forms.Form):
    prefix = "review"
    requested_date = GovukDateField(label="Date the review was asked for", help_text="For example, 3 6 2024.")
    grounds = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Grounds", help_text="Why the requester asks for a review."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_errors(self)


class ReviewDecisionForm(forms.Form):
    prefix = "decision"
    outcome = forms.ChoiceField(choices=[("", "Choose the outcome"), *ReviewOutcome.choices], label="Outcome")
    decided_date = GovukDateField(label="Date decided")
    decision_notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Notes")
    issue_version = forms.BooleanField(
        required=False,
        label="Issue a new version even though the decision is upheld",
        help_text="Partly or wholly overturning always issues a new version from the questions as they now stand.",
    )
    response_outcome = forms.ChoiceField(choices=outcome_choices, required=False, label="Outcome of the new version")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_errors(self)


class AppealForm(forms.Form):
    prefix = "appeal"
    appealed_date = GovukDateField(label="Date of the appeal")
    decision_notice_reference = forms.CharField(
        max_length=50, required=False, label="Decision notice reference", help_text="For example, IC-123456-A1B2."
    )
    decision = forms.ChoiceField(
        choices=[("", "Not decided yet"), *AppealDecision.choices], required=False, label="Regulator's decision"
    )
    decision_date = GovukDateField(required=False, label="Date of the decision")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_errors(self)


class AppealDecisionForm(forms.Form):
    prefix = "regulator"
    decision = forms.ChoiceField(
        choices=[("", "Choose the decision"), *AppealDecision.choices], label="Regulator's decision"
    )
    decision_date = GovukDateField(label="Date of the decision notice")
    decision_notice_reference = forms.CharField(
        max_length=50, required=False, label="Decision notice reference", help_text="Left empty, it stays as recorded."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_required_errors(self)


def review_page_forms(casework: dict) -> dict:
    """The blank forms for the request page's open next steps (``foi.review_selectors.request_casework``)."""
    return {
        "review_form": ReviewRequestForm() if casework["may_request_review"] else None,
        "decision_form": ReviewDecisionForm() if casework["may_decide_review"] else None,
        "appeal_form": AppealForm() if casework["may_appeal"] else None,
        "appeal_decision_form": AppealDecisionForm() if casework["may_decide_appeal"] else None,
    }


def add_service_errors(form, error: ValidationError, renamed: dict[str, str] | None = None) -> None:
    """A service's refusal at the form's field of the same name (or ``renamed``), else above the form."""
    renamed = renamed or {}
    errors = error.error_dict if hasattr(error, "error_dict") else {"__all__": error.error_list}
    for field, field_messages in errors.items():
        name = renamed.get(field, field)
        for message in ValidationError(field_messages).messages:
            form.add_error(name if name in form.fields else None, message)
