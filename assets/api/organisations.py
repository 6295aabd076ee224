"""``/api/v1/organisations/``: registry's read-only organisations, plus the PATCH of an organisation's settings.

Served from assets, not registry, because a change of settings derives the cameras again (their end of life
from the lifespan, their restricted flag from the restrictions followed) through
``assets.services.organisation_settings_update``; registry, a floor below, cannot import it. The GET keeps
registry's v1 shape and only grows (``adopted_restrictions``)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from assets.selectors import organisations_with_settings, public_restriction_keys
from assets.services import organisation_settings_update
from core.api.permissions import RecordWritePermission
from registry.api.serializers import OrganisationSerializer
from registry.api.views import OrganisationViewSet


class RestrictionKeysField(serializers.ListField):
    """The keys of the public restriction bases an organisation follows, read from its adopted restrictions."""

    def get_attribute(self, instance):
        return sorted({restriction.key for restriction in instance.adopted_restrictions.all()})


class OrganisationSettingsSerializer(OrganisationSerializer):
    adopted_restrictions = RestrictionKeysField(
        child=serializers.SlugField(max_length=50),
        required=False,
        help_text="Keys of the public vendor restrictions the organisation follows (see GET /api/v1/cameras/ "
        "restricted flags); its own restrictions always apply. Giving the list replaces it.",
    )

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "adopted_restrictions", "public_register"]
        read_only_fields = ["slug", "name", "jurisdiction"]

    def validate_adopted_restrictions(self, keys: list[str]) -> list[str]:
        unknown = sorted(set(keys) - public_restriction_keys())
        if unknown:
            raise serializers.ValidationError(f"No public restriction has the key {', '.join(unknown)}.")
        return keys


class SettingsPermission(RecordWritePermission):
    message = "Only an administrator of the organisation changes its settings."

    def permission_name(self, request, view) -> str:
        return "registry.change_organisation"


class OrganisationSettingsViewSet(OrganisationViewSet):
    """The organisations you belong to, with your role in each; their administrators change the settings (PATCH),
    and the cameras' restricted flags and estimated end of life follow."""

    serializer_class = OrganisationSettingsSerializer
    permission_classes = [*OrganisationViewSet.permission_classes, SettingsPermission]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return organisations_with_settings(user=self.request.user)

    @extend_schema(description="Change the organisation's settings (administrators); the cameras are derived again.")
    def partial_update(self, request, *args, **kwargs):
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        followed = changes.pop("adopted_restrictions", None)
        organisation_settings_update(organisation=organisation, followed_restrictions=followed, **changes)
        return self.retrieve(request, *args, **kwargs)
