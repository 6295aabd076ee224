"""An organisation's settings, changed by its administrators through PATCH /api/v1/organisations/{slug}/ and the
settings page; the cameras' restricted flags and estimated end of life follow."""

import datetime

import pytest
from rest_framework.test import APIClient

from assets.services import organisation_followed_keys
from tests import factories
from tests.pages import error_summary, form_data

URL = "/api/v1/organisations/demo-council/"
PAGE = "/organisations/demo-council/settings/"


@pytest.fixture
def admin(council):
    return factories.user_with_role(council, "admin", username="council-admin")


@pytest.fixture
def hikvision_camera(library):
    return factories.camera(library, asset_tag="HIK-1", install_date=datetime.date(2020, 1, 15))


def test_an_administrator_changes_the_settings_and_the_cameras_follow(admin, api_client_for, council, hikvision_camera):
    body = {
        "adopted_restrictions": ["us-fcc-covered"],
        "default_camera_lifespan_years": 7,
        "no_restricted_cameras_after": "2024-04-01",
        "foi_requester_retention_months": 24,
    }
    response = api_client_for(admin).patch(URL, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "slug": "demo-council",
        "name": "Demo Council",
        "jurisdiction": "england-wales",
        "default_camera_lifespan_years": 7,
        "no_restricted_cameras_after": "2024-04-01",
        "foi_requester_retention_months": 24,
        "role": "admin",
        "adopted_restrictions": ["us-fcc-covered"],
        "public_register": False,
    }
    hikvision_camera.refresh_from_db()
    assert hikvision_camera.restricted is True
    assert hikvision_camera.end_of_life_date == datetime.date(2027, 1, 15)
    unfollow = api_client_for(admin).patch(
        URL, {"adopted_restrictions": [], "no_restricted_cameras_after": None}, format="json"
    )
    assert unfollow.status_code == 200
    hikvision_camera.refresh_from_db()
    assert hikvision_camera.restricted is False
    council.refresh_from_db()
    assert council.no_restricted_cameras_after is None


def test_every_member_reads_the_settings(council, api_client_for):
    factories.user_with_role(council, "admin")
    viewer = factories.user_with_role(council, "viewer")
    assert api_client_for(viewer).get(URL).json()["adopted_restrictions"] == []


@pytest.mark.parametrize("role", ["viewer", "officer", "foi"])
def test_other_roles_are_refused(council, api_client_for, role):
    client = api_client_for(factories.user_with_role(council, role))
    assert client.patch(URL, {"default_camera_lifespan_years": 3}, format="json").status_code == 403
    council.refresh_from_db()
    assert council.default_camera_lifespan_years == 10


def test_another_organisation_is_not_found(admin, api_client_for, other_council):
    response = api_client_for(admin).patch("/api/v1/organisations/other-council/", {"default_camera_lifespan_years": 3})
    assert response.status_code == 404
    assert APIClient().patch(URL, {"default_camera_lifespan_years": 3}).status_code == 401


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"adopted_restrictions": ["us-fcc-covered", "no-such-rule"]}, "adopted_restrictions", "no-such-rule"),
        ({"adopted_restrictions": "us-fcc-covered"}, "adopted_restrictions", "list"),
        ({"default_camera_lifespan_years": 0}, "default_camera_lifespan_years", "1"),
        ({"default_camera_lifespan_years": "ten"}, "default_camera_lifespan_years", "integer"),
        ({"no_restricted_cameras_after": "1 April"}, "no_restricted_cameras_after", "format"),
        ({"foi_requester_retention_months": 0}, "foi_requester_retention_months", "1"),
        ({"foi_requester_retention_months": 241}, "foi_requester_retention_months", "240"),
    ],
)
def test_bad_settings_are_400s_naming_the_field(admin, api_client_for, council, body, field, words):
    response = api_client_for(admin).patch(URL, body, format="json")
    assert response.status_code == 400
    assert words in str(response.json()[field])
    assert organisation_followed_keys(organisation=council) == set()


def test_only_patch_is_added(admin, api_client_for):
    client = api_client_for(admin)
    assert client.put(URL, {"default_camera_lifespan_years": 3}, format="json").status_code == 405
    assert client.post("/api/v1/organisations/", {"slug": "x", "name": "X"}).status_code == 405


def test_the_name_and_slug_are_not_changed_here(admin, api_client_for, council):
    response = api_client_for(admin).patch(URL, {"name": "Renamed", "slug": "renamed"}, format="json")
    assert response.status_code == 200
    council.refresh_from_db()
    assert (council.name, council.slug) == ("Demo Council", "demo-council")


class TestSettingsPage:
    def test_an_administrator_saves_the_settings(self, client, admin, council, hikvision_camera):
        client.force_login(admin)
        form = client.get(PAGE).context["form"]
        data = form_data(
            form,
            default_camera_lifespan_years="5",
            followed_restrictions=["uk-2022-nil"],
            foi_requester_retention_months="12",
        )
        response = client.post(PAGE, data, follow=True)
        assert "settings saved" in response.text
        council.refresh_from_db()
        assert council.foi_requester_retention_months == 12
        hikvision_camera.refresh_from_db()
        assert hikvision_camera.restricted is True
        assert hikvision_camera.end_of_life_date == datetime.date(2025, 1, 15)

    def test_errors_are_shown_at_the_field(self, client, admin, council):
        client.force_login(admin)
        form = client.get(PAGE).context["form"]
        response = client.post(PAGE, form_data(form, default_camera_lifespan_years="99"))
        assert "less than or equal to 50" in error_summary(response)
        council.refresh_from_db()
        assert council.default_camera_lifespan_years == 10

    @pytest.mark.parametrize("role", ["viewer", "officer", "foi"])
    def test_other_roles_are_forbidden(self, client, council, role):
        client.force_login(factories.user_with_role(council, role))
        assert client.get(PAGE).status_code == 403
        assert client.post(PAGE, {"default_camera_lifespan_years": "3"}).status_code == 403

    def test_another_organisation_is_not_found(self, client, admin, other_council):
        client.force_login(admin)
        assert client.get("/organisations/other-council/settings/").status_code == 404
