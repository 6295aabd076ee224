from rest_framework import serializers

from assets.choices import ParentRelation
from assets.models import Camera, Manufacturer
from assets.replacement import PRIORITIES
from assets.selectors import camera_is_past_end_of_life
from assets.vocabulary import COUNT_DIMENSIONS, country_code
from core.api.history import change_reason_field
from core.api.serializers import RecordSerializer
from registry.api.serializers import UserSystemField
from registry.selectors import sites_for_user


class CountryCodeField(serializers.CharField):
    """An ISO 3166-1 alpha-2 code: any case in, upper case out."""

    def to_internal_value(self, data):
        try:
            return country_code(super().to_internal_value(data))
        except ValueError as error:
            raise serializers.ValidationError(str(error), code="invalid_country") from error

    def to_representation(self, value):
        return getattr(value, "code", value) or ""


class ManufacturerSlugField(serializers.SlugRelatedField):
    default_error_messages = {"does_not_exist": "No manufacturer has the slug {value}."}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Manufacturer.objects.all(), **kwargs)


class UserSiteField(serializers.PrimaryKeyRelatedField):
    """A site by id, among the requesting user's organisations; another organisation's site is "not found"."""

    default_error_messages = {"does_not_exist": "No site with id {pk_value} in your organisations."}

    def get_queryset(self):
        return sites_for_user(user=self.context["request"].user)


class CameraSerializer(RecordSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Follows from the site; not written."
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    site = UserSiteField(help_text="Id of the site (see /api/v1/sites/).")
    site_name = serializers.CharField(source="site.name", read_only=True)
    site_category = serializers.CharField(source="site.category.slug", read_only=True)
    site_category_name = serializers.CharField(source="site.category.name", read_only=True)
    system = UserSystemField(
        required=False,
        allow_null=True,
        help_text="Id of the surveillance camera system the camera belongs to (see /api/v1/systems/); null for none. "
        "Left out when creating: the site's default system.",
    )
    system_name = serializers.CharField(source="system.name", read_only=True, allow_null=True)
    manufacturer = ManufacturerSlugField(
        required=False, allow_null=True, help_text="Slug of the brand on the camera, such as hikvision."
    )
    manufacturer_name = serializers.CharField(source="manufacturer.name", read_only=True, allow_null=True)
    vendor = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Slug of the ultimate parent company of the brand on the install date (derived); null when the "
        "manufacturer is unknown.",
    )
    vendor_name = serializers.CharField(source="vendor.name", read_only=True, allow_null=True)
    origin_country = CountryCodeField(
        required=False,
        allow_blank=True,
        max_length=2,
        help_text="ISO code. Leave blank to take the manufacturer's country (see origin_country_source).",
    )
    origin_country_name = serializers.CharField(source="origin_country.name", read_only=True)
    restriction_override_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Who placed a restricted camera under the procurement policy's exception; null for none.",
    )

    change_reason = change_reason_field()

    class Meta:
        model = Camera
        fields = [
            "change_reason",
            "id",
            "asset_tag",
            "organisation",
            "organisation_name",
            "site",
            "site_name",
            "site_category",
            "site_category_name",
            "system",
            "system_name",
            "manufacturer",
            "manufacturer_name",
            "vendor",
            "vendor_name",
            "model",
            "serial_number",
            "origin_country",
            "origin_country_name",
            "origin_country_source",
            "install_date",
            "networked",
            "end_of_life_date",
            "end_of_life_estimated",
            "status",
            "decommissioned_date",
            "location_description",
            "restricted",
            "restriction_override_reason",
            "restriction_override_by",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "origin_country_source",
            "end_of_life_estimated",
            "restricted",
            "created_at",
            "updated_at",
        ]
        # Asset-tag uniqueness and the date rules are checked by the service's full_clean, against the site's
        # organisation, and reported under the field at fault.
        validators = []


class ManufacturerSerializer(RecordSerializer):
    country = CountryCodeField(required=False, allow_blank=True, max_length=2, help_text="ISO code.")
    parent = ManufacturerSlugField(
        required=False,
        allow_null=True,
        help_text="Slug of the company that owns this brand or makes its cameras (see parent_relation).",
    )
    parent_name = serializers.CharField(source="parent.name", read_only=True, allow_null=True)
    parent_relation = serializers.ChoiceField(
        choices=ParentRelation.choices,
        required=False,
        help_text="owner: the parent owns the brand, whose cameras count under the parent as vendor; maker: the "
        "parent only makes the brand's cameras. Both count for restrictions. Optional: a new manufacturer gets "
        "owner, and a change that leaves it out keeps the current one.",
    )

    change_reason = change_reason_field()

    class Meta:
        model = Manufacturer
        fields = [
            "change_reason",
            "id",
            "slug",
            "name",
            "country",
            "parent",
            "parent_name",
            "parent_relation",
            "parent_from",
            "parent_until",
            "aliases",
            "website",
            "confidence",
            "note",
        ]


# Describes the counts answer for the schema only; assets.selectors.camera_counts builds it.
class CameraCountsSerializer(serializers.Serializer):
    """How many cameras match, and how they split by the dimensions asked for."""

    total = serializers.IntegerField(help_text="How many cameras match the filters.")
    group_by = serializers.ListField(
        child=serializers.ChoiceField(choices=list(COUNT_DIMENSIONS)), help_text="The dimensions, as asked."
    )
    groups = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per combination of values, largest count first, then by label. For each dimension "
        "D: D is the machine value (slug, ISO code, boolean, year or site id; null when unknown) and D_label "
        'its label for people ("Unknown" when unknown); then count.',
    )


class ReplacementPlanCameraSerializer(serializers.ModelSerializer):
    """A camera of the plan, read from ``replacement_plan_cameras`` (which annotates priority and unit cost)."""

    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    site_name = serializers.CharField(source="site.name", read_only=True)
    site_category = serializers.CharField(source="site.category.slug", read_only=True)
    sensitive = serializers.BooleanField(source="site.sensitive", read_only=True, help_text="On a sensitive site.")
    manufacturer = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    manufacturer_name = serializers.CharField(source="manufacturer.name", read_only=True, allow_null=True)
    vendor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    vendor_name = serializers.CharField(source="vendor.name", read_only=True, allow_null=True)
    past_end_of_life = serializers.SerializerMethodField(help_text="End of life before today.")
    priority = serializers.ChoiceField(
        choices=list(PRIORITIES), read_only=True, help_text="1 is most urgent: see priority_label."
    )
    priority_label = serializers.SerializerMethodField()
    unit_cost = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="Replacement cost of one camera on a site of this category; null when the organisation set none.",
    )

    class Meta:
        model = Camera
        fields = [
            "id",
            "asset_tag",
            "organisation",
            "site",
            "site_name",
            "site_category",
            "sensitive",
            "networked",
            "manufacturer",
            "manufacturer_name",
            "vendor",
            "vendor_name",
            "model",
            "status",
            "end_of_life_date",
            "end_of_life_estimated",
            "past_end_of_life",
            "priority",
            "priority_label",
            "unit_cost",
        ]
        read_only_fields = fields

    def get_past_end_of_life(self, camera: Camera) -> bool:
        return bool(camera_is_past_end_of_life(camera=camera, today=self.context["today"]))

    def get_priority_label(self, camera: Camera) -> str:
        return PRIORITIES[camera.priority]


MONEY = {"max_digits": 12, "decimal_places": 2}


class ReplacementPlanHeadlineSerializer(serializers.Serializer):
    restricted_count = serializers.IntegerField(help_text="Restricted cameras in place or planned.")
    networked_count = serializers.IntegerField(help_text="Of them, networked.")
    sensitive_site_count = serializers.IntegerField(help_text="Of them, on sensitive sites.")
    past_end_of_life_count = serializers.IntegerField(help_text="Of them, past their end-of-life date.")
    budget = serializers.DecimalField(**MONEY, help_text="Sum of their unit costs (cameras without one add nothing).")


class ReplacementPlanYearSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text="End-of-life year; null for no end-of-life date.")
    restricted_count = serializers.IntegerField(help_text="Restricted cameras in place or planned.")
    other_count = serializers.IntegerField(help_text="Other cameras in place or planned.")
    budget = serializers.DecimalField(**MONEY, help_text="Sum of the restricted cameras' unit costs.")
    uncosted_count = serializers.IntegerField(help_text="Restricted cameras with no unit cost.")


class ReplacementPlanCamerasPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ReplacementPlanCameraSerializer(many=True)


class ReplacementPlanSerializer(serializers.Serializer):
    """The replacement plan: headline figures, cameras in place by end-of-life year, and the restricted cameras
    most urgent first (a page of them: ``limit`` and ``offset``)."""

    headline = ReplacementPlanHeadlineSerializer()
    by_year = ReplacementPlanYearSerializer(many=True)
    cameras = ReplacementPlanCamerasPageSerializer()
