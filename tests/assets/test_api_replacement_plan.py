import datetime

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from assets.demo import load_demo
from assets.services import organisation_follow_restrictions
from registry.choices import Role
from registry.models import ReplacementUnitCost
from registry.services import membership_set
from tests import factories

URL = "/api/v1/replacement-plan/"


@pytest.fixture
def follows_uk_statement(council, other_council):
    for organisation in (council, other_council):
        organisation_follow_restrictions(organisation=organisation, keys=["uk-2022-nil"])
    return council


@pytest.mark.django_db
class TestDemoCouncil:
    @pytest.fixture
    def demo_api(self, api_client_for):
        load_demo()
        return api_client_for(get_user_model().objects.get(username="demo-viewer"))

    def test_matches_a_hand_count(self, demo_api):
        plan = demo_api.get(URL).json()
        headline = plan["headline"]
        assert (headline["restricted_count"], headline["networked_count"], headline["sensitive_site_count"]) == (
            75,
            23,
            3,
        )
        assert headline["budget"] == "37000.00"
        assert sum(year["restricted_count"] for year in plan["by_year"]) == 75
        assert sum(year["other_count"] for year in plan["by_year"]) == 319
        assert plan["cameras"]["count"] == 75
        first = plan["cameras"]["results"][0]
        assert (first["site_name"], first["sensitive"], first["networked"], first["priority"]) == (
            "Civic Centre",
            True,
            True,
            1,
        )
        assert first["priority_label"] == "Networked, on a sensitive site"
        assert first["unit_cost"] == "700.00"

    def test_libraries_none_networked_and_nothing_in_public_space(self, demo_api):
        libraries = demo_api.get(URL, {"site_category": "library", "limit": 1000}).json()
        assert libraries["headline"]["restricted_count"] == 50
        assert libraries["headline"]["networked_count"] == 0
        assert len(libraries["cameras"]["results"]) == 50
        assert {camera["manufacturer"] for camera in libraries["cameras"]["results"]} == {"hikvision"}
        public_space = demo_api.get(URL, {"site_category": "public-space"}).json()
        assert public_space["headline"]["restricted_count"] == 0
        assert public_space["cameras"]["results"] == []
        assert sum(year["other_count"] for year in public_space["by_year"]) == 300

    def test_cameras_are_paged_in_plan_order(self, demo_api):
        first = demo_api.get(URL, {"limit": 10}).json()["cameras"]
        assert len(first["results"]) == 10
        assert "offset=10" in first["next"]
        rest = demo_api.get(URL, {"limit": 1000, "offset": 10}).json()["cameras"]["results"]
        priorities = [camera["priority"] for camera in first["results"] + rest]
        assert priorities == sorted(priorities)
        assert len(priorities) == 75


@pytest.mark.django_db
class TestCamerasOfThePlan:
    def test_fields_and_decimals_as_strings(self, api_client_for, officer, follows_uk_statement, library):
        ReplacementUnitCost.objects.create(organisation=library.organisation, category=library.category, unit_cost=450)
        camera = factories.camera(
            library,
            asset_tag="LIB-1",
            manufacturer=factories.manufacturer("ezviz"),
            install_date=datetime.date(2015, 1, 1),
            end_of_life_date=datetime.date(2020, 1, 1),
        )
        plan = api_client_for(officer).get(URL).json()
        assert plan["headline"] == {
            "restricted_count": 1,
            "networked_count": 0,
            "sensitive_site_count": 0,
            "past_end_of_life_count": 1,
            "budget": "450.00",
        }
        assert plan["by_year"] == [
            {"year": 2020, "restricted_count": 1, "other_count": 0, "budget": "450.00", "uncosted_count": 0}
        ]
        assert plan["cameras"]["results"] == [
            {
                "id": camera.pk,
                "asset_tag": "LIB-1",
                "organisation": "demo-council",
                "site": library.pk,
                "site_name": "Central Library",
                "site_category": "library",
                "sensitive": False,
                "networked": False,
                "manufacturer": "ezviz",
                "manufacturer_name": "EZVIZ",
                "vendor": "hikvision",
                "vendor_name": "Hikvision",
                "model": "",
                "status": "operational",
                "end_of_life_date": "2020-01-01",
                "end_of_life_estimated": False,
                "past_end_of_life": True,
                "priority": 4,
                "priority_label": "Other",
                "unit_cost": "450.00",
            }
        ]

    def test_no_unit_cost_is_null_and_counted(self, api_client_for, officer, follows_uk_statement, library):
        factories.camera(library, end_of_life_date=datetime.date(2031, 1, 1))
        plan = api_client_for(officer).get(URL).json()
        assert plan["cameras"]["results"][0]["unit_cost"] is None
        assert plan["by_year"][0]["uncosted_count"] == 1
        assert plan["headline"]["budget"] == "0.00"


@pytest.mark.django_db
class TestAccess:
    @pytest.mark.parametrize("role", Role.values)
    def test_every_member_reads(self, api_client_for, council, role):
        assert api_client_for(factories.user_with_role(council, role)).get(URL).status_code == 200

    def test_anonymous_is_401(self, db):
        assert APIClient().get(URL).status_code == 401

    def test_session_auth_works(self, client, officer):
        client.force_login(officer)
        assert client.get(URL).status_code == 200

    def test_another_organisation_is_never_counted_or_listed(
        self, api_client_for, officer, follows_uk_statement, library, other_council
    ):
        factories.camera(library, asset_tag="OURS")
        theirs = factories.site(other_council, category_slug="office", sensitive=True)
        factories.camera(theirs, asset_tag="THEIRS", networked=True)
        factories.camera(theirs, manufacturer=factories.manufacturer("bosch"))
        plan = api_client_for(officer).get(URL).json()
        assert plan["headline"]["restricted_count"] == 1
        assert plan["headline"]["networked_count"] == 0
        assert [camera["asset_tag"] for camera in plan["cameras"]["results"]] == ["OURS"]
        assert sum(year["other_count"] + year["restricted_count"] for year in plan["by_year"]) == 1

    def test_filter_by_organisation(self, api_client_for, follows_uk_statement, library, other_council):
        member_of_both = factories.user_with_role(library.organisation, "viewer")
        membership_set(username=member_of_both.username, organisation=other_council, role="viewer", password=None)
        factories.camera(library, asset_tag="OURS")
        factories.camera(factories.site(other_council), asset_tag="THEIRS")
        client = api_client_for(member_of_both)
        assert client.get(URL).json()["headline"]["restricted_count"] == 2
        plan = client.get(URL, {"organisation": "other-council"}).json()
        assert [camera["asset_tag"] for camera in plan["cameras"]["results"]] == ["THEIRS"]

    def test_another_organisations_slug_or_a_bad_filter_is_400(self, api_client_for, officer, other_council):
        response = api_client_for(officer).get(URL, {"organisation": "other-council", "networked": "maybe"})
        assert response.status_code == 400
        assert set(response.json()) >= {"organisation", "networked"}


def test_the_schema_describes_the_plan(db, tmp_path):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    operation = schema["paths"][URL]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"organisation", "site_category", "networked", "restricted", "limit", "offset"} <= parameters
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ReplacementPlan")
