"""The register's API refusals, over core's one write check (which asks the policy in ``registry/policy.py``):
viewers and FOI officers read, officers edit, administrators also delete."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.api.permissions import RecordWritePermission

EDIT_DENIED = "Your role does not allow changes here: officers and administrators edit the register."
DELETE_DENIED = "Only an administrator of the organisation may delete; decommission a camera instead."


class RegisterRolePermission(RecordWritePermission):
    """For records of the register that belong to an organisation (sites, cameras)."""

    def message_for(self, method: str) -> str:
        return DELETE_DENIED if method == "DELETE" else EDIT_DENIED


class SuperuserWritesPermission(BasePermission):
    """Reference data shared by every organisation: anyone signed in reads it, only a superuser changes it."""

    message = "Only a superuser may change reference data."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or request.user.is_superuser


class ManagesMembersPermission(BasePermission):
    """Members are listed and changed by the organisation's administrators only, reads included: a member list
    is personal data. The view's ``parent_organisation()`` is already one of the user's (else 404)."""

    message = "Only an administrator of the organisation manages its members."

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("registry.manage_members", view.parent_organisation())
