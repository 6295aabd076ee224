"""The story behind the product, end to end through the API: 53 library cameras, 50 of them Hikvision."""

import datetime

from django.contrib.auth import get_user_model

from assets.demo import DEMO_SLUG
from foi.models import ResponseVersion
from registry.models import Site
from tests import factories
from tests.foi.conftest import client_for, read_with_calamine, read_with_openpyxl

QUESTION = {
    "text": "How many CCTV cameras are in your libraries, and how many are made by Hikvision?",
    "filters": {"site_category": "library", "status": "operational"},
    "group_by": ["vendor"],
    "as_at": None,
}


def _foi_officer_client():
    return client_for(get_user_model().objects.get(username="demo-foi"))


def _create_request(client) -> dict:
    response = client.post(
        "/api/v1/foi/requests/",
        {
            "reference": "FOI-2024-0153",
            "received_date": "2024-06-03",
            "subject": "CCTV cameras in libraries",
            "request_text": "How many CCTV cameras are in your libraries, and how many are made by Hikvision?",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    return response.data


def test_demo_story_answered_issued_and_read_back(demo):
    client = _foi_officer_client()
    foi_request = _create_request(client)
    # Received Mon 3 Jun 2024: the 20th working day after is Mon 1 Jul 2024 (see test_deadlines).
    assert foi_request["due_date"] == "2024-07-01"
    assert foi_request["organisation"] == DEMO_SLUG
    assert "any part of the UK" in foi_request["deadline"]["rule"]

    response = client.post(f"/api/v1/foi/requests/{foi_request['id']}/questions/", QUESTION, format="json")
    assert response.status_code == 201, response.data
    answer = response.data["answer"]
    assert answer["total"] == 53
    assert answer["groups"][0] == {"count": 50, "labels": ["Hikvision"], "values": ["hikvision"]}
    assert answer["wording"].startswith(
        "There are 53 CCTV cameras installed and operational in the council's libraries. "
        "50 of them were made by Hikvision, 1 by "
    )

    issued = client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/", {}, format="json")
    assert issued.status_code == 201, issued.data
    assert issued.data["number"] == 1
    assert issued.data["content"]["questions"][0]["total"] == 53

    detail = client.get(f"/api/v1/foi/requests/{foi_request['id']}/").data
    assert detail["status"] == "answered"
    assert detail["answered_date"] == datetime.date.today().isoformat()

    download = client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="FOI-2024-0153-response-v1.xlsx"' in download["Content-Disposition"]
    content = download.content

    workbook = read_with_openpyxl(content)
    assert workbook.sheetnames == ["Response", "Question 1", "Definitions"]
    table = workbook["Question 1"]
    rows = [[cell.value for cell in row] for row in table.iter_rows()]
    assert rows[0] == ["Vendor", "Cameras"]
    assert rows[1] == ["Hikvision", 50]
    assert [row[1] for row in rows[2:-1]] == [1, 1, 1]  # Axis (owned by Canon), Bosch and Hanwha Vision
    assert rows[-1] == ["Total", 53]
    assert table.freeze_panes == "A2"
    assert table["B2"].number_format == "#,##0"
    assert table.column_dimensions["A"].width >= len("Axis Communications")

    response_sheet = {row[0].value: row[1] for row in workbook["Response"].iter_rows(min_row=2)}
    assert response_sheet["Council"].value == "Demo Borough Council"
    assert response_sheet["Reference"].value == "FOI-2024-0153"
    assert response_sheet["Received"].value == datetime.datetime(2024, 6, 3)
    assert response_sheet["Received"].number_format == "dd/mm/yyyy"
    assert response_sheet["Due"].value == datetime.datetime(2024, 7, 1)
    assert response_sheet["Answer 1"].value.startswith("There are 53 CCTV cameras")
    definitions = [row[0].value for row in workbook["Definitions"].iter_rows(min_row=2)]
    for term in ("Operational", "Networked", "Origin country", "Vendor", "As-at date"):
        assert term in definitions

    # A second, independent reader sees the same figures and real dates.
    sheets = read_with_calamine(content)
    assert list(sheets) == ["Response", "Question 1", "Definitions"]
    assert sheets["Question 1"][0] == ["Vendor", "Cameras"]
    assert sheets["Question 1"][1] == ["Hikvision", 50]
    assert sheets["Question 1"][-1] == ["Total", 53]
    calamine_response = {row[0]: row[1] for row in sheets["Response"][1:]}
    assert calamine_response["Received"] == datetime.date(2024, 6, 3)


def test_issued_answer_is_frozen_after_the_register_changes(demo):
    client = _foi_officer_client()
    foi_request = _create_request(client)
    client.post(f"/api/v1/foi/requests/{foi_request['id']}/questions/", QUESTION, format="json")
    client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/", {}, format="json")
    first_download = client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content

    library = Site.objects.get(organisation__slug=DEMO_SLUG, name="Central Library")
    for _ in range(5):
        factories.camera(library)

    live = client.get(f"/api/v1/foi/requests/{foi_request['id']}/questions/").data[0]["answer"]
    assert live["total"] == 58
    assert client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content == first_download
    frozen = read_with_calamine(first_download)["Question 1"]
    assert frozen[1] == ["Hikvision", 50] and frozen[-1] == ["Total", 53]
    version = client.get(f"/api/v1/foi/requests/{foi_request['id']}/versions/1/").data
    assert version["content"]["questions"][0]["total"] == 53

    # An internal review issues a second version with today's figures; the first stays as it was.
    refused = client.post(f"/api/v1/foi/requests/{foi_request['id']}/issue/", {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.data
    review = client.post(
        f"/api/v1/foi/requests/{foi_request['id']}/issue/", {"reason": "Internal review"}, format="json"
    )
    assert review.status_code == 201 and review.data["number"] == 2
    assert review.data["content"]["questions"][0]["total"] == 58
    versions = client.get(f"/api/v1/foi/requests/{foi_request['id']}/versions/").data
    assert [version["number"] for version in versions] == [1, 2]
    latest = read_with_calamine(client.get(f"/api/v1/foi/requests/{foi_request['id']}/response.xlsx").content)
    assert latest["Question 1"][-1] == ["Total", 58]
    first_again = client.get(f"/api/v1/foi/requests/{foi_request['id']}/versions/1/response.xlsx").content
    assert first_again == first_download
    assert ResponseVersion.objects.count() == 2
