"""The one set of camera filters, shared by the web list, the API, the counts and FOI questions."""

import django_filters
from django import forms
from django.db.models import Q
from django_countries import countries

from assets.choices import CameraStatus
from assets.models import Camera, Manufacturer
from assets.vocabulary import country_code
from core.filtersets import RegisterFilterSet, SlugFilter, StrictBooleanFilter, quoted
from registry.models import Organisation, Site, SiteCategory, SurveillanceSystem
from registry.selectors import organisations_for_user


class CountryCodeField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        try:
            country_code(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid_choice") from error


class CountryCodeFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


class SiteIdField(forms.IntegerField):
    """A site's id: a whole number in the range of a big integer ("1.5" or a 30-digit id is an error rather than a
    rounding or a database overflow), and a site of the organisations given, without saying whether it exists."""

    def __init__(self, *args, sites=None, **kwargs):
        self.sites = sites
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        site_id = super().clean(value)  # after the range check, so the database never sees a 30-digit id
        if site_id is not None and not self.sites.filter(pk=site_id).exists():
            raise forms.ValidationError(f"No site with id {site_id} in your organisations.", code="invalid_choice")
        return site_id


class SiteIdFilter(django_filters.NumberFilter):
    field_class = SiteIdField

    def __init__(self, *args, **kwargs):
        # Given here rather than only in the field, so the schema states the bounds too.
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


NO_SYSTEM = "none"


class SystemIdField(forms.CharField):
    """A surveillance camera system's id among the organisations given, or ``none`` for cameras in no system."""

    def __init__(self, *args, systems=None, **kwargs):
        self.systems = systems
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        if value.lower() == NO_SYSTEM:
            return NO_SYSTEM
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 2**63 - 1:
            raise forms.ValidationError(
                f"Enter a system's id (a whole number) or none, not {quoted(value)}.", code="invalid"
            )
        if not self.systems.filter(pk=int(value)).exists():
            raise forms.ValidationError(f"No system with id {int(value)} in your organisations.", code="invalid_choice")
        return int(value)


class SystemIdFilter(django_filters.CharFilter):
    field_class = SystemIdField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        return queryset.filter(system__isnull=True) if value == NO_SYSTEM else queryset.filter(system_id=value)


class StatusInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    pass


def country_choices() -> list[tuple[str, str]]:
    return [(country.code, f"{country.name} ({country.code})") for country in countries]


class CameraFilterSet(RegisterFilterSet):
    """``organisations`` (default: the request's user's) bound the ``organisation`` and ``site`` filters."""

    site = SiteIdFilter(field_name="site_id", label="Site (id)")
    site_category = SlugFilter(
        field_name="site__category",
        queryset=SiteCategory.objects.all(),
        label="Site category",
        missing="No site category has the slug",
    )
    organisation = SlugFilter(
        queryset=Organisation.objects.none(), label="Organisation", missing="You have no organisation with the slug"
    )
    manufacturer = SlugFilter(
        queryset=Manufacturer.objects.all(),
        label="Manufacturer (brand on the camera)",
        missing="No manufacturer has the slug",
    )
    vendor = SlugFilter(
        queryset=Manufacturer.objects.all(),
        label="Vendor (ultimate parent company)",
        missing="No manufacturer has the slug",
    )
    # Choices given lazily: building 250 translated country names on every request cost more than a count.
    origin_country = CountryCodeFilter(choices=country_choices, label="Origin country (ISO code)")
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
    # After q: a new filter goes last, so the filters an error lists keep the order clients already read.
    system = SystemIdFilter(label="System (id, or none for cameras in no system)")
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

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            organisations = organisations_for_user(user=getattr(self.request, "user", None))
        self.filters["organisation"].queryset = organisations
        self.filters["site"].extra["sites"] = Site.objects.filter(organisation__in=organisations)
        self.filters["system"].extra["systems"] = SurveillanceSystem.objects.filter(organisation__in=organisations)

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
