"""The FOI API's rules: who may do what, isolation between councils, and a clear 400 for every bad input."""

import datetime
import io
import zipfile

import pytest

from registry.choices import Jurisdiction, Role
from tests import factories
from tests.foi.conftest import client_for, read_with_calamine, read_with_openpyxl

REQUEST = {
    "reference": "FOI-2024-0001",
    "received_date": "2024-06-03",
    "subject": "Cameras",
    "request_text": "How many cameras do you have?",
}


@pytest.fixture
def library_cameras(library):
    factories.camera(library, location_description="Children's area", serial_number="HIK123")
    factories.camera(library, manufacturer=factories.manufacturer("bosch"), networked=True)


def _results(data):
    """A list's rows, whether or not the API paginates."""
    return data["results"] if isinstance(data, dict) else data


def _create(client, **overrides):
    return client.post("/api/v1/foi/requests/", REQUEST | overrides, format="json")


def _request_with_question(client, **question):
    foi_request = _create(client).data
    payload = {"text": "How many cameras?", "filters": {"site_category": "library"}, "group_by": ["vendor"]}
    response = client.post(f"/api/v1/foi/requests/{foi_request['id']}/questions/", payload | question, format="json")
    assert response.status_code == 201, response.data
    return foi_request, response.data


def test_viewer_reads_but_cannot_write(council, foi_client, viewer_client):
    foi_request = _create(foi_client).data
    assert viewer_client.get(f"/api/v1/foi/requests/{foi_request['id']}/").status_code == 200
    assert len(_results(viewer_client.get("/api/v1/foi/requests/").data)) == 1
    assert len(_results(viewer_client.get("/api/v1/foi/requests/?status=open").data)) == 1
    assert _results(viewer_client.get("/api/v1/foi/requests/?status=answered").data) == []
    assert _create(viewer_client, reference="FOI-X").status_code == 403  # viewers manage no organisation
    assert (
        viewer_client.patch(f"/api/v1/foi/requests/{foi_request['id']}/", {"subject": "x"}, format="json").status_code
        == 403
    )
    assert (
        viewer_client.post(
            f"/api/v1/foi/requests/{foi_request['id']}/questions/", {"text": "q"}, format="json"
        ).status_code
        == 403
    )
    assert viewer_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/").status_code == 403


def test_officer_and_admin_roles(council):
    officer = client_for(factories.user_with_role(council, Role.OFFICER))
    admin = client_for(factories.user_with_role(council, Role.ADMIN))
    assert _create(officer).status_code == 403
    assert _create(admin).status_code == 201


def test_a_role_refusal_comes_before_any_complaint_about_the_body(council, foi_client, viewer_client):
    officer = client_for(factories.user_with_role(council, Role.OFFICER))
    for body in (REQUEST, {}, {"reference": "  ", "received_date": "soon"}):
        response = officer.post("/api/v1/foi/requests/", body, format="json")
        assert response.status_code == 403, response.data
        assert (
            response.data["detail"]
            == "Only the organisation's FOI officers and administrators can change FOI requests."
        )
    foi_request = _create(foi_client).data
    base = f"/api/v1/foi/requests/{foi_request['id']}"
    for url, body in (
        (f"{base}/questions/", {"text": "", "group_by": "colour"}),
        (f"{base}/clarification-requested/", {"date": "yesterday"}),
        (f"{base}/clarification-received/", {}),
        (f"{base}/issue/", {"reason": "x" * 500}),
        (f"{base}/withdraw/", {}),
    ):
        assert viewer_client.post(url, body, format="json").status_code == 403, url
    assert viewer_client.patch(f"{base}/", {"received_date": "soon"}, format="json").status_code == 403


def test_an_officer_here_who_manages_foi_elsewhere_names_the_organisation_only_when_wrong(council, other_council):
    user = factories.user_with_role(council, Role.OFFICER)
    factories.user_with_role(other_council, Role.FOI, username=user.username)
    client = client_for(user)
    wrong = _create(client, organisation="demo-council")
    assert wrong.status_code == 400
    assert list(wrong.data) == ["organisation"]
    assert _create(client).data["organisation"] == "other-council"
    assert _create(client, reference="FOI-2", organisation="other-council").status_code == 201


def test_another_councils_request_is_not_found(council, other_council, foi_client, library_cameras):
    foi_request, question = _request_with_question(foi_client)
    foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/")
    stranger = client_for(factories.user_with_role(other_council, Role.FOI))
    base = f"/api/v1/foi/requests/{foi_request['id']}"
    for url in (
        f"{base}/",
        f"{base}/questions/",
        f"{base}/questions/{question['id']}/",
        f"{base}/response.xlsx",
        f"{base}/versions/",
        f"{base}/versions/1/",
        f"{base}/versions/1/response.xlsx",
    ):
        assert stranger.get(url).status_code == 404, url
    assert stranger.post(f"{base}/issue/").status_code == 404
    assert stranger.patch(f"{base}/", {"subject": "x"}, format="json").status_code == 404
    assert _results(stranger.get("/api/v1/foi/requests/").data) == []


def test_organisation_must_be_named_by_someone_managing_two(council, other_council):
    user = factories.user_with_role(council, Role.FOI)
    factories.user_with_role(other_council, Role.FOI, username=user.username)
    client = client_for(user)
    assert "organisation" in _create(client).data
    assert _create(client, organisation="other-council").data["organisation"] == "other-council"


def test_received_date_in_the_future(foi_client):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = _create(foi_client, received_date=tomorrow)
    assert response.status_code == 400
    assert response.data["received_date"] == ["The received date cannot be in the future."]


def test_duplicate_reference(foi_client, other_council):
    assert _create(foi_client).status_code == 201
    response = _create(foi_client)
    assert response.status_code == 400
    assert "already has an FOI request with this reference" in response.data["reference"][0]
    # Another council may use the same reference.
    other = client_for(factories.user_with_role(other_council, Role.FOI))
    assert _create(other).status_code == 201


def test_missing_and_blank_request_fields(foi_client):
    response = foi_client.post("/api/v1/foi/requests/", {"reference": "  "}, format="json")
    assert response.status_code == 400
    assert {"reference", "received_date", "subject", "request_text"} <= set(response.data)


@pytest.mark.parametrize(
    ("question", "field", "words"),
    [
        ({"text": ""}, "text", "blank"),
        ({"text": "   "}, "text", "blank"),
        ({"filters": {"colour": "red"}}, "filters", "Unknown filter 'colour'"),
        ({"filters": {"site_category": "moon-base"}}, "filters", "site_category: No site category"),
        ({"filters": {"networked": "maybe"}}, "filters", "networked: Enter true or false"),
        ({"filters": {"organisation": "demo"}}, "filters", "organisation:"),
        ({"filters": ["library"]}, "filters", "object"),
        ({"group_by": ["colour"]}, "group_by", "Unknown dimension 'colour'"),
        ({"group_by": ["vendor", "vendor"]}, "group_by", "only once"),
        ({"group_by": "vendor"}, "group_by", "list"),
        ({"disclosed_columns": ["home_address"]}, "disclosed_columns", "Unknown column 'home_address'"),
        ({"exemption": "foisa-s35", "public_interest_reasoning": "x"}, "exemption", "does not apply"),
        ({"exemption": "foia-s31"}, "public_interest_reasoning", "Say why"),
        ({"neither_confirm_nor_deny": True}, "exemption", "Neither confirming nor denying"),
    ],
)
def test_bad_question(foi_client, question, field, words):
    foi_request = _create(foi_client).data
    payload = {"text": "How many cameras?", "filters": {}, "group_by": []} | question
    response = foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/questions/", payload, format="json")
    assert response.status_code == 400, response.data
    assert words in " ".join(map(str, response.data[field])), response.data


def test_issuing_with_no_questions(foi_client):
    foi_request = _create(foi_client).data
    response = foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/")
    assert response.status_code == 400
    assert response.data["questions"] == ["Add at least one question before issuing a response."]


def test_issued_version_cannot_be_edited_or_deleted(foi_client, library_cameras):
    foi_request, _ = _request_with_question(foi_client)
    foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/")
    url = f"/api/v1/foi/requests/{foi_request['id']}/versions/1/"
    for method in (foi_client.put, foi_client.patch, foi_client.delete):
        response = method(url, {"content": {}}, format="json")
        assert response.status_code == 400
        assert "never be edited" in response.data["version"][0]
    assert foi_client.delete(f"/api/v1/foi/requests/{foi_request['id']}/").status_code == 400


def test_request_without_response_has_no_download(foi_client):
    foi_request = _create(foi_client).data
    assert foi_client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").status_code == 404


def test_clarification_suspends_then_restarts_the_clock(foi_client):
    foi_request = _create(foi_client).data
    base = f"/api/v1/foi/requests/{foi_request['id']}"
    asked = foi_client.post(f"{base}/clarification-requested/", {"date": "2024-06-05"}, format="json").data
    assert (asked["status"], asked["due_date"]) == ("awaiting-clarification", None)
    assert foi_client.post(f"{base}/issue/").data["status"]
    # Clarified Mon 10 Jun 2024: a new period, 11–14 (4), 17–21 (9), 24–28 (14), 1–5 Jul (19), Mon 8 Jul (20).
    clarified = foi_client.post(f"{base}/clarification-received/", {"date": "2024-06-10"}, format="json").data
    assert clarified["status"] == "open"
    assert clarified["due_date"] == "2024-07-08"
    assert (clarified["clarification_requested_date"], clarified["clarification_received_date"]) == (
        "2024-06-05",
        "2024-06-10",
    )
    early = foi_client.post(f"{base}/clarification-requested/", {"date": "2024-05-01"}, format="json")
    assert early.status_code == 400 and "clarification_requested_date" in early.data


def test_scottish_council_uses_foisa(db):
    council = factories.organisation(jurisdiction=Jurisdiction.SCOTLAND)
    client = client_for(factories.user_with_role(council, Role.FOI))
    # Received Wed 20 Mar 2024; Easter Monday is a working day in Scotland (see test_deadlines).
    foi_request = _create(client, received_date="2024-03-20").data
    assert foi_request["due_date"] == "2024-04-18"
    assert "Scotland" in foi_request["law"]


def test_formula_looking_text_is_stored_as_text(foi_client, library_cameras):
    dangerous = ['=HYPERLINK("http://x","y")', "+SUM(1,2)", "-2+3", "@cmd"]
    foi_request = _create(foi_client, subject=dangerous[0], request_text=dangerous[1]).data
    foi_client.post(
        f"/api/v1/foi/requests/{foi_request['id']}/questions/",
        {
            "text": dangerous[2],
            "answer_wording": dangerous[3],
            "filters": {},
            "group_by": ["site"],
            "disclosed_columns": ["asset_tag", "model"],
        },
        format="json",
    )
    foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/")
    content = foi_client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content

    workbook = read_with_openpyxl(content)
    cells = {cell.value: cell for row in workbook["Response"].iter_rows() for cell in row}
    for text in dangerous:
        assert cells[text].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    calamine_values = {value for row in read_with_calamine(content)["Response"] for value in row}
    assert set(dangerous) <= calamine_values


def test_neither_confirm_nor_deny_gives_no_figures(foi_client, library_cameras):
    foi_request, question = _request_with_question(
        foi_client,
        neither_confirm_nor_deny=True,
        exemption="foia-s24",
        public_interest_reasoning="Confirming would reveal the capability of sensitive sites.",
    )
    assert question["answer"]["total"] is None and question["answer"]["groups"] == []
    assert "neither confirms nor denies" in question["answer"]["wording"]
    assert "section 24 of the Freedom of Information Act 2000" in question["answer"]["wording"]
    issued = foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/").data
    assert issued["content"]["questions"][0]["total"] is None
    sheets = read_with_calamine(foi_client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content)
    assert list(sheets) == ["Response", "Definitions"]
    response_rows = {row[0]: row[1] for row in sheets["Response"]}
    assert response_rows["Reasons 1"] == "Confirming would reveal the capability of sensitive sites."


def test_listing_shows_only_the_disclosed_columns(foi_client, library_cameras):
    foi_request, question = _request_with_question(
        foi_client,
        disclosed_columns=["asset_tag", "site", "install_date"],
        exemption="foia-s31",
        public_interest_reasoning="Locations would help someone avoid the cameras.",
    )
    assert question["answer"]["listing"]["headings"] == ["Asset tag", "Site", "Install date"]
    foi_client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/")
    content = foi_client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content
    workbook = read_with_openpyxl(content)
    assert workbook.sheetnames == ["Response", "Question 1", "Question 1 cameras", "Definitions"]
    listing = [[cell.value for cell in row] for row in workbook["Question 1 cameras"].iter_rows()]
    assert listing[0] == ["Asset tag", "Site", "Install date"]
    assert listing[1][2] == datetime.datetime(2020, 1, 15)
    assert workbook["Question 1 cameras"]["C2"].number_format == "dd/mm/yyyy"
    everything = " ".join(
        str(value) for sheet in read_with_calamine(content).values() for row in sheet for value in row
    )
    assert "Children's area" not in everything and "HIK123" not in everything
    assert "Camera location description, serial number are not disclosed." in everything


def test_counts_workbook(council, library_cameras):
    client = client_for(factories.user_with_role(council, Role.VIEWER))
    response = client.get("/api/v1/cameras/counts.xlsx?site_category=library&group_by=vendor,networked")
    assert response.status_code == 200
    sheets = read_with_calamine(response.content)
    assert list(sheets) == ["Camera counts"]
    rows = sheets["Camera counts"]
    assert rows[0] == ["Vendor", "Networked", "Cameras"]
    assert sorted(rows[1:-1]) == [["Bosch Security Systems", "Networked", 1], ["Hikvision", "Not networked", 1]]
    assert rows[-1] == ["Total", "", 2]

    assert client.get("/api/v1/cameras/counts.xlsx?group_by=colour").data["group_by"]
    assert "networked" in client.get("/api/v1/cameras/counts.xlsx?networked=maybe").data
    assert client.get("/api/v1/cameras/counts.xlsx", HTTP_ACCEPT="application/json").status_code == 200


def test_counts_workbook_sees_only_the_users_cameras(council, other_council, library_cameras):
    client = client_for(factories.user_with_role(other_council, Role.VIEWER))
    rows = read_with_calamine(client.get("/api/v1/cameras/counts.xlsx").content)["Camera counts"]
    assert rows[-1] == ["Total", 0]


def test_a_stale_if_match_saves_nothing_on_a_request_or_a_question(foi_client):
    foi_request, question = _request_with_question(foi_client)
    url = f"/api/v1/foi/requests/{foi_request['id']}/"
    read = foi_client.get(url)
    etag = read.headers["ETag"]
    assert foi_client.patch(url, {"subject": "First"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = foi_client.patch(url, {"subject": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert "nothing was saved" in stale.data["detail"]
    assert foi_client.get(url).data["subject"] == "First"
    question_url = f"{url}questions/{question['id']}/"
    question_etag = foi_client.get(question_url).headers["ETag"]
    foi_client.patch(question_url, {"text": "How many, exactly?"}, format="json")
    refused = foi_client.delete(question_url, HTTP_IF_MATCH=question_etag)
    assert refused.status_code == 412
    assert foi_client.get(question_url).data["text"] == "How many, exactly?"


def test_a_service_refusal_is_a_400_under_its_field(foi_client, library_cameras):
    foi_request, question = _request_with_question(foi_client)
    url = f"/api/v1/foi/requests/{foi_request['id']}/"
    assert foi_client.post(f"{url}withdraw/").status_code == 200
    refused = foi_client.patch(f"{url}questions/{question['id']}/", {"text": "Changed"}, format="json")
    assert refused.status_code == 400
    assert refused.data == {"status": ["The request was withdrawn; its questions cannot change."]}
