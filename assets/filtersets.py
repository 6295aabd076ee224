"""The one set of camera filters, shared by the web list, the API, the counts and FOI questions."""

import django_filters
from django import forms
from django.db.models import Q
from django_countries import countries

from assets.choices import CameraStatus
from assets.models import Camera, Manufacturer
from registry.models import SiteCategory
from registry.selectors import organisations_for_user

TRUE_WORDS = {"true", "1", "yes", "y", "on"}
FALSE_WORDS = {"false", "0", "no", "n", "off"}


class StrictBooleanField(forms.Field):
    """true/false (and yes/no, 1/0); anything else is an error rather than being ignored."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise forms.ValidationError(f"Enter true or false, not {value!r}.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class CountryCodeField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        if value and value not in countries:
            raise forms.ValidationError(
                f"{value!r} is not an ISO 3166-1 alpha-2 country code (such as GB or CN).", code="invalid_choice"
            )


class CountryCodeFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number in the range of a big integer, so "1.5" or a 30-digit id is an error
    rather than a silent rounding or a database overflow."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class StatusInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    pass


def _user_organisations(request):
    return organisations_for_user(user=getattr(request, "user", None))


class CameraFilterSet(django_filters.FilterSet):
    site = IdFilter(field_name="site_id", label="Site (id)")
    site_category = django_filters.ModelChoiceFilter(
        field_name="site__category",
        to_field_name="slug",
        queryset=SiteCategory.objects.all(),
        label="Site category",
        error_messages={"invalid_choice": "No site category has the slug %(value)s."},
    )
    organisation = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=_user_organisations,
        label="Organisation",
        error_messages={"invalid_choice": "You have no organisation with the slug %(value)s."},
    )
    manufacturer = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Manufacturer.objects.all(),
        label="Manufacturer (brand on the camera)",
        error_messages={"invalid_choice": "No manufacturer has the slug %(value)s."},
    )
    vendor = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Manufacturer.objects.all(),
        label="Vendor (ultimate parent company)",
        error_messages={"invalid_choice": "No manufacturer has the slug %(value)s."},
    )
    # Choices given lazily: building 250 translated country names on every request cost more than a count.
    origin_country = CountryCodeFilter(choices=lambda: countries, label="Origin country (ISO code)")
    networked = StrictBooleanFilter(label="Networked")
    restricted = StrictBooleanFilter(label="From a restricted vendor")
    status = StatusInFilter(choices=CameraStatus.choices, label="Status (comma-separated)")
    installed_after = django_filters.DateFilter(
        field_name="install_date", lookup_expr="gte", label="Installed on or after"
    )
    installed_before = django_filters.DateFilter(
        field_name="install_date", lookup_expr="lte", label="Installed on or before"
    )
    eol_after = django_filters.DateFilter(
        field_name="end_of_life_date", lookup_expr="gte", label="End of life on or after"
    )
    eol_before = django_filters.DateFilter(
        field_name="end_of_life_date", lookup_expr="lte", label="End of life on or before"
    )
    as_at = django_filters.DateFilter(method="filter_as_at", label="In service on (date)")
    q = django_filters.CharFilter(method="filter_search", label="Search")
    ordering = django_filters.OrderingFilter(
        fields=(
            ("asset_tag", "asset_tag"),
            ("site__name", "site"),
            ("manufacturer__name", "manufacturer"),
            ("model", "model"),
            ("origin_country", "origin_country"),
            ("networked", "networked"),
            ("status", "status"),
            ("install_date", "install_date"),
            ("end_of_life_date", "end_of_life_date"),
            ("updated_at", "updated_at"),
        )
    )

    class Meta:
        model = Camera
        fields: list[str] = []

    def filter_as_at(self, queryset, name, value):
        # A camera with no recorded install date counts as installed before records began, unless still planned.
        installed = Q(install_date__lte=value) | Q(install_date__isnull=True)
        not_yet_decommissioned = Q(decommissioned_date__isnull=True) | Q(decommissioned_date__gt=value)
        return queryset.filter(installed, not_yet_decommissioned).exclude(status=CameraStatus.PLANNED)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(asset_tag__icontains=value)
            | Q(model__icontains=value)
            | Q(serial_number__icontains=value)
            | Q(site__name__icontains=value)
        )
