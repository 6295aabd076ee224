"""Writes to the camera register. Every camera is saved through here, so derived fields stay true."""

import bisect
import copy
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assets.choices import CameraStatus, OriginCountrySource
from assets.models import Camera, Manufacturer
from assets.vendors import (
    country_code_stored,
    followed_restrictions,
    manufacturer_chain_changes,
    manufacturer_chain_on,
    manufacturer_vendor_on,
    manufacturers_with_parents,
    restrictions_covering,
)
from assets.vocabulary import country_code
from core.bulk_build import record_new
from core.changes import Saved, differs_from_stored, fields_changed, written_fields
from registry.services import register_changed

# The fields a person or a spreadsheet gives for a camera, in the order forms show them.
CAMERA_INPUT_FIELDS: tuple[str, ...] = (
    "site",
    "system",
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
    "restriction_override_reason",
)
INPUT_FIELD_NAMES = frozenset(CAMERA_INPUT_FIELDS)

# Changing any of these can bring a camera under the procurement policy.
POLICY_FIELDS = frozenset({"site", "manufacturer", "install_date", "status", "restriction_override_reason"})
POLICY_ATTNAMES = tuple(Camera._meta.get_field(name).attname for name in sorted(POLICY_FIELDS))

# Every field a save writes, input and derived: what "changed" is measured over.
CAMERA_COMPARED_FIELDS = written_fields(Camera)


def camera_changes(*, before: Camera, after: Camera) -> tuple[str, ...]:
    """The fields (input and derived, in the model's order) whose stored value differs between two states of a
    camera: what ``camera_update`` returns, and what the import reports for each row it updates."""
    return fields_changed(before=before, after=after, names=CAMERA_COMPARED_FIELDS)


def estimate_end_of_life(*, install_date: datetime.date, lifespan_years: int) -> datetime.date:
    year = install_date.year + lifespan_years
    try:
        return install_date.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return install_date.replace(year=year, day=28)


def _apply_derived_fields(
    camera: Camera, *, recorded_origin: str, recorded_end_of_life: datetime.date | None, answers: dict | None = None
) -> None:
    camera.organisation_id = camera.site.organisation_id
    day = camera.install_date or timezone.localdate()
    organisation = camera.site.organisation
    camera.vendor, camera.origin_country, camera.origin_country_source, camera.restricted = _derived_values(
        manufacturer=camera.manufacturer,
        day=day,
        organisation=organisation,
        recorded_origin=recorded_origin,
        answers=answers,
    )
    if recorded_end_of_life:
        camera.end_of_life_date = recorded_end_of_life
        camera.end_of_life_estimated = False
    elif camera.install_date:
        camera.end_of_life_date = estimate_end_of_life(
            install_date=camera.install_date, lifespan_years=organisation.default_camera_lifespan_years
        )
        camera.end_of_life_estimated = True
    else:
        camera.end_of_life_date = None
        camera.end_of_life_estimated = False


def _derived_values(*, manufacturer, day, organisation, recorded_origin: str, answers: dict | None) -> tuple:
    """(vendor, origin country, its source, restricted) for a camera of ``manufacturer`` installed on ``day``, kept in
    ``answers`` when given: for many cameras against the same reference data, worked out once per set of inputs."""
    if answers is None:
        return _derived_values_worked_out(manufacturer, day, organisation, recorded_origin)
    # They depend on the day only through which links of the brand's chain of owners and makers hold on it.
    period = None
    if manufacturer is not None:
        changes_key = ("chain changes", manufacturer.pk)
        if changes_key not in answers:
            answers[changes_key] = manufacturer_chain_changes(manufacturer=manufacturer)
        period = bisect.bisect_right(answers[changes_key], day)
    key = ("derived", getattr(manufacturer, "pk", None), period, organisation.pk, recorded_origin)
    derived = answers.get(key)
    if derived is None:
        derived = answers[key] = _derived_values_worked_out(manufacturer, day, organisation, recorded_origin)
    return derived


def _derived_values_worked_out(manufacturer, day, organisation, recorded_origin: str) -> tuple:
    vendor = manufacturer_vendor_on(manufacturer=manufacturer, day=day)
    if recorded_origin:
        origin, source = recorded_origin.upper(), OriginCountrySource.RECORDED
    elif manufacturer and (manufacturer_country := country_code_stored(manufacturer, "country")):
        origin, source = manufacturer_country, OriginCountrySource.MANUFACTURER
    else:
        origin, source = "", OriginCountrySource.UNKNOWN
    covering = restrictions_covering(
        chain=manufacturer_chain_on(manufacturer=manufacturer, day=day),
        restrictions=followed_restrictions(organisation=organisation),
        origin_country=origin,
    )
    return vendor, origin, source, bool(covering)


def _restrictions_covering_camera(camera: Camera, *, day: datetime.date) -> list:
    """The followed restrictions covering the camera's brand, its owners and makers, or its origin country."""
    return restrictions_covering(
        chain=manufacturer_chain_on(manufacturer=camera.manufacturer, day=day),
        restrictions=followed_restrictions(organisation=camera.site.organisation),
        origin_country=country_code_stored(camera, "origin_country"),
    )


def _recorded_origin_code(value, answers: dict | None) -> str:
    """A typed origin country as an upper-case alpha-2 code; other shapes (alpha-3, numeric) are refused. Kept in
    ``answers`` when given, by the value as typed."""
    key = ("origin code", type(value), value)
    if answers is not None and key in answers:
        code = answers[key]
    else:
        try:
            code = country_code(value)
        except ValueError as error:
            code = error
        if answers is not None:
            answers[key] = code
    if isinstance(code, ValueError):
        raise ValidationError({"origin_country": str(code)}) from code
    return code


def _check_input_fields(fields: Iterable[str]) -> None:
    unknown = set(fields).difference(INPUT_FIELD_NAMES)
    if unknown:
        raise TypeError(f"Not a camera input field: {', '.join(sorted(unknown))}")


def _with_override(reason: str, camera: Camera) -> str:
    if camera.restriction_override_by_id and camera.restriction_override_reason.strip():
        override = f"Procurement policy overridden: {camera.restriction_override_reason.strip()}"
        return f"{reason}. {override}" if reason else override
    return reason


def _save(camera: Camera, *, reason: str) -> Camera:
    camera.full_clean()
    if reason:
        camera._change_reason = reason
    camera.save()
    return camera


def _check_procurement_policy(camera: Camera, *, override_by) -> None:
    """Refuse a restricted camera installed after the organisation's policy date, unless an organisation
    admin gives a reason to override it."""
    organisation = camera.site.organisation
    policy_date = organisation.no_restricted_cameras_after
    installed = camera.install_date or timezone.localdate()
    if not camera.restricted or policy_date is None or installed <= policy_date:
        return
    if camera.status == CameraStatus.DECOMMISSIONED:
        return
    if camera.restriction_override_reason.strip():
        if override_by is None or not override_by.has_perm("assets.override_procurement_policy", organisation):
            raise ValidationError(
                {"restriction_override_reason": "Only an organisation admin can override the procurement policy."}
            )
        camera.restriction_override_by = override_by
        return
    chain = manufacturer_chain_on(manufacturer=camera.manufacturer, day=installed)
    by_brand = restrictions_covering(chain=chain, restrictions=followed_restrictions(organisation=organisation))
    policy = (
        f"{organisation.name} buys no cameras from restricted vendors installed after {policy_date:%d %B %Y}; "
        "an organisation admin may record an override with a reason."
    )
    if by_brand:
        names = "; ".join(f"{restriction.short_basis} ({restriction.target})" for restriction in by_brand)
        raise ValidationError({"manufacturer": f"{camera.manufacturer} is restricted by {names}. {policy}"})
    by_origin = _restrictions_covering_camera(camera, day=installed)
    names = "; ".join(f"{restriction.short_basis} ({restriction.target})" for restriction in by_origin)
    raise ValidationError(
        {"origin_country": f"A camera made in {camera.origin_country.name} is restricted by {names}. {policy}"}
    )


@transaction.atomic
def camera_create(*, reason: str = "", override_by=None, **fields) -> Camera:
    """Create a camera from its input fields; blank origin country and end of life are derived.
    ``override_by`` is the user recording ``restriction_override_reason``, if any."""
    camera = camera_build(override_by=override_by, **fields)
    camera = _save(camera, reason=_with_override(reason, camera))
    register_changed(organisation_ids=[camera.organisation_id])
    return camera


@transaction.atomic
def camera_update(
    *, camera: Camera, reason: str = "", override_by=None, derived_sent_as_read: bool = True, **fields
) -> Saved[Camera]:
    """Change input fields. A value equal to the stored one is no change, so a client may send every field back:
    a derived origin or end of life sent as read stays derived, and an override reason sent as read is no new
    override. A derived origin or end of life is derived again; a recorded one is kept unless a changed value
    names it (blank means "derive it"). A caller whose form opens a derived value blank says
    ``derived_sent_as_read=False``: a value given there was chosen, and is recorded even when it equals the
    derived one. Returns the camera and the fields whose stored value changed."""
    _check_input_fields(fields)
    derived = set() if derived_sent_as_read else _derived_inputs(camera)
    changes = {
        name: value
        for name, value in fields.items()
        if differs_from_stored(record=camera, name=name, value=value) or (name in derived and value)
    }
    before = copy.copy(camera)
    camera = camera_build(camera=camera, override_by=override_by, **changes)
    _save(camera, reason=_with_override(reason, camera) if "restriction_override_reason" in changes else reason)
    register_changed(organisation_ids=[before.organisation_id, camera.organisation_id])
    return Saved(camera, camera_changes(before=before, after=camera))


def _derived_inputs(camera: Camera) -> set[str]:
    """The input fields whose stored value the register derived rather than was given."""
    derived = set()
    if camera.origin_country_source != OriginCountrySource.RECORDED:
        derived.add("origin_country")
    if camera.end_of_life_estimated:
        derived.add("end_of_life_date")
    return derived


def camera_build(*, camera: Camera | None = None, override_by=None, answers: dict | None = None, **fields) -> Camera:
    """A new camera from ``fields`` (``camera`` None), or ``camera`` with ``fields`` applied, derived and
    checked against the procurement policy as ``camera_create`` and ``camera_update`` do, but neither
    validated nor saved: for checking many cameras (``camera_validate``) before writing them all at once
    (``cameras_bulk_write``). ``answers`` (a dict the caller keeps between cameras, as for ``camera_validate``)
    saves deriving the same values again for cameras built against the same reference data.
    Raises ValidationError when the policy refuses the camera."""
    _check_input_fields(fields)
    if camera is None:
        recorded_origin = _recorded_origin_code(fields.get("origin_country"), answers)
        camera = record_new(Camera, **fields)
        if "system" not in fields and camera.site_id is not None:
            camera.system = camera.site.default_system  # read once per site object: an import shares them
        recorded_end_of_life = fields.get("end_of_life_date")
        policy_applies, was_restricted = True, False
        system_to_check = camera.system_id is not None
    else:
        placed = (camera.system_id, camera.site_id)
        recorded_origin = (
            country_code_stored(camera, "origin_country")
            if camera.origin_country_source == OriginCountrySource.RECORDED
            else ""
        )
        recorded_end_of_life = None if camera.end_of_life_estimated else camera.end_of_life_date
        before = [getattr(camera, attname) for attname in POLICY_ATTNAMES]
        for name, value in fields.items():
            setattr(camera, name, value)
        if "origin_country" in fields:
            recorded_origin = _recorded_origin_code(fields["origin_country"], answers)
        if "end_of_life_date" in fields:
            recorded_end_of_life = fields["end_of_life_date"]
        # As in camera_update, but by value: an import names every column whether or not it changed.
        policy_applies = any(
            getattr(camera, attname) != value for attname, value in zip(POLICY_ATTNAMES, before, strict=True)
        )
        was_restricted = camera.restricted
        system_to_check = camera.system_id is not None and (camera.system_id, camera.site_id) != placed
    _apply_derived_fields(
        camera, recorded_origin=recorded_origin, recorded_end_of_life=recorded_end_of_life, answers=answers
    )
    if system_to_check and camera.system.organisation_id != camera.organisation_id:
        raise ValidationError({"system": "The system belongs to another organisation: choose one of the camera's."})
    if policy_applies or (camera.restricted and not was_restricted):
        _check_procurement_policy(camera, override_by=override_by)
    return camera


def camera_decommission(*, camera: Camera, decommissioned_date: datetime.date, reason: str = "") -> Saved[Camera]:
    return camera_update(
        camera=camera,
        status=CameraStatus.DECOMMISSIONED,
        decommissioned_date=decommissioned_date,
        reason=reason or "Decommissioned",
    )


def cameras_refresh_derived(*, manufacturers: Iterable[Manufacturer] | None = None, organisation=None) -> int:
    """Derive vendor, origin, ``restricted`` and estimated end of life again after reference data changed
    (an owner or maker link, a manufacturer's country, an organisation's lifespan or restrictions).
    Returns cameras changed."""
    cameras = Camera.objects.select_related("site__organisation")
    if manufacturers is not None:
        cameras = cameras.filter(manufacturer__in=_with_brands(manufacturers))
    if organisation is not None:
        cameras = cameras.filter(organisation=organisation)
    changed = []
    tracked = (
        "vendor_id",
        "restricted",
        "origin_country",
        "origin_country_source",
        "end_of_life_date",
        "end_of_life_estimated",
    )
    manufacturers, organisations = manufacturers_with_parents(), {}
    for camera in cameras.iterator(chunk_size=2000):
        # Shared instances: restrictions are cached per organisation, parents linked once.
        camera.site.organisation = organisations.setdefault(camera.site.organisation_id, camera.site.organisation)
        camera.manufacturer = manufacturers.get(camera.manufacturer_id)
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
    Camera.objects.bulk_update(changed, [name.removesuffix("_id") for name in tracked], batch_size=1000)
    register_changed(organisation_ids={camera.organisation_id for camera in changed})
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
    register_changed(organisation_ids=[camera.organisation_id])
