"""The surveillance camera systems' pages that show cameras: the list with each system's review and DPIA tags and
camera counts, and a system with its cameras, its self-assessment and its history. Adding and editing a system,
and the compliance workbook, are registry's own."""

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone

from assets.selectors import cameras_for_listing, systems_with_camera_counts
from core.filtersets import filter_errors, sort_columns
from core.views import HistorySectionMixin, RegisterDetailView, RegisterListView, elided_page_range
from registry.choices import DueState
from registry.filtersets import SystemFilterSet
from registry.history import SYSTEM_HISTORY
from registry.principles import principle_rows
from registry.selectors import due_state, systems_for_user

SYSTEM_COLUMNS = [
    ("name", "Name"),
    ("next_review_due", "Next review due"),
    ("dpia_review_due", "DPIA review due"),
]


def with_due_tags(system, *, today):
    """The system, with where its review and DPIA review stand (``review_tag``, ``dpia_tag``: state, label, colour)."""
    for attribute, due in (("review_tag", system.next_review_due), ("dpia_tag", system.dpia_review_due)):
        state = due_state(due=due, today=today)
        setattr(system, attribute, {"state": state.value, "label": state.label, "colour": DueState.tag_colour(state)})
    return system


class SystemListView(RegisterListView):
    template_name = "assets/system_list.html"

    def scoped_queryset(self):
        return systems_with_camera_counts(user=self.request.user)

    def get_queryset(self):
        self.filterset = SystemFilterSet(
            self.request.GET, queryset=self.scoped_queryset(), request=self.request, other_parameters=["page"]
        )
        self.filterset.form.fields["organisation"].empty_label = "Any"
        yes_no = [("", "Any"), ("true", "Yes"), ("false", "No")]
        for name in ("review_overdue", "dpia_overdue"):
            self.filterset.form.fields[name].widget = forms.Select(choices=yes_no)
        self.filter_errors = filter_errors(self.filterset)
        if self.filter_errors:
            return self.filterset.queryset.none()
        systems = self.filterset.qs
        return systems.order_by(*(systems.query.order_by or []), "name", "pk")

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        context = super().get_context_data(
            filterset=self.filterset,
            filter_errors=self.filterset.error_summary() if self.filter_errors else [],
            active_filters=self.filterset.active_filters(),
            filtered=any(value for key, value in params.items() if key != "ordering"),
            columns=sort_columns(params, SYSTEM_COLUMNS),
            compliance_query=params.urlencode(),
            **kwargs,
        )
        today = timezone.localdate()
        context["object_list"] = [with_due_tags(system, today=today) for system in context["object_list"]]
        return context


class SystemDetailView(HistorySectionMixin, RegisterDetailView):
    template_name = "assets/system_detail.html"
    record_history = SYSTEM_HISTORY

    def scoped_queryset(self):
        return systems_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        cameras = cameras_for_listing(cameras=self.object.cameras.all()).order_by("asset_tag")
        page = Paginator(cameras, 100).get_page(self.request.GET.get("page"))
        with_due_tags(self.object, today=timezone.localdate())
        return super().get_context_data(
            page_obj=page,
            page_range=elided_page_range(page),
            cameras=page.object_list,
            principles=principle_rows(self.object.principles),
            **kwargs,
        )
