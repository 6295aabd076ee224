"""The change log (foi/changelog.py): /api/v1/changes/ and /changes/ with its downloads, for organisation admins
and FOI officers, only ever their own organisations' changes (and the shared manufacturers')."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from assets.models import Camera
from assets.services import camera_update, manufacturer_update
from foi import services
from registry.choices import Role
from registry.models import Site
from registry.services import site_update
from tests import factories
from tests.foi.conftest import client_for, read_with_openpyxl


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def changes(council, other_council, camera, other_camera, library):
    """In the council: a camera created then changed by its officer, a site changed, an FOI request received;
    in the other council: its camera changed; and a shared manufacturer changed."""
    officer = factories.user_with_role(council, Role.OFFICER, username="olive")
    camera_update(camera=camera, model="X9", reason="Lens replaced")
    Camera.history.filter(id=camera.pk, model="X9").update(
        history_user=officer, history_date=at(datetime.date(2024, 3, 5))
    )
    Camera.history.filter(id=camera.pk, history_type="+").update(history_date=at(datetime.date(2024, 1, 2)))
    site_update(site=library, ward="Abbey", reason="New ward")
    Site.history.filter(id=library.pk, ward="Abbey").update(history_date=at(datetime.date(2024, 4, 1)))
    Site.history.filter(id=library.pk, history_type="+").update(history_date=at(datetime.date(2024, 1, 2)))
    foi_request = services.foi_request_create(
        organisation=council,
        reference="FOI-1",
        received_date=datetime.date(2024, 6, 3),
        subject="Cameras",
        request_text="How many?",
    )
    camera_update(camera=other_camera, model="THEIRS", reason="Their change")
    manufacturer_update(
        manufacturer=factories.manufacturer("bosch"), website="https://bosch.example", reason="Site moved"
    )
    return {"camera": camera, "site": library, "foi_request": foi_request, "officer": officer}


def admin_client(council) -> APIClient:
    return client_for(factories.user_with_role(council, Role.ADMIN))


def test_an_admin_reads_only_their_organisations_changes_newest_first(council, changes):
    body = admin_client(council).get("/api/v1/changes/").json()
    listed = [(entry["object_type"], entry["object_label"], entry["action"]) for entry in body["results"]]
    assert ("camera", "LIB-001", "changed") in listed
    assert ("camera", "LIB-001", "created") in listed
    assert ("site", "Central Library", "changed") in listed
    assert ("foi_request", "FOI-1", "created") in listed
    assert ("manufacturer", "Bosch Security Systems", "changed") in listed
    assert not any(label in {"OTH-001", "Other Depot"} for _, label, _ in listed)
    assert all(entry["organisation"] in {"demo-council", ""} for entry in body["results"])
    times = [entry["at"] for entry in body["results"]]
    assert times == sorted(times, reverse=True)
    assert body["count"] == len(listed)
    changed_camera = next(e for e in body["results"] if e["object_type"] == "camera" and e["action"] == "changed")
    assert changed_camera == {
        "object_type": "camera",
        "object_id": changes["camera"].pk,
        "object_label": "LIB-001",
        "organisation": "demo-council",
        "action": "changed",
        "user": "olive",
        "at": changed_camera["at"],
        "reason": "Lens replaced",
        "changes": [{"field": "Model", "old": "DS-2CD1043G0-I", "new": "X9"}],
    }


def test_the_other_council_never_sees_these_changes(other_council, changes):
    body = admin_client(other_council).get("/api/v1/changes/", {"object_type": "camera"}).json()
    assert [entry["object_label"] for entry in body["results"]] == ["OTH-001", "OTH-001"]
    record = {"object_type": "camera", "object_id": changes["camera"].pk}
    assert admin_client(other_council).get("/api/v1/changes/", record).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"object_type": "site"}, {("site", "changed"), ("site", "created")}),
        ({"object_type": "manufacturer"}, {("manufacturer", "changed")}),
        ({"user": "olive"}, {("camera", "changed")}),
        ({"since": "2024-03-05", "until": "2024-03-05"}, {("camera", "changed")}),
        (
            {"since": "2024-01-01", "until": "2024-04-01"},
            {("camera", "changed"), ("camera", "created"), ("site", "changed"), ("site", "created")},
        ),
        ({"user": "nobody"}, set()),
    ],
)
def test_filters(council, changes, query, expected):
    body = admin_client(council).get("/api/v1/changes/", query).json()
    assert {(entry["object_type"], entry["action"]) for entry in body["results"]} == expected


def test_a_record_is_chosen_by_its_type_and_id(council, changes):
    query = {"object_type": "foi_request", "object_id": changes["foi_request"].pk}
    body = admin_client(council).get("/api/v1/changes/", query).json()
    assert [(entry["object_label"], entry["reason"]) for entry in body["results"]] == [("FOI-1", "Received")]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"object_type": "lamp_post"}, "object_type"),
        ({"object_type": "camera", "object_id": "one"}, "object_id"),
        ({"object_type": "camera", "object_id": "0"}, "object_id"),
        ({"object_id": "3"}, "object_id"),
        ({"since": "yesterday"}, "since"),
        ({"until": "2024-02-30"}, "until"),
        ({"since": "2024-03-02", "until": "2024-03-01"}, "until"),
        ({"who": "olive"}, "who"),
        ({"limit": "0"}, "limit"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(council, changes, query, parameter):
    response = admin_client(council).get("/api/v1/changes/", query)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize(
    ("role", "status"), [(Role.ADMIN, 200), (Role.FOI, 200), (Role.OFFICER, 403), (Role.VIEWER, 403)]
)
def test_only_admins_and_foi_officers_read_the_change_log(council, role, status):
    assert client_for(factories.user_with_role(council, role)).get("/api/v1/changes/").status_code == status


def test_anonymous_is_refused(db):
    assert APIClient().get("/api/v1/changes/").status_code in {401, 403}


def test_a_page_of_changes_costs_a_fixed_number_of_queries(council, changes):
    client = admin_client(council)

    def queries_for_a_page() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/api/v1/changes/").json()
        return len(queries.captured_queries), len(body["results"])

    queries_for_a_page()  # what Django reads once per process (content types) is read
    few, listed_before = queries_for_a_page()
    for index in range(8):
        camera_update(camera=changes["camera"], model=f"M{index}", reason="again")
        factories.site(council, name=f"Annex {index}")
    many, listed_after = queries_for_a_page()
    assert listed_after > listed_before + 15
    assert many == few


# The page and its downloads.


def web_client(client, user):
    client.force_login(user)
    return client


def test_the_page_lists_the_changes_in_words(client, council, changes):
    foi_user = factories.user_with_role(council, Role.FOI)
    page = web_client(client, foi_user).get("/changes/").content.decode()
    assert "Change log" in page and 'href="/changes/"' in page  # in the menu too
    assert "Lens replaced" in page and "DS-2CD1043G0-I → X9" in page
    assert "Their change" not in page and "OTH-001" not in page


def test_the_page_refuses_other_roles_and_sends_anonymous_to_sign_in(client, council, changes):
    assert client.get("/changes/").status_code == 302
    assert "/accounts/login/" in client.get("/changes/")["Location"]
    viewer = web_client(client, factories.user_with_role(council, Role.VIEWER))
    assert viewer.get("/changes/").status_code == 403
    assert viewer.get("/changes/download.xlsx").status_code == 403
    assert 'href="/changes/"' not in viewer.get("/cameras/").content.decode()


def test_the_page_shows_a_bad_filter_and_lists_nothing(client, council, changes):
    page = web_client(client, factories.user_with_role(council, Role.ADMIN)).get("/changes/", {"since": "soon"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in html and "No changes are listed until the filters are corrected." in html


def test_the_xlsx_download_reads_back_one_row_per_field_changed(client, council, changes):
    admin = web_client(client, factories.user_with_role(council, Role.ADMIN))
    response = admin.get("/changes/download.xlsx", {"object_type": "camera", "user": "olive"})
    assert response.status_code == 200
    sheet = read_with_openpyxl(b"".join(response.streaming_content))["Changes"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "When",
        "User",
        "Organisation",
        "Record type",
        "Record id",
        "Record",
        "Action",
        "Field",
        "Old value",
        "New value",
        "Reason",
    )
    assert rows[1][0] == datetime.datetime(2024, 3, 5, 12, 0)
    assert rows[1][1:] == (
        "olive",
        "Demo Council",
        "Camera",
        changes["camera"].pk,
        "LIB-001",
        "Changed",
        "Model",
        "DS-2CD1043G0-I",
        "X9",
        "Lens replaced",
    )
    assert len(rows) == 2
    assert sheet["A2"].number_format == "dd/mm/yyyy hh:mm"


def test_the_csv_download_takes_the_same_filters_and_refuses_bad_ones(client, council, changes):
    admin = web_client(client, factories.user_with_role(council, Role.ADMIN))
    response = admin.get("/changes/download.csv", {"object_type": "site"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert {row[6] for row in rows[1:]} == {"Created", "Changed"}
    assert ["Ward", "", "Abbey", "New ward"] in [row[7:] for row in rows[1:]]
    refused = admin.get("/changes/download.csv", {"object_type": "lamp_post"})
    assert refused.status_code == 400 and "object_type" in refused.content.decode()


def test_membership_changes_are_listed_even_once_the_user_is_gone(council):
    from registry.models import Membership
    from registry.services import membership_update

    member = factories.user_with_role(council, Role.VIEWER, username="victor")
    membership = Membership.objects.get(user=member)
    membership_update(membership=membership, role=Role.OFFICER, reason="Promoted")
    client = admin_client(council)
    body = client.get("/api/v1/changes/", {"object_type": "membership", "object_id": membership.pk}).json()
    assert [(entry["object_label"], entry["reason"]) for entry in body["results"]] == [
        ("victor at Demo Council", "Promoted"),
        ("victor at Demo Council", ""),
    ]
    assert body["results"][0]["changes"] == [
        {"field": "Role", "old": "Viewer (read only)", "new": "Officer (edits sites and cameras)"}
    ]
    member.delete()
    body = client.get("/api/v1/changes/", {"object_type": "membership", "object_id": membership.pk}).json()
    assert [entry["action"] for entry in body["results"]] == ["deleted", "changed", "created"]
    assert body["results"][0]["object_label"] == "A deleted user at Demo Council"
