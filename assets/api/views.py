from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from assets.api.serializers import (
    CameraCountsSerializer,
    CameraSerializer,
    ManufacturerSerializer,
    ReplacementPlanSerializer,
)
from assets.exports import counts_workbook
from assets.filtersets import CameraFilterSet
from assets.history import CAMERA_HISTORY
from assets.models import Camera, Manufacturer
from assets.replacement import replacement_plan_cameras, replacement_plan_summary
from assets.selectors import camera_counts_for_query, cameras_for_listing, cameras_for_user
from assets.services import camera_create, camera_delete, camera_update, manufacturer_create, manufacturer_update
from assets.vocabulary import COUNT_DIMENSIONS
from core.api.base import OrganisationRecordViewSet
from core.api.filters import FILTER_ERRORS, RegisterFilterBackend, view_query_parameters
from core.api.history import history_schema, record_history_response
from core.api.pagination import LIMIT_SCHEMA, OFFSET_SCHEMA
from core.api.renderers import FastJSONRenderer, XLSXRenderer
from core.printing import Printed, dated
from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_content_response
from registry.api.permissions import RegisterRolePermission, SuperuserWritesPermission
from registry.selectors import organisation_names_for_user

GROUP_BY = OpenApiParameter(
    "group_by",
    {"type": "array", "items": {"type": "string", "enum": list(COUNT_DIMENSIONS)}, "uniqueItems": True},
    style="form",
    explode=False,
    description="Comma-separated dimensions to count by, each at most once, from: " + ", ".join(COUNT_DIMENSIONS) + ". "
    "Without it the answer is the total alone.",
    examples=[
        OpenApiExample("By vendor", value=["vendor"]),
        OpenApiExample("Two dimensions", value=["vendor", "networked"]),
    ],
)
COUNTS_EXAMPLE = OpenApiExample(
    "Cameras in libraries by manufacturer",
    value={
        "total": 53,
        "group_by": ["manufacturer"],
        "groups": [
            {"manufacturer": "hikvision", "manufacturer_label": "Hikvision", "count": 50},
            {"manufacturer": None, "manufacturer_label": "Unknown", "count": 3},
        ],
    },
    response_only=True,
)


def camera_filterset(request, *, view) -> CameraFilterSet:
    """The camera filters of a request to ``view``, over the user's cameras."""
    return CameraFilterSet(
        request.query_params,
        queryset=cameras_for_user(user=request.user),
        request=request,
        other_parameters=view_query_parameters(view),
    )


@extend_schema_view(list=extend_schema(responses={200: CameraSerializer(many=True), 400: FILTER_ERRORS}))
class CameraViewSet(OrganisationRecordViewSet):
    """Cameras of your organisations. Officers and administrators edit; only administrators delete (a camera
    taken out of service is decommissioned: set its status and decommissioned date)."""

    serializer_class = CameraSerializer
    permission_classes = [IsAuthenticated, RegisterRolePermission]
    filter_backends = [RegisterFilterBackend]
    filterset_class = CameraFilterSet
    query_parameters: tuple[str, ...] = ()  # an action's own, besides the filters, pagination and format
    record_name = "camera"
    queryset = Camera.objects.none()  # for the schema; requests use scoped_queryset

    def scoped_queryset(self):
        return cameras_for_listing(cameras=cameras_for_user(user=self.request.user))

    def create_record(self, data: dict) -> Camera:
        self.require_editor(data["site"].organisation)
        return camera_create(override_by=self.request.user, reason=data.pop("change_reason", ""), **data)

    def update_record(self, instance: Camera, data: dict) -> Camera:
        if "site" in data:
            self.require_editor(data["site"].organisation)
        reason = data.pop("change_reason", "")
        return camera_update(camera=instance, override_by=self.request.user, reason=reason, **data).record

    def delete_record(self, instance: Camera) -> None:
        camera_delete(camera=instance)

    @history_schema("camera")
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, pk=None):
        return record_history_response(request, self, record_history=CAMERA_HISTORY, record=self.get_object())

    @extend_schema(
        filters=True,
        parameters=[GROUP_BY],
        responses={200: CameraCountsSerializer, 400: FILTER_ERRORS},
        examples=[COUNTS_EXAMPLE],
        description="How many cameras match the filters (the same as the list's), grouped by one or more "
        "dimensions. Computed in the database in one aggregate query.",
    )
    @action(detail=False, methods=["get"], pagination_class=None, query_parameters=("group_by",))
    def counts(self, request):
        filterset = camera_filterset(request, view=self)
        group_by = request.query_params.get("group_by")
        return Response(camera_counts_for_query(filterset=filterset, group_by=group_by, user=request.user))


@extend_schema(
    filters=True,
    parameters=[GROUP_BY],
    responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY, 400: FILTER_ERRORS},
    description="The counts endpoint's table, with its parameters, as an .xlsx workbook.",
)
class CameraCountsWorkbookView(APIView):
    """``GET /api/v1/cameras/counts.xlsx``: the counts endpoint's table, with its parameters, as a workbook."""

    permission_classes = [IsAuthenticated]
    renderer_classes = [FastJSONRenderer, XLSXRenderer]
    # Only so the schema lists the camera filters; get() applies the FilterSet itself.
    filter_backends = [RegisterFilterBackend]
    filterset_class = CameraFilterSet
    queryset = Camera.objects.none()
    query_parameters = ("group_by",)

    def get(self, request):
        filterset = camera_filterset(request, view=self)
        group_by = ",".join(request.query_params.getlist("group_by"))
        counts = camera_counts_for_query(filterset=filterset, group_by=group_by, user=request.user)
        printed = Printed(
            council=organisation_names_for_user(user=request.user),
            document=dated("Camera counts", timezone.localdate()),
        )
        return xlsx_content_response(
            content=counts_workbook(counts=counts, printed=printed), filename="camera-counts.xlsx"
        )


class ManufacturerViewSet(viewsets.ModelViewSet):
    """Manufacturers and brands, shared by every organisation. Superusers maintain them."""

    serializer_class = ManufacturerSerializer
    permission_classes = [IsAuthenticated, SuperuserWritesPermission]
    queryset = Manufacturer.objects.select_related("parent")
    lookup_field = "slug"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = manufacturer_create(reason=data.pop("change_reason", ""), **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        reason = data.pop("change_reason", "")
        serializer.instance = manufacturer_update(manufacturer=serializer.instance, reason=reason, **data).record


PLAN_LIMIT = OpenApiParameter(
    "limit",
    LIMIT_SCHEMA,
    description="How many of the plan's cameras to list, from 1 (default 50; more than 1000 lists 1000).",
)
PLAN_OFFSET = OpenApiParameter(
    "offset", OFFSET_SCHEMA, description="Where in the plan's cameras to start: 0 for the first."
)


class ReplacementPlanView(generics.GenericAPIView):
    """Cameras from restricted vendors still in place or planned, most urgent first: networked on a sensitive site,
    networked, on a sensitive site, the rest; within each, the earliest end of life first. With headline figures
    and, by end-of-life year, restricted against other cameras and the budget from the unit costs per site category.
    Takes the camera filters (such as ``organisation``); ``limit`` and ``offset`` page the cameras."""

    serializer_class = ReplacementPlanSerializer
    filter_backends = [RegisterFilterBackend]
    filterset_class = CameraFilterSet
    queryset = Camera.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        return cameras_for_user(user=self.request.user)

    def get_serializer_context(self):
        return super().get_serializer_context() | {"today": timezone.localdate()}

    @extend_schema(
        filters=True,
        parameters=[PLAN_LIMIT, PLAN_OFFSET],
        responses={200: ReplacementPlanSerializer, 400: FILTER_ERRORS},
    )
    def get(self, request):
        cameras = self.filter_queryset(self.get_queryset())
        context = self.get_serializer_context()
        summary = replacement_plan_summary(cameras=cameras, today=context["today"])
        paginator = self.paginator
        page = paginator.paginate_queryset(replacement_plan_cameras(cameras=cameras), request, view=self)
        plan = summary | {
            "cameras": {
                "count": paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": page,
            }
        }
        return Response(self.get_serializer(plan).data)
