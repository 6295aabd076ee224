"""Reads of an organisation's published register and disclosure log: only what the public may see.

What is counted: cameras in service (operational or faulty: ``CameraStatus.in_service``) at sites not marked
sensitive. A camera of a system that is not published counts under no system. No query here returns a site, a
location, a serial number, an asset tag or anything of an FOI requester."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, Q, QuerySet, When
from django.http import Http404
from django.utils import translation

from assets.choices import CameraStatus
from assets.models import Camera
from assets.selectors import camera_counts
from assets.vocabulary import COUNT_DIMENSIONS, CountDimension
from core.filtersets import filter_errors
from foi.models import ResponseVersion
from publication.filtersets import PublicCameraFilterSet
from registry.models import Organisation, SurveillanceSystem
from registry.selectors import register_versions

PUBLIC_DIMENSIONS: dict[str, CountDimension] = {
    **{
        name: COUNT_DIMENSIONS[name]
        for name in (
            "site_category",
            "vendor",
            "manufacturer",
            "origin_country",
            "networked",
            "restricted",
            "install_year",
            "eol_year",
        )
    },
    # Read from annotations that are empty unless the system is published, so an unpublished name never shows.
    "system": CountDimension("Surveillance camera system", "public_system_id", "public_system_name"),
}
# The schema's name for the published counts' dimensions (settings ENUM_NAME_OVERRIDES).
PUBLIC_DIMENSION_NAMES = list(PUBLIC_DIMENSIONS)
HEADLINE_DIMENSIONS = ("site_category", "vendor", "origin_country", "networked", "restricted")
# Keyed on the organisation's register version, so never stale; the timeout only bounds the memory.
PUBLIC_CACHE_SECONDS = 600


def published_organisation(*, slug: str) -> Organisation:
    """The organisation that publishes its register under ``slug``; one that does not is the same 404 as none."""
    organisation = Organisation.objects.filter(slug=slug, public_register=True).first() if "\x00" not in slug else None
    if organisation is None:
        raise Http404("No published register at this address.")
    return organisation


def published_systems(*, organisation: Organisation) -> QuerySet[SurveillanceSystem]:
    """The organisation's published systems, each with how many of its public cameras it has."""
    return (
        SurveillanceSystem.objects.filter(organisation=organisation, published=True)
        .annotate(
            camera_count=Count(
                "cameras",
                filter=Q(cameras__status__in=CameraStatus.in_service(), cameras__site__sensitive=False),
            )
        )
        .order_by("name")
    )


def public_cameras(*, organisation: Organisation) -> QuerySet[Camera]:
    """The cameras the published register counts: in service, at sites not marked sensitive."""
    return Camera.objects.filter(
        organisation=organisation, status__in=CameraStatus.in_service(), site__sensitive=False
    ).annotate(
        public_system_id=Case(When(system__published=True, then=F("system_id"))),
        public_system_name=Case(When(system__published=True, then=F("system__name"))),
    )


def parse_public_group_by(raw: str) -> list[str]:
    names = [name.strip() for name in raw.split(",") if name.strip()]
    unknown = [name for name in names if name not in PUBLIC_DIMENSIONS]
    if unknown:
        raise ValidationError(
            {
                "group_by": f"Not a published dimension: {', '.join(map(repr, unknown))}; "
                f"choose from {', '.join(PUBLIC_DIMENSIONS)}."
            }
        )
    if len(set(names)) != len(names):
        raise ValidationError({"group_by": "Each dimension may appear only once."})
    return names


def public_counts(*, organisation: Organisation, query: dict, group_by: str) -> dict:
    """The published register's counts for a query (``query``: the filters, as query parameters), cached until the
    organisation's register changes. Bad filters and dimensions are raised together as one ValidationError."""
    filterset = PublicCameraFilterSet(
        query,
        queryset=public_cameras(organisation=organisation),
        systems=SurveillanceSystem.objects.filter(organisation=organisation, published=True),
        other_parameters=["group_by", "format"],
    )
    errors = dict(filter_errors(filterset))
    try:
        dimensions = parse_public_group_by(group_by)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    versions = register_versions(organisations=Organisation.objects.filter(pk=organisation.pk))
    filters = sorted((name, str(getattr(value, "pk", value))) for name, value in filterset.form.cleaned_data.items())
    key = "public-counts:" + hashlib.sha256(repr((versions, filters, dimensions)).encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        with translation.override(settings.LANGUAGE_CODE):  # labels in English whichever page asked first
            counts = camera_counts(cameras=filterset.qs, group_by=dimensions, dimensions=PUBLIC_DIMENSIONS)
        cache.set(key, counts, PUBLIC_CACHE_SECONDS)
    return counts


def headline_figures(*, organisation: Organisation) -> list[dict]:
    """The register page's tables: the cameras counted by each headline dimension."""
    return [
        {
            "dimension": name,
            "heading": PUBLIC_DIMENSIONS[name].heading,
            "counts": public_counts(organisation=organisation, query={}, group_by=name),
        }
        for name in HEADLINE_DIMENSIONS
    ]


def disclosure_log(*, organisation: Organisation, q: str = "") -> QuerySet[ResponseVersion]:
    """The organisation's published FOI responses, newest first, searched by subject; without their files."""
    versions = (
        ResponseVersion.objects.filter(request__organisation=organisation, published_at__isnull=False)
        .select_related("request")
        .defer("workbook", "letter", "content")
        .annotate(has_letter=~Q(letter=b""))
        .order_by("-published_at", "-pk")
    )
    q = q.replace("\x00", "").strip()
    if q:
        versions = versions.filter(request__subject__icontains=q)
    return versions


def published_version(*, organisation: Organisation, request_id: int, number: int) -> ResponseVersion:
    """A published response of the organisation with its files, or 404."""
    version = (
        ResponseVersion.objects.filter(
            request__organisation=organisation, request_id=request_id, number=number, published_at__isnull=False
        )
        .select_related("request")
        .first()
    )
    if version is None:
        raise Http404("No published response at this address.")
    return version
