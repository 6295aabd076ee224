import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import TemplateView

from assets.charts import BarChart, bar_chart, stacked_bar_chart
from assets.choices import CameraStatus, OriginCountrySource
from assets.downloads import camera_filterset, cameras_in_list_order
from assets.filtersets import country_choices
from assets.forms import CameraEditForm, DecommissionForm
from assets.history import CAMERA_HISTORY
from assets.replacement import replacement_plan_cameras, replacement_plan_headline, replacement_plan_summary
from assets.selectors import (
    camera_counts,
    cameras_for_listing,
    cameras_for_user,
    manufacturers_with_camera_counts,
    past_end_of_life_query,
)
from assets.services import camera_create, camera_decommission, camera_update
from assets.views.exports import CAMERA_LIST_DOWNLOAD, REPLACEMENT_PLAN_DOWNLOAD, download_or_export_job
from core.filtersets import filter_errors, sort_columns
from core.views import HistorySectionMixin, RegisterDetailView, RegisterEditView, RegisterListView, RegisterViewMixin
from registry.choices import DueState
from registry.models import Site, SurveillanceSystem
from registry.permissions import register_access
from registry.policy import Action, organisations_where_user_may
from registry.selectors import sites_for_user, systems_due, systems_for_user

# Column key (the FilterSet's ordering name) and heading of each sortable column in the camera list.
SORTABLE_COLUMNS = [
    ("asset_tag", "Asset tag"),
    ("site", "Site"),
    ("manufacturer", "Manufacturer"),
    ("model", "Model"),
    ("origin_country", "Origin"),
    ("networked", "Networked"),
    ("status", "Status"),
    ("end_of_life_date", "End of life"),
]

# The camera list's status filter for cameras still in place: what the replacement plan counts.
IN_PLACE_STATUSES = ",".join(status for status in CameraStatus.values if status != CameraStatus.DECOMMISSIONED)


def label_filter_form(form) -> None:
    """Words for the shared FilterSet's form as the list shows it: "Any" choices, a yes/no select, date hints."""
    for name in ("site_category", "organisation", "manufacturer", "vendor"):
        form.fields[name].empty_label = "Any"
    form.fields["origin_country"].label = "Origin country"
    form.fields["origin_country"].widget.choices = lambda: [("", "Any"), *country_choices()]
    yes_no = [("", "Any"), ("true", "Yes"), ("false", "No")]
    form.fields["networked"].widget = forms.Select(choices=yes_no)
    form.fields["restricted"].widget = forms.Select(choices=yes_no)
    form.fields["q"].label = "Search"
    form.fields["q"].help_text = "Asset tag, model, serial number or site"
    for name in ("installed_after", "installed_before", "eol_after", "eol_before", "as_at"):
        form.fields[name].help_text = "For example, 2026-03-31"
        form.fields[name].widget.attrs["class"] = "govuk-input--width-10"


class FilteredCamerasMixin(RegisterViewMixin):
    # The page's own query parameters besides the filters; a download takes the filters alone.
    page_parameters: tuple[str, ...] = ()

    def filtered_cameras(self):
        self.filterset = camera_filterset(
            user=self.request.user, query=self.request.GET, request=self.request, other_parameters=self.page_parameters
        )
        label_filter_form(self.filterset.form)
        self.filter_errors = filter_errors(self.filterset)
        if self.filter_errors:
            # Nothing rather than a total the filters did not ask for: the page shows what to correct instead.
            return cameras_for_listing(cameras=self.filterset.queryset.none())
        return cameras_in_list_order(self.filterset)


class CameraListView(FilteredCamerasMixin, RegisterListView):
    template_name = "assets/camera_list.html"
    page_parameters = ("page",)

    def get_queryset(self):
        return self.filtered_cameras()

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        ticked = {s for value in self.request.GET.getlist("status") for s in value.split(",") if s}
        site_id = getattr(self.filterset.form, "cleaned_data", {}).get("site")
        all_sites = params.copy()
        all_sites.pop("site", None)
        return super().get_context_data(
            filterset=self.filterset,
            columns=sort_columns(params, SORTABLE_COLUMNS),
            query=params.urlencode(),
            statuses=[(value, label, value in ticked) for value, label in CameraStatus.choices],
            filtered=any(value for key, value in params.items() if key != "ordering"),
            filtered_site=sites_for_user(user=self.request.user).filter(pk=site_id).first() if site_id else None,
            all_sites_query=all_sites.urlencode(),
            filter_errors=self.filterset.error_summary() if self.filter_errors else [],
            active_filters=self.filterset.active_filters(exclude=("ordering", "site")),
            **kwargs,
        )


class CameraDownloadView(RegisterViewMixin, TemplateView):
    """The camera list as shown (same filters and order), every page, as .xlsx or .csv; a large one in the
    background (``assets/downloads.py`` builds it)."""

    def get(self, request, *args, **kwargs):
        return download_or_export_job(request, builder=CAMERA_LIST_DOWNLOAD, format=kwargs["format"])


class CameraDetailView(HistorySectionMixin, RegisterDetailView):
    template_name = "assets/camera_detail.html"
    record_history = CAMERA_HISTORY

    def scoped_queryset(self):
        return cameras_for_listing(cameras=cameras_for_user(user=self.request.user))


class CameraEditView(RegisterEditView):
    template_name = "assets/camera_form.html"
    form_class = CameraEditForm
    noun = "camera"

    def scoped_queryset(self):
        return cameras_for_listing(cameras=cameras_for_user(user=self.request.user))

    def get_form_kwargs(self, obj):
        editable = register_access(self.request).editable_organisation_ids
        sites = Site.objects.filter(organisation__in=editable).select_related("organisation")
        systems = SurveillanceSystem.objects.filter(organisation__in=editable).select_related("organisation")
        kwargs = super().get_form_kwargs(obj) | {
            "sites": sites.order_by("organisation__name", "name"),
            "systems": systems.order_by("organisation__name", "name"),
            "override_organisation_ids": self.override_organisation_ids(obj),
        }
        if obj is None and self.request.GET.get("site"):
            kwargs["initial"] = {"site": self.request.GET["site"]}
        return kwargs

    def override_organisation_ids(self, camera) -> frozenset[int]:
        """Where this user may override the procurement policy (for an edit, only if they may at the camera's)."""
        user = self.request.user
        allowed = organisations_where_user_may(user=user, action=Action.OVERRIDE_PROCUREMENT_POLICY)
        may_override = frozenset(allowed.values_list("pk", flat=True))
        if camera is not None and camera.organisation_id not in may_override:
            return frozenset()
        return may_override & register_access(self.request).editable_organisation_ids

    def get_context_data(self, **kwargs):
        camera, hints = self.object, {}
        if camera is not None and camera.origin_country_source == OriginCountrySource.MANUFACTURER:
            hints["origin_hint"] = (
                f"Now {camera.origin_country.name}, taken from the manufacturer {camera.manufacturer}."
            )
        if camera is not None and camera.end_of_life_estimated:
            hints["end_of_life_hint"] = f"Now estimated as {date_format(camera.end_of_life_date, 'j F Y')}."
        return super().get_context_data(**hints, **kwargs)

    def save(self, form, current):
        user = self.request.user
        reason = form.cleaned_data.get("change_reason", "")
        if current is None:
            return camera_create(reason=reason or "Added in the web interface", override_by=user, **form.input_fields())
        # The form opens a derived origin or end of life blank, so a value there is the officer's own record.
        return camera_update(
            camera=current,
            reason=reason or "Edited in the web interface",
            override_by=user,
            derived_sent_as_read=False,
            **form.input_fields(),
        ).record


class CameraDecommissionView(RegisterEditView):
    template_name = "assets/camera_decommission.html"
    form_class = DecommissionForm
    noun = "camera"

    def scoped_queryset(self):
        return cameras_for_listing(cameras=cameras_for_user(user=self.request.user))

    def save(self, form, current):
        return camera_decommission(
            camera=current,
            decommissioned_date=form.cleaned_data["decommissioned_date"],
            reason=form.cleaned_data["reason"],
        ).record

    def success_message(self, saved, *, created):
        return f"Camera {saved} decommissioned."


class ManufacturerListView(RegisterListView):
    template_name = "assets/manufacturer_list.html"
    paginate_by = 100

    def scoped_queryset(self):
        manufacturers = manufacturers_with_camera_counts(user=self.request.user)
        if self.request.GET.get("in_use") == "1":
            manufacturers = manufacturers.filter(camera_count__gt=0)
        return manufacturers.order_by("-camera_count", "name")


class DashboardView(RegisterViewMixin, TemplateView):
    template_name = "assets/dashboard.html"

    def get_context_data(self, **kwargs):
        cameras = cameras_for_user(user=self.request.user)
        in_service = cameras.filter(status__in=CameraStatus.in_service())
        by_status = {g["status"]: g["count"] for g in camera_counts(cameras=cameras, group_by=["status"])["groups"]}
        networked = {
            g["networked"]: g["count"] for g in camera_counts(cameras=in_service, group_by=["networked"])["groups"]
        }
        today = timezone.localdate()
        year_ahead = today + datetime.timedelta(days=365)
        ending = in_service.filter(end_of_life_date__gte=today, end_of_life_date__lte=year_ahead)
        in_service_query = "status=operational,faulty"
        charts = [
            bar_chart(
                slug=dimension,
                title=title,
                groups=camera_counts(cameras=in_service, group_by=[dimension])["groups"],
                dimension=dimension,
                link=f"/cameras/?{in_service_query}&{dimension}=",
            )
            for dimension, title in (
                ("site_category", "Cameras in service by site category"),
                ("origin_country", "Cameras in service by origin country"),
                ("vendor", "Cameras in service by vendor (ultimate parent company)"),
            )
        ]
        restricted_list = f"/cameras/?restricted=true&status={IN_PLACE_STATUSES}"
        past_end_query = past_end_of_life_query(today=today)
        return super().get_context_data(
            restricted=replacement_plan_headline(cameras=cameras, today=today),
            restricted_links={
                "all": restricted_list,
                "networked": f"{restricted_list}&networked=true",
                "past_end_of_life": f"{restricted_list}&{past_end_query}&ordering=end_of_life_date",
            },
            operational=by_status.get(CameraStatus.OPERATIONAL, 0),
            faulty=by_status.get(CameraStatus.FAULTY, 0),
            in_service=sum(by_status.get(status, 0) for status in CameraStatus.in_service()),
            networked=networked.get(True, 0),
            ending_count=ending.count(),
            ending_link=f"/cameras/?{in_service_query}&eol_after={today}&eol_before={year_ahead}&ordering=end_of_life_date",
            charts=charts,
            systems_due=[
                {**entry, "tag": DueState.tag_colour(entry["state"]), "label": entry["state"].label}
                for entry in systems_due(systems=systems_for_user(user=self.request.user), today=today)
            ],
            **kwargs,
        )


def end_of_life_chart(*, by_year: list[dict]) -> BarChart:
    """Restricted against other cameras in place, by the year they reach end of life; each bar links to them."""
    rows = []
    for year in by_year:
        if year["year"] is None:
            label, url = "No end-of-life date", ""
        else:
            label = str(year["year"])
            url = f"/cameras/?status={IN_PLACE_STATUSES}&eol_after={year['year']}-01-01&eol_before={year['year']}-12-31"
        rows.append((label, [year["restricted_count"], year["other_count"]], url))
    return stacked_bar_chart(
        slug="end-of-life",
        title="Cameras in place or planned by end-of-life year, restricted and other",
        rows=rows,
        series=("Restricted", "Other"),
    )


class ReplacementPlanView(FilteredCamerasMixin, RegisterListView):
    """Restricted cameras most urgent first, with the headline figures, a chart and the budget by year.

    Takes the camera list's filters in its query string (such as ``organisation``), and so do its downloads."""

    template_name = "assets/replacement_plan.html"
    page_parameters = ("page",)

    def get_queryset(self):
        self.cameras = self.filtered_cameras()
        return replacement_plan_cameras(cameras=self.cameras)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        summary = replacement_plan_summary(cameras=self.cameras, today=today)
        return super().get_context_data(
            filterset=self.filterset,
            filter_errors=self.filterset.error_summary() if self.filter_errors else [],
            today=today,
            headline=summary["headline"],
            by_year=summary["by_year"],
            uncosted_count=sum(year["uncosted_count"] for year in summary["by_year"]),
            chart=end_of_life_chart(by_year=summary["by_year"]),
            **kwargs,
        )


class ReplacementPlanDownloadView(RegisterViewMixin, TemplateView):
    """The whole plan (every page), in the page's order, as .xlsx or .csv; the .xlsx adds the by-year table."""

    def get(self, request, *args, **kwargs):
        return download_or_export_job(request, builder=REPLACEMENT_PLAN_DOWNLOAD, format=kwargs["format"])
