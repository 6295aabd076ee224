from django.contrib.auth.views import PasswordResetView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core.filtersets import filter_errors
from core.printing import Printed, dated
from core.spreadsheets import xlsx_content_response
from core.views import RegisterEditView, RegisterListView, RegisterViewMixin
from registry.compliance import compliance_workbook, systems_compliance
from registry.filtersets import SystemFilterSet
from registry.forms import MemberAddForm, MemberForm, MemberPasswordResetForm, MemberRemoveForm, SiteForm, SystemForm
from registry.permissions import register_access
from registry.policy import Action, organisations_where_user_may
from registry.selectors import (
    memberships_for_user,
    memberships_managed_by,
    organisation_names_for_user,
    sites_for_user,
    systems_for_user,
)
from registry.services import membership_add, membership_delete, membership_update, site_create, site_update
from registry.system_services import system_create, system_update

MANAGE_MEMBERS = "registry.manage_members"


class SiteEditView(RegisterEditView):
    template_name = "registry/site_form.html"
    form_class = SiteForm
    noun = "site"

    def scoped_queryset(self):
        return sites_for_user(user=self.request.user)

    def get_form_kwargs(self, obj):
        return super().get_form_kwargs(obj) | {"organisations": register_access(self.request).editable_organisations}

    def save(self, form, current):
        reason = form.cleaned_data.get("change_reason", "")
        if current is None:
            return site_create(organisation=form.cleaned_data["organisation"], reason=reason, **form.input_fields())
        return site_update(site=current, reason=reason, **form.input_fields()).record


class MemberPasswordResetView(PasswordResetView):
    form_class = MemberPasswordResetForm


class MemberListView(RegisterListView):
    """The members of the organisations the user administers; anyone else is refused."""

    template_name = "registry/member_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(MANAGE_MEMBERS):
            raise PermissionDenied("Only an organisation's administrators manage its members.")
        return super().dispatch(request, *args, **kwargs)

    def scoped_queryset(self):
        return memberships_managed_by(user=self.request.user)

    def get_context_data(self, **kwargs):
        organisations = organisations_where_user_may(user=self.request.user, action=Action.MANAGE_MEMBERS)
        return super().get_context_data(organisations=organisations, **kwargs)


class MemberEditBase(RegisterEditView):
    """Another organisation's member is a 404 (``scoped_queryset``); a member of the user's own organisation is
    theirs to change only if they administer it (``registry.change_membership``, the policy's manage_members)."""

    noun = "member"

    def scoped_queryset(self):
        return memberships_for_user(user=self.request.user)

    def success_url(self, saved) -> str:
        return reverse("registry:member-list")


class MemberAddView(MemberEditBase):
    template_name = "registry/member_add.html"
    form_class = MemberAddForm

    def get_form_kwargs(self, obj):
        managed = organisations_where_user_may(user=self.request.user, action=Action.MANAGE_MEMBERS)
        return {"organisations": list(managed)}

    def save(self, form, current):
        return membership_add(**form.cleaned_data, site_url=self.request.build_absolute_uri("/"))

    def success_message(self, saved, *, created: bool) -> str:
        return f"{saved.user} added to {saved.organisation} as {saved.get_role_display()}."


class MemberEditView(MemberEditBase):
    template_name = "registry/member_form.html"
    form_class = MemberForm

    def save(self, form, current):
        changes = {name: form.cleaned_data[name] for name in ("role", "is_active")}
        return membership_update(membership=current, email=form.cleaned_data["email"], **changes).record

    def success_message(self, saved, *, created: bool) -> str:
        return f"{saved.user}'s membership of {saved.organisation} saved."


class MemberRemoveView(MemberEditBase):
    template_name = "registry/member_remove.html"
    form_class = MemberRemoveForm

    def check_permission(self, obj) -> None:
        if not self.request.user.has_perm("registry.delete_membership", obj):
            raise PermissionDenied("Only an organisation's administrators manage its members.")

    def save(self, form, current):
        membership_delete(membership=current)
        return current

    def success_message(self, saved, *, created: bool) -> str:
        return f"{saved.user} removed from {saved.organisation}."


class SystemEditView(RegisterEditView):
    template_name = "registry/system_form.html"
    form_class = SystemForm
    noun = "system"

    def scoped_queryset(self):
        return systems_for_user(user=self.request.user)

    def get_form_kwargs(self, obj):
        return super().get_form_kwargs(obj) | {"organisations": register_access(self.request).editable_organisations}

    def save(self, form, current):
        reason = form.cleaned_data.get("change_reason", "")
        try:
            if current is None:
                organisation = form.cleaned_data["organisation"]
                return system_create(organisation=organisation, reason=reason, **form.input_fields())
            return system_update(system=current, reason=reason, **form.input_fields()).record
        except ValidationError as error:
            raise form.errors_at_principles(error) from error


class SystemComplianceWorkbookView(RegisterViewMixin, View):
    """``/systems/compliance.xlsx``: every system of the user's organisations (the list's filters apply), every
    principle's status and evidence, and what is overdue."""

    def scoped_queryset(self):
        return systems_for_user(user=self.request.user)

    def get(self, request):
        filterset = SystemFilterSet(request.GET, queryset=self.scoped_queryset(), request=request)
        errors = filter_errors(filterset)
        if errors:
            problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
            return HttpResponseBadRequest(f"There is a problem with the filters. {problems}", content_type="text/plain")
        today = timezone.localdate()
        printed = Printed(
            council=organisation_names_for_user(user=request.user),
            document=dated("Surveillance camera systems: compliance with the Code", today),
        )
        compliance = systems_compliance(systems=filterset.qs, today=today)
        return xlsx_content_response(
            content=compliance_workbook(compliance=compliance, printed=printed),
            filename=f"systems-compliance-{today.isoformat()}.xlsx",
        )
