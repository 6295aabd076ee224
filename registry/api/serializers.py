from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from core.api.history import change_reason_field
from core.api.serializers import RecordSerializer
from registry.choices import DueState, PrincipleStatus, Role
from registry.models import RETENTION_DAYS_MAX, Membership, Organisation, Site, SiteCategory, SurveillanceSystem
from registry.selectors import due_state, organisations_for_user, responsible_officer_choices, systems_for_user


class OrganisationSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(
        source="user_role", choices=Role.choices, read_only=True, help_text="Your role in this organisation."
    )

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "jurisdiction",
            "default_camera_lifespan_years",
            "no_restricted_cameras_after",
            "foi_requester_retention_months",
            "role",
        ]


class SiteCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = SiteCategory
        fields = ["slug", "name"]


class UserOrganisationField(serializers.SlugRelatedField):
    """An organisation named by slug, among the requesting user's own: any other is reported as unknown."""

    default_error_messages = {"does_not_exist": "You have no organisation with the slug {value}."}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def get_queryset(self):
        return organisations_for_user(user=self.context["request"].user)


class UserSystemField(serializers.PrimaryKeyRelatedField):
    """A surveillance camera system by id, among the requesting user's organisations; another organisation's is
    "not found". The service checks it belongs to the record's own organisation."""

    default_error_messages = {"does_not_exist": "No system with id {pk_value} in your organisations."}

    def get_queryset(self):
        return systems_for_user(user=self.context["request"].user)


class SiteSerializer(RecordSerializer):
    organisation = UserOrganisationField(
        required=False,
        help_text="Slug of the organisation. Needed when creating only if you belong to several organisations.",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    category = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=SiteCategory.objects.all(),
        error_messages={"does_not_exist": "No site category has the slug {value}."},
        help_text="Slug of the site category, such as library or car-park.",
    )
    category_name = serializers.CharField(source="category.name", read_only=True)
    default_system = UserSystemField(
        required=False,
        allow_null=True,
        help_text="Id of the surveillance camera system a new camera at the site joins by default; null for none.",
    )
    # Longer than the stored 8 characters: people type extra spaces, and the service normalises them away.
    postcode = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="UK postcode; stored as SW1A 1AA."
    )

    change_reason = change_reason_field()

    class Meta:
        model = Site
        fields = [
            "change_reason",
            "id",
            "organisation",
            "organisation_name",
            "name",
            "category",
            "category_name",
            "address",
            "postcode",
            "ward",
            "sensitive",
            "notes",
            "default_system",
            "created_at",
            "updated_at",
        ]
        # Uniqueness of the name is checked by the service's full_clean, against the right organisation.
        validators = []


class MemberSerializer(RecordSerializer):
    """A member of the organisation: their user's username and email, their role and whether it is active here.
    Creating one with a new username makes the user and emails them a link to set their password."""

    username = serializers.CharField(
        source="user.username",
        max_length=150,
        help_text="Who signs in. A username already in the register adds that person (their password and email "
        "stay theirs); a new one makes a new user. Cannot change once added.",
    )
    email = serializers.EmailField(
        source="user.email",
        required=False,
        allow_blank=True,
        help_text="Where a new member is sent the link to set their password: needed for a new username. Changed "
        "only for a member of this organisation alone.",
    )
    role = serializers.ChoiceField(choices=Role.choices)
    is_active = serializers.BooleanField(
        required=False, default=True, help_text="False: the member stays listed but may do nothing here."
    )

    class Meta:
        model = Membership
        fields = ["username", "email", "role", "is_active"]


class MemberUpdateSerializer(MemberSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    is_active = serializers.BooleanField(required=False)


class PrincipleSerializer(serializers.Serializer):
    """One principle of the Surveillance Camera Code, as the system meets it."""

    principle = serializers.IntegerField(min_value=1, max_value=12, help_text="The principle's number, 1 to 12.")
    status = serializers.ChoiceField(choices=PrincipleStatus.choices)
    evidence = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10_000,
        help_text="What shows it (a policy, a report, a sign); needed when met or partly met.",
    )
    assessed_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="When it was assessed; needed unless not assessed."
    )


class MemberUsernameField(serializers.SlugRelatedField):
    """A user by username, among the active members of the requesting user's organisations; the service checks
    they belong to the record's own organisation."""

    default_error_messages = {"does_not_exist": "No active member of your organisations has the username {value}."}

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", **kwargs)

    def get_queryset(self):
        organisations = organisations_for_user(user=self.context["request"].user)
        return responsible_officer_choices(organisation_ids=organisations.values("pk"))


class SystemSerializer(RecordSerializer):
    """A surveillance camera system. ``next_review_due`` is derived: a year after ``last_review_date`` unless an
    earlier date is given."""

    organisation = UserOrganisationField(
        required=False,
        help_text="Slug of the organisation. Needed when creating only if you belong to several organisations.",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    responsible_officer = MemberUsernameField(
        required=False,
        allow_null=True,
        help_text="Username of the member who answers for the system: an active member of its organisation.",
    )
    retention_days = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=RETENTION_DAYS_MAX,
        help_text=f"How many days recordings are kept, 1 to {RETENTION_DAYS_MAX}.",
    )
    next_review_due = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Derived: a year after last_review_date, unless you give an earlier date (after the last review).",
    )
    principles = PrincipleSerializer(
        many=True,
        required=False,
        help_text="The self-assessment against the Code's 12 principles, each at most once; a principle left out "
        "is not assessed.",
    )
    review_state = serializers.SerializerMethodField(help_text="Where the next review stands today.")
    dpia_state = serializers.SerializerMethodField(help_text="Where the DPIA review stands today.")
    camera_count = serializers.IntegerField(read_only=True, help_text="How many cameras belong to the system.")

    change_reason = change_reason_field()

    class Meta:
        model = SurveillanceSystem
        fields = [
            "change_reason",
            "id",
            "organisation",
            "organisation_name",
            "name",
            "purpose",
            "lawful_basis",
            "data_controller",
            "responsible_officer",
            "public_contact",
            "retention_days",
            "recording",
            "live_monitoring",
            "signage",
            "dpia_date",
            "dpia_review_due",
            "dpia_state",
            "last_review_date",
            "next_review_due",
            "review_state",
            "principles",
            "published",
            "camera_count",
            "created_at",
            "updated_at",
        ]
        # Uniqueness of the name is checked by the service's full_clean, against the right organisation.
        validators = []

    @extend_schema_field(serializers.ChoiceField(choices=DueState.choices))
    def get_review_state(self, system: SurveillanceSystem) -> str:
        return due_state(due=system.next_review_due, today=timezone.localdate()).value

    @extend_schema_field(serializers.ChoiceField(choices=DueState.choices))
    def get_dpia_state(self, system: SurveillanceSystem) -> str:
        return due_state(due=system.dpia_review_due, today=timezone.localdate()).value

    def to_internal_value(self, data):
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if isinstance(error.detail, dict) and "principles" in error.detail:
                error.detail["principles"] = _principle_messages(error.detail["principles"])
            raise
        if "principles" in values:  # stored as JSON: plain values, the date as text
            values["principles"] = [
                dict(entry, assessed_on=entry["assessed_on"].isoformat() if entry.get("assessed_on") else None)
                for entry in values["principles"]
            ]
        return values


def _principle_messages(detail) -> list[str]:
    """The nested serializer's errors as the model words them: a flat list naming the entry and its part."""
    if isinstance(detail, dict) and all(isinstance(index, int) for index in detail):
        entries = [(index + 1, entry) for index, entry in sorted(detail.items())]
    elif isinstance(detail, list) and all(isinstance(entry, dict) for entry in detail):
        entries = [(index + 1, entry) for index, entry in enumerate(detail)]
    elif isinstance(detail, dict):
        return [str(message) for messages in detail.values() for message in messages]
    else:
        return [str(message) for message in detail]
    messages = []
    for number, entry in entries:
        if isinstance(entry, dict):
            messages += [
                f"Principle entry {number}: {text}"
                if part == api_settings.NON_FIELD_ERRORS_KEY
                else f"Principle entry {number} ({part}): {text}"
                for part, texts in entry.items()
                for text in texts
            ]
        else:  # the entry itself is wrong: null, or not an object
            messages += [f"Principle entry {number}: {text}" for text in entry]
    return messages


class CompliancePrincipleSerializer(serializers.Serializer):
    principle = serializers.IntegerField()
    title = serializers.CharField(help_text="What the principle asks, paraphrased.")
    status = serializers.ChoiceField(choices=PrincipleStatus.choices)
    evidence = serializers.CharField()
    assessed_on = serializers.DateField(allow_null=True)


class SystemComplianceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField(help_text="The organisation's slug.")
    organisation_name = serializers.CharField()
    responsible_officer = serializers.CharField(allow_null=True, help_text="Username; null for none.")
    last_review_date = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    review_state = serializers.ChoiceField(choices=DueState.choices)
    dpia_date = serializers.DateField(allow_null=True)
    dpia_review_due = serializers.DateField(allow_null=True)
    dpia_state = serializers.ChoiceField(choices=DueState.choices)
    overdue = serializers.ListField(
        child=serializers.ChoiceField(choices=["review", "dpia"]), help_text="What is overdue today."
    )
    principles_met = serializers.IntegerField(help_text="How many of the 12 principles are met.")
    principles = CompliancePrincipleSerializer(many=True, help_text="All 12 principles, in order.")


class ComplianceSerializer(serializers.Serializer):
    """Every system's compliance with the Surveillance Camera Code, as at a day."""

    as_at = serializers.DateField()
    systems = SystemComplianceSerializer(many=True)
