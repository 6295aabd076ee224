import datetime

import pytest

from assets.models import Camera
from tests import factories


def camera_body(site_, **overrides) -> dict:
    return {"site": site_.pk, "asset_tag": "LIB-001", "manufacturer": "hikvision", "install_date": "2021-03-01"} | (
        overrides
    )


def test_create_a_camera_with_slugs_and_read_its_derived_labels(library, api_client_for, officer):
    response = api_client_for(officer).post(
        "/api/v1/cameras/", camera_body(library, manufacturer="ezviz", networked=True), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == "demo-council"
    assert body["site"] == library.pk
    assert body["site_name"] == "Central Library"
    assert body["site_category"] == "library"
    assert body["manufacturer"] == "ezviz"
    assert body["manufacturer_name"] == "EZVIZ"
    assert body["vendor"] == "hikvision"  # the subsidiary brand counts under its owner
    assert body["vendor_name"] == "Hikvision"
    assert body["origin_country"] == "CN"
    assert body["origin_country_source"] == "manufacturer"
    assert body["end_of_life_date"] == "2031-03-01"
    assert body["end_of_life_estimated"] is True
    assert response["ETag"]
    assert Camera.objects.get(asset_tag="LIB-001").vendor.slug == "hikvision"


def test_a_camera_without_manufacturer_has_null_labels(library, api_client_for, officer):
    response = api_client_for(officer).post(
        "/api/v1/cameras/", camera_body(library, manufacturer=None, origin_country="gb"), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["manufacturer"] is None and body["manufacturer_name"] is None and body["vendor"] is None
    assert body["origin_country"] == "GB"
    assert body["origin_country_source"] == "recorded"


def test_retrieve_and_list_embed_labels(library, api_client_for, officer):
    camera = factories.camera(library)
    client = api_client_for(officer)
    response = client.get(f"/api/v1/cameras/{camera.pk}/")
    assert response.json()["site_name"] == "Central Library"
    assert response["ETag"]
    listing = client.get("/api/v1/cameras/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["vendor_name"] == "Hikvision"


def test_put_echoing_derived_values_keeps_them_derived(library, api_client_for, officer):
    camera = factories.camera(library)
    client = api_client_for(officer)
    body = client.get(f"/api/v1/cameras/{camera.pk}/").json()
    response = client.put(f"/api/v1/cameras/{camera.pk}/", body | {"model": "DS-2CD"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["model"] == "DS-2CD"
    assert response.json()["origin_country_source"] == "manufacturer"
    assert response.json()["end_of_life_estimated"] is True
    response = client.patch(f"/api/v1/cameras/{camera.pk}/", {"install_date": "2022-06-01"}, format="json")
    assert response.json()["end_of_life_date"] == "2032-06-01"


def test_patch_a_recorded_end_of_life_and_decommission(library, api_client_for, officer):
    camera = factories.camera(library)
    client = api_client_for(officer)
    response = client.patch(
        f"/api/v1/cameras/{camera.pk}/",
        {"end_of_life_date": "2026-01-01", "status": "decommissioned", "decommissioned_date": "2024-05-01"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["end_of_life_estimated"] is False
    assert response.json()["status"] == "decommissioned"


def test_isolation_between_organisations(library, other_council, api_client_for, other_officer):
    camera = factories.camera(library)
    client = api_client_for(other_officer)
    assert client.get("/api/v1/cameras/").json()["count"] == 0
    for method in ["get", "put", "patch", "delete"]:
        response = getattr(client, method)(f"/api/v1/cameras/{camera.pk}/", {}, format="json")
        assert response.status_code == 404, method
        assert "Central" not in response.content.decode()


def test_a_site_of_another_organisation_is_a_400_that_does_not_reveal_it(
    library, other_council, api_client_for, other_officer
):
    factories.site(other_council, name="Their Depot")
    response = api_client_for(other_officer).post("/api/v1/cameras/", camera_body(library), format="json")
    assert response.status_code == 400
    assert response.json()["site"] == [f"No site with id {library.pk} in your organisations."]
    unknown = api_client_for(other_officer).post("/api/v1/cameras/", camera_body(library, site=999999), format="json")
    assert unknown.json()["site"] == ["No site with id 999999 in your organisations."]


def test_moving_a_camera_to_a_foreign_site_is_a_400(library, other_council, api_client_for, officer):
    camera = factories.camera(library)
    theirs = factories.site(other_council)
    response = api_client_for(officer).patch(f"/api/v1/cameras/{camera.pk}/", {"site": theirs.pk}, format="json")
    assert response.status_code == 400
    assert "site" in response.json()


@pytest.mark.parametrize("role", ["viewer", "foi"])
def test_readers_cannot_write_cameras(council, library, api_client_for, role):
    camera = factories.camera(library)
    client = api_client_for(factories.user_with_role(council, role))
    assert client.post("/api/v1/cameras/", camera_body(library), format="json").status_code == 403
    assert client.patch(f"/api/v1/cameras/{camera.pk}/", {"model": "X"}, format="json").status_code == 403
    assert client.put(f"/api/v1/cameras/{camera.pk}/", camera_body(library), format="json").status_code == 403
    assert client.delete(f"/api/v1/cameras/{camera.pk}/").status_code == 403


def test_a_viewer_here_and_officer_elsewhere_cannot_create_here(council, other_council, library, api_client_for):
    user = factories.user_with_role(council, "viewer", username="mixed")
    factories.user_with_role(other_council, "officer", username="mixed")
    assert api_client_for(user).post("/api/v1/cameras/", camera_body(library), format="json").status_code == 403


def test_only_an_administrator_deletes_a_camera(council, library, api_client_for, officer):
    camera = factories.camera(library)
    assert api_client_for(officer).delete(f"/api/v1/cameras/{camera.pk}/").status_code == 403
    admin = factories.user_with_role(council, "admin")
    assert api_client_for(admin).delete(f"/api/v1/cameras/{camera.pk}/").status_code == 204
    assert not Camera.objects.filter(pk=camera.pk).exists()


def test_a_superuser_writes_anywhere(library, api_client_for):
    response = api_client_for(factories.superuser()).post("/api/v1/cameras/", camera_body(library), format="json")
    assert response.status_code == 201


TOMORROW = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"manufacturer": "no-such-brand"}, "manufacturer"),
        ({"site": "twelve"}, "site"),
        ({"site": None}, "site"),
        ({"site": 10**30}, "site"),
        ({"asset_tag": ""}, "asset_tag"),
        ({"asset_tag": "X" * 51}, "asset_tag"),
        ({"install_date": "01/03/2021"}, "install_date"),
        ({"install_date": "2021-02-30"}, "install_date"),
        ({"end_of_life_date": "2020-01-01"}, "end_of_life_date"),  # before the install date
        ({"decommissioned_date": "2022-01-01"}, "decommissioned_date"),  # but not decommissioned
        ({"status": "decommissioned"}, "decommissioned_date"),  # without a date
        ({"status": "decommissioned", "decommissioned_date": "2020-01-01"}, "decommissioned_date"),  # before install
        ({"status": "melted"}, "status"),
        ({"networked": "maybe"}, "networked"),
        ({"origin_country": "XX"}, "origin_country"),
        ({"origin_country": "China"}, "origin_country"),
        ({"install_date": TOMORROW}, "install_date"),  # an operational camera installed in the future
    ],
)
def test_bad_camera_input_is_a_400_naming_the_field(library, api_client_for, officer, overrides, field):
    response = api_client_for(officer).post("/api/v1/cameras/", camera_body(library, **overrides), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


def test_a_duplicate_asset_tag_in_the_organisation_is_a_400(council, library, api_client_for, officer):
    factories.camera(library, asset_tag="LIB-001")
    other_site = factories.site(council)
    response = api_client_for(officer).post("/api/v1/cameras/", camera_body(other_site), format="json")
    assert response.status_code == 400
    assert "asset_tag" in response.json()


def test_a_planned_camera_may_have_a_future_install_date(library, api_client_for, officer):
    body = camera_body(library, install_date=TOMORROW, status="planned")
    assert api_client_for(officer).post("/api/v1/cameras/", body, format="json").status_code == 201


@pytest.mark.parametrize("payload", ["not json", "[]", "null", '{"site": {"id": 1}}'])
def test_malformed_bodies_are_400(library, api_client_for, officer, payload):
    response = api_client_for(officer).generic("POST", "/api/v1/cameras/", payload, content_type="application/json")
    assert response.status_code == 400


def test_a_stale_if_match_is_refused_with_412(library, api_client_for, officer):
    camera = factories.camera(library)
    client = api_client_for(officer)
    etag = client.get(f"/api/v1/cameras/{camera.pk}/")["ETag"]
    assert client.patch(f"/api/v1/cameras/{camera.pk}/", {"model": "A"}, format="json").status_code == 200
    response = client.patch(f"/api/v1/cameras/{camera.pk}/", {"model": "B"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert "camera was changed" in response.json()["detail"]
    camera.refresh_from_db()
    assert camera.model == "A"
    fresh = client.get(f"/api/v1/cameras/{camera.pk}/")["ETag"]
    body = camera_body(library, model="B")
    assert client.put(f"/api/v1/cameras/{camera.pk}/", body, format="json", HTTP_IF_MATCH=fresh).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_a_list_page_costs_a_fixed_number_of_queries(
    council, api_client_for, officer, django_assert_max_num_queries, size
):
    sites = [factories.site(council, category_slug=slug) for slug in ["library", "car-park", "park"]]
    for number in range(size):
        factories.camera(
            sites[number % 3],
            manufacturer=factories.manufacturer(["hikvision", "ezviz", "axis-communications"][number % 3]),
        )
    client = api_client_for(officer)
    # token, count, page: the labels come with the page
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/cameras/?limit=100")
    assert len(response.json()["results"]) == size
    assert all(row["vendor_name"] and row["site_name"] for row in response.json()["results"])


def test_pagination_with_limit_and_offset(library, api_client_for, officer):
    for number in range(5):
        factories.camera(library, asset_tag=f"CAM-{number}")
    page = api_client_for(officer).get("/api/v1/cameras/?limit=2&offset=2").json()
    assert page["count"] == 5
    assert [row["asset_tag"] for row in page["results"]] == ["CAM-2", "CAM-3"]
    assert "offset=4" in page["next"]


def test_a_number_sent_for_a_text_field_is_a_400_naming_it(library, api_client_for, officer):
    """The schema says text; DRF would quietly turn 42 into "42". A client sending a number has a bug to hear of."""
    response = api_client_for(officer).post(
        "/api/v1/cameras/",
        {"asset_tag": "NUM-1", "site": library.pk, "location_description": 42, "model": True},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"location_description", "model"}
    assert "not a number" in response.json()["location_description"][0]
