from tests import factories


def restricted_body(site) -> dict:
    return {"site": site.pk, "asset_tag": "NEW-1", "manufacturer": "hikvision", "install_date": "2023-06-01"}


def test_restricted_filter_and_dimension(follows_uk_statement, register, api_client_for, officer):
    client = api_client_for(officer)
    tags = [row["asset_tag"] for row in client.get("/api/v1/cameras/?restricted=true").json()["results"]]
    assert tags == ["A", "B", "E"]  # Hikvision, EZVIZ (a Hikvision brand), Dahua: all based in China
    answer = client.get("/api/v1/cameras/counts/?group_by=restricted").json()
    assert answer["groups"] == [
        {"restricted": True, "restricted_label": "Restricted vendor", "count": 3},
        {"restricted": False, "restricted_label": "Not restricted", "count": 2},
    ]
    assert client.get("/api/v1/cameras/?restricted=perhaps").status_code == 400


def test_the_procurement_policy_refusal_names_the_manufacturer(with_policy, library, api_client_for, officer):
    response = api_client_for(officer).post("/api/v1/cameras/", restricted_body(library), format="json")
    assert response.status_code == 400
    assert "restricted" in response.json()["manufacturer"][0]


def test_only_an_administrator_overrides_the_policy(with_policy, council, library, api_client_for, officer):
    body = restricted_body(library) | {"restriction_override_reason": "Matches the existing system"}
    response = api_client_for(officer).post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 400
    assert "restriction_override_reason" in response.json()
    admin = factories.user_with_role(council, "admin", username="council-admin")
    response = api_client_for(admin).post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["restricted"] is True
    assert response.json()["restriction_override_by"] == "council-admin"


def test_restricted_is_read_only(follows_uk_statement, library, api_client_for, officer):
    camera = factories.camera(library)
    response = api_client_for(officer).patch(f"/api/v1/cameras/{camera.pk}/", {"restricted": False}, format="json")
    assert response.json()["restricted"] is True


def test_a_camera_of_unknown_make_made_in_china_is_restricted(follows_uk_statement, library, api_client_for, officer):
    body = {"site": library.pk, "asset_tag": "NEW-1", "origin_country": "CN", "install_date": "2020-01-01"}
    response = api_client_for(officer).post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["manufacturer"], response.json()["restricted"]) == (None, True)


def test_the_policy_refuses_a_camera_of_unknown_make_made_in_china(with_policy, library, api_client_for, officer):
    body = {"site": library.pk, "asset_tag": "NEW-1", "origin_country": "CN", "install_date": "2023-06-01"}
    response = api_client_for(officer).post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["origin_country"]
    assert response.json()["origin_country"][0].startswith("A camera made in China is restricted")


def test_vendor_counts_follow_owners_only(follows_uk_statement, library, api_client_for, officer):
    factories.camera(library, manufacturer=factories.manufacturer("amcrest"))
    factories.camera(library, manufacturer=factories.manufacturer("imou"))
    answer = api_client_for(officer).get("/api/v1/cameras/counts/?group_by=vendor,restricted").json()
    assert answer["groups"] == [
        {"vendor": "amcrest", "vendor_label": "Amcrest", "restricted": True, "restricted_label": "Restricted vendor",
         "count": 1},
        {"vendor": "dahua", "vendor_label": "Dahua Technology", "restricted": True,
         "restricted_label": "Restricted vendor", "count": 1},
    ]  # fmt: skip
