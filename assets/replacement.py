"""The replacement plan: restricted cameras in the order the UK statement of 24 November 2022 suggests
(equipment on sensitive sites considered for removal before scheduled upgrades; networked equipment
carries the cyber risk), then by end-of-life date, with a budget from the unit cost per site category."""

import datetime
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import ExtractYear

from assets.choices import CameraStatus
from assets.models import Camera
from assets.selectors import past_end_of_life
from registry.models import ReplacementUnitCost

PRIORITIES = {
    1: "Networked, on a sensitive site",
    2: "Networked",
    3: "On a sensitive site",
    4: "Other",
}


def replacement_plan_cameras(*, cameras: QuerySet[Camera]) -> QuerySet[Camera]:
    """Restricted cameras still in place or planned, most urgent first, each with its priority and unit cost."""
    unit_cost = ReplacementUnitCost.objects.filter(
        organisation=OuterRef("organisation"), category=OuterRef("site__category")
    ).values("unit_cost")[:1]
    return (
        cameras.filter(restricted=True)
        .exclude(status=CameraStatus.DECOMMISSIONED)
        .select_related("organisation", "site", "site__category", "manufacturer", "vendor")
        .annotate(
            priority=Case(
                When(networked=True, site__sensitive=True, then=Value(1)),
                When(networked=True, then=Value(2)),
                When(site__sensitive=True, then=Value(3)),
                default=Value(4),
            ),
            unit_cost=Subquery(unit_cost, output_field=DecimalField(max_digits=10, decimal_places=2)),
        )
        .order_by("priority", F("end_of_life_date").asc(nulls_last=True), "site__name", "asset_tag")
    )


def replacement_plan_headline(*, cameras: QuerySet[Camera], today: datetime.date) -> dict:
    """How many restricted cameras are in place: networked, on sensitive sites, past end of life; and the budget."""
    # Aggregates are named apart from the fields they count: "restricted" is a field of Camera.
    headline = replacement_plan_cameras(cameras=cameras).aggregate(
        restricted_count=Count("pk"),
        networked_count=Count("pk", filter=Q(networked=True)),
        sensitive_site_count=Count("pk", filter=Q(site__sensitive=True)),
        past_end_of_life_count=Count("pk", filter=past_end_of_life(today=today)),
        budget=Sum("unit_cost"),
    )
    headline["budget"] = headline["budget"] or Decimal("0")
    return headline


def replacement_plan_summary(*, cameras: QuerySet[Camera], today: datetime.date) -> dict:
    """Headline counts, and by end-of-life year: restricted and other cameras in place, and the budget."""
    in_place = cameras.exclude(status=CameraStatus.DECOMMISSIONED)
    restricted = replacement_plan_cameras(cameras=cameras)
    headline = replacement_plan_headline(cameras=cameras, today=today)
    years: dict[int | None, dict] = {}
    for row in (
        in_place.order_by()
        .annotate(year=ExtractYear("end_of_life_date"))
        .values("year")
        .annotate(
            restricted_count=Count("pk", filter=Q(restricted=True)), other_count=Count("pk", filter=Q(restricted=False))
        )
    ):
        years[row["year"]] = {
            "year": row["year"],
            "restricted_count": row["restricted_count"],
            "other_count": row["other_count"],
        }
    for row in (
        restricted.order_by()
        .annotate(year=ExtractYear("end_of_life_date"))
        .values("year")
        .annotate(budget=Sum("unit_cost"), costed=Count("unit_cost"))
    ):
        years[row["year"]]["budget"] = row["budget"] or Decimal("0")
        years[row["year"]]["uncosted_count"] = years[row["year"]]["restricted_count"] - row["costed"]
    by_year = sorted(years.values(), key=lambda year: (year["year"] is None, year["year"] or 0))
    for year in by_year:
        year.setdefault("budget", Decimal("0"))
        year.setdefault("uncosted_count", 0)
    return {"headline": headline, "by_year": by_year}
