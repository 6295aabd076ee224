from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model

from registry.admin_scoping import ORGANISATION_FILTER, OrganisationScopedAdmin, ReferenceDataAdmin
from registry.models import Membership, Organisation, ReplacementUnitCost, Site, SiteCategory
from registry.policy import Action


class OrganisationForm(forms.ModelForm):
    followed_restrictions = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Public vendor restrictions this organisation follows; its own rules always apply.",
    )

    class Meta:
        model = Organisation
        fields = ["name", "slug", "jurisdiction", "default_camera_lifespan_years", "no_restricted_cameras_after"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from assets.models import VendorRestriction

        public = VendorRestriction.objects.filter(organisation__isnull=True).order_by("key")
        bases = {restriction.key: restriction.short_basis for restriction in public}
        self.fields["followed_restrictions"].choices = sorted(bases.items())
        if self.instance.pk:
            self.initial["followed_restrictions"] = sorted(
                set(self.instance.adopted_restrictions.values_list("key", flat=True))
            )


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = "pk"
    edit_action = Action.CHANGE_SETTINGS
    form = OrganisationForm
    list_display = ["name", "slug", "jurisdiction", "default_camera_lifespan_years", "no_restricted_cameras_after"]
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
        from assets.services import cameras_refresh_derived, organisation_follow_restrictions

        if "followed_restrictions" in form.changed_data:
            organisation_follow_restrictions(organisation=obj, keys=form.cleaned_data["followed_restrictions"])
        elif change and "default_camera_lifespan_years" in form.changed_data:
            cameras_refresh_derived(organisation=obj)


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin):
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


@admin.register(ReplacementUnitCost)
class ReplacementUnitCostAdmin(OrganisationScopedAdmin):
    edit_action = Action.CHANGE_SETTINGS
    list_display = ["organisation", "category", "unit_cost"]
    list_filter = [ORGANISATION_FILTER, "category"]
    search_fields = ["category__name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = self.editable_organisations(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(SiteCategory)
class SiteCategoryAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Site)
class SiteAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "category", "postcode", "ward", "sensitive"]
    list_filter = ["category", "sensitive", ORGANISATION_FILTER]
    search_fields = ["name", "address", "postcode", "ward"]
    list_select_related = ["organisation", "category"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = self.editable_organisations(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
