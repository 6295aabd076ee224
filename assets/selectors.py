"""Reads of the camera register, always through the user's organisations."""

import datetime
import hashlib

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet

from assets.choices import CameraStatus
from assets.filtersets import CameraFilterSet
from assets.models import Camera, ExportJob, ImportJob, Manufacturer, VendorRestriction
from assets.vocabulary import COUNT_DIMENSIONS
from core.filtersets import filter_errors
from registry.models import Organisation, Site, SurveillanceSystem
from registry.policy import Action, organisations_where_user_may
from registry.selectors import (
    organisations_for_user,
    organisations_with_role,
    register_versions,
    sites_for_user,
    systems_for_user,
)

# A cached count is keyed on the register's versions, so it is never stale; the timeout only bounds the memory.
COUNTS_CACHE_SECONDS = 600


def sees_every_camera(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def cameras_for_user(*, user) -> QuerySet[Camera]:
    if sees_every_camera(user):
        # Every camera: without the "organisation in (all of them)" semi-join, counts of the register scan less.
        return Camera.objects.all()
    return Camera.objects.filter(organisation__in=organisations_for_user(user=user))


def cameras_for_listing(*, cameras: QuerySet[Camera]) -> QuerySet[Camera]:
    """The related rows a list shows (site, category, system, brand, vendor), fetched in the same query."""
    return cameras.select_related("organisation", "site", "site__category", "system", "manufacturer", "vendor")


def manufacturers_with_camera_counts(*, user) -> QuerySet[Manufacturer]:
    """Every manufacturer, with how many of the user's cameras carry its brand."""
    return Manufacturer.objects.select_related("parent").annotate(
        camera_count=Count("cameras", filter=Q(cameras__organisation__in=organisations_for_user(user=user)))
    )


def past_end_of_life(*, today: datetime.date) -> Q:
    """Cameras whose end-of-life date is before ``today``: one reaching it today is not yet past it."""
    return Q(end_of_life_date__lt=today)


def past_end_of_life_query(*, today: datetime.date) -> str:
    """The same cameras as the camera list's filter: an end of life on or before yesterday."""
    return f"eol_before={today - datetime.timedelta(days=1)}"


def camera_is_past_end_of_life(*, camera: Camera, today: datetime.date) -> bool | None:
    """None when the camera has no end-of-life date."""
    return None if camera.end_of_life_date is None else camera.end_of_life_date < today


def parse_group_by(raw: str | list[str] | None) -> list[str]:
    """``"vendor,networked"`` -> ``["vendor", "networked"]``; an unknown or repeated dimension is an error."""
    if not raw:
        return []
    names = [name.strip() for name in (raw.split(",") if isinstance(raw, str) else raw) if name.strip()]
    unknown = [name for name in names if name not in COUNT_DIMENSIONS]
    if unknown:
        raise ValidationError(
            {
                "group_by": f"Unknown dimension {', '.join(map(repr, unknown))}; "
                f"choose from {', '.join(COUNT_DIMENSIONS)}."
            }
        )
    if len(set(names)) != len(names):
        raise ValidationError({"group_by": "Each dimension may appear only once."})
    return names


def camera_counts(*, cameras: QuerySet[Camera], group_by: list[str], dimensions: dict | None = None) -> dict:
    """How many cameras, grouped by ``group_by``, computed in one aggregate query (``dimensions``: the ways of
    grouping, ``COUNT_DIMENSIONS`` unless given, such as the published register's own).

    Answers ``{"total", "group_by", "groups"}``; each group has every dimension's machine value (None when
    unknown), its ``<dimension>_label``, and ``count``; largest groups first, then by label."""
    dimensions = COUNT_DIMENSIONS if dimensions is None else dimensions
    if not group_by:
        return {"total": cameras.count(), "group_by": [], "groups": []}
    # Annotated under prefixed names: "site" or "status" would clash with the model's own fields.
    annotations = {}
    for name in group_by:
        dimension = dimensions[name]
        annotations[f"group_{name}"] = F(dimension.value) if isinstance(dimension.value, str) else dimension.value
        if dimension.label_field:
            annotations[f"group_{name}_label"] = F(dimension.label_field)
    rows = cameras.order_by().annotate(**annotations).values(*annotations).annotate(group_count=Count("*"))
    groups = []
    for row in rows:
        group = {}
        for name in group_by:
            value = row[f"group_{name}"]
            group[name] = None if value == "" else value
            group[f"{name}_label"] = dimensions[name].label(value, row.get(f"group_{name}_label"))
        group["count"] = row["group_count"]
        groups.append(group)
    groups.sort(key=lambda group: (-group["count"], *(group[f"{name}_label"] for name in group_by)))
    return {"total": sum(group["count"] for group in groups), "group_by": group_by, "groups": groups}


def sites_with_camera_counts(*, user) -> QuerySet[Site]:
    """The user's sites, each with how many of its cameras are in service and how many in all."""
    return sites_for_user(user=user).annotate(
        camera_count=Count("cameras"),
        in_service_count=Count("cameras", filter=Q(cameras__status__in=CameraStatus.in_service())),
    )


def systems_with_camera_counts(*, user) -> QuerySet[SurveillanceSystem]:
    """The user's surveillance camera systems, each with how many of its cameras are in service and how many in all."""
    return systems_for_user(user=user).annotate(
        camera_count=Count("cameras"),
        in_service_count=Count("cameras", filter=Q(cameras__status__in=CameraStatus.in_service())),
    )


def camera_counts_for_query(*, filterset: CameraFilterSet, group_by: str | list[str] | None, user=None) -> dict:
    """The counts a query asks for: ``filterset``'s cameras grouped by ``group_by``. A bad filter and a bad
    dimension are raised together, as one ValidationError by parameter, so a client sees every problem at once.

    With ``user`` (whose cameras, ``cameras_for_user``, the filterset must be over) the answer is cached, keyed on the
    organisations the user sees, their register versions and the cleaned filters: users who see the same
    organisations share answers, and any write to what a count reads changes the key."""
    errors = dict(filter_errors(filterset))
    try:
        dimensions = parse_group_by(group_by)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if user is None:
        return camera_counts(cameras=filterset.qs, group_by=dimensions)
    key = _counts_cache_key(user=user, filters=filterset.form.cleaned_data, group_by=dimensions)
    counts = cache.get(key)
    if counts is None:
        counts = camera_counts(cameras=filterset.qs, group_by=dimensions)
        cache.set(key, counts, COUNTS_CACHE_SECONDS)
    return counts


def _plain(value):
    """A cleaned filter value as plain data for a cache key: a record by its model and primary key."""
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, list | tuple | set | frozenset | QuerySet):
        return tuple(_plain(item) for item in value)
    return value


def _counts_cache_key(*, user, filters: dict, group_by: list[str]) -> str:
    # Read before the counts: a write committed in between gives a new version, so this answer is never reused.
    organisations = None if sees_every_camera(user) else organisations_for_user(user=user)
    question = (
        register_versions(organisations=organisations),
        sorted((name, _plain(value)) for name, value in filters.items()),
        group_by,
    )
    return "camera-counts:" + hashlib.sha256(repr(question).encode()).hexdigest()


def public_restriction_keys() -> set[str]:
    """The keys of the public restriction bases an organisation may adopt."""
    return set(VendorRestriction.objects.filter(organisation__isnull=True).values_list("key", flat=True))


def organisations_with_settings(*, user) -> QuerySet[Organisation]:
    """The user's organisations with their role, and the public restrictions each adopted (read in one query)."""
    public = VendorRestriction.objects.filter(organisation__isnull=True).only("pk", "key")
    return organisations_with_role(user=user).prefetch_related(Prefetch("adopted_restrictions", queryset=public))


def import_jobs_for_user(*, user) -> QuerySet[ImportJob]:
    """The imports into organisations whose register the user may change, without their files."""
    organisations = organisations_where_user_may(user=user, action=Action.CHANGE)
    return ImportJob.objects.filter(organisation__in=organisations).select_related("organisation").defer("content")


def import_job_has_file(*, job: ImportJob) -> bool:
    """Whether the job's file is still kept: emptied once written, or refused as a whole."""
    return ImportJob.objects.filter(pk=job.pk).exclude(content=b"").exists()


def export_jobs_for_user(*, user) -> QuerySet[ExportJob]:
    """The large downloads ``user`` asked for, without their files: nobody else's."""
    if not (user and user.is_authenticated):
        return ExportJob.objects.none()
    return ExportJob.objects.filter(user=user).defer("content")


def export_job_file(*, job: ExportJob) -> bytes:
    """The finished job's file."""
    return bytes(ExportJob.objects.filter(pk=job.pk).values_list("content", flat=True).get())
