from django.contrib import admin
from django.contrib.auth import get_user_model

from registry.admin_scoping import OrganisationScopedAdmin, ReferenceDataAdmin
from registry.choices import Role
from registry.models import Membership, Organisation, Site, SiteCategory


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = "pk"
    edit_roles = {Role.ADMIN}
    list_display = ["name", "slug", "jurisdiction", "default_camera_lifespan_years"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "slug"]

    def _organisation_of(self, obj):
        return obj

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(memberships__user=request.user)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "default_camera_lifespan_years" in form.changed_data:
            from assets.services import cameras_refresh_derived

            cameras_refresh_derived(organisation=obj)


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin):
    edit_roles = {Role.ADMIN}
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
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


@admin.register(SiteCategory)
class SiteCategoryAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Site)
class SiteAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "category", "postcode", "ward"]
    list_filter = ["category", "organisation"]
    search_fields = ["name", "address", "postcode", "ward"]
    list_select_related = ["organisation", "category"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = self.editable_organisations(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
