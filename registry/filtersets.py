"""The site filters shared by the sites page and the API."""

import django_filters
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils import timezone

from core.filtersets import RegisterFilterSet, SlugFilter, StrictBooleanFilter
from registry.models import Site, SiteCategory, SurveillanceSystem
from registry.selectors import dpia_overdue, organisations_for_user, review_overdue


def user_organisations(request):
    return organisations_for_user(user=getattr(request, "user", None))


SITE_ORDERING = (("name", "name"), ("category__name", "category"), ("ward", "ward"))
SITE_COUNT_ORDERING = (("camera_count", "camera_count"), ("in_service_count", "in_service_count"))


class SiteFilterSet(RegisterFilterSet):
    category = SlugFilter(
        queryset=SiteCategory.objects.all(), label="Category", missing="No site category has the slug"
    )
    ward = django_filters.CharFilter(method="filter_ward", label="Ward")
    sensitive = StrictBooleanFilter(label="Sensitive site")
    organisation = SlugFilter(
        queryset=user_organisations, label="Organisation", missing="You have no organisation with the slug"
    )
    q = django_filters.CharFilter(method="filter_search", label="Search", help_text="Name, address or postcode")
    ordering = django_filters.OrderingFilter(fields=SITE_ORDERING)

    class Meta:
        model = Site
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.queryset is not None and "camera_count" in self.queryset.query.annotations:
            # Counts are offered only where the list shows them (the page); the API's sites carry none.
            ordering = django_filters.OrderingFilter(fields=SITE_ORDERING + SITE_COUNT_ORDERING)
            ordering.model, ordering.parent = Site, self
            self.filters["ordering"] = ordering

    def filter_ward(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(ward__iexact=value) if value else queryset

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        squeezed = value.replace(" ", "")
        return queryset.annotate(postcode_squeezed=Replace("postcode", Value(" "), Value(""))).filter(
            Q(name__icontains=value) | Q(address__icontains=value) | Q(postcode_squeezed__icontains=squeezed)
        )


class SystemFilterSet(RegisterFilterSet):
    """The surveillance camera systems' filters, shared by the systems page and the API."""

    review_overdue = StrictBooleanFilter(method="filter_review_overdue", label="Review overdue")
    dpia_overdue = StrictBooleanFilter(method="filter_dpia_overdue", label="DPIA review overdue")
    organisation = SlugFilter(
        queryset=user_organisations, label="Organisation", missing="You have no organisation with the slug"
    )
    q = django_filters.CharFilter(method="filter_search", label="Search", help_text="Name or purpose")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("next_review_due", "next_review_due"), ("dpia_review_due", "dpia_review_due"))
    )

    class Meta:
        model = SurveillanceSystem
        fields: list[str] = []

    def filter_review_overdue(self, queryset, name, value):
        return _overdue(queryset, review_overdue(today=timezone.localdate()), value)

    def filter_dpia_overdue(self, queryset, name, value):
        return _overdue(queryset, dpia_overdue(today=timezone.localdate()), value)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(purpose__icontains=value))


def _overdue(queryset, overdue: Q, value: bool | None):
    # False means "not overdue", which includes a system with no date set.
    if value is None:
        return queryset
    return queryset.filter(overdue) if value else queryset.exclude(overdue)
