"""The API's FOI casework: the requester (withheld from anyone but FOI officers and administrators), how the
request arrived, who handles it, and extensions for the public interest test."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import TextOnlyField
from foi.casework import assignees, user_sees_requester
from foi.choices import REQUESTER_FIELDS, Channel
from foi.models import Extension, FOIRequest

CASEWORK_FIELDS = [
    "extended_due_date",
    "channel",
    "channel_label",
    "assigned_to",
    "assigned_to_name",
    "requester_name",
    "requester_email",
    "requester_address",
    "requester_withheld",
    "requester_anonymised_at",
]
CASEWORK_READ_ONLY_FIELDS = ["extended_due_date"]
WITHHELD = "null when requester_withheld: only the organisation's FOI officers and administrators see it."


class NullableTextField(TextOnlyField):
    """Text that may be sent as null for none (stored as empty text)."""

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


class CaseworkFieldsSerializer(serializers.Serializer):
    """Fields shared by the request's list and detail. Personal data is withheld (null, with
    ``requester_withheld`` true) from anyone who may not manage the organisation's FOI requests."""

    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, allow_blank=True, help_text="How the request arrived."
    )
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    assigned_to = serializers.IntegerField(
        source="assigned_to_id",
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Id of the FOI officer or administrator handling the request (an active one of its "
        "organisation); null for nobody.",
    )
    assigned_to_name = serializers.SerializerMethodField()
    requester_name = NullableTextField(
        required=False, allow_blank=True, allow_null=True, max_length=200, help_text=f"Personal data; {WITHHELD}"
    )
    requester_email = serializers.EmailField(
        required=False, allow_blank=True, allow_null=True, max_length=254, help_text=f"Personal data; {WITHHELD}"
    )
    requester_address = NullableTextField(
        required=False, allow_blank=True, allow_null=True, help_text=f"Personal data; {WITHHELD}"
    )
    requester_withheld = serializers.SerializerMethodField()
    requester_anonymised_at = serializers.DateTimeField(
        read_only=True, help_text="When the requester's details were anonymised after the retention period."
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_assigned_to_name(self, foi_request: FOIRequest) -> str | None:
        officer = foi_request.assigned_to
        return (officer.get_full_name() or officer.username) if officer is not None else None

    def get_requester_withheld(self, foi_request: FOIRequest) -> bool:
        """True when the requester's details are withheld from you (personal data)."""
        return not self._sees_requester(foi_request)

    def _sees_requester(self, foi_request: FOIRequest) -> bool:
        request = self.context.get("request")
        return request is not None and user_sees_requester(user=request.user, foi_request=foi_request)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if data.get("requester_withheld"):
            data.update(dict.fromkeys(REQUESTER_FIELDS))
        return data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("requester_email") is None and "requester_email" in attrs:
            attrs["requester_email"] = ""
        if "assigned_to_id" in attrs:
            attrs["assigned_to"] = self._assignee(attrs.pop("assigned_to_id"), attrs.get("organisation"))
        return attrs

    def _assignee(self, user_id: int | None, organisation):
        if user_id is None:
            return None
        organisation = organisation or getattr(self.instance, "organisation", None)
        officer = assignees(organisation=organisation).filter(pk=user_id).first() if organisation else None
        if officer is None:
            where = organisation.name if organisation else "the request's organisation"
            raise serializers.ValidationError(
                {
                    "assigned_to": f"User {user_id} is not an active FOI officer or administrator of {where}; assign "
                    "the request to one of them."
                }
            )
        return officer


class ExtensionSerializer(serializers.ModelSerializer):
    extended_by = serializers.CharField(source="extended_by.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Extension
        fields = ["working_days", "reason", "extended_at", "extended_by"]
        read_only_fields = fields


class ExtendSerializer(serializers.Serializer):
    working_days = serializers.IntegerField(
        min_value=1,
        max_value=20,
        help_text="Further working days, counted from the original due date after any earlier extension; 20 in all "
        "at most.",
    )
    reason = TextOnlyField(allow_blank=True, help_text="Why more time is needed, such as the public interest test.")
