"""Every kind of workbook, printed by LibreOffice as the person who receives it would: each sheet one page wide
on A4, the heading row on every page, every cell's whole text, nothing overlapping, and the footer. The first
page of each is saved as a PNG under test-artifacts/printing/ for a person to look at."""

import datetime
import io

import openpyxl
import pytest
from django.test import Client
from openpyxl.styles import Alignment
from rest_framework.test import APIClient

from assets.demo import DEMO_NAME, load_demo
from assets.services import camera_update
from core.printing import MAX_ROW_LINES, dated
from foi import services
from registry.choices import Role
from registry.models import Organisation
from tests import factories
from tests.assets.importing.spreadsheets import upload, xlsx_bytes
from tests.printing.checks import check_printout, sheet_orientation

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
PARAGRAPH = (
    "The council keeps a register of every CCTV camera it owns, and reviews each system against the Surveillance "
    "Camera Code of Practice once a year; the library cameras are standalone recorders that are not connected to "
    "the council's network or to the internet, and each will be replaced by a camera from an approved supplier "
    "when it reaches the end of its working life. "
)
LONG_ANSWER = "\n".join(PARAGRAPH * 2 for _ in range(5))  # more than the tallest row holds at the answer's width
LONG_LOCATION = (
    "Mounted on the north wall of the children's library above the fire exit, covering the returns desk, the "
    "self-service kiosks and the corridor to the public toilets; "
) * 3


@pytest.fixture
def demo():
    return load_demo()


def signed_in(organisation: Organisation, role: str) -> Client:
    client = Client()
    client.force_login(factories.user_with_role(organisation, role))
    return client


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_prints_well(print_to_pdf, content: bytes, name: str, *, council: str, document: str):
    printout = print_to_pdf(content, name)
    problems = check_printout(printout, content, council=council, document=document)
    assert not problems, "\n".join(problems[:40])
    return printout


def story_response(organisation: Organisation) -> bytes:
    """The story's FOI response: library cameras by brand and vendor, listed with the location withheld (s.31),
    a count as at a date, a long answer written by the officer, and a neither-confirm-nor-deny (s.24)."""
    foi_request = services.foi_request_create(
        organisation=organisation,
        reference="FOI-2026-0153",
        received_date=TODAY - datetime.timedelta(days=14),
        subject="CCTV cameras made by Chinese manufacturers in council buildings",
        request_text="How many CCTV cameras are in your libraries, who made each of them, are they networked, "
        "and when will they be replaced? Please list each camera with where it is.",
    )
    services.question_create(
        foi_request=foi_request,
        text="How many cameras are in the council's libraries, and who made them?",
        filters={"site_category": "library"},
        group_by=["manufacturer", "vendor"],
        disclosed_columns=["asset_tag", "site", "manufacturer", "model", "networked", "install_date"],
        withheld=[
            {
                "column": "location_description",
                "exemption": "foia-s31",
                "reasoning": "Where each camera points, and so where it does not, would help anyone planning a "
                "crime in a library to avoid being recorded. " * 3,
            }
        ],
    )
    services.question_create(
        foi_request=foi_request,
        text="How many library cameras were networked at the end of 2025?",
        filters={"site_category": "library", "networked": True},
        as_at=datetime.date(2025, 12, 31),
    )
    services.question_create(
        foi_request=foi_request,
        text="How will the library cameras be replaced?",
        filters={"site_category": "library"},
        answer_wording=LONG_ANSWER,
    )
    services.question_create(
        foi_request=foi_request,
        text="Does the council hold cameras at any counter-terrorism site?",
        neither_confirm_nor_deny=True,
        exemption="foia-s24",
        public_interest_reasoning="Confirming or denying would reveal where the council protects national "
        "security, which outweighs the public interest in knowing.",
    )
    return bytes(services.foi_request_issue(foi_request=foi_request).workbook)


def test_the_story_foi_response_prints_every_sheet_one_page_wide_and_whole(demo, print_to_pdf):
    content = story_response(demo)

    printout = assert_prints_well(
        print_to_pdf, content, "foi-response", council=DEMO_NAME, document="FOI-2026-0153 response, version 1"
    )

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Response",
        "Question 1",
        "Question 1 cameras",
        "Question 2",
        "Question 3",
        "Definitions",
    ]
    # Labels beside their answers on A4 portrait; the long answer goes on below its label in rows that fit.
    assert sheet_orientation(printout, "Response") == {"portrait"}
    assert sheet_orientation(printout, "Definitions") == {"portrait"}
    rows = [[cell.value for cell in row] for row in workbook["Response"].iter_rows()]
    answer = next(index for index, row in enumerate(rows) if row[0] == "Answer 3")
    continued = [row[1] for row in rows[answer + 1 :] if row[0] is None]
    assert continued and " ".join([rows[answer][1], *continued]).split() == LONG_ANSWER.split()
    assert len(printout.pages) < 10  # the same response took 8 to 10 pages before it was laid out for print


def test_the_camera_list_prints_one_page_wide_with_its_headings_on_every_page(demo, print_to_pdf):
    camera = demo.cameras.order_by("asset_tag").first()
    camera_update(camera=camera, location_description=LONG_LOCATION, notes="=SUM(A1:A9) looks like a formula")
    client = signed_in(demo, Role.OFFICER)

    response = client.get("/cameras/download.xlsx")

    assert response.status_code == 200
    printout = assert_prints_well(
        print_to_pdf, downloaded(response), "camera-list", council=DEMO_NAME, document=dated("Camera list", TODAY)
    )
    assert len(printout.pages) > 1
    assert sheet_orientation(printout, "Cameras") == {"landscape"}


def test_the_replacement_plan_prints_one_page_wide_with_its_headings_on_every_page(demo, print_to_pdf):
    client = signed_in(demo, Role.VIEWER)

    response = client.get("/replacement/download.xlsx")

    assert response.status_code == 200
    printout = assert_prints_well(
        print_to_pdf,
        downloaded(response),
        "replacement-plan",
        council=DEMO_NAME,
        document=dated("Replacement plan", TODAY),
    )
    assert len(printout.sheet_pages("Replacement plan")) > 1
    assert len(printout.sheet_pages("By end-of-life year")) == 1


def test_the_counts_workbook_prints_on_one_page(demo, print_to_pdf):
    client = APIClient()
    client.force_authenticate(factories.user_with_role(demo, Role.VIEWER))

    response = client.get("/api/v1/cameras/counts.xlsx?group_by=site_category,vendor,origin_country,networked")

    assert response.status_code == 200
    printout = assert_prints_well(
        print_to_pdf, downloaded(response), "counts", council=DEMO_NAME, document=dated("Camera counts", TODAY)
    )
    assert len(printout.pages) == 1


def test_the_import_problems_workbook_prints_each_row_with_its_problems(demo, print_to_pdf):
    client = signed_in(demo, Role.OFFICER)
    headings = ["Asset tag", "Site", "Manufacturer", "Model", "Install date", "Status", "Location description"]
    rows = [
        ["NEW-1", "Central Library", "Acme Lenses", "X1", "31/02/2024", "broken", LONG_LOCATION],
        ["NEW-2", "Nowhere Hall", "Hikvision", "DS-1", "2024-01-01", "operational", "Foyer"],
        ["NEW-3", "Central Library", '=HYPERLINK("http://x","Acme")', "", "", "", "+44 20 7946 0000"],
    ]
    preview = client.post("/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": [headings, *rows]}), "c.xlsx")})
    assert preview.status_code == 400

    response = client.get(f"/cameras/import/{preview.context['token']}/problems.xlsx")

    assert response.status_code == 200
    assert_prints_well(
        print_to_pdf, downloaded(response), "import-problems", council=DEMO_NAME, document="Problems in c.xlsx"
    )


def test_the_change_log_prints_one_page_wide(demo, print_to_pdf):
    camera = demo.cameras.order_by("asset_tag").first()
    camera_update(camera=camera, notes=LONG_LOCATION, reason="Moved during the refurbishment of the children's library")
    client = signed_in(demo, Role.ADMIN)

    response = client.get("/changes/download.xlsx")

    assert response.status_code == 200
    assert_prints_well(
        print_to_pdf, downloaded(response), "change-log", council=DEMO_NAME, document=dated("Change log", TODAY)
    )


def test_the_checks_catch_a_workbook_laid_out_as_before(print_to_pdf):
    """The checks fail a sheet wider than a page with wrapped text in rows too short for it: without them these
    tests would pass whatever the writer did."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Response"
    sheet.append(["Item", "Detail", "More"])
    sheet.append(["Answer 1", PARAGRAPH * 2, "The last column"])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 60
    sheet["B2"].alignment = Alignment(wrap_text=True)
    sheet.row_dimensions[2].height = 15
    sheet.oddHeader.center.text = "&A"
    buffer = io.BytesIO()
    workbook.save(buffer)

    printout = print_to_pdf(buffer.getvalue(), "laid-out-as-before")
    problems = check_printout(printout, buffer.getvalue(), council="Demo Council", document="Response")

    assert any("B2" in problem and "not printed whole" in problem for problem in problems), problems
    assert any("headings" in problem and "not printed" in problem for problem in problems), problems
    assert any("footer" in problem for problem in problems), problems


def test_text_longer_than_the_tallest_row_is_cut_into_row_sized_parts():
    from core.printing import line_count, text_in_row_sized_parts

    parts = text_in_row_sized_parts(LONG_ANSWER, 64)

    assert len(parts) > 1
    assert all(line_count(part, 64) <= MAX_ROW_LINES for part in parts)
    assert " ".join(parts).split() == LONG_ANSWER.split()
    assert text_in_row_sized_parts("Short  text\nkept as it is", 64) == ["Short  text\nkept as it is"]
