"""The base for API resources that belong to an organisation (sites, cameras): scoped reads, role checks,
writes through services, and optimistic concurrency with ETag / If-Match so no write silently overwrites."""

from django.db import transaction
from django.db.models import Model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response

from core.api.exceptions import PreconditionFailed
from core.api.permissions import RecordWritePermission
from core.permissions import permission_name

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag from your last read of this record. If it changed since, nothing is saved and the "
    "answer is 412 Precondition Failed. Without If-Match the write proceeds.",
)


def etag_for(instance: Model) -> str:
    return f'"{instance.pk}-{int(instance.updated_at.timestamp() * 1_000_000)}"'


def if_match_holds(header: str, current: str) -> bool:
    # Lenient about weak tags: a client echoing W/"..." means the same version.
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or current in tags


class OrganisationRecordViewSet(viewsets.ModelViewSet):
    """Subclasses give ``scoped_queryset`` (already limited to the user's organisations) and the three
    ``*_record`` hooks that call services; everything else (404 across organisations, roles, ETags) is here.
    A write needs ``<app>.<add|change|delete>_<model>`` (``write_permission``); an app may pass in a subclass of
    ``RecordWritePermission`` for its own refusal words."""

    permission_classes = [IsAuthenticated, RecordWritePermission]
    record_name = "record"

    def scoped_queryset(self):
        raise NotImplementedError

    def create_record(self, data: dict) -> Model:
        raise NotImplementedError

    def update_record(self, instance: Model, data: dict) -> Model:
        raise NotImplementedError

    def delete_record(self, instance: Model) -> None:
        raise NotImplementedError

    def get_queryset(self):
        queryset = self.scoped_queryset()
        # By action, not method: OPTIONS asks for the object as a PUT would, but outside any transaction.
        if self.action in {"update", "partial_update", "destroy"}:
            # Locked until the write commits, so nobody slips in between the If-Match check and the save.
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def get_object(self):
        instance = super().get_object()
        if self.request.method not in SAFE_METHODS:
            self.check_if_match(instance)
        return instance

    def check_if_match(self, instance: Model) -> None:
        header = self.request.headers.get("If-Match")
        if header and not if_match_holds(header, etag_for(instance)):
            raise PreconditionFailed(
                f"This {self.record_name} was changed (at {instance.updated_at:%Y-%m-%d %H:%M:%S}) since you read "
                "it; nothing was saved. Fetch it again, reapply your change and send the new ETag in If-Match."
            )

    def write_permission(self, method: str) -> str:
        """The permission a write by ``method`` needs: ``registry.add_site`` for a POST to the sites."""
        verb = {"POST": "add", "DELETE": "delete"}.get(method, "change")
        return permission_name(self.scoped_queryset().model, verb)

    def require_editor(self, organisation: Model) -> None:
        """The write lands in ``organisation`` (named in the body): the user needs the write's permission there
        too, refused in the same words as the permission classes use."""
        self.check_object_permissions(self.request, organisation)

    def reread(self, instance: Model) -> Model:
        """The saved record as a read shows it, labels included."""
        return self.scoped_queryset().get(pk=instance.pk)

    def record_response(self, instance: Model, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(instance).data, status=status_code, headers={"ETag": etag_for(instance)})

    def retrieve(self, request, *args, **kwargs):
        return self.record_response(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.create_record(serializer.validated_data)
        return self.record_response(self.reread(instance), status.HTTP_201_CREATED)

    @extend_schema(parameters=[IF_MATCH])
    @transaction.atomic
    def update(self, request, *args, partial=False, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self.record_response(self.reread(self.update_record(instance, serializer.validated_data)))

    @extend_schema(parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(parameters=[IF_MATCH])
    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        self.delete_record(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
