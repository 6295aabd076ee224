"""Roles applied to API requests: viewers and FOI officers read, officers edit, administrators also delete."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from registry.choices import Role
from registry.selectors import organisations_where_user_has_role, role_for_user

EDIT_DENIED = "Your role does not allow changes here: officers and administrators edit the register."
DELETE_DENIED = "Only an administrator of the organisation may delete; decommission a camera instead."


def roles_for_method(method: str) -> set[str]:
    return {Role.ADMIN} if method == "DELETE" else Role.register_editors()


class RegisterRolePermission(BasePermission):
    """For records that belong to an organisation (``obj.organisation``). A create is checked again
    against the organisation it lands in, once the view knows it."""

    message = EDIT_DENIED

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if request.method == "POST":
            return organisations_where_user_has_role(user=request.user, roles=Role.register_editors()).exists()
        return True  # decided per object

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        self.message = DELETE_DENIED if request.method == "DELETE" else EDIT_DENIED
        return role_for_user(user=request.user, organisation=obj.organisation) in roles_for_method(request.method)


class SuperuserWritesPermission(BasePermission):
    """Reference data shared by every organisation: anyone signed in reads it, only a superuser changes it."""

    message = "Only a superuser may change reference data."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or request.user.is_superuser
