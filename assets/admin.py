from django.contrib import admin
from django.db.models import Q

from assets.forms import CameraForm
from assets.models import Camera, Manufacturer, VendorRestriction
from assets.services import (
    camera_create,
    camera_update,
    cameras_refresh_derived,
    manufacturer_create,
    manufacturer_update,
)
from registry.admin_scoping import ORGANISATION_FILTER, OrganisationScopedAdmin, ReferenceDataAdmin
from registry.models import Organisation, Site
from registry.policy import Action
from registry.selectors import organisations_for_user


@admin.register(Manufacturer)
class ManufacturerAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug", "country", "parent", "parent_relation", "parent_from", "parent_until", "confidence"]
    list_filter = ["country", "parent_relation", "confidence"]
    search_fields = ["name", "slug", "aliases"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        # Through the services, so cameras of the brand are derived again when an owner or maker link changes.
        if change:
            original = Manufacturer.objects.get(pk=obj.pk)
            saved = manufacturer_update(
                manufacturer=original, **{name: form.cleaned_data[name] for name in form.changed_data}
            )
        else:
            saved = manufacturer_create(**form.cleaned_data)
        obj.pk = saved.pk


@admin.register(Camera)
class CameraAdmin(OrganisationScopedAdmin):
    form = CameraForm
    list_display = [
        "asset_tag",
        "site",
        "manufacturer",
        "model",
        "origin_country",
        "networked",
        "status",
        "install_date",
        "end_of_life_date",
    ]
    list_filter = [
        "status",
        "networked",
        "restricted",
        "site__category",
        "manufacturer",
        "vendor",
        "origin_country",
        ORGANISATION_FILTER,
    ]
    search_fields = ["asset_tag", "model", "serial_number", "site__name"]
    list_select_related = ["site", "manufacturer"]
    readonly_fields = [
        "organisation",
        "vendor",
        "restricted",
        "restriction_override_by",
        "origin_country_source",
        "end_of_life_estimated",
    ]
    date_hierarchy = "install_date"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = Site.objects.filter(organisation__in=self.editable_organisations(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Through the services, so vendor, origin and estimated end of life are derived as everywhere else.
        reason = "Edited in the admin site"
        if change:
            original = Camera.objects.get(pk=obj.pk)
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            saved = camera_update(camera=original, reason=reason, override_by=request.user, **changes)
        else:
            saved = camera_create(reason=reason, override_by=request.user, **form.cleaned_data)
        obj.pk = saved.pk


@admin.register(VendorRestriction)
class VendorRestrictionAdmin(OrganisationScopedAdmin):
    """Public bases are reference data (superusers edit them); an organisation admin adds its own rules."""

    edit_action = Action.CHANGE_SETTINGS
    list_display = ["key", "short_basis", "target", "date", "organisation"]
    list_filter = ["key", "country", ORGANISATION_FILTER]
    search_fields = ["key", "basis", "manufacturer__name", "note"]
    list_select_related = ["manufacturer", "organisation"]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            Q(organisation__isnull=True) | Q(organisation__in=organisations_for_user(user=request.user))
        )

    def get_exclude(self, request, obj=None):
        return [] if request.user.is_superuser else ["adopted_by"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.organisation_id is None:
            return request.user.is_superuser
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.organisation_id is None:
            return request.user.is_superuser
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["queryset"] = self.editable_organisations(request)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for organisation in Organisation.objects.filter(Q(pk=obj.organisation_id) | Q(adopted_restrictions=obj)):
            cameras_refresh_derived(organisation=organisation)
