from django.contrib import admin

from assets.forms import CameraForm
from assets.models import Camera, Manufacturer
from assets.services import camera_create, camera_update, cameras_refresh_derived
from registry.admin_scoping import OrganisationScopedAdmin, ReferenceDataAdmin
from registry.models import Site


@admin.register(Manufacturer)
class ManufacturerAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug", "country", "parent", "parent_from", "parent_until", "confidence"]
    list_filter = ["country", "confidence"]
    search_fields = ["name", "slug", "aliases"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"parent", "parent_from", "parent_until", "country"} & set(form.changed_data):
            cameras_refresh_derived(manufacturers=[obj])


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
    list_filter = ["status", "networked", "site__category", "manufacturer", "vendor", "origin_country", "organisation"]
    search_fields = ["asset_tag", "model", "serial_number", "site__name"]
    list_select_related = ["site", "manufacturer"]
    readonly_fields = ["organisation", "vendor", "origin_country_source", "end_of_life_estimated"]
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
            saved = camera_update(camera=original, reason=reason, **changes)
        else:
            saved = camera_create(reason=reason, **form.cleaned_data)
        obj.pk = saved.pk
