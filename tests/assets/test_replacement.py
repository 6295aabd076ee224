"""assets/replacement.py: the replacement plan's ranking and its summary by year, with budgets."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from assets.models import Camera
from assets.replacement import replacement_plan_cameras, replacement_plan_summary
from registry.models import ReplacementUnitCost
from tests import factories


def test_replacement_plan_ranks_networked_sensitive_first(follows_uk_statement, council):
    office = factories.site(council, name="Control Room", category_slug="office", sensitive=True)
    library = factories.site(council, name="Library", category_slug="library")
    hikvision = factories.manufacturer("hikvision")
    plain = factories.camera(
        library, asset_tag="PLAIN", manufacturer=hikvision, end_of_life_date=datetime.date(2024, 1, 1)
    )
    sensitive = factories.camera(
        office, asset_tag="SENS", manufacturer=hikvision, end_of_life_date=datetime.date(2025, 1, 1)
    )
    networked = factories.camera(library, asset_tag="NET", manufacturer=hikvision, networked=True)
    both = factories.camera(office, asset_tag="BOTH", manufacturer=hikvision, networked=True)
    factories.camera(library, asset_tag="BOSCH", manufacturer=factories.manufacturer("bosch"), networked=True)
    factories.camera(
        library,
        asset_tag="GONE",
        manufacturer=hikvision,
        status="decommissioned",
        decommissioned_date=datetime.date(2021, 1, 1),
    )
    plan = list(replacement_plan_cameras(cameras=Camera.objects.filter(organisation=council)))
    assert [camera.asset_tag for camera in plan] == ["BOTH", "NET", "SENS", "PLAIN"]
    assert [camera.priority for camera in plan] == [1, 2, 3, 4]
    assert {both.pk, networked.pk, sensitive.pk, plain.pk} == {camera.pk for camera in plan}


def test_replacement_summary_counts_and_budget(follows_uk_statement, council, library):
    ReplacementUnitCost.objects.create(organisation=council, category=library.category, unit_cost=Decimal("450"))
    hikvision = factories.manufacturer("hikvision")
    factories.camera(library, manufacturer=hikvision, end_of_life_date=datetime.date(2024, 5, 1), networked=True)
    factories.camera(library, manufacturer=hikvision, end_of_life_date=datetime.date(2027, 5, 1))
    factories.camera(library, manufacturer=factories.manufacturer("bosch"), end_of_life_date=datetime.date(2027, 1, 1))
    depot = factories.site(council, name="Depot", category_slug="depot")
    factories.camera(depot, manufacturer=hikvision, end_of_life_date=datetime.date(2027, 2, 1))
    summary = replacement_plan_summary(
        cameras=Camera.objects.filter(organisation=council), today=datetime.date(2026, 11, 26)
    )
    assert summary["headline"] == {
        "restricted_count": 3,
        "networked_count": 1,
        "sensitive_site_count": 0,
        "past_end_of_life_count": 1,
        "budget": Decimal("900"),
    }
    assert summary["by_year"] == [
        {"year": 2024, "restricted_count": 1, "other_count": 0, "budget": Decimal("450"), "uncosted_count": 0},
        {"year": 2027, "restricted_count": 2, "other_count": 1, "budget": Decimal("450"), "uncosted_count": 1},
    ]


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_plan_matches_a_hand_count():
    call_command("load_demo")
    cameras = Camera.objects.filter(organisation__slug="demo-borough")
    plan = replacement_plan_cameras(cameras=cameras)
    libraries = plan.filter(site__category__slug="library")
    assert libraries.count() == 50
    assert libraries.filter(networked=True).count() == 0
    assert not plan.filter(site__category__slug="public-space").exists()
