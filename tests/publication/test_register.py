"""The published register: the opt-in, the page, the counts and their downloads, caching, throttling and CORS."""

import io

import pytest

from assets.models import Camera
from assets.services import camera_update
from registry.choices import Role
from registry.models import Organisation, SurveillanceSystem
from registry.system_services import system_update
from tests import factories
from tests.publication.conftest import publish_register

pytestmark = pytest.mark.django_db


def counts(client, slug, query=""):
    return client.get(f"/api/v1/public/{slug}/counts/{query}")


def test_the_register_is_off_until_an_admin_publishes_it(council, client, api_client_for):
    assert Organisation.objects.get(pk=council.pk).public_register is False
    assert client.get("/public/demo-council/").status_code == 404
    officer = factories.user_with_role(council, Role.OFFICER)
    refused = api_client_for(officer).patch("/api/v1/organisations/demo-council/", {"public_register": True})
    assert refused.status_code == 403
    admin = factories.user_with_role(council, Role.ADMIN)
    answer = api_client_for(admin).patch(
        "/api/v1/organisations/demo-council/", {"public_register": True}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["public_register"] is True
    assert client.get("/public/demo-council/").status_code == 200
    assert api_client_for(admin).patch(
        "/api/v1/organisations/demo-council/", {"public_register": "perhaps"}, format="json"
    ).json() == {"public_register": ["Must be a valid boolean."]}


def test_the_settings_page_publishes_the_register(council, client):
    admin = factories.user_with_role(council, Role.ADMIN, username="admin")
    client.force_login(admin)
    page = client.get("/organisations/demo-council/settings/")
    assert "Publish the register" in page.content.decode()
    form = {"default_camera_lifespan_years": "10", "foi_requester_retention_months": "36", "public_register": "on"}
    assert client.post("/organisations/demo-council/settings/", form).status_code == 302
    assert Organisation.objects.get(pk=council.pk).public_register is True
    assert 'href="/public/demo-council/"' in client.get("/organisations/demo-council/settings/").content.decode()


def test_the_page_shows_headline_figures_and_published_systems(published, client):
    page = client.get("/public/demo-council/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "3 cameras are in service." in text
    assert "Town centre CCTV" in text and "Public safety in the town centre" in text
    assert "31 days" in text and "cctv@demo-council.example" in text
    assert "Library" in text and "Depot" not in text  # the sensitive site's category is in no table
    assert "North Korea" not in text
    assert "<script" not in text  # works without JavaScript
    assert "/api/v1/public/demo-council/counts.csv?group_by=site_category" in text


def test_counts_by_system_name_only_published_systems(published, client):
    groups = counts(client, "demo-council", "?group_by=system").json()["groups"]
    labels = {group["system_label"]: group["count"] for group in groups}
    # The hidden system's camera counts under no system; the sensitive site's camera of the shown one is left out.
    assert labels == {"Town centre CCTV": 2, "Unknown": 1}
    shown = SurveillanceSystem.objects.get(name="Town centre CCTV")
    assert counts(client, "demo-council", f"?system={shown.pk}").json()["total"] == 2
    assert counts(client, "demo-council", "?system=none").json()["total"] == 1
    hidden = SurveillanceSystem.objects.exclude(pk=shown.pk).get(organisation=published)
    refused = counts(client, "demo-council", f"?system={hidden.pk}")
    assert refused.status_code == 400
    assert refused.json() == {"system": [f"No published system has the id {hidden.pk}."]}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?site=1", "site"),
        ("?q=ZQ", "q"),
        ("?status=planned", "status"),
        ("?organisation=other-council", "organisation"),
        ("?group_by=site", "group_by"),
        ("?group_by=status", "group_by"),
        ("?group_by=vendor,vendor", "group_by"),
        ("?install_year=2019.5", "install_year"),
        ("?install_year=99999999999999999999", "install_year"),
        ("?networked=perhaps", "networked"),
        ("?vendor=no-such-vendor", "vendor"),
        ("?origin_country=XX", "origin_country"),
        ("?system=%00", "system"),
        ("?site_category=%00", "site_category"),
    ],
)
def test_only_published_dimensions_and_filters(published, client, query, field):
    answer = counts(client, "demo-council", query)
    assert answer.status_code == 400
    assert field in answer.json()


def test_filters_on_published_dimensions(published, client):
    assert counts(client, "demo-council", "?networked=true").json()["total"] == 2
    assert counts(client, "demo-council", "?install_year=2020&site_category=library").json()["total"] == 3
    assert counts(client, "demo-council", "?eol_year=1999").json()["total"] == 0
    by_two = counts(client, "demo-council", "?group_by=networked,restricted").json()
    assert by_two["total"] == 3 and by_two["group_by"] == ["networked", "restricted"]


def test_downloads_in_three_formats(published, client):
    from python_calamine import CalamineWorkbook

    csv = client.get("/api/v1/public/demo-council/counts.csv?group_by=networked")
    assert csv["Content-Type"].startswith("text/csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == ["Networked,Cameras", "Networked,2", "Not networked,1"]
    json_file = client.get("/api/v1/public/demo-council/counts.json?group_by=networked")
    assert json_file["Content-Disposition"] == 'attachment; filename="demo-council-camera-counts.json"'
    assert json_file.json()["total"] == 3
    xlsx = client.get("/api/v1/public/demo-council/counts.xlsx?group_by=networked")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["Networked", "Cameras"] and rows[-1] == ["Total", 3.0]


def test_csv_cells_never_become_formulas(published, client):
    system = SurveillanceSystem.objects.get(name="Town centre CCTV")
    system_update(system=system, name="=HYPERLINK(1)")
    text = b"".join(client.get("/api/v1/public/demo-council/counts.csv?group_by=system").streaming_content)
    assert "'=HYPERLINK(1)" in text.decode("utf-8-sig")


def test_an_edit_shows_at_once(published, client):
    assert counts(client, "demo-council").json()["total"] == 3
    camera = Camera.objects.filter(organisation=published, status="operational", site__sensitive=False).first()
    camera_update(camera=camera, status="faulty")
    assert counts(client, "demo-council").json()["total"] == 3
    camera_update(camera=Camera.objects.get(pk=camera.pk), status="planned")
    assert counts(client, "demo-council").json()["total"] == 2
    publish_register(published, on=False)
    assert counts(client, "demo-council").status_code == 404


def test_answers_are_cached(published, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        counts(client, "demo-council", "?group_by=vendor")
    with CaptureQueriesContext(connection) as again:
        counts(client, "demo-council", "?group_by=vendor")
    camera_queries = [query for query in again.captured_queries if "assets_camera" in query["sql"]]
    assert camera_queries == [] and len(again) < len(first)


def test_anonymous_clients_are_throttled_on_their_own_scope(published, client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "2/minute"}}
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        assert [counts(client, "demo-council").status_code for _ in range(3)] == [200, 200, 429]
    finally:
        del settings.REST_FRAMEWORK
        api_settings.reload()


def test_cors_is_open_for_reading_the_public_api_only(published, client, api_client_for, council):
    answer = counts(client, "demo-council")
    assert answer["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/public/demo-council/counts/", headers={"origin": "https://example.org"})
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post("/api/v1/public/demo-council/counts/").status_code == 405
    assert not client.post("/api/v1/public/demo-council/counts/").has_header("Access-Control-Allow-Origin")
    private = api_client_for(factories.user_with_role(council, Role.VIEWER)).get("/api/v1/cameras/counts/")
    assert not private.has_header("Access-Control-Allow-Origin")
    assert not client.get("/public/demo-council/").has_header("Access-Control-Allow-Origin")


def test_systems_api(published, client):
    systems = client.get("/api/v1/public/demo-council/systems/").json()
    assert systems == [
        {
            "id": SurveillanceSystem.objects.get(name="Town centre CCTV").pk,
            "name": "Town centre CCTV",
            "purpose": "Public safety in the town centre",
            "retention_days": 31,
            "public_contact": "cctv@demo-council.example",
            "camera_count": 2,
        }
    ]


def test_signed_in_members_see_the_same_as_anyone(published, client):
    anonymous = counts(client, "demo-council", "?group_by=vendor").json()
    client.force_login(factories.user_with_role(published, Role.ADMIN))
    assert counts(client, "demo-council", "?group_by=vendor").json() == anonymous


def test_a_system_is_published_and_its_form_and_page_say_so(published, client, api_client_for):
    hidden = SurveillanceSystem.objects.get(organisation=published, published=False)
    officer = factories.user_with_role(published, Role.OFFICER)
    assert api_client_for(officer).get(f"/api/v1/systems/{hidden.pk}/").json()["published"] is False
    # Through the service: the systems API's writes are being mended on PostgreSQL by the systems work.
    system_update(system=hidden, published=True)
    assert api_client_for(officer).get(f"/api/v1/systems/{hidden.pk}/").json()["published"] is True
    names = [system["name"] for system in client.get("/api/v1/public/demo-council/systems/").json()]
    assert names == ["Town centre CCTV", hidden.name]
    client.force_login(officer)
    assert 'name="published"' in client.get(f"/systems/{hidden.pk}/edit/").content.decode()
    assert "On the published register" in client.get(f"/systems/{hidden.pk}/").content.decode()


@pytest.mark.parametrize(
    "query",
    ["?group_by=%00", "?system=99999999999999999999999", "?origin_country=%00", "?eol_year=%D9%A1", "?format=%00"],
)
@pytest.mark.parametrize("ending", ["counts/", "counts.csv", "counts.json", "counts.xlsx"])
def test_odd_input_is_never_a_server_error(published, client, ending, query):
    answer = client.get(f"/api/v1/public/demo-council/{ending}{query}")
    assert answer.status_code in (400, 404)
    assert answer["Content-Type"] == "application/json"
