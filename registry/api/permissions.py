"""Roles applied to API requests: viewers and FOI officers read, officers edit, administrators also delete;
FOI officers and administrators manage FOI requests."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from registry.choices import Role
from registry.models import Organisation
from registry.selectors import organisations_where_user_has_role, role_for_user

EDIT_DENIED = "Your role does not allow changes here: officers and administrators edit the register."
DELETE_DENIED = "Only an administrator of the organisation may delete; decommission a camera instead."
FOI_DENIED = "Only the organisation's FOI officers and administrators can change FOI requests."


def roles_for_method(method: str) -> set[str]:
    return {Role.ADMIN} if method == "DELETE" else Role.register_editors()


class OrganisationRolePermission(BasePermission):
    """May this user make this write here? Anyone signed in reads (their querysets hold only their organisations'
    records); a write needs one of ``roles_for`` in the organisation of the record (``organisation_of``).

    Asked before the body is read, so a refusal for the role is a 403, never a 400 about the body: a create needs
    the role in the organisation it lands in when the view knows it (``parent_organisation()``, for records nested
    under another), else in at least one organisation, and is checked again once the view knows where it lands."""

    message = EDIT_DENIED

    def roles_for(self, method: str) -> set[str]:
        return roles_for_method(method)

    def message_for(self, method: str) -> str:
        return self.message

    def organisation_of(self, obj) -> Organisation:
        return obj.organisation

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        self.message = self.message_for(request.method)
        roles = self.roles_for(request.method)
        parent_organisation = getattr(view, "parent_organisation", None)
        if parent_organisation is not None:
            return role_for_user(user=request.user, organisation=parent_organisation()) in roles
        if request.method == "POST":
            return organisations_where_user_has_role(user=request.user, roles=roles).exists()
        return True  # decided per object

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        self.message = self.message_for(request.method)
        return role_for_user(user=request.user, organisation=self.organisation_of(obj)) in self.roles_for(
            request.method
        )


class RegisterRolePermission(OrganisationRolePermission):
    """For records of the register that belong to an organisation (sites, cameras)."""

    def message_for(self, method: str) -> str:
        return DELETE_DENIED if method == "DELETE" else EDIT_DENIED


class SuperuserWritesPermission(BasePermission):
    """Reference data shared by every organisation: anyone signed in reads it, only a superuser changes it."""

    message = "Only a superuser may change reference data."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or request.user.is_superuser
