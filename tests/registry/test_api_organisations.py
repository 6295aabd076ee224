import pytest
from rest_framework.test import APIClient

from tests import factories


def test_anonymous_requests_are_refused_everywhere(db):
    client = APIClient()
    for url in ["organisations", "site-categories", "sites", "manufacturers", "cameras", "cameras/counts"]:
        assert client.get(f"/api/v1/{url}/").status_code == 401, url


def test_a_member_sees_only_their_organisations_with_their_role(council, other_council, api_client_for):
    viewer = factories.user_with_role(council, "viewer")
    response = api_client_for(viewer).get("/api/v1/organisations/")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"] == [
        {
            "slug": "demo-council",
            "name": "Demo Council",
            "jurisdiction": "england-wales",
            "default_camera_lifespan_years": 10,
            "no_restricted_cameras_after": None,
            "foi_requester_retention_months": 36,
            "role": "viewer",
            "adopted_restrictions": [],
            "public_register": False,
        }
    ]
    assert api_client_for(viewer).get("/api/v1/organisations/other-council/").status_code == 404


def test_a_superuser_sees_every_organisation_as_administrator(council, other_council, api_client_for):
    results = api_client_for(factories.superuser()).get("/api/v1/organisations/").json()["results"]
    assert {(row["slug"], row["role"]) for row in results} == {("demo-council", "admin"), ("other-council", "admin")}


def test_organisations_are_read_only(council, api_client_for):
    client = api_client_for(factories.superuser())
    assert client.post("/api/v1/organisations/", {"slug": "x", "name": "X"}).status_code == 405
    assert client.delete("/api/v1/organisations/demo-council/").status_code == 405


def test_site_categories_are_listed_and_read_only(council, api_client_for):
    client = api_client_for(factories.user_with_role(council, "viewer"))
    response = client.get("/api/v1/site-categories/library/")
    assert response.json() == {"slug": "library", "name": "Library"}
    assert client.get("/api/v1/site-categories/").json()["count"] >= 10
    assert client.post("/api/v1/site-categories/", {"slug": "x", "name": "X"}).status_code == 405


@pytest.mark.parametrize("role", ["viewer", "foi", "officer", "admin"])
def test_every_role_reads(council, library, api_client_for, role):
    client = api_client_for(factories.user_with_role(council, role))
    assert client.get("/api/v1/sites/").json()["count"] == 1
