"""How the API reports errors: always as JSON. Model and service rules become 400s that name the field at fault;
anything else is ``{"detail": "..."}``, including Django's own 400/403/404/500 for addresses under /api/, and the
503 while the database cannot be reached (pages get the standalone 503.html)."""

import logging
import sys

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from core.api.renderers import FastJSONRenderer
from core.logs import log_event

API_PREFIX = "/api/"

logger = logging.getLogger("cctv.permissions")
database_logger = logging.getLogger("cctv.database")

# What Django raises when the connection cannot be made, or breaks under a query (the server stopped or restarted).
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
DATABASE_UNAVAILABLE_DETAIL = "The service is unavailable: the database cannot be reached. Try again shortly."
# About as long as PostgreSQL takes to restart; clients that honour it do not retry in a tight loop meanwhile.
DATABASE_RETRY_AFTER_SECONDS = 5


def log_refusal(request, detail: str) -> None:
    """A 403, on a page or the API: who asked for what, and why not."""
    user = getattr(request, "user", None)
    log_event(
        logger,
        "permission.refused",
        level=logging.WARNING,
        user=user.get_username() if user is not None and user.is_authenticated else None,
        method=request.method,
        path=request.path,
        detail=detail,
    )


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = "The record changed since you read it."


class ErrorSerializer(serializers.Serializer):
    """Describes an error answer for the schema: what went wrong, in words."""

    detail = serializers.CharField(help_text="What went wrong, in words.")


class FieldErrorsSerializer(serializers.Serializer):
    """Describes a 400 for the schema: field name to messages (mapped in core.api.schema)."""


def api_exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError (raised by services' ``full_clean``) as a 400, and every
    error rendered as JSON even where the client asked for a workbook."""
    if isinstance(exc, DjangoValidationError):
        detail = as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        exc = ValidationError(detail)
    response = exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None and response.status_code == status.HTTP_403_FORBIDDEN:
        log_refusal(request, str(response.data.get("detail", "")) if isinstance(response.data, dict) else "")
    if response is not None and request is not None:
        request.accepted_renderer = FastJSONRenderer()
        request.accepted_media_type = FastJSONRenderer.media_type
    return response


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json_error(detail: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status_code)


def bad_request(request, exception):
    if is_api_request(request):
        return _json_error("The request could not be read.", status.HTTP_400_BAD_REQUEST)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    log_refusal(request, str(exception))
    if is_api_request(request):
        return _json_error("You do not have permission to do this.", status.HTTP_403_FORBIDDEN)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api_request(request):
        return _json_error("Not found: there is no API endpoint at this address.", status.HTTP_404_NOT_FOUND)
    return defaults.page_not_found(request, exception)


def database_unavailable(request, exception: Exception) -> HttpResponse:
    """A 503 with Retry-After, logged once: JSON under /api/, elsewhere 503.html, which is rendered without the
    request so that no context processor reads the database."""
    log_event(
        database_logger,
        "database.unavailable",
        level=logging.ERROR,
        method=request.method,
        path=request.path,
        error=type(exception).__name__,
        reason=str(exception).strip().split("\n", 1)[0],
    )
    if is_api_request(request):
        response = _json_error(DATABASE_UNAVAILABLE_DETAIL, status.HTTP_503_SERVICE_UNAVAILABLE)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=status.HTTP_503_SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    # Django calls this while handling the exception. A database failure in a middleware (a session saved after the
    # view) comes here, as no process_exception sees it: it is still a 503.
    exception = sys.exception()
    if isinstance(exception, DATABASE_UNREACHABLE):
        return database_unavailable(request, exception)
    if is_api_request(request):
        return _json_error(
            "Something went wrong on our side; it has been logged. Try again later.",
            status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return defaults.server_error(request)
