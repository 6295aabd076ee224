"""API for what follows a response: its frozen letter, internal reviews and their outcomes, and appeals."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from core.api.exceptions import FieldErrorsSerializer
from core.api.renderers import FastJSONRenderer
from foi.api.review_serializers import (
    AppealDecisionSerializer,
    AppealSerializer,
    ReviewDecisionSerializer,
    ReviewRequestSerializer,
    ReviewSerializer,
)
from foi.api.views import ManagesFOIOrReadOnly, NestedInRequestMixin
from foi.letters import DOCX_CONTENT_TYPE, NO_LETTER, letter_response
from foi.models import Appeal, ResponseVersion, Review
from foi.services import appeal_decide, appeal_record, review_decide, review_request

FIELD_ERRORS = OpenApiResponse(FieldErrorsSerializer, description="The field at fault and what to do.")


class DocxRenderer(BaseRenderer):
    """Lets a client ask for the letter by its media type; errors still go back as JSON."""

    media_type = DOCX_CONTENT_TYPE
    format = "docx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = FastJSONRenderer.media_type
        return FastJSONRenderer().render(data)


class LetterView(NestedInRequestMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [FastJSONRenderer, DocxRenderer]
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        responses={(200, DOCX_CONTENT_TYPE): OpenApiTypes.BINARY},
        description="The response letter (.docx) of one issued version, byte for byte as issued. A 404 for a "
        "version issued before letters were kept says so.",
    )
    def letter(self, request, *args, **kwargs):
        version = get_object_or_404(
            ResponseVersion.objects.filter(request=self.get_foi_request()).select_related("request"),
            number=self.kwargs["number"],
        )
        if not version.letter:
            raise Http404(NO_LETTER)
        return letter_response(
            content=bytes(version.letter), reference=version.request.reference, number=version.number
        )


class ReviewViewSet(NestedInRequestMixin, viewsets.GenericViewSet):
    """Internal reviews of a request's response: anyone in the organisation reads them; its FOI officers and
    administrators record them and their outcomes."""

    permission_classes = [permissions.IsAuthenticated, ManagesFOIOrReadOnly]
    serializer_class = ReviewSerializer
    renderer_classes = [FastJSONRenderer]
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        return Review.objects.filter(request=self.get_foi_request()).select_related("version")

    def list(self, request, *args, **kwargs):
        return Response(ReviewSerializer(self.get_queryset(), many=True).data)

    @extend_schema(
        request=ReviewRequestSerializer,
        responses={201: ReviewSerializer, 400: FIELD_ERRORS},
        description="Record a request for an internal review of the response as issued (its latest version): due "
        "20 working days later; `requested_late` and a `warning` when asked for more than 40 working days after it.",
    )
    def create(self, request, *args, **kwargs):
        body = ReviewRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = review_request(foi_request=self.get_foi_request(), **body.validated_data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ReviewDecisionSerializer,
        responses={200: ReviewSerializer, 400: FIELD_ERRORS},
        description="Record the review's outcome, once. Partly or wholly overturning it issues a new version of "
        'the response (reason "Internal review") from the questions as they now stand; so does `issue_version`.',
    )
    def decide(self, request, *args, **kwargs):
        review = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        body = ReviewDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = review_decide(review=review, decided_by=request.user, **body.validated_data)
        return Response(ReviewSerializer(review).data)


class AppealViewSet(NestedInRequestMixin, viewsets.GenericViewSet):
    """Appeals to the Information Commissioner (FOIA) or the Scottish Information Commissioner (FOISA)."""

    permission_classes = [permissions.IsAuthenticated, ManagesFOIOrReadOnly]
    serializer_class = AppealSerializer
    renderer_classes = [FastJSONRenderer]
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        return Appeal.objects.filter(request=self.get_foi_request())

    def list(self, request, *args, **kwargs):
        return Response(AppealSerializer(self.get_queryset(), many=True).data)

    @extend_schema(
        request=AppealSerializer,
        responses={201: AppealSerializer, 400: FIELD_ERRORS},
        description="Record an appeal after an internal review was decided; the regulator follows the law.",
    )
    def create(self, request, *args, **kwargs):
        body = AppealSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        appeal = appeal_record(foi_request=self.get_foi_request(), **body.validated_data)
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AppealDecisionSerializer,
        responses={200: AppealSerializer, 400: FIELD_ERRORS},
        description="Record the regulator's decision on an appeal recorded without one, once.",
    )
    def decide(self, request, *args, **kwargs):
        appeal = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        body = AppealDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(AppealSerializer(appeal_decide(appeal=appeal, **body.validated_data)).data)
