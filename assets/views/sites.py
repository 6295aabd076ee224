"""The site pages that show cameras: the list with each site's camera counts, and a site with its cameras. They
live here, above registry, because they read cameras; adding and editing a site is registry's own page."""

from django import forms
from django.core.paginator import Paginator

from assets.selectors import cameras_for_listing, sites_with_camera_counts
from core.filtersets import filter_errors, sort_columns
from core.views import HistorySectionMixin, RegisterDetailView, RegisterListView, elided_page_range
from registry.filtersets import SiteFilterSet
from registry.history import SITE_HISTORY
from registry.selectors import sites_for_user

# Column key (the FilterSet's ordering name) and heading of each sortable column in the site list.
SITE_COLUMNS = [
    ("name", "Name"),
    ("category", "Category"),
    ("ward", "Ward"),
    ("in_service_count", "Cameras in service"),
    ("camera_count", "All cameras"),
]


class SiteListView(RegisterListView):
    template_name = "assets/site_list.html"

    def scoped_queryset(self):
        return sites_with_camera_counts(user=self.request.user)

    def get_queryset(self):
        self.filterset = SiteFilterSet(
            self.request.GET, queryset=self.scoped_queryset(), request=self.request, other_parameters=["page"]
        )
        self.filterset.form.fields["category"].empty_label = "Any"
        self.filterset.form.fields["organisation"].empty_label = "Any"
        yes_no = [("", "Any"), ("true", "Yes"), ("false", "No")]
        self.filterset.form.fields["sensitive"].widget = forms.Select(choices=yes_no)
        self.filter_errors = filter_errors(self.filterset)
        if self.filter_errors:
            return self.filterset.queryset.none()
        sites = self.filterset.qs
        # A unique last key, so a page never repeats or skips a site that shares a sort value.
        return sites.order_by(*(sites.query.order_by or []), "name", "pk")

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            filterset=self.filterset,
            filter_errors=self.filterset.error_summary() if self.filter_errors else [],
            active_filters=self.filterset.active_filters(),
            filtered=any(value for key, value in params.items() if key != "ordering"),
            columns=sort_columns(params, SITE_COLUMNS),
            **kwargs,
        )


class SiteDetailView(HistorySectionMixin, RegisterDetailView):
    template_name = "assets/site_detail.html"
    record_history = SITE_HISTORY

    def scoped_queryset(self):
        return sites_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        cameras = cameras_for_listing(cameras=self.object.cameras.all()).order_by("asset_tag")
        page = Paginator(cameras, 100).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page, page_range=elided_page_range(page), cameras=page.object_list, **kwargs
        )
