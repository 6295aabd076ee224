"""POST /api/v1/cameras/import/: the importer over the API, for councils that script their uploads; a large file
is imported in the background, and GET /api/v1/imports/{id}/ says how it goes."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assets.choices import ImportJobStatus
from assets.importing import cameras_import
from assets.importing.readers import ImportFileError, file_read
from assets.importing.report import ImportReport
from assets.models import ImportJob
from assets.selectors import import_jobs_for_user
from assets.services.imports import (
    import_job_create,
    import_job_refresh,
    import_job_start,
    import_jobs_forget,
    import_runs_in_background,
)
from core.api.exceptions import ErrorSerializer, FieldErrorsSerializer
from registry.selectors import OrganisationChoiceError, organisation_to_edit

# The JSON lists this many problems; error_count says how many there were in all.
ERRORS_LISTED = 1000


class CameraImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The .xlsx or .csv file.")
    dry_run = serializers.BooleanField(default=False, help_text="Check every row and report; write nothing.")
    organisation = serializers.SlugField(
        required=False, allow_blank=True, help_text="The organisation's slug; needed if you edit several."
    )


class ImportProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class CameraImportReportSerializer(serializers.Serializer):
    """The shape of the report (for the schema; the view returns ``ImportReport.as_dict()``)."""

    organisation = serializers.SlugField()
    filename = serializers.CharField()
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField()
    summary = serializers.CharField(help_text='For example "0 created, 0 updated, 120 unchanged".')
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    sites_created = serializers.IntegerField()
    new_sites = serializers.ListField(child=serializers.CharField())
    error_count = serializers.IntegerField()
    errors = ImportProblemSerializer(many=True, help_text=f"At most {ERRORS_LISTED}; error_count says how many.")
    warnings = serializers.ListField(child=serializers.CharField())


class ImportJobSerializer(serializers.Serializer):
    """An import running in the background (the shape of ``import_job_body``, for the schema)."""

    id = serializers.UUIDField()
    organisation = serializers.SlugField()
    filename = serializers.CharField()
    dry_run = serializers.BooleanField()
    status = serializers.ChoiceField(
        choices=ImportJobStatus.choices,
        help_text="queued, running, then succeeded (every row passed: written, or checked if a dry run) or failed "
        "(the report lists the problems; without a report, the import stopped and detail says why).",
    )
    processed = serializers.IntegerField(help_text="Rows checked so far.")
    total = serializers.IntegerField(allow_null=True, help_text="Rows in the file (an estimate until it is read).")
    detail = serializers.CharField(help_text="Why the import stopped, when it stopped without a report.")
    report = CameraImportReportSerializer(
        allow_null=True, help_text="Once finished: the report POST /api/v1/cameras/import/ returns for a small file."
    )


def import_job_body(job: ImportJob) -> dict:
    report = None
    if job.finished and job.report is not None:
        report = {"organisation": job.organisation.slug} | ImportReport.from_record(job.report).as_dict(
            error_limit=ERRORS_LISTED
        )
    return {
        "id": str(job.pk),
        "organisation": job.organisation.slug,
        "filename": job.filename,
        "dry_run": job.dry_run,
        "status": job.status,
        "processed": job.processed,
        "total": job.total,
        "detail": job.detail,
        "report": report,
    }


class CameraImportView(APIView):
    """Import cameras from a spreadsheet: every row is checked first, and nothing is written unless all pass.
    200 with the report (counts, warnings); 400 with every problem by row, column and value. A file of more rows
    than the register's CCTV_IMPORT_BACKGROUND_ROWS (2,000 unless configured) is imported in the background: 202,
    with the job's address in Location (GET it until its status is succeeded or failed)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": CameraImportRequestSerializer},
        responses={
            200: CameraImportReportSerializer,
            202: OpenApiResponse(
                ImportJobSerializer,
                description="A large file: the import runs in the background. Location is the job's address, "
                "GET /api/v1/imports/{id}/, which gives its progress and, once finished, the report.",
            ),
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="CameraImportRefused",
                    serializers=[CameraImportReportSerializer, FieldErrorsSerializer],
                    resource_type_field_name=None,
                ),
                description="Problems found in the rows (the report; nothing written), or the request itself is "
                "wrong (field errors, such as no file or an unknown organisation).",
            ),
            403: OpenApiResponse(
                ErrorSerializer, description="The user's role cannot change this organisation's register."
            ),
            413: OpenApiResponse(ErrorSerializer, description="The file is bigger than CCTV_IMPORT_MAX_BYTES."),
        },
        parameters=[
            OpenApiParameter(
                "Location",
                OpenApiTypes.URI,
                OpenApiParameter.HEADER,
                response=[202],
                description="The background import's address: /api/v1/imports/{id}/.",
            )
        ],
    )
    def post(self, request):
        # The role first, as everywhere in the API: a viewer's upload is refused before its body is read.
        if not request.user.has_perm("assets.change_camera"):
            raise PermissionDenied("Your role cannot change any organisation's register.")
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        # Refuse an oversized body before Django spools it to disk.
        if length > settings.CCTV_IMPORT_MAX_BYTES + 64 * 1024:
            limit = settings.CCTV_IMPORT_MAX_BYTES // (1024 * 1024)
            return Response(
                {"detail": f"The file is too big: at most {limit} MB."}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
            )
        try:
            organisation = organisation_to_edit(user=request.user, slug=request.data.get("organisation") or None)
        except OrganisationChoiceError as error:
            if error.forbidden:
                raise PermissionDenied(str(error)) from error
            return Response({"organisation": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        form = CameraImportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            content = file_read(file=upload, filename=upload.name)
        except ImportFileError:
            content = b""  # refused by the importer below, with its reason, as before
        if content and import_runs_in_background(content=content, filename=upload.name):
            import_jobs_forget()
            job = import_job_create(organisation=organisation, user=request.user, filename=upload.name, content=content)
            import_job_start(job=job, dry_run=form.validated_data["dry_run"])
            location = reverse("api-import-job", kwargs={"job": job.pk})
            return Response(import_job_body(job), status=status.HTTP_202_ACCEPTED, headers={"Location": location})
        report = cameras_import(
            organisation=organisation,
            file=upload,
            filename=upload.name,
            dry_run=form.validated_data["dry_run"],
            user=request.user,
        )
        body = {"organisation": organisation.slug} | report.as_dict(error_limit=ERRORS_LISTED)
        return Response(body, status=status.HTTP_400_BAD_REQUEST if report.errors else status.HTTP_200_OK)


class ImportJobView(APIView):
    """An import running in the background: its status and progress, and once finished its report. Jobs of the
    organisations whose register the user may change; any other is 404."""

    @extend_schema(
        responses={
            200: ImportJobSerializer,
            403: OpenApiResponse(ErrorSerializer, description="The user's role cannot import into any organisation."),
            404: OpenApiResponse(ErrorSerializer, description="No such import among the user's organisations."),
        }
    )
    def get(self, request, job):
        if not request.user.has_perm("assets.change_camera"):
            raise PermissionDenied("Your role cannot change any organisation's register.")
        found = import_jobs_for_user(user=request.user).filter(pk=job).first()
        if found is None:
            raise Http404("No such import.")
        return Response(import_job_body(import_job_refresh(job=found)))
