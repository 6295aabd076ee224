"""Writes to the camera register. Every camera is saved through here, so derived fields stay true."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from assets.choices import CameraStatus, OriginCountrySource
from assets.models import Camera, Manufacturer

CAMERA_INPUT_FIELDS = frozenset(
    {
        "site",
        "asset_tag",
        "manufacturer",
        "model",
        "serial_number",
        "origin_country",
        "install_date",
        "networked",
        "end_of_life_date",
        "status",
        "decommissioned_date",
        "location_description",
        "notes",
    }
)


def manufacturer_vendor_on(*, manufacturer: Manufacturer | None, day: datetime.date) -> Manufacturer | None:
    """The ultimate owner of ``manufacturer``'s brand on ``day``: follow parent links that held on that day."""
    if manufacturer is None:
        return None
    seen = {manufacturer.pk}
    vendor = manufacturer
    while (parent := vendor.parent_on(day)) is not None and parent.pk not in seen:
        seen.add(parent.pk)
        vendor = parent
    return vendor


def estimate_end_of_life(*, install_date: datetime.date, lifespan_years: int) -> datetime.date:
    year = install_date.year + lifespan_years
    try:
        return install_date.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return install_date.replace(year=year, day=28)


def _apply_derived_fields(camera: Camera, *, recorded_origin: str, recorded_end_of_life: datetime.date | None) -> None:
    camera.organisation_id = camera.site.organisation_id
    camera.vendor = manufacturer_vendor_on(
        manufacturer=camera.manufacturer, day=camera.install_date or timezone.localdate()
    )

    if recorded_origin:
        camera.origin_country = recorded_origin.upper()
        camera.origin_country_source = OriginCountrySource.RECORDED
    elif camera.manufacturer and camera.manufacturer.country:
        camera.origin_country = camera.manufacturer.country.code
        camera.origin_country_source = OriginCountrySource.MANUFACTURER
    else:
        camera.origin_country = ""
        camera.origin_country_source = OriginCountrySource.UNKNOWN

    if recorded_end_of_life:
        camera.end_of_life_date = recorded_end_of_life
        camera.end_of_life_estimated = False
    elif camera.install_date:
        camera.end_of_life_date = estimate_end_of_life(
            install_date=camera.install_date, lifespan_years=camera.site.organisation.default_camera_lifespan_years
        )
        camera.end_of_life_estimated = True
    else:
        camera.end_of_life_date = None
        camera.end_of_life_estimated = False


def _check_input_fields(fields: Iterable[str]) -> None:
    unknown = set(fields) - CAMERA_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a camera input field: {', '.join(sorted(unknown))}")


def _save(camera: Camera, *, reason: str) -> Camera:
    camera.full_clean()
    if reason:
        camera._change_reason = reason
    camera.save()
    return camera


@transaction.atomic
def camera_create(*, reason: str = "", **fields) -> Camera:
    """Create a camera from its input fields; blank origin country and end of life are derived."""
    _check_input_fields(fields)
    camera = Camera(**fields)
    _apply_derived_fields(
        camera,
        recorded_origin=str(fields.get("origin_country") or ""),
        recorded_end_of_life=fields.get("end_of_life_date"),
    )
    return _save(camera, reason=reason)


@transaction.atomic
def camera_update(*, camera: Camera, reason: str = "", **changes) -> Camera:
    """Change some input fields. A derived origin or end of life is derived again; a recorded one is kept
    unless ``changes`` names it (blank there means "derive it")."""
    _check_input_fields(changes)
    recorded_origin = camera.origin_country.code if camera.origin_country_source == OriginCountrySource.RECORDED else ""
    recorded_end_of_life = None if camera.end_of_life_estimated else camera.end_of_life_date
    for name, value in changes.items():
        setattr(camera, name, value)
    if "origin_country" in changes:
        recorded_origin = str(changes["origin_country"] or "")
    if "end_of_life_date" in changes:
        recorded_end_of_life = changes["end_of_life_date"]
    _apply_derived_fields(camera, recorded_origin=recorded_origin, recorded_end_of_life=recorded_end_of_life)
    return _save(camera, reason=reason)


def camera_decommission(*, camera: Camera, decommissioned_date: datetime.date, reason: str = "") -> Camera:
    return camera_update(
        camera=camera,
        status=CameraStatus.DECOMMISSIONED,
        decommissioned_date=decommissioned_date,
        reason=reason or "Decommissioned",
    )


def cameras_refresh_derived(*, manufacturers: Iterable[Manufacturer] | None = None, organisation=None) -> int:
    """Derive vendor, origin and estimated end of life again after reference data changed
    (an ownership link, a manufacturer's country, an organisation's lifespan). Returns cameras changed."""
    cameras = Camera.objects.select_related("site__organisation", "manufacturer")
    if manufacturers is not None:
        cameras = cameras.filter(manufacturer__in=_with_brands(manufacturers))
    if organisation is not None:
        cameras = cameras.filter(organisation=organisation)
    changed = []
    tracked = ("vendor_id", "origin_country", "origin_country_source", "end_of_life_date", "end_of_life_estimated")
    for camera in cameras.iterator(chunk_size=2000):
        before = tuple(getattr(camera, name) for name in tracked)
        _apply_derived_fields(
            camera,
            recorded_origin=camera.origin_country.code
            if camera.origin_country_source == OriginCountrySource.RECORDED
            else "",
            recorded_end_of_life=None if camera.end_of_life_estimated else camera.end_of_life_date,
        )
        if tuple(getattr(camera, name) for name in tracked) != before:
            changed.append(camera)
    Camera.objects.bulk_update(
        changed, ["vendor", "origin_country", "origin_country_source", "end_of_life_date", "end_of_life_estimated"]
    )
    return len(changed)


def _with_brands(manufacturers: Iterable[Manufacturer]) -> set[int]:
    """The given manufacturers and every brand below them, at any depth."""
    ids = {m.pk for m in manufacturers}
    frontier = set(ids)
    while frontier:
        frontier = set(Manufacturer.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def camera_delete(*, camera: Camera) -> None:
    """Remove a camera recorded by mistake; a camera taken out of service is decommissioned instead."""
    camera.delete()


MANUFACTURER_INPUT_FIELDS = frozenset(
    {"name", "slug", "country", "parent", "parent_from", "parent_until", "aliases", "website", "confidence", "note"}
)
# A change to any of these can change the vendor or origin country derived for cameras of the brand.
MANUFACTURER_DERIVATION_FIELDS = frozenset({"parent", "parent_from", "parent_until", "country"})


@transaction.atomic
def manufacturer_create(**fields) -> Manufacturer:
    unknown = set(fields) - MANUFACTURER_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a manufacturer input field: {', '.join(sorted(unknown))}")
    manufacturer = Manufacturer(**fields)
    manufacturer.full_clean()
    manufacturer.save()
    return manufacturer


@transaction.atomic
def manufacturer_update(*, manufacturer: Manufacturer, **changes) -> Manufacturer:
    """Change reference data; cameras of this brand (and its brands) get their vendor and origin derived again."""
    unknown = set(changes) - MANUFACTURER_INPUT_FIELDS
    if unknown:
        raise TypeError(f"Not a manufacturer input field: {', '.join(sorted(unknown))}")
    before = {name: getattr(manufacturer, name) for name in MANUFACTURER_DERIVATION_FIELDS}
    for name, value in changes.items():
        setattr(manufacturer, name, value)
    manufacturer.full_clean()
    manufacturer.save()
    if any(getattr(manufacturer, name) != value for name, value in before.items()):
        cameras_refresh_derived(manufacturers=[manufacturer])
    return manufacturer
