"""Bad and hostile files: each gets one clear message, and nothing is written."""

import io
import zipfile

import openpyxl.xml
import pytest

from assets.importing import cameras_import
from assets.models import Camera
from tests.assets.importing.spreadsheets import csv_bytes, rezip, upload, xlsx_bytes

GOOD_ROWS = [["Asset tag", "Site"], ["CAM-1", "Central Library"]]
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def only_problem(organisation, content, name="cameras.xlsx"):
    report = cameras_import(organisation=organisation, file=upload(content, name), filename=name)
    assert report.written is False
    assert not Camera.objects.exists()
    assert len(report.errors) == 1, report.errors
    return report.errors[0].message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "cameras.xlsx", "The file is empty."),
        (b"", "cameras.csv", "The file is empty."),
        (b"\r\n\r\n,,\r\n", "cameras.csv", "The file is empty."),
        (
            b"%PDF-1.4 not a workbook",
            "cameras.xlsx",
            "This file is named .xlsx but is not an Excel workbook: open it in Excel and save it as .xlsx or .csv.",
        ),
        (
            csv_bytes(GOOD_ROWS),
            "cameras.xlsx",
            "This file is named .xlsx but is not an Excel workbook: open it in Excel and save it as .xlsx or .csv.",
        ),
        (
            xlsx_bytes({"Cameras": GOOD_ROWS}),
            "cameras.csv",
            "This file is named .csv but is an Excel workbook: rename it .xlsx.",
        ),
        (
            xlsx_bytes({"Cameras": GOOD_ROWS}),
            "cameras.xlsm",
            "Macro-enabled workbooks (.xlsm) are not accepted: save it as .xlsx and try again.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "cameras.xlsx",
            "This is a password-protected workbook or an old Excel 97-2003 (.xls) file, which cannot be read: "
            "remove the password and save it as .xlsx or .csv.",
        ),
        (
            b"PK\x03\x04 truncated",
            "cameras.xlsx",
            "The workbook is damaged and cannot be opened: save it again from Excel.",
        ),
        (b"GIF89a", "cameras.png", "Only .xlsx and .csv files can be imported."),
        (b"\x00\x01\x02binary", "cameras.csv", "This is not a text .csv file (it may be a spreadsheet renamed .csv)."),
    ],
)
def test_files_that_are_not_what_they_claim(council, library, content, name, message):
    assert only_problem(council, content, name) == message


@pytest.mark.django_db
def test_headers_only(council, library):
    report = cameras_import(
        organisation=council, file=upload(xlsx_bytes({"Cameras": [GOOD_ROWS[0]]}), "c.xlsx"), filename="c.xlsx"
    )
    assert report.errors == []
    assert (report.rows, report.created, report.written) == (0, 0, True)
    assert report.summary == "0 created, 0 updated, 0 unchanged"


@pytest.mark.django_db
def test_workbook_with_macros_renamed_xlsx(council, library):
    content = rezip(xlsx_bytes({"Cameras": GOOD_ROWS}), add={"xl/vbaProject.bin": b"\x00" * 100})
    assert only_problem(council, content) == (
        "Macro-enabled workbooks are not accepted: save it as .xlsx without macros."
    )


@pytest.mark.django_db
def test_macro_content_type_renamed_xlsx(council, library):
    content = xlsx_bytes({"Cameras": GOOD_ROWS})
    types = (
        zipfile.ZipFile(io.BytesIO(content))
        .read("[Content_Types].xml")
        .replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    )
    content = rezip(content, replace={"[Content_Types].xml": types})
    assert only_problem(council, content) == (
        "Macro-enabled workbooks are not accepted: save it as .xlsx without macros."
    )


@pytest.mark.django_db
def test_xml_entity_bomb(council, library):
    content = rezip(xlsx_bytes({"Cameras": GOOD_ROWS}), replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS})
    assert only_problem(council, content) == "The workbook contains XML entity declarations, which are not accepted."


def test_openpyxl_parses_with_defusedxml():
    # openpyxl switches to defusedxml by itself when it is installed; the problems workbook is read back with it.
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.django_db
def test_zip_bomb(council, library, settings):
    settings.CCTV_IMPORT_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (6 * 1024 * 1024))
    assert len(bomb.getvalue()) < 20_000
    assert only_problem(council, bomb.getvalue()) == (
        "The workbook unpacks to 6 MB, more than the 5 MB allowed: it may be a zip bomb. Save it again, or split it."
    )


@pytest.mark.django_db
def test_a_zip_that_is_not_a_workbook(council, library):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("readme.txt", "hello")
    assert only_problem(council, archive.getvalue()) == "This file is a zip archive, not an Excel workbook."


@pytest.mark.django_db
def test_upload_size_cap(council, library, settings):
    settings.CCTV_IMPORT_MAX_BYTES = 1024 * 1024
    content = csv_bytes(
        [["Asset tag", "Site", "Notes"]] + [[f"C-{n}", "Central Library", "x" * 200] for n in range(6000)]
    )
    assert only_problem(council, content, "big.csv") == "The file is 1 MB; the most this register accepts is 1 MB."


@pytest.mark.django_db
def test_row_cap(council, library, settings):
    settings.CCTV_IMPORT_MAX_ROWS = 3
    rows = [["Asset tag", "Site"]] + [[f"C-{n}", "Central Library"] for n in range(4)]
    message = "The file has more than 3 rows, the most one import takes: split it."
    assert only_problem(council, csv_bytes(rows), "c.csv") == message
    # An .xlsx sheet is measured from its XML before it is read, so the cell that is too far is named.
    assert only_problem(council, xlsx_bytes({"Cameras": rows})) == (
        'The sheet "Cameras" has a cell at A5, beyond the 3 rows and 200 columns (up to GR) this register reads. '
        "Delete the rows and columns beyond your data (split a longer list into several files), save and try again."
    )
    settings.CCTV_IMPORT_MAX_ROWS = 4
    report = cameras_import(
        organisation=council, file=upload(xlsx_bytes({"Cameras": rows}), "c.xlsx"), filename="c.xlsx"
    )
    assert report.created == 4


@pytest.mark.django_db
def test_missing_columns_are_one_problem_each(council, library):
    report = cameras_import(
        organisation=council, file=upload(csv_bytes([["Make", "Colour"], ["Axis", "red"]]), "c.csv"), filename="c.csv"
    )
    assert [(e.row, e.message) for e in report.errors] == [
        (1, 'No asset tag column: add one headed "Asset tag", "Asset no", "Asset number", "Asset ID".'),
        (1, 'No site column: add one headed "Site", "Site name", "Building", "Premises".'),
    ]
    assert not Camera.objects.exists()
