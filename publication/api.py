"""``/api/v1/public/<slug>/``: the published register's open data, for anyone, without credentials. Answers are the
same for every caller (no authentication is read), throttled per address under their own scope, and CORS-open for
reading (``publication.middleware``)."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, throttling
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from assets.exports import counts_workbook
from assets.models import Camera
from core.api.exceptions import ErrorSerializer
from core.api.filters import FILTER_ERRORS, RegisterFilterBackend, view_query_parameters
from core.api.renderers import FastJSONRenderer
from core.api.throttling import RatesFromSettings
from core.filtersets import unknown_parameters
from core.printing import Printed, dated
from core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Column, csv_response, xlsx_content_response
from foi.choices import Outcome
from publication.filtersets import PublicCameraFilterSet
from publication.selectors import (
    PUBLIC_DIMENSIONS,
    disclosure_log,
    public_counts,
    published_organisation,
    published_systems,
)
from publication.wording import response_outcome

NOT_PUBLISHED = OpenApiResponse(ErrorSerializer, description="No organisation publishes its register at this address.")
GROUP_BY = OpenApiParameter(
    "group_by",
    str,
    description="Comma-separated dimensions to count by: " + ", ".join(PUBLIC_DIMENSIONS) + ".",
)
SEARCH = OpenApiParameter("q", str, description="Words to find in the requests' subjects.")


class PublicRegisterThrottle(RatesFromSettings, throttling.AnonRateThrottle):
    """Per address, under the ``public`` rate (``API_THROTTLE_PUBLIC``)."""

    scope = "public"


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicRegisterThrottle]
    renderer_classes = [FastJSONRenderer]


class PublicCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="How many cameras in service, at sites not marked sensitive, match.")
    group_by = serializers.ListField(child=serializers.ChoiceField(choices=list(PUBLIC_DIMENSIONS)))
    groups = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per combination of values, largest count first: for each dimension D, D (its machine "
        "value, null when unknown) and D_label; then count.",
    )


class CountsView(PublicView):
    """Cameras in service at the organisation's sites not marked sensitive, counted by the published dimensions."""

    filter_backends = [RegisterFilterBackend]  # only so the schema lists the filters; get() applies them itself
    filterset_class = PublicCameraFilterSet
    queryset = Camera.objects.none()

    def counts(self, request, slug: str) -> tuple:
        organisation = published_organisation(slug=slug)
        query = {name: request.query_params.get(name) for name in request.query_params}
        group_by = ",".join(request.query_params.getlist("group_by"))
        return organisation, public_counts(organisation=organisation, query=query, group_by=group_by)

    @extend_schema(
        filters=True,
        parameters=[GROUP_BY],
        responses={200: PublicCountsSerializer, 400: FILTER_ERRORS, 404: NOT_PUBLISHED},
        description="How many of the council's cameras are in service (operational or faulty), at sites not marked "
        "sensitive, grouped by the dimensions asked for. Only the published dimensions and filters are accepted.",
    )
    def get(self, request, slug: str):
        return Response(self.counts(request, slug)[1])


def counts_columns(counts: dict) -> list[Column]:
    columns = [
        Column(PUBLIC_DIMENSIONS[name].heading, lambda group, name=name: group[f"{name}_label"])
        for name in counts["group_by"]
    ]
    return [*columns, Column("Cameras", "count")]


class CountsDownloadView(CountsView):
    """The counts as a file: ``extension`` is csv, json or xlsx."""

    extension = "json"

    @extend_schema(
        filters=True,
        parameters=[GROUP_BY],
        responses={
            (200, "application/json"): PublicCountsSerializer,
            (200, CSV_CONTENT_TYPE.split(";")[0]): OpenApiTypes.STR,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            400: FILTER_ERRORS,
            404: NOT_PUBLISHED,
        },
        description="The counts as a download (.csv, .json or .xlsx, by the address's extension).",
    )
    def get(self, request, slug: str):
        organisation, counts = self.counts(request, slug)
        filename = f"{organisation.slug}-camera-counts.{self.extension}"
        if self.extension == "csv":
            rows = counts["groups"] if counts["group_by"] else [{"count": counts["total"]}]
            return csv_response(rows=rows, columns=counts_columns(counts), filename=filename)
        if self.extension == "xlsx":
            printed = Printed(council=organisation.name, document=dated("Camera counts", timezone.localdate()))
            return xlsx_content_response(content=counts_workbook(counts=counts, printed=printed), filename=filename)
        response = Response(counts)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PublishedSystemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    purpose = serializers.CharField()
    retention_days = serializers.IntegerField(allow_null=True, help_text="Days recordings are kept; null: not given.")
    public_contact = serializers.CharField(help_text="Where to ask about the system or complain.")
    camera_count = serializers.IntegerField(help_text="Its cameras in service at sites not marked sensitive.")


class SystemsView(PublicView):
    """The surveillance camera systems the council publishes."""

    @extend_schema(responses={200: PublishedSystemSerializer(many=True), 404: NOT_PUBLISHED})
    def get(self, request, slug: str):
        systems = published_systems(organisation=published_organisation(slug=slug))
        return Response(PublishedSystemSerializer(systems, many=True).data)


class DisclosureSerializer(serializers.Serializer):
    reference = serializers.CharField(source="request.reference")
    subject = serializers.CharField(source="request.subject")
    received_date = serializers.DateField(source="request.received_date")
    answered_date = serializers.DateField(source="request.answered_date", allow_null=True)
    version = serializers.IntegerField(source="number")
    issued_at = serializers.DateTimeField()
    outcome = serializers.SerializerMethodField(help_text="The response's outcome; blank when not recorded.")
    outcome_label = serializers.SerializerMethodField(help_text="The outcome in words; blank when not recorded.")
    published_at = serializers.DateTimeField()
    workbook = serializers.SerializerMethodField(help_text="The spreadsheet as issued.")
    letter = serializers.SerializerMethodField(help_text="The letter as issued (.docx); null when there is none.")

    def _url(self, version, name: str) -> str:
        path = reverse(
            f"publication:{name}",
            args=[version.request.organisation.slug, version.request_id, version.number],
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_outcome(self, version) -> str:
        return response_outcome(version)

    def get_outcome_label(self, version) -> str:
        outcome = response_outcome(version)
        return Outcome(outcome).label if outcome in Outcome.values else ""

    def get_workbook(self, version) -> str:
        return self._url(version, "response-xlsx")

    def get_letter(self, version) -> str | None:
        return self._url(version, "response-letter") if version.has_letter else None


class DisclosureLogView(generics.ListAPIView, PublicView):
    """The council's published FOI responses, newest first; never anything of the requesters."""

    serializer_class = DisclosureSerializer
    filter_backends: list = []

    def get_queryset(self):
        organisation = published_organisation(slug=self.kwargs["slug"])
        unknown = unknown_parameters(self.request.query_params, accepted=["q", *view_query_parameters(self)])
        if unknown:
            raise ValidationError(unknown)
        return disclosure_log(organisation=organisation, q=self.request.query_params.get("q", ""))

    @extend_schema(
        parameters=[SEARCH], responses={200: DisclosureSerializer(many=True), 400: FILTER_ERRORS, 404: NOT_PUBLISHED}
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
