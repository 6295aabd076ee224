"""foi/responses.py: the response frozen as JSON and written as a workbook, read back cell by cell."""

import datetime

import pytest

from foi import services
from foi.responses import DEFINITIONS, response_content, response_workbook
from tests.foi.conftest import read_with_openpyxl

ISSUED_AT = datetime.datetime(2024, 6, 20, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def content(library_request):
    services.question_create(
        foi_request=library_request,
        text="How many library cameras, by vendor?",
        filters={"site_category": "library"},
        group_by=["vendor"],
        disclosed_columns=["asset_tag", "manufacturer", "install_date"],
    )
    services.question_create(
        foi_request=library_request,
        text="How many were networked at the end of 2022?",
        filters={"networked": True},
        as_at=datetime.date(2022, 12, 31),
    )
    services.question_create(
        foi_request=library_request,
        text="Where are they?",
        neither_confirm_nor_deny=True,
        exemption="foia-s24",
        public_interest_reasoning="National security.",
    )
    return response_content(foi_request=library_request, issued_at=ISSUED_AT, version=1)


def cells(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_content_states_the_request_and_each_answer_in_order(content):
    assert {name: value for name, value in content.items() if name != "questions"} == {
        "organisation": "Demo Council",
        "reference": "FOI-7",
        "subject": "Library cameras",
        "request_text": "How many cameras are in your libraries, by vendor?",
        "received_date": "2024-06-03",
        "clarification_requested_date": None,
        "clarification_received_date": None,
        "due_date": "2024-07-01",
        "law": "Freedom of Information Act 2000",
        "deadline_rule": (
            "Freedom of Information Act 2000, s.10: 20 working days from the first working day after receipt. Not "
            "working days: Saturdays, Sundays, Christmas Day, Good Friday and any day that is a bank holiday in any "
            "part of the UK (England and Wales, Scotland or Northern Ireland)."
        ),
        "version": 1,
        "issued_at": "2024-06-20T09:30:00+00:00",
    }
    assert [(answer["order"], answer["total"]) for answer in content["questions"]] == [(1, 3), (2, 1), (3, None)]


def test_the_workbook_has_the_response_a_table_per_counted_question_its_listing_and_the_definitions(content):
    workbook = read_with_openpyxl(response_workbook(content))
    assert workbook.sheetnames == ["Response", "Question 1", "Question 1 cameras", "Question 2", "Definitions"]


def test_the_response_sheet_states_the_request_answers_and_exemptions(content):
    sheet = read_with_openpyxl(response_workbook(content))["Response"]
    assert cells(sheet) == [
        ["Item", "Detail"],
        ["Council", "Demo Council"],
        ["Reference", "FOI-7"],
        ["Subject", "Library cameras"],
        ["Request", "How many cameras are in your libraries, by vendor?"],
        ["Received", datetime.datetime(2024, 6, 3)],
        ["Due", datetime.datetime(2024, 7, 1)],
        ["Issued", datetime.datetime(2024, 6, 20, 10, 30)],
        ["Version", 1],
        ["Law", "Freedom of Information Act 2000"],
        ["Question 1", "How many library cameras, by vendor?"],
        [
            "Answer 1",
            "There are 3 CCTV cameras in the council's libraries. 2 of them were made by Hikvision and 1 by Bosch "
            "Security Systems.",
        ],
        ["Table 1", "See the sheet “Question 1”."],
        ["Withheld 1", "Camera location description, serial number are not disclosed."],
        ["Withheld 1: Location description", "Not disclosed."],
        ["Withheld 1: Serial number", "Not disclosed."],
        ["Question 2", "How many were networked at the end of 2022?"],
        ["Answer 2", "There was 1 CCTV camera connected to a network on 31 December 2022."],
        ["Counted as at 2", datetime.datetime(2022, 12, 31)],
        ["Table 2", "See the sheet “Question 2”."],
        ["Question 3", "Where are they?"],
        [
            "Answer 3",
            "The council neither confirms nor denies that it holds the information you asked for, relying on "
            "section 24 of the Freedom of Information Act 2000.",
        ],
        ["Exemption 3", "s.24 National security (FOIA): section 24 of the Freedom of Information Act 2000"],
        ["Reasons 3", "National security."],
    ]
    assert [sheet[f"B{row}"].number_format for row in (6, 7, 8, 9, 19)] == [
        "dd/mm/yyyy",
        "dd/mm/yyyy",
        "dd/mm/yyyy hh:mm",
        "#,##0",
        "dd/mm/yyyy",
    ]


def test_clarification_dates_have_their_own_rows(library_request):
    services.foi_request_clarification_request(foi_request=library_request, requested_on=datetime.date(2024, 6, 5))
    services.foi_request_clarification_receive(foi_request=library_request, received_on=datetime.date(2024, 6, 10))
    content = response_content(foi_request=library_request, issued_at=ISSUED_AT, version=2)
    rows = cells(read_with_openpyxl(response_workbook(content))["Response"])
    assert rows[5:9] == [
        ["Received", datetime.datetime(2024, 6, 3)],
        ["Clarification asked for", datetime.datetime(2024, 6, 5)],
        ["Clarification received", datetime.datetime(2024, 6, 10)],
        ["Due", datetime.datetime(2024, 7, 8)],
    ]


def test_a_question_sheet_has_a_row_per_group_and_a_total(content):
    workbook = read_with_openpyxl(response_workbook(content))
    assert cells(workbook["Question 1"]) == [
        ["Vendor", "Cameras"],
        ["Hikvision", 2],
        ["Bosch Security Systems", 1],
        ["Total", 3],
    ]
    assert cells(workbook["Question 2"]) == [
        ["Scope", "Cameras"],
        ["All cameras matching the question", 1],
        ["Total", 1],
    ]
    assert workbook["Question 1"]["B4"].number_format == "#,##0"


def test_a_listing_writes_its_dates_as_dates(content):
    sheet = read_with_openpyxl(response_workbook(content))["Question 1 cameras"]
    assert cells(sheet) == [
        ["Asset tag", "Manufacturer", "Install date"],
        ["LIB-1", "Hikvision", datetime.datetime(2019, 3, 1)],
        ["LIB-2", "Bosch Security Systems", datetime.datetime(2021, 5, 4)],
        ["LIB-3", "EZVIZ", datetime.datetime(2023, 9, 1)],
    ]
    assert sheet["C2"].number_format == "dd/mm/yyyy"


def test_the_definitions_sheet_lists_every_term(content):
    sheet = read_with_openpyxl(response_workbook(content))["Definitions"]
    rows = cells(sheet)
    assert rows[0] == ["Term", "Meaning"]
    assert [tuple(row) for row in rows[1:]] == DEFINITIONS
    assert rows[8] == [
        "Vendor",
        "The company that ultimately owned the camera's brand on the day it was installed (for example, HiLook and "
        "EZVIZ cameras count under Hikvision).",
    ]
