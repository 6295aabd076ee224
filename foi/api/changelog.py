"""``GET /api/v1/changes/``: the change log (``foi/changelog.py``), for organisation admins and FOI officers."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated

from core.api.exceptions import ErrorSerializer
from core.api.filters import FILTER_ERRORS, view_query_parameters
from core.api.history import PAGING, HistoryEntrySerializer, PaginatedHistorySerializer
from core.filtersets import filter_errors
from foi.changelog import change_entries, changes_for_user
from foi.filtersets import ChangeFilterSet
from foi.history import RECORD_HISTORIES


class MayReadChangeLog(BasePermission):
    message = "Only organisation administrators and FOI officers can read the change log."

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("registry.view_changes")


FILTERS = [
    OpenApiParameter(
        "object_type",
        {"type": "string", "enum": ["", *RECORD_HISTORIES]},
        description="Only changes to this kind of record (blank: every kind).",
    ),
    OpenApiParameter(
        "object_id",
        {"type": "integer", "minimum": 1},
        description="Only changes to the record with this id (give object_type too).",
    ),
    OpenApiParameter("user", OpenApiTypes.STR, description="Only changes made by this username."),
    OpenApiParameter("since", OpenApiTypes.DATE, description="Only changes made on or after this day."),
    OpenApiParameter("until", OpenApiTypes.DATE, description="Only changes made on or before this day."),
]


class ChangeLogView(GenericAPIView):
    """Every recorded change in your organisations (admins and FOI officers), newest first: who, when, what changed
    field by field, and why. Manufacturers are shared reference data: their changes are listed to everyone who
    may read a change log, with no organisation."""

    permission_classes = [IsAuthenticated, MayReadChangeLog]

    @extend_schema(
        filters=False,
        parameters=[*FILTERS, *PAGING],
        responses={
            200: PaginatedHistorySerializer,
            400: FILTER_ERRORS,
            403: OpenApiResponse(ErrorSerializer, description=MayReadChangeLog.message),
        },
    )
    def get(self, request):
        filterset = ChangeFilterSet(
            request.query_params,
            queryset=RECORD_HISTORIES["camera"].history_model.objects.none(),
            request=request,
            other_parameters=view_query_parameters(self),
        )
        errors = filter_errors(filterset)
        if errors:
            raise ValidationError(errors)
        page = self.paginate_queryset(changes_for_user(user=request.user, filterset=filterset))
        return self.get_paginated_response(HistoryEntrySerializer(change_entries(page), many=True).data)
