import pytest

from registry.models import Site
from tests import factories


def test_list_and_retrieve_sites_with_labels(library, api_client_for, officer):
    client = api_client_for(officer)
    response = client.get(f"/api/v1/sites/{library.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["organisation"] == "demo-council"
    assert body["organisation_name"] == "Demo Council"
    assert body["category"] == "library"
    assert body["category_name"] == "Library"
    assert response["ETag"]
    assert client.get("/api/v1/sites/").json()["results"][0]["name"] == "Central Library"


def test_another_organisations_site_is_not_found(library, other_council, api_client_for, other_officer):
    client = api_client_for(other_officer)
    assert client.get("/api/v1/sites/").json()["count"] == 0
    for method in ["get", "put", "patch", "delete"]:
        assert getattr(client, method)(f"/api/v1/sites/{library.pk}/").status_code == 404, method


def test_a_single_organisation_officer_creates_a_site_without_naming_it(council, api_client_for, officer):
    response = api_client_for(officer).post(
        "/api/v1/sites/",
        {"name": "Town Hall", "category": "office", "postcode": " sw1a  1aa ", "sensitive": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["postcode"] == "SW1A 1AA"
    assert response.json()["sensitive"] is True
    assert response.json()["organisation"] == "demo-council"
    assert response["ETag"]
    assert Site.objects.get(name="Town Hall").organisation == council


def test_a_user_in_several_organisations_must_name_one(council, other_council, api_client_for):
    user = factories.user_with_role(council, "officer", username="both")
    factories.user_with_role(other_council, "officer", username="both")
    client = api_client_for(user)
    response = client.post("/api/v1/sites/", {"name": "Depot", "category": "depot"}, format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()
    response = client.post(
        "/api/v1/sites/", {"name": "Depot", "category": "depot", "organisation": "other-council"}, format="json"
    )
    assert response.status_code == 201
    assert Site.objects.get(name="Depot").organisation == other_council


def test_a_superuser_names_the_organisation(council, other_council, api_client_for):
    client = api_client_for(factories.superuser())
    body = {"name": "Depot", "category": "depot", "organisation": "demo-council"}
    assert client.post("/api/v1/sites/", body, format="json").status_code == 201
    assert client.post("/api/v1/sites/", body | {"organisation": None}, format="json").status_code == 400


def test_naming_an_organisation_you_do_not_belong_to_is_an_unknown_slug(
    council, other_council, api_client_for, officer
):
    response = api_client_for(officer).post(
        "/api/v1/sites/", {"name": "Depot", "category": "depot", "organisation": "other-council"}, format="json"
    )
    assert response.status_code == 400
    assert "other-council" in response.json()["organisation"][0]


def test_an_officer_in_one_organisation_cannot_create_in_another_where_they_view(
    council, other_council, api_client_for
):
    user = factories.user_with_role(council, "officer", username="mixed")
    factories.user_with_role(other_council, "viewer", username="mixed")
    response = api_client_for(user).post(
        "/api/v1/sites/", {"name": "Depot", "category": "depot", "organisation": "other-council"}, format="json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["viewer", "foi"])
def test_readers_cannot_write_sites(council, library, api_client_for, role):
    client = api_client_for(factories.user_with_role(council, role))
    assert client.post("/api/v1/sites/", {"name": "X", "category": "depot"}, format="json").status_code == 403
    assert client.patch(f"/api/v1/sites/{library.pk}/", {"ward": "X"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/sites/{library.pk}/").status_code == 403


def test_an_officer_edits_but_cannot_delete(library, api_client_for, officer):
    client = api_client_for(officer)
    response = client.patch(f"/api/v1/sites/{library.pk}/", {"ward": "Riverside"}, format="json")
    assert response.status_code == 200
    assert response.json()["ward"] == "Riverside"
    response = client.put(
        f"/api/v1/sites/{library.pk}/", {"name": "Main Library", "category": "library"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Main Library"
    assert client.delete(f"/api/v1/sites/{library.pk}/").status_code == 403


def test_an_administrator_deletes_an_empty_site_but_not_one_with_cameras(council, library, api_client_for):
    client = api_client_for(factories.user_with_role(council, "admin"))
    factories.camera(library)
    response = client.delete(f"/api/v1/sites/{library.pk}/")
    assert response.status_code == 400
    assert "camera" in response.json()["site"][0]
    empty = factories.site(council)
    assert client.delete(f"/api/v1/sites/{empty.pk}/").status_code == 204
    assert not Site.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Central Library", "category": "library"}, "name"),  # duplicate in the organisation
        ({"name": "New", "category": "no-such-category"}, "category"),
        ({"name": "New", "category": "library", "postcode": "NOT A POSTCODE"}, "postcode"),
        ({"name": "", "category": "library"}, "name"),
        ({"category": "library"}, "name"),
        ({"name": "New"}, "category"),
        ({"name": "New", "category": ["library"]}, "category"),
    ],
)
def test_bad_site_input_is_a_400_naming_the_field(library, api_client_for, officer, body, field):
    response = api_client_for(officer).post("/api/v1/sites/", body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_a_site_cannot_move_organisation(library, other_council, api_client_for):
    client = api_client_for(factories.superuser())
    response = client.patch(f"/api/v1/sites/{library.pk}/", {"organisation": "other-council"}, format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()


def test_a_stale_if_match_is_refused_with_412_and_nothing_is_saved(library, api_client_for, officer):
    client = api_client_for(officer)
    etag = client.get(f"/api/v1/sites/{library.pk}/")["ETag"]
    first = client.patch(f"/api/v1/sites/{library.pk}/", {"ward": "North"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    assert first["ETag"] != etag
    second = client.patch(f"/api/v1/sites/{library.pk}/", {"ward": "South"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert "changed" in second.json()["detail"]
    library.refresh_from_db()
    assert library.ward == "North"
    third = client.patch(f"/api/v1/sites/{library.pk}/", {"ward": "South"}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert third.status_code == 200


def test_a_stale_if_match_protects_deletes_too(council, api_client_for):
    site = factories.site(council)
    client = api_client_for(factories.user_with_role(council, "admin"))
    etag = client.get(f"/api/v1/sites/{site.pk}/")["ETag"]
    client.patch(f"/api/v1/sites/{site.pk}/", {"ward": "North"}, format="json")
    assert client.delete(f"/api/v1/sites/{site.pk}/", HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(f"/api/v1/sites/{site.pk}/", HTTP_IF_MATCH="*").status_code == 204


@pytest.fixture
def sites(council, other_council, library):
    """Four sites of the council (the library among them) and one of another council's."""
    library.address, library.postcode, library.ward = "1 High Street", "DB1 1AA", "Northgate"
    library.save()
    factories.site(council, name="Market Car Park", category_slug="car-park", ward="Southgate", postcode="DB2 2BB")
    factories.site(council, name="Civic Centre", category_slug="office", ward="northgate", sensitive=True)
    factories.site(council, name="Branch Library", category_slug="library", address="Mill Lane", ward="Southgate")
    factories.site(other_council, name="Their Library", category_slug="library")


def site_names(client, query: dict) -> list[str]:
    response = client.get("/api/v1/sites/", query)
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Branch Library", "Central Library", "Civic Centre", "Market Car Park"]),
        ({"category": "library"}, ["Branch Library", "Central Library"]),
        ({"ward": "Northgate"}, ["Central Library", "Civic Centre"]),  # any case
        ({"sensitive": "true"}, ["Civic Centre"]),
        ({"sensitive": "no"}, ["Branch Library", "Central Library", "Market Car Park"]),
        ({"q": "library"}, ["Branch Library", "Central Library"]),
        ({"q": "mill"}, ["Branch Library"]),  # address
        ({"q": "db22bb"}, ["Market Car Park"]),  # postcode, spaces or not
        ({"q": "DB1 1"}, ["Central Library"]),
        ({"organisation": "demo-council", "category": "library"}, ["Branch Library", "Central Library"]),
        ({"ordering": "-name"}, ["Market Car Park", "Civic Centre", "Central Library", "Branch Library"]),
        ({"ordering": "category,name"}, ["Market Car Park", "Branch Library", "Central Library", "Civic Centre"]),
    ],
)
def test_sites_are_filtered(sites, api_client_for, officer, query, expected):
    assert site_names(api_client_for(officer), query) == expected


def test_a_superuser_filters_sites_by_organisation(sites, api_client_for):
    assert site_names(api_client_for(factories.superuser()), {"organisation": "other-council"}) == ["Their Library"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"organisation": "other-council"}, "organisation", "You have no organisation with the slug 'other-council'."),
        ({"category": "%"}, "category", "No site category has the slug '%'."),
        ({"sensitive": "%(value)s"}, "sensitive", "Enter true or false, not '%(value)s'."),
        ({"ordering": "camera_count"}, "ordering", None),  # the API's sites carry no counts
        ({"catgory": "library"}, "catgory", "Unknown filter. Choose from: category, ward, sensitive, organisation, "
         "q, ordering, format, limit, offset."),
    ],
)  # fmt: skip
def test_bad_site_filters_are_a_400_naming_them(sites, api_client_for, officer, query, field, message):
    response = api_client_for(officer).get("/api/v1/sites/", query)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    if message:
        assert response.json()[field] == [message]


def test_the_schema_lists_the_site_filters(db, tmp_path):
    import yaml
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    operation = yaml.safe_load(target.read_text())["paths"]["/api/v1/sites/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"category", "ward", "sensitive", "organisation", "q", "ordering", "limit", "offset"} <= parameters
    assert "400" in operation["responses"]
