"""Reads of the camera register, always through the user's organisations."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django_countries import countries

from assets.choices import CameraStatus
from assets.models import Camera, Manufacturer
from registry.models import Site
from registry.selectors import organisations_for_user, sites_for_user

UNKNOWN_LABEL = "Unknown"


def cameras_for_user(*, user) -> QuerySet[Camera]:
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        # Every camera: without the "organisation in (all of them)" semi-join, counts of the register scan less.
        return Camera.objects.all()
    return Camera.objects.filter(organisation__in=organisations_for_user(user=user))


def cameras_for_listing(*, cameras: QuerySet[Camera]) -> QuerySet[Camera]:
    """The related rows a list shows (site, category, brand, vendor), fetched in the same query."""
    return cameras.select_related("organisation", "site", "site__category", "manufacturer", "vendor")


def manufacturers_with_camera_counts(*, user) -> QuerySet[Manufacturer]:
    """Every manufacturer, with how many of the user's cameras carry its brand."""
    return Manufacturer.objects.select_related("parent").annotate(
        camera_count=Count("cameras", filter=Q(cameras__organisation__in=organisations_for_user(user=user)))
    )


@dataclass(frozen=True)
class CountDimension:
    """One way of grouping cameras: the column holding its machine value, and how to label a value."""

    value: Any  # a field path, or an expression to annotate
    label_field: str | None = None

    def label(self, name: str, value, label_from_database: str | None) -> str:
        if value is None or value == "":
            return UNKNOWN_LABEL  # False is a value, not unknown
        if self.label_field:
            return label_from_database or UNKNOWN_LABEL
        return DIMENSION_LABELLERS[name](value)


COUNT_DIMENSIONS: dict[str, CountDimension] = {
    "organisation": CountDimension("organisation__slug", "organisation__name"),
    "site": CountDimension("site_id", "site__name"),
    "site_category": CountDimension("site__category__slug", "site__category__name"),
    "manufacturer": CountDimension("manufacturer__slug", "manufacturer__name"),
    "vendor": CountDimension("vendor__slug", "vendor__name"),
    "origin_country": CountDimension("origin_country"),
    "networked": CountDimension("networked"),
    "restricted": CountDimension("restricted"),
    "status": CountDimension("status"),
    "install_year": CountDimension(ExtractYear("install_date")),
    "eol_year": CountDimension(ExtractYear("end_of_life_date")),
}

DIMENSION_LABELLERS = {
    "origin_country": lambda code: countries.name(code) or code,
    "networked": lambda networked: "Networked" if networked else "Not networked",
    "restricted": lambda restricted: "Restricted vendor" if restricted else "Not restricted",
    "status": lambda status: CameraStatus(status).label if status in CameraStatus.values else status,
    "install_year": str,
    "eol_year": str,
}


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


def camera_counts(*, cameras: QuerySet[Camera], group_by: list[str]) -> dict:
    """How many cameras, grouped by ``group_by``, computed in one aggregate query.

    Answers ``{"total", "group_by", "groups"}``; each group has every dimension's machine value (None when
    unknown), its ``<dimension>_label``, and ``count``; largest groups first, then by label."""
    if not group_by:
        return {"total": cameras.count(), "group_by": [], "groups": []}
    # Annotated under prefixed names: "site" or "status" would clash with the model's own fields.
    annotations = {}
    for name in group_by:
        dimension = COUNT_DIMENSIONS[name]
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
            group[f"{name}_label"] = COUNT_DIMENSIONS[name].label(name, value, row.get(f"group_{name}_label"))
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
