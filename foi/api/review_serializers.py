"""The API's words for outcomes, letters, internal reviews and appeals."""

from rest_framework import serializers

from foi.choices import AppealDecision, Outcome, ReviewOutcome
from foi.models import Appeal, Review
from foi.review_selectors import review_late_warning

COST_ESTIMATE_HELP = (
    "For a refusal on cost only: the estimated hours of work. It must be over the limit: 18 hours (£450 at £25 an "
    "hour) under FOIA, 40 hours (£600 at £15 an hour) under FOISA."
)


def outcome_field(**kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=Outcome.choices, required=False, allow_blank=True, default="", **kwargs)


def cost_estimate_field() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=7,
        decimal_places=1,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text=COST_ESTIMATE_HELP,
    )


def advice_field() -> serializers.CharField:
    return serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Advice and assistance offered with a refusal on cost (FOIA s.16, FOISA s.15); needed with one.",
    )


class ReviewSerializer(serializers.ModelSerializer):
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    warning = serializers.SerializerMethodField(help_text="Set when the review was asked for late; else empty.")
    version = serializers.IntegerField(
        source="version.number",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The number of the response version the review led to, if any.",
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "requested_date",
            "grounds",
            "due_date",
            "requested_late",
            "warning",
            "outcome",
            "outcome_label",
            "decided_date",
            "decision_notes",
            "version",
        ]
        read_only_fields = fields

    def get_warning(self, review: Review) -> str:
        return review_late_warning(review)


class ReviewRequestSerializer(serializers.Serializer):
    requested_date = serializers.DateField(help_text="When the requester asked for the review.")
    grounds = serializers.CharField(help_text="The requester's grounds for the review.")


class ReviewDecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    decided_date = serializers.DateField()
    decision_notes = serializers.CharField(required=False, allow_blank=True, default="")
    issue_version = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Issue a new version when the decision is upheld; partly or wholly overturning always issues one.",
    )
    response_outcome = outcome_field(
        help_text="The new version's outcome; derived from the answers when left out (as for issuing)."
    )
    cost_estimate_hours = cost_estimate_field()
    advice_and_assistance = advice_field()


class AppealSerializer(serializers.ModelSerializer):
    regulator_label = serializers.CharField(source="get_regulator_display", read_only=True)
    decision = serializers.ChoiceField(choices=AppealDecision.choices, required=False, allow_blank=True, default="")
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    decision_notice_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "regulator",
            "regulator_label",
            "appealed_date",
            "decision_notice_reference",
            "decision",
            "decision_label",
            "decision_date",
        ]
        read_only_fields = ["id", "regulator"]


class AppealDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=AppealDecision.choices)
    decision_date = serializers.DateField(help_text="The date of the regulator's decision notice.")
    decision_notice_reference = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=50, help_text="Kept as recorded when left empty."
    )
