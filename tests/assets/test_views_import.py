import io

import openpyxl
import pytest
import python_calamine
from django.test import Client

from assets.models import Camera, ImportJob
from registry.choices import Role
from tests import factories
from tests.assets.importing.spreadsheets import upload, xlsx_bytes

URL = "/cameras/import/"
GOOD = [["Asset tag", "Site", "Make"], ["CAM-1", "Central Library", "HIKVISION"], ["CAM-2", "Central Library", "Axis"]]
BAD = GOOD + [["CAM-3", "Central Library", '=HYPERLINK("http://x","Acme")']]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client, rows, name="cameras.xlsx"):
    return client.post(URL, {"file": upload(xlsx_bytes({"Cameras": rows}), name)})


@pytest.mark.django_db
def test_upload_preview_confirm(council, library):
    client = logged_in(factories.user_with_role(council, Role.OFFICER))
    assert client.get(URL).status_code == 200

    preview = send(client, GOOD)

    assert preview.status_code == 200
    assert "2 created, 0 updated, 0 unchanged (dry run: nothing written)" in preview.content.decode()
    assert not Camera.objects.exists()
    token = preview.context["token"]

    done = client.post("/cameras/import/confirm/", {"token": token})

    assert done.status_code == 200
    assert "2 created, 0 updated, 0 unchanged" in done.content.decode()
    assert Camera.objects.count() == 2
    assert stored_uploads() == []  # the file is not kept once written
    assert client.post("/cameras/import/confirm/", {"token": token}).status_code == 404


@pytest.mark.django_db
def test_problems_are_listed_and_downloadable(council, library):
    client = logged_in(factories.user_with_role(council, Role.ADMIN))

    preview = send(client, BAD)

    assert preview.status_code == 400
    page = preview.content.decode()
    assert "Nothing has been imported" in page and "Unknown manufacturer" in page
    download = client.get(f"/cameras/import/{preview.context['token']}/problems.xlsx")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="cameras - problems.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(download.content))["Cameras"]
    assert [cell.value for cell in sheet[2]][:4] == [4, "CAM-3", "Central Library", '=HYPERLINK("http://x","Acme")']
    assert sheet["D2"].data_type == "s"
    calamine = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(download.content))
    assert calamine.get_sheet_by_name("Cameras").to_python()[1][3] == '=HYPERLINK("http://x","Acme")'
    assert not Camera.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
def test_readers_are_refused(council, library, role):
    client = logged_in(factories.user_with_role(council, role))
    assert client.get(URL).status_code == 403
    assert send(client, GOOD).status_code == 403
    assert client.post("/cameras/import/confirm/", {"token": "x"}).status_code == 403
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in():
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_someone_elses_upload_cannot_be_confirmed(council, library):
    preview = send(logged_in(factories.user_with_role(council, Role.OFFICER)), GOOD)
    intruder = logged_in(factories.user_with_role(council, Role.OFFICER))
    assert intruder.post("/cameras/import/confirm/", {"token": preview.context["token"]}).status_code == 404
    assert intruder.get(f"/cameras/import/{preview.context['token']}/problems.xlsx").status_code == 404
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_a_bad_file_is_shown_not_crashed(council, library):
    client = logged_in(factories.user_with_role(council, Role.OFFICER))
    response = client.post(URL, {"file": upload(b"not a workbook", "cameras.xlsx")})
    assert response.status_code == 400
    assert "is not an Excel workbook" in response.content.decode()


def hostile_workbook() -> bytes:
    """The 5 KB file from issue 10: one extra cell at the sheet's last cell."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cameras"
    for row in GOOD:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stored_uploads() -> list:
    """The uploads whose file is still kept (in the database, for any app server to confirm)."""
    return list(ImportJob.objects.exclude(content=b"").values_list("filename", flat=True))


@pytest.mark.django_db
def test_a_cell_at_the_last_cell_of_the_sheet_is_a_form_error(council, library):
    client = logged_in(factories.user_with_role(council, Role.OFFICER))

    response = client.post(URL, {"file": upload(hostile_workbook(), "cameras.xlsx")})

    assert response.status_code == 400
    page = response.content.decode()
    assert "has a cell at XFD1048576, beyond the 100,000 rows and 200 columns (up to GR)" in page
    assert "Download the rows with problems" not in page
    assert stored_uploads() == []
    assert client.post("/cameras/import/confirm/", {"token": response.context["token"]}).status_code == 404
    assert not Camera.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"GIF89a", "cameras.png", "Only .xlsx and .csv files can be imported."),
        (b"PK\x03\x04 truncated", "cameras.xlsx", "The workbook is damaged and cannot be opened"),
        (xlsx_bytes({"Cameras": [["Make", "Model"], ["Axis", "P1"]]}), "cameras.xlsx", "No asset tag column"),
        (b"Asset tag,Site" + b"," * 300, "cameras.csv", "Row 1 of the file has 302 columns"),
        (b"", "cameras.csv", "The file is empty."),
    ],
)
def test_every_refused_file_is_deleted(council, library, content, name, message):
    client = logged_in(factories.user_with_role(council, Role.OFFICER))

    response = client.post(URL, {"file": upload(content, name)})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored_uploads() == []


@pytest.mark.django_db
def test_a_file_over_the_size_cap_is_never_stored(council, library, settings):
    settings.CCTV_IMPORT_MAX_BYTES = 1024
    client = logged_in(factories.user_with_role(council, Role.OFFICER))

    response = client.post(URL, {"file": upload(b"Asset tag,Site\r\n" + b"CAM-1,Central Library\r\n" * 100, "c.csv")})

    assert response.status_code == 400
    assert "The file is too big" in response.content.decode()
    assert stored_uploads() == []


@pytest.mark.django_db
def test_a_file_with_row_problems_is_kept_for_its_download(council, library):
    client = logged_in(factories.user_with_role(council, Role.OFFICER))

    response = send(client, BAD)

    assert response.status_code == 400
    assert len(stored_uploads()) == 1
