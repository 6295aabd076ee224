from rest_framework import serializers

from core.api.history import change_reason_field
from core.api.serializers import RecordSerializer
from registry.choices import Role
from registry.models import Membership, Organisation, Site, SiteCategory
from registry.selectors import organisations_for_user


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
