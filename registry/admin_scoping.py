"""Admin bases that show a member only their own organisations' records and apply the permission policy."""

from django.contrib import admin

from registry.policy import Action, organisations_where_user_may, user_may


class OrganisationScopedAdmin(admin.ModelAdmin):
    """For models that belong to an organisation through ``organisation_path``; adding and changing need
    ``edit_action`` there, deleting ``delete_action`` (actions of ``registry/policy.py``)."""

    organisation_path = "organisation"
    edit_action: Action = Action.CHANGE
    delete_action: Action = Action.DELETE

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        visible = organisations_where_user_may(user=request.user, action=Action.VIEW)
        return queryset.filter(**{f"{self.organisation_path}__in": visible})

    def _organisation_of(self, obj):
        for part in self.organisation_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _may(self, request, action: Action, obj=None) -> bool:
        record = None if obj is None else self._organisation_of(obj)
        return user_may(user=request.user, action=action, record=record)

    def has_module_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or (user.is_staff and user_may(user=user, action=Action.VIEW)))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self._may(request, self.edit_action)

    def has_change_permission(self, request, obj=None):
        return self._may(request, self.edit_action, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, self.delete_action, obj)

    def editable_organisations(self, request):
        return organisations_where_user_may(user=request.user, action=self.edit_action)


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
