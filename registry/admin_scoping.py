"""Admin bases that show a member only their own organisations' records and apply their role."""

from django.contrib import admin

from registry.choices import Role
from registry.selectors import organisations_for_user, organisations_where_user_has_role


class OrganisationScopedAdmin(admin.ModelAdmin):
    """For models that belong to an organisation through ``organisation_path``."""

    organisation_path = "organisation"
    edit_roles: set[str] = Role.register_editors()
    delete_roles: set[str] = {Role.ADMIN}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.organisation_path}__in": organisations_for_user(user=request.user)})

    def _organisation_of(self, obj):
        for part in self.organisation_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _has_role(self, request, roles: set[str], obj=None) -> bool:
        allowed = organisations_where_user_has_role(user=request.user, roles=roles)
        if obj is None:
            return allowed.exists()
        return allowed.filter(pk=self._organisation_of(obj).pk).exists()

    def has_module_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or (user.is_staff and organisations_for_user(user=user).exists()))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self._has_role(request, self.edit_roles)

    def has_change_permission(self, request, obj=None):
        return self._has_role(request, self.edit_roles, obj)

    def has_delete_permission(self, request, obj=None):
        return self._has_role(request, self.delete_roles, obj)

    def editable_organisations(self, request):
        return organisations_where_user_has_role(user=request.user, roles=self.edit_roles)


class ReferenceDataAdmin(admin.ModelAdmin):
    """Shared reference data: every member reads it, only a superuser changes it."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# A list filter offering only the organisations present in the (already scoped) list: the plain
# related filter would name every council in the register.
ORGANISATION_FILTER = ("organisation", admin.RelatedOnlyFieldListFilter)
