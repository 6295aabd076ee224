"""History entries in the API: the entry's serializer, the paged list of one record's history (the
``/{id}/history/`` actions), and the write-only ``change_reason`` every write accepts."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api.pagination import LIMIT_SCHEMA, OFFSET_SCHEMA, LimitOffsetPagination
from core.history import RecordHistory, history_entries, newest_first

CHANGE_REASON_MAX_LENGTH = 200


def change_reason_field() -> serializers.CharField:
    return serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=CHANGE_REASON_MAX_LENGTH,
        help_text="Why you make this change, kept in the record's history (at most 200 characters).",
    )


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field's label.")
    old = serializers.CharField(help_text="The value before, in words; empty when there was none.")
    new = serializers.CharField(help_text="The value after, in words; empty when there is none.")


class HistoryEntrySerializer(serializers.Serializer):
    object_type = serializers.ChoiceField(
        choices=["camera", "site", "system", "foi_request", "question", "manufacturer", "organisation", "membership"]
    )
    object_id = serializers.IntegerField()
    object_label = serializers.CharField(help_text="The record's name as it was then (asset tag, site name...).")
    organisation = serializers.CharField(help_text="The organisation's slug; empty for a manufacturer.")
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    user = serializers.CharField(help_text="Username of who made the change; empty for a script.")
    at = serializers.DateTimeField()
    reason = serializers.CharField(help_text="The reason given for the change; empty when none was.")
    changes = FieldChangeSerializer(many=True, help_text="Each field that changed (or was set, on creation).")


class PaginatedHistorySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = HistoryEntrySerializer(many=True)


PAGING = [
    OpenApiParameter("limit", LIMIT_SCHEMA, description="How many entries to list, from 1 (at most 1000)."),
    OpenApiParameter("offset", OFFSET_SCHEMA, description="Where to start: 0 for the newest."),
]


def history_schema(noun: str):
    return extend_schema(
        filters=False,
        parameters=PAGING,
        responses={200: PaginatedHistorySerializer},
        description=f"The {noun}'s history, newest first: who changed what, when and why.",
    )


def record_history_response(request, view, *, record_history: RecordHistory, record) -> Response:
    """One record's history as a page of entries, newest first."""
    rows = newest_first(record_history.annotated(record_history.history_model.objects.filter(id=record.pk)))
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    entries = history_entries(record_history=record_history, rows=page)
    return paginator.get_paginated_response(HistoryEntrySerializer(entries, many=True).data)
