import datetime

import pytest

from assets.models import Manufacturer
from assets.services import organisation_follow_restrictions
from tests import factories


def test_everyone_signed_in_reads_manufacturers(council, api_client_for):
    client = api_client_for(factories.user_with_role(council, "viewer"))
    response = client.get("/api/v1/manufacturers/ezviz/")
    assert response.status_code == 200
    assert response.json()["parent"] == "hikvision"
    assert response.json()["parent_name"] == "Hikvision"
    assert response.json()["country"] == "CN"
    assert client.get("/api/v1/manufacturers/?limit=5").json()["count"] == Manufacturer.objects.count()


@pytest.mark.parametrize("role", ["viewer", "officer", "admin"])
def test_only_superusers_write_manufacturers(council, api_client_for, role):
    client = api_client_for(factories.user_with_role(council, role))
    assert client.post("/api/v1/manufacturers/", {"slug": "acme", "name": "Acme"}, format="json").status_code == 403
    assert client.patch("/api/v1/manufacturers/ezviz/", {"note": "x"}, format="json").status_code == 403


def test_a_superuser_creates_and_reparents_a_brand_and_cameras_follow(library, api_client_for):
    client = api_client_for(factories.superuser())
    response = client.post("/api/v1/manufacturers/", {"slug": "acme", "name": "Acme", "country": "gb"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["country"] == "GB"
    camera = factories.camera(library, manufacturer=Manufacturer.objects.get(slug="acme"))
    assert camera.vendor.slug == "acme"
    response = client.patch("/api/v1/manufacturers/acme/", {"parent": "hikvision"}, format="json")
    assert response.status_code == 200, response.json()
    camera.refresh_from_db()
    assert camera.vendor.slug == "hikvision"


def test_manufacturers_are_not_deleted_through_the_api(api_client_for, db):
    assert api_client_for(factories.superuser()).delete("/api/v1/manufacturers/acme/").status_code == 405


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"slug": "hikvision", "name": "Another"}, "slug"),
        ({"slug": "acme", "name": "Hikvision"}, "name"),
        ({"slug": "acme", "name": "Acme", "parent": "nope"}, "parent"),
        ({"slug": "acme", "name": "Acme", "country": "ZZ"}, "country"),
        ({"slug": "not a slug", "name": "Acme"}, "slug"),
        (
            {"slug": "acme", "name": "Acme", "parent": "hikvision", "parent_from": "2020-01-01",
             "parent_until": "2019-01-01"},
            "parent_until",
        ),
    ],
)  # fmt: skip
def test_bad_manufacturer_input_is_a_400_naming_the_field(api_client_for, db, body, field):
    response = api_client_for(factories.superuser()).post("/api/v1/manufacturers/", body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_an_ownership_loop_is_a_400_naming_parent(api_client_for, db):
    response = api_client_for(factories.superuser()).patch(
        "/api/v1/manufacturers/hikvision/", {"parent": "ezviz"}, format="json"
    )
    assert response.status_code == 400
    assert "parent" in response.json()


def test_a_dated_parent_link_applies_by_install_date(library, api_client_for):
    client = api_client_for(factories.superuser())
    client.post("/api/v1/manufacturers/", {"slug": "acme", "name": "Acme"}, format="json")
    old = factories.camera(
        library, manufacturer=Manufacturer.objects.get(slug="acme"), install_date=datetime.date(2015, 1, 1)
    )
    client.patch("/api/v1/manufacturers/acme/", {"parent": "hikvision", "parent_from": "2019-01-01"}, format="json")
    old.refresh_from_db()
    assert old.vendor.slug == "acme"


def test_the_relation_to_the_parent_is_read_as_owner_or_maker(council, api_client_for):
    client = api_client_for(factories.user_with_role(council, "viewer"))
    assert client.get("/api/v1/manufacturers/amcrest/").json()["parent_relation"] == "maker"
    assert client.get("/api/v1/manufacturers/ezviz/").json()["parent_relation"] == "owner"


def test_a_v1_client_that_never_sends_parent_relation_gets_owner_and_keeps_a_maker(library, api_client_for):
    client = api_client_for(factories.superuser())
    response = client.post("/api/v1/manufacturers/", {"slug": "acme", "name": "Acme", "parent": "dahua"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["parent_relation"] == "owner"
    amcrest = client.get("/api/v1/manufacturers/amcrest/").json()
    body = {key: value for key, value in amcrest.items() if key not in {"id", "parent_name", "parent_relation"}}
    response = client.put("/api/v1/manufacturers/amcrest/", body | {"note": "Checked 2026"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["parent_relation"] == "maker"


def test_making_a_parent_a_maker_moves_the_cameras_vendor_and_keeps_them_restricted(library, council, api_client_for):
    organisation_follow_restrictions(organisation=council, keys=["us-fcc-covered"])
    client = api_client_for(factories.superuser())
    client.post("/api/v1/manufacturers/", {"slug": "acme", "name": "Acme", "parent": "dahua"}, format="json")
    camera = factories.camera(library, manufacturer=Manufacturer.objects.get(slug="acme"))
    assert (camera.vendor.slug, camera.restricted) == ("dahua", True)
    response = client.patch("/api/v1/manufacturers/acme/", {"parent_relation": "maker"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["parent_relation"] == "maker"
    camera.refresh_from_db()
    assert (camera.vendor.slug, camera.restricted) == ("acme", True)


def test_an_unknown_parent_relation_is_a_400_naming_it(api_client_for, db):
    response = api_client_for(factories.superuser()).patch(
        "/api/v1/manufacturers/amcrest/", {"parent_relation": "reseller"}, format="json"
    )
    assert response.status_code == 400
    assert "parent_relation" in response.json()


def test_a_control_character_in_a_manufacturer_is_a_400_naming_the_field(api_client_for, db):
    response = api_client_for(factories.superuser()).post(
        "/api/v1/manufacturers/", {"slug": "acme", "name": "Acme\u009b"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": ["Remove the control character (U+009B) from this text."]}
