"""The FOI response as frozen content and as a workbook: Response, one sheet per question, Definitions."""

import datetime
from typing import Any

from assets.exports import counts_sheet
from assets.vocabulary import DATE_FIELDS
from core.printing import Printed
from core.spreadsheets import Column, Sheet, write_workbook
from foi.answers import question_answer
from foi.deadlines import rule_description
from foi.models import FOIRequest
from foi.wording import withheld_summary

DEFINITIONS = [
    ("Camera", "A fixed CCTV camera recorded in the council's register, identified by its asset tag."),
    ("Operational", "Installed and working on the date counted."),
    ("Faulty", "Installed but not working; still counted as in service."),
    ("Planned", "Approved or on order but not yet installed; never counted as in service."),
    ("Decommissioned", "Removed from service on its decommissioned date."),
    ("Networked", "Connected to any network (the council's, a supplier's or the internet), not only standalone."),
    ("Manufacturer (brand)", "The name on the camera, which may be a brand owned by another company."),
    (
        "Vendor",
        "The company that ultimately owned the camera's brand on the day it was installed (for example, "
        "HiLook and EZVIZ cameras count under Hikvision).",
    ),
    (
        "Origin country",
        "The country the camera was made in where the council recorded it, otherwise the country of its "
        'manufacturer; "Unknown" where neither is known.',
    ),
    (
        "As-at date",
        "Where a question is answered as at a date, the cameras in service that day: installed on or before "
        "it (or with no recorded install date) and not decommissioned by it. Otherwise the register on the "
        "day the response was issued.",
    ),
    (
        "Restricted vendor",
        "Made by a company, or a brand of a company, under a restriction the council follows (such as the UK "
        "government's statement of 24 November 2022 or the US FCC Covered List) or one it set itself.",
    ),
    ("Install year", "The year the camera was installed, where recorded."),
    ("End-of-life year", "The year the camera is due to be replaced: recorded, or estimated from its install date."),
    ("Site category", "The kind of place the camera is at: library, car park, public space and so on."),
    ("Total", "The number of cameras counted for the question: the sum of the rows above it."),
    (
        "Withheld",
        "Camera locations and serial numbers are not disclosed unless stated; where information is withheld the "
        "exemption and the reasons for each withheld column are given on the Response sheet.",
    ),
]


# Labels and answers side by side fit A4 portrait at full size; a long label wraps.
RESPONSE_LABEL_WIDTH, RESPONSE_DETAIL_WIDTH = 26, 64


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def response_content(*, foi_request: FOIRequest, issued_at: datetime.datetime, version: int) -> dict[str, Any]:
    """Everything the response says, as JSON, computed from the register now."""
    organisation = foi_request.organisation
    return {
        "organisation": organisation.name,
        "reference": foi_request.reference,
        "subject": foi_request.subject,
        "request_text": foi_request.request_text,
        "received_date": foi_request.received_date.isoformat(),
        "clarification_requested_date": _iso(foi_request.clarification_requested_date),
        "clarification_received_date": _iso(foi_request.clarification_received_date),
        "due_date": _iso(foi_request.due_date),
        "law": foi_request.law.label,
        "deadline_rule": rule_description(organisation.jurisdiction),
        "version": version,
        "issued_at": issued_at.isoformat(),
        "questions": [question_answer(question) for question in foi_request.questions.order_by("order", "id")],
    }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def question_sheet_title(answer: dict[str, Any]) -> str:
    return f"Question {answer['order']}"


def response_sheet(content: dict[str, Any]) -> Sheet:
    rows: list[tuple[str, Any]] = [
        ("Council", content["organisation"]),
        ("Reference", content["reference"]),
        ("Subject", content["subject"]),
        ("Request", content["request_text"]),
        ("Received", _date(content["received_date"])),
    ]
    if content.get("clarification_requested_date"):
        rows.append(("Clarification asked for", _date(content["clarification_requested_date"])))
    if content.get("clarification_received_date"):
        rows.append(("Clarification received", _date(content["clarification_received_date"])))
    rows += [
        ("Due", _date(content.get("due_date"))),
        ("Issued", datetime.datetime.fromisoformat(content["issued_at"])),
        ("Version", content["version"]),
        ("Law", content["law"]),
    ]
    for answer in content["questions"]:
        number = answer["order"]
        rows.append((f"Question {number}", answer["question"]))
        rows.append((f"Answer {number}", answer["wording"]))
        if answer.get("as_at"):
            rows.append((f"Counted as at {number}", _date(answer["as_at"])))
        if answer["total"] is not None:
            rows.append((f"Table {number}", f"See the sheet “{question_sheet_title(answer)}”."))
        if answer.get("withheld_columns"):
            rows.append((f"Withheld {number}", withheld_summary(answer["withheld_columns"])))
        # Versions issued before exemptions were per column have no "withheld": their summary row says it all.
        for entry in answer.get("withheld", []):
            rows.append((f"Withheld {number}: {entry['column_label']}", entry["wording"]))
            if entry["exemption"]:
                rows.append((f"Reasons {number}: {entry['column_label']}", entry["reasoning"]))
        if answer.get("exemption"):
            rows.append((f"Exemption {number}", f"{answer['exemption_label']}: {answer['exemption_citation']}"))
            rows.append((f"Reasons {number}", answer["public_interest_reasoning"]))
    return Sheet(
        "Response",
        [
            Column("Item", lambda row: row[0], width=RESPONSE_LABEL_WIDTH),
            Column("Detail", lambda row: row[1], width=RESPONSE_DETAIL_WIDTH),
        ],
        rows,
        prose=True,
    )


def question_sheet(answer: dict[str, Any]) -> Sheet:
    """Header of the dimension names and Cameras, a row per group, a Total row; then any listing's columns."""
    return counts_sheet(
        title=question_sheet_title(answer),
        dimension_headings=answer["dimension_headings"],
        groups=answer["groups"],
        total=answer["total"],
    )


def listing_sheet(answer: dict[str, Any]) -> Sheet:
    listing = answer["listing"]
    columns = []
    for index, (name, heading) in enumerate(zip(listing["columns"], listing["headings"], strict=True)):
        if name in DATE_FIELDS:
            columns.append(Column(heading, lambda row, index=index: _date(row[index])))
        else:
            columns.append(Column(heading, lambda row, index=index: row[index]))
    return Sheet(f"Question {answer['order']} cameras", columns, listing["rows"])


def definitions_sheet() -> Sheet:
    return Sheet(
        "Definitions",
        [Column("Term", lambda row: row[0], width=22), Column("Meaning", lambda row: row[1], width=68)],
        DEFINITIONS,
        prose=True,
    )


def response_printed(content: dict[str, Any]) -> Printed:
    return Printed(
        council=content["organisation"], document=f"{content['reference']} response, version {content['version']}"
    )


def response_workbook(content: dict[str, Any]) -> bytes:
    sheets = [response_sheet(content)]
    for answer in content["questions"]:
        if answer["total"] is None:  # neither confirm nor deny: no figures at all
            continue
        sheets.append(question_sheet(answer))
        if answer.get("listing"):
            sheets.append(listing_sheet(answer))
    sheets.append(definitions_sheet())
    return write_workbook(sheets, printed=response_printed(content))
