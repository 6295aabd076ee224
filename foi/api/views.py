import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api.base import OrganisationRecordViewSet, etag_for
from core.api.exceptions import ErrorSerializer, FieldErrorsSerializer
from core.api.filters import RegisterFilterBackend
from core.api.history import history_schema, record_history_response
from core.api.permissions import RecordWritePermission
from core.api.renderers import FastJSONRenderer, XLSXRenderer
from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_content_response
from foi.api.casework import ExtendSerializer
from foi.api.serializers import (
    DateSerializer,
    FOIRequestDetailSerializer,
    FOIRequestSerializer,
    IssueSerializer,
    QuestionSerializer,
    ResponseVersionDetailSerializer,
    ResponseVersionSerializer,
)
from foi.filtersets import FOIRequestFilterSet
from foi.history import FOI_REQUEST_HISTORY
from foi.models import Appeal, FOIRequest, Question, ResponseVersion, Review
from foi.selectors import (
    foi_request_detail_for_user,
    foi_requests_for_user,
    foi_requests_in_list_order,
    response_versions,
    user_manages_foi,
)
from foi.services import (
    foi_request_clarification_receive,
    foi_request_clarification_request,
    foi_request_create,
    foi_request_delete,
    foi_request_extend,
    foi_request_issue,
    foi_request_update,
    foi_request_withdraw,
    question_create,
    question_delete,
    question_update,
    response_version_publish,
    response_version_unpublish,
)

ISSUED_IS_FINAL = "An issued response can never be edited; issue a new version instead."
FOI_DENIED = "Only the organisation's FOI officers and administrators can change FOI requests."


WORKBOOK = {(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY}


class ManagesFOIOrReadOnly(RecordWritePermission):
    """Members of the organisation read; only those who may manage its FOI requests change anything."""

    message = FOI_DENIED

    def permission_name(self, request, view) -> str:
        return "foi.manage_foirequest"

    def record_of(self, obj):
        return obj.request if isinstance(obj, Question | Review | Appeal) else obj


def workbook_renderers(view, workbook_actions: set[str]):
    """Only a download may be asked for as .xlsx; everything else answers JSON whatever the Accept header."""
    if view.action in workbook_actions:
        return [FastJSONRenderer(), XLSXRenderer()]
    return [FastJSONRenderer()]


@extend_schema_view(
    create=extend_schema(request=FOIRequestSerializer, responses={201: FOIRequestDetailSerializer}),
    update=extend_schema(request=FOIRequestSerializer, responses={200: FOIRequestDetailSerializer}),
    partial_update=extend_schema(request=FOIRequestSerializer, responses={200: FOIRequestDetailSerializer}),
)
class FOIRequestViewSet(OrganisationRecordViewSet):
    """FOI requests of your organisations, on the same base as sites and cameras (404 across organisations, ETag
    and If-Match); its FOI officers and administrators change them, through foi.services."""

    permission_classes = [permissions.IsAuthenticated, ManagesFOIOrReadOnly]
    filterset_class = FOIRequestFilterSet
    filter_backends = [RegisterFilterBackend]
    record_name = "FOI request"

    def get_renderers(self):
        return workbook_renderers(self, {"response_xlsx"})

    def scoped_queryset(self):
        return foi_requests_for_user(user=self.request.user)

    def get_queryset(self):
        if self.action == "retrieve":
            return foi_request_detail_for_user(user=self.request.user)
        if self.action == "list":
            return foi_requests_in_list_order(user=self.request.user)
        return super().get_queryset()

    def get_serializer_class(self):
        return FOIRequestDetailSerializer if self.action == "retrieve" else FOIRequestSerializer

    def create_record(self, data: dict) -> FOIRequest:
        return foi_request_create(reason=data.pop("change_reason", ""), **data)

    def update_record(self, instance: FOIRequest, data: dict) -> FOIRequest:
        data.pop("organisation", None)  # a request never moves organisation
        return foi_request_update(foi_request=instance, reason=data.pop("change_reason", ""), **data).record

    def delete_record(self, instance: FOIRequest) -> None:
        foi_request_delete(foi_request=instance)

    def reread(self, instance: FOIRequest) -> FOIRequest:
        return foi_request_detail_for_user(user=self.request.user).get(pk=instance.pk)

    def record_response(self, instance: FOIRequest, status_code: int = status.HTTP_200_OK) -> Response:
        """Every answer about one request is its detail: questions, answers and versions included."""
        detail = FOIRequestDetailSerializer(instance, context=self.get_serializer_context())
        return Response(detail.data, status=status_code, headers={"ETag": etag_for(instance)})

    def _valid_date(self, request) -> datetime.date:
        dates = DateSerializer(data=request.data)
        dates.is_valid(raise_exception=True)
        return dates.validated_data["date"]

    # Each action finds the request (404) and checks the role (403) before it reads the body (400).
    @extend_schema(request=DateSerializer, responses={200: FOIRequestDetailSerializer})
    @action(detail=True, methods=["post"], url_path="clarification-requested", serializer_class=DateSerializer)
    def clarification_requested(self, request, pk=None):
        foi_request = self.get_object()
        foi_request_clarification_request(foi_request=foi_request, requested_on=self._valid_date(request))
        return self.record_response(self.reread(foi_request))

    @extend_schema(request=DateSerializer, responses={200: FOIRequestDetailSerializer})
    @action(detail=True, methods=["post"], url_path="clarification-received", serializer_class=DateSerializer)
    def clarification_received(self, request, pk=None):
        foi_request = self.get_object()
        foi_request_clarification_receive(foi_request=foi_request, received_on=self._valid_date(request))
        return self.record_response(self.reread(foi_request))

    @extend_schema(request=None, responses={200: FOIRequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        foi_request = self.get_object()
        foi_request_withdraw(foi_request=foi_request)
        return self.record_response(self.reread(foi_request))

    @extend_schema(
        request=ExtendSerializer,
        responses={200: FOIRequestDetailSerializer},
        description="Extend the deadline for the public interest test (FOIA s.10(3)) by 1 to 20 working days, counted "
        "from the original due date after any earlier extension, 20 in all at most. Refused (400) for a Scottish "
        "organisation (FOISA has no such extension) and for a request that is not open.",
    )
    @action(detail=True, methods=["post"], serializer_class=ExtendSerializer)
    def extend(self, request, pk=None):
        foi_request = self.get_object()
        extension = ExtendSerializer(data=request.data)
        extension.is_valid(raise_exception=True)
        foi_request_extend(foi_request=foi_request, extended_by=request.user, **extension.validated_data)
        return self.record_response(self.reread(foi_request))

    @extend_schema(
        request=IssueSerializer,
        responses={201: ResponseVersionDetailSerializer},
        description="Freeze the answers and the response letter as the next response version, with its outcome; "
        "the body is optional. A 400 names the field when the outcome disagrees with the answers or the law.",
    )
    @action(detail=True, methods=["post"], serializer_class=IssueSerializer)
    def issue(self, request, pk=None):
        foi_request = self.get_object()
        options = IssueSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        version = foi_request_issue(foi_request=foi_request, issued_by=request.user, **options.validated_data)
        return Response(
            ResponseVersionDetailSerializer(version, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=WORKBOOK)
    def response_xlsx(self, request, pk=None):
        """The latest issued response, byte for byte as issued."""
        foi_request = self.get_object()
        version = response_versions().filter(request=foi_request).defer(None).last()
        if version is None:
            raise Http404("No response has been issued for this request yet.")
        return xlsx_content_response(content=bytes(version.workbook), filename=version.filename)

    @history_schema("FOI request")
    def history(self, request, pk=None):
        return record_history_response(request, self, record_history=FOI_REQUEST_HISTORY, record=self.get_object())


class NestedInRequestMixin:
    """Views below /requests/{request_pk}/: the request must be one the user can see, else 404."""

    def get_foi_request(self) -> FOIRequest:
        if not hasattr(self, "_foi_request"):
            self._foi_request = get_object_or_404(
                foi_requests_for_user(user=self.request.user), pk=self.kwargs["request_pk"]
            )
        return self._foi_request

    def parent_organisation(self):
        """Where a write lands, for ``RecordWritePermission``."""
        return self.get_foi_request().organisation

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "foi_request": self.get_foi_request()}


class QuestionViewSet(NestedInRequestMixin, OrganisationRecordViewSet):
    permission_classes = [permissions.IsAuthenticated, ManagesFOIOrReadOnly]
    serializer_class = QuestionSerializer
    filter_backends: list = []
    pagination_class = None
    record_name = "question"

    def scoped_queryset(self):
        return self.get_foi_request().questions.select_related("request__organisation").order_by("order", "id")

    def create_record(self, data: dict) -> Question:
        return question_create(foi_request=self.get_foi_request(), reason=data.pop("change_reason", ""), **data)

    def update_record(self, instance: Question, data: dict) -> Question:
        return question_update(question=instance, reason=data.pop("change_reason", ""), **data).record

    def delete_record(self, instance: Question) -> None:
        question_delete(question=instance)


class ResponseVersionViewSet(NestedInRequestMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Issued responses: read them and download them; they can never be changed or deleted."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "number"
    filter_backends: list = []
    pagination_class = None

    def get_renderers(self):
        return workbook_renderers(self, {"workbook"})

    def get_queryset(self):
        return response_versions().filter(request=self.get_foi_request()).select_related("issued_by")

    def get_serializer_class(self):
        return ResponseVersionDetailSerializer if self.action == "retrieve" else ResponseVersionSerializer

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=None,
        responses={400: OpenApiResponse(FieldErrorsSerializer, description=ISSUED_IS_FINAL)},
        description=ISSUED_IS_FINAL,
    )
    def refuse_change(self, request, *args, **kwargs):
        self.get_object()
        return Response({"version": [ISSUED_IS_FINAL]}, status=status.HTTP_400_BAD_REQUEST)

    update = partial_update = destroy = refuse_change

    @extend_schema(
        request=None,
        responses={200: ResponseVersionSerializer, 403: OpenApiResponse(ErrorSerializer, description=FOI_DENIED)},
        description="Put the issued response on the organisation's disclosure log (FOI officers and administrators); "
        "publishing it again keeps the first date. Its frozen content is unchanged.",
    )
    def publish(self, request, *args, **kwargs):
        return self._publication(request, publish=True)

    @extend_schema(
        request=None,
        responses={200: ResponseVersionSerializer, 403: OpenApiResponse(ErrorSerializer, description=FOI_DENIED)},
        description="Take the response off the disclosure log (FOI officers and administrators).",
    )
    def unpublish(self, request, *args, **kwargs):
        return self._publication(request, publish=False)

    def _publication(self, request, *, publish: bool) -> Response:
        version = self.get_object()
        if not user_manages_foi(user=request.user, foi_request=version.request):
            raise PermissionDenied(FOI_DENIED)
        service = response_version_publish if publish else response_version_unpublish
        version = service(version=version, user=request.user)
        return Response(ResponseVersionSerializer(version, context={"request": request}).data)

    @extend_schema(responses=WORKBOOK)
    def workbook(self, request, *args, **kwargs):
        version: ResponseVersion = get_object_or_404(
            ResponseVersion.objects.filter(request=self.get_foi_request()), number=self.kwargs["number"]
        )
        return xlsx_content_response(content=bytes(version.workbook), filename=version.filename)
