"""The site filters shared by the sites page and the API."""

import django_filters
from django.db.models import Q, Value
from django.db.models.functions import Replace

from core.filtersets import RegisterFilterSet, SlugFilter, StrictBooleanFilter
from registry.models import Site, SiteCategory
from registry.selectors import organisations_for_user


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
