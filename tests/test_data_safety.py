"""A refused operation writes nothing. Each test sends one refused operation through its real entry point (a page
or the admin as a signed-in person posts it, or the API with a token), checks the refusal says what is wrong, and
finds every table of the database (history, many-to-many, admin log, sign-in and token tables included) holding the
same rows as before: the same count, and for every table but the sessions the same contents, so a changed row is
caught as well as an added or a removed one."""

import datetime
from unittest import mock

import pytest
from django.test import Client

from assets.choices import ImportJobStatus
from assets.models import Camera, ImportJob
from assets.services import organisation_settings_update
from foi import services as foi_services
from foi.models import FOIRequest, ResponseVersion
from registry.choices import Role
from registry.models import Membership
from registry.services import site_delete, site_update
from tests import factories
from tests.assets.importing.spreadsheets import upload, xlsx_bytes
from tests.pages import error_summary, form_data
from tests.tables import every_table_unchanged, table_differences, table_states

pytestmark = pytest.mark.django_db

IMPORT_HEADER = ["Asset tag", "Site", "Site category", "Make", "Install date"]
UK_STATEMENT = "uk-2022-nil"
POLICY_DATE = datetime.date(2022, 11, 24)


@pytest.fixture
def admin(council):
    return factories.user_with_role(council, Role.ADMIN, username="admin")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def with_procurement_policy(organisation) -> None:
    """The organisation follows the UK government's statement and buys no restricted camera after it."""
    organisation_settings_update(
        organisation=organisation, followed_restrictions=[UK_STATEMENT], no_restricted_cameras_after=POLICY_DATE
    )


def import_file(rows: list[list]) -> bytes:
    return xlsx_bytes({"Cameras": [IMPORT_HEADER, *rows]})


def good_rows_and(bad_row: list) -> list[list]:
    """An update to the existing camera, a new camera at a new site, a new camera at the library, then ``bad_row``:
    had any been written before the bad row was found, a camera, a site or a history row would show it."""
    return [
        ["LIB-001", "Central Library", "library", "Axis", datetime.date(2020, 1, 15)],
        ["DEP-1", "Market Depot", "depot", "Axis", datetime.date(2021, 4, 1)],
        ["LIB-002", "Central Library", "library", "Bosch", datetime.date(2021, 5, 1)],
        bad_row,
    ]


# The guard itself: it sees an added row and a changed one, so its silence below means something.


def test_the_guard_names_a_table_given_a_row(camera):
    with pytest.raises(AssertionError, match=r"assets_camera: 1 rows before, 2 after"), every_table_unchanged():
        factories.camera(camera.site, asset_tag="LIB-002")


def test_the_guard_sees_a_row_changed_in_place(library):
    before = table_states()
    site_update(site=library, ward="North")
    differences = table_differences(before, table_states())
    assert "registry_site: 1 rows before and after, but their contents changed" in differences
    assert "registry_historicalsite: 1 rows before, 2 after" in differences


# 1. A bad import: one bad row among good ones, and nothing of the good ones is written.


def test_a_bad_row_in_an_api_import_writes_none_of_the_good_ones(council, camera, officer, api_client_for):
    rows = good_rows_and(["LIB-003", "Central Library", "library", "Acme", datetime.date(2022, 1, 1)])
    client = api_client_for(officer)
    with every_table_unchanged():
        response = client.post(
            "/api/v1/cameras/import/", {"file": upload(import_file(rows), "cameras.xlsx")}, format="multipart"
        )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["row"], error["column"], error["value"]) == (5, "Make", "Acme")
    assert error["message"].startswith("Unknown manufacturer")


def test_a_bad_row_in_a_web_import_is_shown_and_nothing_written(council, camera, officer):
    client = signed_in(officer)
    rows = good_rows_and(["LIB-003", "Central Library", "library", "Acme", datetime.date(2022, 1, 1)])
    with every_table_unchanged(except_attempt_in=ImportJob._meta.db_table):
        response = client.post("/cameras/import/", {"file": upload(import_file(rows), "cameras.xlsx")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been imported" in page and "Unknown manufacturer" in page
    [job] = ImportJob.objects.all()
    assert (job.status, len(job.report["errors"])) == (ImportJobStatus.FAILED, 1)


def test_a_row_gone_bad_between_preview_and_confirm_writes_none_of_the_good_ones(council, camera, officer):
    """The preview passed; the organisation then adopted a procurement policy that refuses the last row's
    Hikvision, so the confirm step refuses the whole file."""
    client = signed_in(officer)
    rows = good_rows_and(["LIB-003", "Central Library", "library", "Hikvision", datetime.date(2023, 5, 1)])
    preview = client.post("/cameras/import/", {"file": upload(import_file(rows), "cameras.xlsx")})
    assert preview.status_code == 200, error_summary(preview)
    with_procurement_policy(council)
    with every_table_unchanged(except_attempt_in=ImportJob._meta.db_table):
        confirmed = client.post("/cameras/import/confirm/", {"token": preview.context["token"]})
    assert confirmed.status_code == 400
    assert ImportJob.objects.get().status == ImportJobStatus.FAILED
    assert not confirmed.context["report"].written
    [problem] = confirmed.context["report"].errors
    assert (problem.row, problem.column) == (5, "Make")
    assert problem.message.startswith("Hikvision is restricted by UK government")


# 2. A policy refusal: the procurement policy, or a role that may not write.


def test_the_api_refuses_a_restricted_camera_under_the_policy(council, library, officer, api_client_for):
    with_procurement_policy(council)
    body = {"site": library.pk, "asset_tag": "LIB-9", "manufacturer": "hikvision", "install_date": "2023-05-01"}
    client = api_client_for(officer)
    with every_table_unchanged():
        response = client.post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 400
    assert response.json()["manufacturer"][0].startswith("Hikvision is restricted by UK government")


def test_the_camera_page_refuses_a_restricted_camera_under_the_policy(council, library, officer):
    with_procurement_policy(council)
    client = signed_in(officer)
    form = client.get(f"/cameras/add/?site={library.pk}").context["form"]
    hikvision = str(factories.manufacturer("hikvision").pk)
    data = form_data(form, asset_tag="LIB-9", manufacturer=hikvision, install_date=(1, 5, 2023))
    with every_table_unchanged():
        response = client.post("/cameras/add/", data)
    assert response.status_code == 200
    assert "Hikvision is restricted by UK government" in error_summary(response)
    assert 'href="#id_manufacturer"' in error_summary(response)


def test_an_import_override_from_an_officer_is_refused(council, camera, officer, api_client_for):
    """Only an organisation admin may override the policy: an officer's file giving a reason writes nothing."""
    with_procurement_policy(council)
    rows = [[*row, ""] for row in good_rows_and(["LIB-3", "Central Library", "library", "Hikvision", "2023-05-01"])]
    rows[-1][-1] = "Bought before the policy"
    content = xlsx_bytes({"Cameras": [[*IMPORT_HEADER, "Restriction override reason"], *rows]})
    client = api_client_for(officer)
    with every_table_unchanged():
        response = client.post("/api/v1/cameras/import/", {"file": upload(content, "cameras.xlsx")}, format="multipart")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["row"] == 5
    assert "Only an organisation admin can override the procurement policy" in error["message"]


@pytest.mark.parametrize(
    ("method", "path", "body", "refusal"),
    [
        ("post", "/api/v1/cameras/", {"asset_tag": "NEW", "manufacturer": "axis-communications"}, "role"),
        ("patch", "/api/v1/cameras/{camera}/", {"notes": "A viewer's note"}, "role"),
        ("put", "/api/v1/cameras/{camera}/", {"asset_tag": "LIB-001", "notes": "A viewer's note"}, "role"),
        ("delete", "/api/v1/cameras/{camera}/", None, "Only an administrator"),
        ("patch", "/api/v1/sites/{site}/", {"ward": "North"}, "role"),
        ("delete", "/api/v1/sites/{site}/", None, "Only an administrator"),
    ],
)
def test_a_viewer_writes_nothing_through_the_api(camera, viewer, api_client_for, method, path, body, refusal):
    url = path.format(camera=camera.pk, site=camera.site_id)
    client = api_client_for(viewer)
    with every_table_unchanged():
        response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 403
    assert refusal in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/cameras/{camera}/edit/", {"asset_tag": "LIB-001", "notes": "A viewer's note"}),
        ("/cameras/{camera}/decommission/", {"decommissioned_date_day": "2", "decommissioned_date_month": "3"}),
        ("/sites/{site}/edit/", {"name": "Renamed"}),
        ("/cameras/import/confirm/", {"token": "x"}),
    ],
)
def test_a_viewer_writes_nothing_through_the_pages(camera, viewer, path, data):
    client = signed_in(viewer)
    with every_table_unchanged():
        response = client.post(path.format(camera=camera.pk, site=camera.site_id), data)
    assert response.status_code == 403


# 3. A stale edit: the record changed since it was read, so the write is refused and nothing changes.


def test_a_stale_if_match_changes_no_camera(camera, officer, api_client_for):
    client = api_client_for(officer)
    etag = client.get(f"/api/v1/cameras/{camera.pk}/")["ETag"]
    assert client.patch(f"/api/v1/cameras/{camera.pk}/", {"model": "A"}, format="json").status_code == 200
    with every_table_unchanged():
        response = client.patch(f"/api/v1/cameras/{camera.pk}/", {"model": "B"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert "camera was changed" in response.json()["detail"] and "nothing was saved" in response.json()["detail"]


def test_a_stale_if_match_changes_no_foi_request_or_question(council, library, foi_officer, api_client_for):
    client = api_client_for(foi_officer)
    foi_request = received_request(council)
    question = foi_services.question_create(foi_request=foi_request, text="How many?", group_by=["vendor"])
    url = f"/api/v1/foi/requests/{foi_request.pk}/"
    etag = client.get(url)["ETag"]
    question_etag = client.get(f"{url}questions/{question.pk}/")["ETag"]
    assert client.patch(url, {"subject": "First"}, format="json").status_code == 200
    assert client.patch(f"{url}questions/{question.pk}/", {"text": "Exactly?"}, format="json").status_code == 200
    with every_table_unchanged():
        stale_request = client.patch(url, {"subject": "Second"}, format="json", HTTP_IF_MATCH=etag)
        stale_delete = client.delete(f"{url}questions/{question.pk}/", HTTP_IF_MATCH=question_etag)
    assert (stale_request.status_code, stale_delete.status_code) == (412, 412)
    assert "nothing was saved" in stale_request.json()["detail"]


def test_a_stale_camera_form_changes_nothing(camera, officer):
    client = signed_in(officer)
    form = client.get(f"/cameras/{camera.pk}/edit/").context["form"]
    colleague = signed_in(officer).post(f"/cameras/{camera.pk}/edit/", form_data(form, notes="A colleague's note"))
    assert colleague.status_code == 302
    with every_table_unchanged():
        response = client.post(f"/cameras/{camera.pk}/edit/", form_data(form, notes="My note"))
    assert response.status_code == 200
    assert "Someone else changed this camera" in error_summary(response)
    assert Camera.objects.get(pk=camera.pk).notes == "A colleague's note"


def test_a_stale_site_form_changes_nothing(library, officer):
    client = signed_in(officer)
    form = client.get(f"/sites/{library.pk}/edit/").context["form"]
    site_update(site=library, ward="North")
    with every_table_unchanged():
        response = client.post(f"/sites/{library.pk}/edit/", form_data(form, ward="South"))
    assert response.status_code == 200
    assert "Someone else changed this site" in error_summary(response)


# 4. A failed workbook: issuing a response is one transaction, so a failure anywhere in it leaves the request
# unanswered, with no version, no frozen workbook and no history row.


def received_request(organisation) -> FOIRequest:
    return foi_services.foi_request_create(
        organisation=organisation,
        reference="FOI-7",
        received_date=datetime.date(2024, 6, 3),
        subject="Library cameras",
        request_text="How many cameras are in your libraries, by vendor?",
    )


def test_a_question_that_can_no_longer_be_answered_issues_nothing(council, library, foi_officer, api_client_for):
    """The question counts the cameras at a site since deleted: its answer, and so its workbook, cannot be made."""
    gone = factories.site(council, name="Old Depot", category_slug="depot")
    foi_request = received_request(council)
    foi_services.question_create(foi_request=foi_request, text="How many at the depot?", filters={"site": gone.pk})
    site_delete(site=gone)
    client = api_client_for(foi_officer)
    with every_table_unchanged():
        response = client.post(f"/api/v1/foi/requests/{foi_request.pk}/issue/")
    assert response.status_code == 400
    [message] = response.json()["questions"]
    assert message.startswith("Question 1: site: No site with id")


@pytest.mark.parametrize("where", ["response_workbook", "log_event"])
def test_a_failure_while_issuing_writes_nothing(council, library, foi_officer, api_client_for, where):
    """The workbook writer fails (openpyxl's write-only sheets go through temporary files, so a full disk is real),
    or the very last step does, after the version and the answered status were saved: either way, all is undone."""
    foi_request = received_request(council)
    foi_services.question_create(foi_request=foi_request, text="How many?", group_by=["vendor"])
    client = api_client_for(foi_officer)
    client.raise_request_exception = False
    full_disk = OSError(28, "No space left on device")
    with mock.patch(f"foi.services.requests.{where}", side_effect=full_disk), every_table_unchanged():
        response = client.post(f"/api/v1/foi/requests/{foi_request.pk}/issue/")
    assert response.status_code == 500
    assert FOIRequest.objects.get(pk=foi_request.pk).status == "open"
    assert not ResponseVersion.objects.exists()


def test_the_issue_page_writes_nothing_when_the_workbook_fails(council, library, foi_officer):
    foi_request = received_request(council)
    foi_services.question_create(foi_request=foi_request, text="How many?", group_by=["vendor"])
    client = signed_in(foi_officer)
    client.raise_request_exception = False
    full_disk = OSError(28, "No space left on device")
    with mock.patch("foi.services.requests.response_workbook", side_effect=full_disk), every_table_unchanged():
        response = client.post(f"/foi/{foi_request.pk}/issue/", {})
    assert response.status_code == 500


def test_a_second_version_without_a_reason_writes_nothing(council, library, foi_officer, api_client_for):
    foi_request = received_request(council)
    foi_services.question_create(foi_request=foi_request, text="How many?", group_by=["vendor"])
    foi_services.foi_request_issue(foi_request=foi_request)
    client = api_client_for(foi_officer)
    with every_table_unchanged():
        response = client.post(f"/api/v1/foi/requests/{foi_request.pk}/issue/")
    assert response.status_code == 400
    assert list(response.json()) == ["reason"]


# 5. A withdrawn request: nothing more is issued, asked or changed.


@pytest.fixture
def withdrawn(council, library):
    foi_request = received_request(council)
    question = foi_services.question_create(foi_request=foi_request, text="How many?", group_by=["vendor"])
    foi_services.foi_request_withdraw(foi_request=foi_request)
    return foi_request, question


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("post", "issue/", None, "A withdrawn request cannot be answered."),
        ("post", "withdraw/", None, "A request that is withdrawn cannot be withdrawn."),
        (
            "post",
            "clarification-requested/",
            {"date": "2024-06-04"},
            "A request that is withdrawn cannot be sent for clarification.",
        ),
        ("post", "questions/", {"text": "And by ward?"}, "The request was withdrawn; its questions cannot change."),
        (
            "patch",
            "questions/{question}/",
            {"text": "Changed"},
            "The request was withdrawn; its questions cannot change.",
        ),
        ("delete", "questions/{question}/", None, "The request was withdrawn; its questions cannot change."),
    ],
)
def test_a_withdrawn_request_refuses_through_the_api(
    withdrawn, foi_officer, api_client_for, method, path, body, message
):
    foi_request, question = withdrawn
    url = f"/api/v1/foi/requests/{foi_request.pk}/{path.format(question=question.pk)}"
    client = api_client_for(foi_officer)
    with every_table_unchanged():
        response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"status": [message]}


def test_a_withdrawn_request_refuses_through_the_pages(withdrawn, foi_officer):
    foi_request, question = withdrawn
    client = signed_in(foi_officer)
    with every_table_unchanged():
        issued = client.post(f"/foi/{foi_request.pk}/issue/", {}, follow=True)
        added = client.post(f"/foi/{foi_request.pk}/questions/new/", {"text": "And by ward?"})
        deleted = client.post(f"/foi/{foi_request.pk}/questions/{question.pk}/delete/", follow=True)
    assert "A withdrawn request cannot be answered." in issued.content.decode()
    assert added.status_code == 200
    assert "The request was withdrawn; its questions cannot change." in error_summary(added)
    assert "The request was withdrawn; its questions cannot change." in deleted.content.decode()


# Other refusals: a record others depend on, the last administrator, a field the API cannot take.


def test_a_request_with_an_issued_response_is_not_deleted(council, library, foi_officer, api_client_for):
    foi_request = received_request(council)
    foi_services.question_create(foi_request=foi_request, text="How many?", group_by=["vendor"])
    foi_services.foi_request_issue(foi_request=foi_request)
    client = api_client_for(foi_officer)
    with every_table_unchanged():
        deleted = client.delete(f"/api/v1/foi/requests/{foi_request.pk}/")
        version = client.delete(f"/api/v1/foi/requests/{foi_request.pk}/versions/1/")
    assert deleted.status_code == 400
    assert deleted.json() == {"versions": ["A request with an issued response cannot be deleted."]}
    assert version.status_code == 400 and list(version.json()) == ["version"]


def test_the_last_administrator_is_neither_removed_nor_demoted(council, admin, api_client_for):
    client = api_client_for(admin)
    url = f"/api/v1/organisations/{council.slug}/members/{admin.username}/"
    with every_table_unchanged():
        removed = client.delete(url)
        demoted = client.patch(url, {"role": "officer", "email": "admin@example.gov.uk"}, format="json")
    assert removed.status_code == 400 and "last administrator" in removed.json()["role"][0]
    assert demoted.status_code == 400 and "last administrator" in demoted.json()["role"][0]


def test_a_site_with_cameras_is_not_deleted(camera, admin, api_client_for):
    client = api_client_for(admin)
    with every_table_unchanged():
        response = client.delete(f"/api/v1/sites/{camera.site_id}/")
    assert response.status_code == 400
    assert "still has 1 camera(s)" in response.json()["site"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("install_date", "last Tuesday"), ("manufacturer", "acme"), ("status", "broken"), ("networked", "perhaps")],
)
def test_a_camera_with_a_bad_field_is_not_created(library, officer, api_client_for, field, value):
    body = {"site": library.pk, "asset_tag": "LIB-9", "manufacturer": "axis-communications", field: value}
    client = api_client_for(officer)
    with every_table_unchanged():
        response = client.post("/api/v1/cameras/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_the_admins_delete_selected_removes_and_logs_nothing_when_one_is_refused(council, admin, officer):
    """Django's "Delete selected" logs each deletion before it deletes: a refusal undoes the log entries too."""
    client = signed_in(admin)
    memberships = [Membership.objects.get(user=officer).pk, Membership.objects.get(user=admin).pk]
    with every_table_unchanged():
        response = client.post(
            "/admin/registry/membership/",
            {"action": "delete_selected", "_selected_action": memberships, "post": "yes"},
            follow=True,
        )
    assert response.status_code == 200
    assert "Admin is the last administrator of Demo Council" in response.content.decode()


def test_the_admins_delete_page_removes_and_logs_nothing_when_refused(council, admin):
    client = signed_in(admin)
    membership = Membership.objects.get(user=admin)
    with every_table_unchanged():
        response = client.post(f"/admin/registry/membership/{membership.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Admin is the last administrator of Demo Council" in response.content.decode()
