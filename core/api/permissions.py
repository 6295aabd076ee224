"""The API's one write check: Django's permission API, ``user.has_perm(name, record)``, answered by the apps'
permission policy. Apps subclass it only for their refusal's words or to name the permission."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission


class RecordWritePermission(BasePermission):
    """May this user make this write here? Anyone signed in reads (the view's queryset holds only what they may
    see); a write needs the permission the view names (``view.write_permission(method)``) on the record.

    Asked before the body is read, so a refusal for the role is a 403, never a 400 about the body: a create asks
    about the organisation it lands in when the view knows it (``parent_organisation()``, for records nested under
    another), else whether the user may do it in any organisation, and the view asks again once it knows where
    the record lands (``check_object_permissions`` with that organisation)."""

    message = "Your role does not allow this change."

    def permission_name(self, request, view) -> str:
        return view.write_permission(request.method)

    def message_for(self, method: str) -> str:
        return self.message

    def record_of(self, obj):
        """What the permission is asked about: the object itself, unless it belongs to another record."""
        return obj

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        self.message = self.message_for(request.method)
        name = self.permission_name(request, view)
        parent_organisation = getattr(view, "parent_organisation", None)
        if parent_organisation is not None:
            return request.user.has_perm(name, parent_organisation())
        if request.method == "POST":
            return request.user.has_perm(name)
        return True  # decided per object

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        self.message = self.message_for(request.method)
        return request.user.has_perm(self.permission_name(request, view), self.record_of(obj))


class ApiDocsAccess(BasePermission):
    """The schema and its docs page: for anyone signed in, or for everyone when ``PUBLIC_API_DOCS`` is set."""

    def has_permission(self, request, view) -> bool:
        return settings.PUBLIC_API_DOCS or bool(request.user and request.user.is_authenticated)
