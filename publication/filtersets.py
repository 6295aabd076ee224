"""The published register's camera filters: only on the dimensions it publishes, so no query can single out a site,
a serial number or anything else the register keeps to itself."""

import django_filters
from django import forms
from django.db.models import Q

from assets.filtersets import CountryCodeFilter, country_choices
from assets.models import Camera, Manufacturer
from core.filtersets import RegisterFilterSet, SlugFilter, StrictBooleanFilter, quoted
from registry.models import SiteCategory, SurveillanceSystem

NO_SYSTEM = "none"


class PublishedSystemField(forms.CharField):
    """A published system's id, or ``none`` for cameras in no published system."""

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
            raise forms.ValidationError(f"Enter a system's id (a whole number) or none, not {quoted(value)}.")
        if not self.systems.filter(pk=int(value)).exists():
            raise forms.ValidationError(f"No published system has the id {int(value)}.", code="invalid_choice")
        return int(value)


class PublishedSystemFilter(django_filters.CharFilter):
    field_class = PublishedSystemField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        if value == NO_SYSTEM:
            return queryset.filter(Q(system__isnull=True) | Q(system__published=False))
        return queryset.filter(system_id=value)


class YearFilter(django_filters.NumberFilter):
    """A year as a whole number: "2019.5" is an error, not a rounding."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2200, **kwargs)


class PublicCameraFilterSet(RegisterFilterSet):
    """``systems``: the organisation's published systems, the only ones a filter may name."""

    site_category = SlugFilter(
        field_name="site__category",
        queryset=SiteCategory.objects.all(),
        label="Site category",
        missing="No site category has the slug",
    )
    manufacturer = SlugFilter(
        queryset=Manufacturer.objects.all(), label="Manufacturer (brand)", missing="No manufacturer has the slug"
    )
    vendor = SlugFilter(queryset=Manufacturer.objects.all(), label="Vendor", missing="No manufacturer has the slug")
    origin_country = CountryCodeFilter(choices=country_choices, label="Origin country (ISO code)")
    networked = StrictBooleanFilter(label="Networked")
    restricted = StrictBooleanFilter(label="From a restricted vendor")
    install_year = YearFilter(field_name="install_date__year", label="Install year")
    eol_year = YearFilter(field_name="end_of_life_date__year", label="End-of-life year")
    system = PublishedSystemFilter(label="System (id of a published system, or none)")

    class Meta:
        model = Camera
        fields: list[str] = []

    def __init__(self, *args, systems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["system"].extra["systems"] = systems if systems is not None else SurveillanceSystem.objects.none()
