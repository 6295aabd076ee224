import io
import secrets

import openpyxl
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assets.models import Camera, ImportJob
from registry.choices import Role
from registry.services import membership_set
from tests import factories
from tests.assets.importing.spreadsheets import upload, xlsx_bytes

URL = "/api/v1/cameras/import/"
GOOD = [["Asset tag", "Site", "Make"], ["CAM-1", "Central Library", "HIKVISION"], ["CAM-2", "Central Library", "Axis"]]
BAD = [["Asset tag", "Site", "Make"], ["CAM-1", "Central Library", "HIKVISION"], ["CAM-2", "Central Library", "Acme"]]


def client_for(user, *, token=True):
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    else:
        client.force_login(user)
    return client


def post(client, rows, **data):
    return client.post(URL, {"file": upload(xlsx_bytes({"Cameras": rows}), "cameras.xlsx"), **data}, format="multipart")


@pytest.mark.django_db
@pytest.mark.parametrize("token", [True, False])
def test_officer_imports(council, library, token):
    officer = factories.user_with_role(council, Role.OFFICER)
    client = client_for(officer, token=token)

    response = post(client, GOOD)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"], body["written"]) == (2, 0, 0, True)
    assert body["summary"] == "2 created, 0 updated, 0 unchanged"
    assert body["organisation"] == "demo-council"
    assert Camera.objects.count() == 2
    assert set(Camera.history.values_list("history_user__username", flat=True)) == {officer.username}


@pytest.mark.django_db
def test_dry_run_writes_nothing(council, library):
    client = client_for(factories.user_with_role(council, Role.ADMIN))
    response = post(client, GOOD, dry_run="true")
    assert response.status_code == 200
    assert (response.json()["created"], response.json()["written"]) == (2, False)
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_invalid_rows_are_a_400_listing_them(council, library):
    client = client_for(factories.user_with_role(council, Role.OFFICER))
    response = post(client, BAD)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "sheet": "Cameras",
            "row": 3,
            "column": "Make",
            "value": "Acme",
            "message": "Unknown manufacturer: use a name in the register's manufacturer list, "
            "or ask an admin to add it.",
        }
    ]
    assert response.json()["error_count"] == 1
    assert not Camera.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
def test_readers_cannot_import(council, library, role):
    client = client_for(factories.user_with_role(council, role))
    assert post(client, GOOD).status_code == 403
    assert post(client, GOOD, organisation="demo-council").status_code == 403
    assert not Camera.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
def test_a_reader_is_refused_for_the_role_before_the_body_is_read(council, library, settings, role):
    settings.CCTV_IMPORT_MAX_BYTES = 1000
    client = client_for(factories.user_with_role(council, role))
    rows = [GOOD[0]] + [[f"C-{n}", "Central Library", secrets.token_hex(60)] for n in range(2000)]
    assert post(client, rows).status_code == 403  # not 413: the role is decided first
    response = client.post(URL, {"file": "cameras"}, format="json")
    assert response.status_code == 403  # not 415
    assert response.json() == {"detail": "Your role cannot change any organisation's register."}


@pytest.mark.django_db
def test_anonymous_cannot_import(council, library):
    assert post(APIClient(), GOOD).status_code in {401, 403}


@pytest.mark.django_db
def test_a_member_of_several_councils_says_which(council, library, other_council):
    officer = factories.user_with_role(council, Role.OFFICER)
    membership_set(username=officer.username, organisation=other_council, role=Role.OFFICER, password=None)
    client = client_for(officer)

    response = post(client, GOOD)
    assert response.status_code == 400
    assert response.json() == {
        "organisation": ["You edit more than one organisation's register: say which (its slug)."]
    }

    response = post(client, GOOD, organisation="demo-council")
    assert response.status_code == 200
    assert set(Camera.objects.values_list("organisation__slug", flat=True)) == {"demo-council"}


@pytest.mark.django_db
def test_another_councils_slug_reads_as_unknown(council, library, other_council):
    client = client_for(factories.user_with_role(council, Role.OFFICER))
    for slug in ("other-council", "no-such-council"):
        response = post(client, GOOD, organisation=slug)
        assert response.status_code == 400
        assert response.json() == {"organisation": [f'You are not a member of an organisation "{slug}".']}
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_missing_file(council):
    client = client_for(factories.user_with_role(council, Role.OFFICER))
    response = client.post(URL, {"dry_run": "true"}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


@pytest.mark.django_db
def test_oversized_body_is_refused_before_reading(council, library, settings):
    settings.CCTV_IMPORT_MAX_BYTES = 1000
    client = client_for(factories.user_with_role(council, Role.OFFICER))
    rows = [GOOD[0]] + [[f"C-{n}", "Central Library", secrets.token_hex(60)] for n in range(2000)]
    response = post(client, rows)
    assert response.status_code == 413
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_a_cell_at_the_last_cell_of_the_sheet_is_a_400(council, library, settings):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cameras"
    for row in GOOD:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(factories.user_with_role(council, Role.OFFICER))

    response = client.post(URL, {"file": upload(buffer.getvalue(), "cameras.xlsx")}, format="multipart")

    assert response.status_code == 400
    body = response.json()
    assert body["error_count"] == 1
    assert body["errors"][0]["message"] == (
        'The sheet "Cameras" has a cell at XFD1048576, beyond the 100,000 rows and 200 columns (up to GR) this '
        "register reads. Delete the rows and columns beyond your data (split a longer list into several files), "
        "save and try again."
    )
    assert not ImportJob.objects.exists()  # a small file is imported at once: nothing is kept
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_a_one_line_csv_of_commas_is_a_400(council, library):
    client = client_for(factories.user_with_role(council, Role.OFFICER))
    content = b"Asset tag,Site" + b"," * 1_000_000

    response = client.post(URL, {"file": upload(content, "cameras.csv")}, format="multipart")

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Row 1 of the file has 1,000,002 columns")
