"""The OpenAPI schema beyond what drf-spectacular infers: the error answers each operation can give, declared
once here rather than on every view, and filter parameters bounded as their form fields are."""

from django import forms
from django_countries import countries
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

from core.api.exceptions import ErrorSerializer, FieldErrorsSerializer

WWW_AUTHENTICATE = {
    "WWW-Authenticate": {
        "schema": {"type": "string"},
        "description": "Token: send `Authorization: Token <key>`.",
    }
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds to wait before the next request is accepted.",
    }
}


class FieldErrorsExtension(OpenApiSerializerExtension):
    """DRF's validation errors have no fixed fields: each key is the field at fault."""

    target_class = FieldErrorsSerializer

    def map_serializer(self, auto_schema, direction):
        return {
            "type": "object",
            "description": "Each field at fault, with its messages. `non_field_errors` holds problems of the "
            "record as a whole; `detail` a body that could not be read (such as malformed JSON).",
            "additionalProperties": {
                "anyOf": [
                    {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "object"}]},
                        "description": "The messages, or for a list field one entry per item.",
                    },
                    {"type": "string"},
                    {"type": "object", "description": "A nested field's own errors, keyed like this object."},
                ]
            },
            "example": {"asset_tag": ["Demo Borough Council already has a camera with this asset tag."]},
        }


class RegisterAutoSchema(AutoSchema):
    """Adds to every operation the error answers it can give, unless the view declared that status itself:
    400 (field errors) for writes and for reads that take query parameters, 401 without credentials, 403 for a
    write the user's role does not allow, 404 for a record not found (or not in the user's organisations) and for
    an unknown ``format``, 412 for a stale If-Match, 415 for a body in a media type the operation does not read,
    429 (with ``Retry-After``) when the caller's requests exceed the throttling rate, and 503 (with ``Retry-After``)
    while the database cannot be reached."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        locations = {parameter["in"] for parameter in parameters}
        names = {parameter["name"] for parameter in parameters}
        writes = self.method not in SAFE_METHODS
        signed_in = bool(operation.get("security")) and {} not in operation["security"]
        answers = {
            "400": (writes or "query" in locations, FieldErrorsSerializer, "The request is not valid: see each field."),
            "401": (signed_in, ErrorSerializer, "Not signed in: no token, or an unknown one."),
            "403": (writes, ErrorSerializer, "Your role does not allow this here."),
            "404": ("path" in locations or "format" in names, ErrorSerializer, "Not found in your organisations."),
            "412": ("If-Match" in names, ErrorSerializer, "The record changed since the ETag in If-Match."),
            "415": ("requestBody" in operation, ErrorSerializer, "The body's media type is not one this reads."),
            "429": (True, ErrorSerializer, "Too many requests: wait the seconds in Retry-After, then try again."),
            "503": (True, ErrorSerializer, "The database cannot be reached: try again after Retry-After seconds."),
        }
        responses = operation["responses"]
        for status_code, (applies, serializer, description) in answers.items():
            if applies and status_code not in responses:
                responses[status_code] = self._error_response(serializer, status_code, description)
        return operation

    def _error_response(self, serializer, status_code: str, description: str) -> dict:
        component = self.resolve_serializer(serializer, "response")
        response = {"content": {"application/json": {"schema": component.ref}}, "description": description}
        if status_code == "401":
            response["headers"] = WWW_AUTHENTICATE
        if status_code in {"429", "503"}:
            response["headers"] = RETRY_AFTER
        return response


def country_codes() -> list[str]:
    return [code for code, _name in countries]


class CountryCodeFieldExtension(OpenApiSerializerFieldExtension):
    """The ISO codes the register knows, rather than any two characters."""

    target_class = "assets.api.serializers.CountryCodeField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema.pop("minLength", None)
        return schema | {"enum": [*country_codes(), *([""] if self.target.allow_blank else [])]}


BLANK = {"type": "string", "maxLength": 0}


def blank_accepted(schema: dict) -> dict:
    """``schema`` widened to take a blank value, which every filter reads as no filter (and a list filter as no
    item): a client that sends ``as_at=`` or ``status=,planned`` is answered, so the schema must say it may."""
    if "anyOf" in schema or "oneOf" in schema:
        return schema
    if schema.get("type") == "array":
        return schema | {"items": blank_accepted(schema.get("items", {}))}
    if "enum" in schema:
        return schema if "" in schema["enum"] else schema | {"enum": [*schema["enum"], ""]}
    if schema.get("type") == "string" and not ({"format", "pattern", "minLength"} & set(schema)):
        return schema
    return {"anyOf": [schema, BLANK]}


class BoundedDjangoFilterExtension(DjangoFilterExtension):
    """A filter whose form field is a whole number (an id) is an integer with its bounds, not any number; one whose
    choices are given lazily (the countries) lists them; every filter takes a blank value, meaning no filter."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        if issubclass(filter_field.field_class, forms.IntegerField):
            bounds = {"minimum": filter_field.extra.get("min_value"), "maximum": filter_field.extra.get("max_value")}
            for parameter in parameters:
                parameter["schema"] = {"type": "integer"} | {k: v for k, v in bounds.items() if v is not None}
        choices = filter_field.extra.get("choices")
        if callable(choices) and parameters and parameters[0]["schema"].get("type") == "string":
            parameters[0]["schema"]["enum"] = [code for code, _label in choices()]
        for parameter in parameters:
            parameter["schema"] = blank_accepted(without_nul(parameter["schema"]))
        return parameters


# Django's form fields refuse a NUL character with a 400 naming the filter (PostgreSQL cannot hold one): say so.
NO_NUL = "^[^\\x00]*$"


def without_nul(schema: dict) -> dict:
    """A free-text filter (one with no list of values, format or pattern of its own) stated as taking no NUL."""
    if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
        return schema | {"pattern": NO_NUL}
    return schema
