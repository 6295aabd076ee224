from django import forms
from django.contrib import admin
from django.db.models import Q

from assets.forms import CameraForm
from assets.models import Camera, Manufacturer, VendorRestriction
from assets.services import (
    CAMERA_INPUT_FIELDS,
    ORGANISATION_SETTINGS,
    camera_create,
    camera_delete,
    camera_update,
    manufacturer_create,
    manufacturer_delete,
    manufacturer_update,
    organisation_followed_keys,
    organisation_settings_create,
    organisation_settings_update,
    restriction_create,
    restriction_delete,
    restriction_update,
)
from core.service_admin import ServiceAdmin
from registry.admin_scoping import ORGANISATION_FILTER, OrganisationScopedAdmin, ReferenceDataAdmin
from registry.models import Organisation, Site, SurveillanceSystem
from registry.policy import Action
from registry.selectors import organisations_for_user
from registry.services import organisation_delete


class OrganisationForm(forms.ModelForm):
    followed_restrictions = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Public vendor restrictions this organisation follows; its own rules always apply.",
    )

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_SETTINGS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        public = VendorRestriction.objects.filter(organisation__isnull=True).order_by("key")
        bases = {restriction.key: restriction.short_basis for restriction in public}
        self.fields["followed_restrictions"].choices = sorted(bases.items())
        if self.instance.pk:
            self.initial["followed_restrictions"] = sorted(organisation_followed_keys(organisation=self.instance))


# Registered here, not in registry: its form offers assets' restrictions, and its service derives cameras again.
@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin, OrganisationScopedAdmin):
    organisation_path = "pk"
    edit_action = Action.CHANGE_SETTINGS
    form = OrganisationForm
    list_display = [
        "name",
        "slug",
        "jurisdiction",
        "default_camera_lifespan_years",
        "no_restricted_cameras_after",
        "foi_requester_retention_months",
    ]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "slug"]

    def _organisation_of(self, obj):
        return obj

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(memberships__user=request.user, memberships__is_active=True)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_record(self, request, form, current):
        settings = {name: form.cleaned_data[name] for name in ORGANISATION_SETTINGS}
        followed = form.cleaned_data["followed_restrictions"]
        if current is None:
            return organisation_settings_create(followed_restrictions=followed, **settings)
        return organisation_settings_update(organisation=current, followed_restrictions=followed, **settings).record

    def delete_record(self, request, record):
        organisation_delete(organisation=record)


@admin.register(Manufacturer)
class ManufacturerAdmin(ServiceAdmin, ReferenceDataAdmin):
    list_display = ["name", "slug", "country", "parent", "parent_relation", "parent_from", "parent_until", "confidence"]
    list_filter = ["country", "parent_relation", "confidence"]
    search_fields = ["name", "slug", "aliases"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}

    def save_record(self, request, form, current):
        if current is None:
            return manufacturer_create(**form.cleaned_data)
        return manufacturer_update(manufacturer=current, **form.cleaned_data).record

    def delete_record(self, request, record):
        manufacturer_delete(manufacturer=record)


@admin.register(Camera)
class CameraAdmin(ServiceAdmin, OrganisationScopedAdmin):
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
        if db_field.name == "system":
            organisations = self.editable_organisations(request)
            kwargs["queryset"] = SurveillanceSystem.objects.filter(organisation__in=organisations)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, form, current):
        fields = {name: form.cleaned_data[name] for name in CAMERA_INPUT_FIELDS}
        reason = "Edited in the admin site"
        if current is None:
            return camera_create(reason=reason, override_by=request.user, **fields)
        return camera_update(camera=current, reason=reason, override_by=request.user, **fields).record

    def delete_record(self, request, record):
        camera_delete(camera=record)


@admin.register(VendorRestriction)
class VendorRestrictionAdmin(ServiceAdmin, OrganisationScopedAdmin):
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

    def save_record(self, request, form, current):
        fields = dict(form.cleaned_data)
        adopted_by = fields.pop("adopted_by", None)  # only a superuser's form has it
        if current is None:
            return restriction_create(adopted_by=adopted_by, **fields)
        return restriction_update(restriction=current, adopted_by=adopted_by, **fields).record

    def delete_record(self, request, record):
        restriction_delete(restriction=record)
