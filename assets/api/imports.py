"""POST /api/v1/cameras/import/: the importer over the API, for councils that script their uploads."""

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assets.importing import cameras_import
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


class CameraImportView(APIView):
    """Import cameras from a spreadsheet: every row is checked first, and nothing is written unless all pass.
    200 with the report (counts, warnings); 400 with every problem by row, column and value."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": CameraImportRequestSerializer},
        responses={
            200: CameraImportReportSerializer,
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
        report = cameras_import(
            organisation=organisation,
            file=upload,
            filename=upload.name,
            dry_run=form.validated_data["dry_run"],
            user=request.user,
        )
        body = {"organisation": organisation.slug} | report.as_dict(error_limit=ERRORS_LISTED)
        return Response(body, status=status.HTTP_400_BAD_REQUEST if report.errors else status.HTTP_200_OK)
