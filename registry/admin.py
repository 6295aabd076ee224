from django.contrib import admin
from django.contrib.auth import get_user_model

from core.service_admin import ServiceAdmin
from registry.admin_scoping import ORGANISATION_FILTER, OrganisationScopedAdmin, ReferenceDataAdmin
from registry.models import Membership, ReplacementUnitCost, Site, SiteCategory
from registry.policy import Action
from registry.services import (
    SITE_INPUT_FIELDS,
    membership_create,
    membership_delete,
    membership_update,
    replacement_unit_cost_create,
    replacement_unit_cost_delete,
    replacement_unit_cost_update,
    site_category_create,
    site_category_delete,
    site_category_update,
    site_create,
    site_delete,
    site_update,
)


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin, OrganisationScopedAdmin):
    edit_action = delete_action = Action.MANAGE_MEMBERS
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", ORGANISATION_FILTER]
    search_fields = ["user__username", "user__email", "organisation__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = self.editable_organisations(request)
        if db_field.name == "user" and not request.user.is_superuser:
            # New people join with `manage.py add_member`; an organisation admin never sees other councils' users.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(memberships__organisation__in=self.editable_organisations(request))
                .distinct()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, form, current):
        if current is None:
            return membership_create(**form.cleaned_data)
        return membership_update(membership=current, **form.cleaned_data).record

    def delete_record(self, request, record):
        membership_delete(membership=record)


@admin.register(ReplacementUnitCost)
class ReplacementUnitCostAdmin(ServiceAdmin, OrganisationScopedAdmin):
    edit_action = Action.CHANGE_SETTINGS
    list_display = ["organisation", "category", "unit_cost"]
    list_filter = [ORGANISATION_FILTER, "category"]
    search_fields = ["category__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = self.editable_organisations(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, form, current):
        if current is None:
            return replacement_unit_cost_create(**form.cleaned_data)
        return replacement_unit_cost_update(cost=current, **form.cleaned_data).record

    def delete_record(self, request, record):
        replacement_unit_cost_delete(cost=record)


@admin.register(SiteCategory)
class SiteCategoryAdmin(ServiceAdmin, ReferenceDataAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_record(self, request, form, current):
        if current is None:
            return site_category_create(**form.cleaned_data)
        return site_category_update(category=current, **form.cleaned_data).record

    def delete_record(self, request, record):
        site_category_delete(category=record)


@admin.register(Site)
class SiteAdmin(ServiceAdmin, OrganisationScopedAdmin):
    list_display = ["name", "organisation", "category", "postcode", "ward", "sensitive"]
    list_filter = ["category", "sensitive", ORGANISATION_FILTER]
    search_fields = ["name", "address", "postcode", "ward"]
    list_select_related = ["organisation", "category"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = self.editable_organisations(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, form, current):
        fields = {name: form.cleaned_data[name] for name in SITE_INPUT_FIELDS}
        organisation = form.cleaned_data["organisation"]
        if current is None:
            return site_create(organisation=organisation, **fields)
        return site_update(site=current, organisation=organisation, **fields).record

    def delete_record(self, request, record):
        site_delete(site=record)
