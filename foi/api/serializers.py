from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.api.history import change_reason_field
from core.api.serializers import RecordSerializer
from foi.answers import question_answer
from foi.api.casework import CASEWORK_FIELDS, CASEWORK_READ_ONLY_FIELDS, CaseworkFieldsSerializer, ExtensionSerializer
from foi.api.review_serializers import (
    AppealSerializer,
    ReviewSerializer,
    advice_field,
    cost_estimate_field,
    outcome_field,
)
from foi.choices import QUESTION_FIELDS, DisclosableColumn, Exemption
from foi.models import FOIRequest, Question, ResponseVersion
from foi.selectors import foi_request_deadline, organisations_user_manages_foi
from registry.models import Organisation


class DeadlineSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    days_left = serializers.IntegerField(allow_null=True)
    due_soon = serializers.BooleanField()
    overdue = serializers.BooleanField()
    rule = serializers.CharField()


class FOIRequestSerializer(CaseworkFieldsSerializer, RecordSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="Slug of the organisation; may be left out by someone who manages FOI for only one.",
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    law = serializers.CharField(source="law.label", read_only=True)
    deadline = serializers.SerializerMethodField()
    question_count = serializers.IntegerField(read_only=True)
    version_count = serializers.IntegerField(read_only=True)

    change_reason = change_reason_field()

    class Meta:
        model = FOIRequest
        fields = [
            "change_reason",
            "id",
            "organisation",
            "reference",
            "received_date",
            "subject",
            "request_text",
            "status",
            "status_label",
            "clarification_requested_date",
            "clarification_received_date",
            "answered_date",
            "due_date",
            "law",
            "deadline",
            "question_count",
            "version_count",
            *CASEWORK_FIELDS,
        ]
        read_only_fields = [
            "status",
            "clarification_requested_date",
            "clarification_received_date",
            "answered_date",
            "due_date",
            *CASEWORK_READ_ONLY_FIELDS,
        ]
        validators = []  # the service checks the reference is unique, naming the field

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["organisation"].queryset = organisations_user_manages_foi(user=request.user)
        if isinstance(self.instance, FOIRequest):
            self.fields["organisation"].read_only = True

    def get_deadline(self, foi_request: FOIRequest) -> dict:
        status = foi_request_deadline(foi_request=foi_request)
        return DeadlineSerializer(status).data

    def validate(self, attrs):
        if self.instance is None and "organisation" not in attrs:
            managed = list(self.fields["organisation"].queryset[:2])
            if len(managed) != 1:
                raise serializers.ValidationError({"organisation": "Say which organisation received the request."})
            attrs["organisation"] = managed[0]
        return super().validate(attrs)


class WithheldColumnSerializer(serializers.Serializer):
    """One column withheld from a question's answer; its exemption must be one of the request's law."""

    column = serializers.ChoiceField(choices=DisclosableColumn.choices)
    exemption = serializers.ChoiceField(
        choices=Exemption.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Leave empty when the column was simply not asked for.",
    )
    reasoning = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=True,
        help_text="Why the exemption applies; needed with an exemption (FOIA s.17).",
    )


class QuestionSerializer(RecordSerializer):
    answer = serializers.SerializerMethodField()
    withheld = WithheldColumnSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Columns withheld, each with its exemption and reasons. A v1 `exemption` sent with "
        "`disclosed_columns` is recorded here, for each withheld column that cites none.",
    )
    order = serializers.IntegerField(required=False, min_value=1, max_value=32767)
    change_reason = change_reason_field()

    class Meta:
        model = Question
        fields = ["id", *QUESTION_FIELDS, "answer", "change_reason"]
        validators = []  # the service checks the order is unique in the request, naming the field

    def to_internal_value(self, data):
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if isinstance(error.detail, dict) and "withheld" in error.detail:
                error.detail["withheld"] = _withheld_messages(error.detail["withheld"])
            raise
        if "withheld" in values:  # stored as JSON: plain dicts, not the serializer's ordered ones
            values["withheld"] = [dict(entry) for entry in values["withheld"]]
        return values

    def get_answer(self, question: Question) -> dict:
        """The answer from the register as it stands now (an issued response keeps the one it froze)."""
        try:
            answer = question_answer(question)
        except DjangoValidationError as error:
            return {"errors": error.message_dict if hasattr(error, "error_dict") else error.messages}
        return {
            name: answer[name]
            for name in (
                "total",
                "group_by",
                "dimension_headings",
                "groups",
                "listing",
                "withheld",
                "generated_wording",
                "wording",
            )
        }


def _withheld_messages(detail) -> list[str]:
    """The nested serializer's errors as the model words them: a flat list naming the entry and its part."""
    if isinstance(detail, dict) and all(isinstance(index, int) for index in detail):
        entries = [(index + 1, entry) for index, entry in sorted(detail.items())]
    elif isinstance(detail, list) and all(isinstance(entry, dict) for entry in detail):
        entries = [(index + 1, entry) for index, entry in enumerate(detail)]
    elif isinstance(detail, dict):
        return [str(message) for messages in detail.values() for message in messages]
    else:
        return [str(message) for message in detail]
    return [
        f"Withheld entry {number} ({part}): {message}"
        for number, entry in entries
        for part, messages in entry.items()
        for message in messages
    ]


class ResponseVersionSerializer(serializers.ModelSerializer):
    issued_by = serializers.CharField(source="issued_by.username", read_only=True, default=None, allow_null=True)
    download = serializers.SerializerMethodField()
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    letter = serializers.SerializerMethodField(help_text="The frozen response letter (.docx); null before letters.")

    class Meta:
        model = ResponseVersion
        fields = [
            "number",
            "issued_at",
            "issued_by",
            "reason",
            "published_at",
            "download",
            "outcome",
            "outcome_label",
            "cost_estimate_hours",
            "advice_and_assistance",
            "letter",
        ]
        read_only_fields = fields

    def _url(self, version: ResponseVersion, name: str) -> str:
        path = f"/api/v1/foi/requests/{version.request_id}/versions/{version.number}/{name}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_download(self, version: ResponseVersion) -> str:
        return self._url(version, "response.xlsx")

    def get_letter(self, version: ResponseVersion) -> str | None:
        has_letter = getattr(version, "has_letter", None)
        if has_letter is None:
            has_letter = bool(version.letter)
        return self._url(version, "letter.docx") if has_letter else None


class ResponseVersionDetailSerializer(ResponseVersionSerializer):
    class Meta(ResponseVersionSerializer.Meta):
        fields = [*ResponseVersionSerializer.Meta.fields, "content"]
        read_only_fields = fields


class FOIRequestDetailSerializer(FOIRequestSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    versions = ResponseVersionSerializer(many=True, read_only=True)
    extensions = ExtensionSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)
    appeals = AppealSerializer(many=True, read_only=True)

    class Meta(FOIRequestSerializer.Meta):
        fields = [
            *FOIRequestSerializer.Meta.fields,
            "questions",
            "versions",
            "outcome",
            "extensions",
            "reviews",
            "appeals",
        ]


class IssueSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    outcome = outcome_field(
        help_text="What the response decides. Left out, it is derived from the answers: neither confirm nor deny "
        "when every question is, partly granted when any exemption is cited, otherwise granted."
    )
    cost_estimate_hours = cost_estimate_field()
    advice_and_assistance = advice_field()


class DateSerializer(serializers.Serializer):
    date = serializers.DateField()
