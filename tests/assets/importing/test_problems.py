import datetime
import io

import openpyxl
import pytest
import python_calamine

from assets.importing import cameras_import
from assets.importing.problems import problems_workbook
from core.printing import Printed
from tests.assets.importing.spreadsheets import upload, xlsx_bytes

PRINTED = Printed(council="Demo Council", document="Test download")

HOSTILE_TEXT = ['=HYPERLINK("http://evil.example","click")', "+44 20 7946 0000", "-1+1", "@SUM(A1)"]


@pytest.mark.django_db
def test_problem_rows_come_back_as_text_never_formulas(council, library):
    rows = [
        ["Asset tag", "Site", "Notes", "Installed", "Make"],
        ["OK-1", "Central Library", "fine", datetime.date(2020, 1, 1), "Axis"],
        *[
            [f"C-{n}", "Central Library", text, datetime.date(2020, 1, 1), "Acme"]
            for n, text in enumerate(HOSTILE_TEXT)
        ],
        ["=1+1", "Nowhere", "", "", ""],
    ]
    report = cameras_import(
        organisation=council, file=upload(xlsx_bytes({"Cameras": rows}), "c.xlsx"), filename="c.xlsx"
    )
    content = problems_workbook(report=report, printed=PRINTED)

    sheet = openpyxl.load_workbook(io.BytesIO(content))["Cameras"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Row", "Asset tag", "Site", "Notes", "Installed", "Make", "Problems"]
    assert [row[0] for row in values[1:]] == [3, 4, 5, 6, 7]  # the good row 2 is left out
    assert [row[3] for row in values[1:5]] == HOSTILE_TEXT
    assert values[5][1] == "=1+1"
    assert values[1][4] == datetime.datetime(2020, 1, 1)
    assert sheet["E2"].number_format == "dd/mm/yyyy"
    assert sheet["A2"].number_format == "General"  # row numbers and other numbers as they were read
    unknown = "Make: Unknown manufacturer: use a name in the register's manufacturer list, or ask an admin to add it."
    assert values[1][6] == unknown
    assert values[5][6].startswith('Site: No site called "Nowhere" in Demo Council')
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert cell.data_type == "s"

    calamine = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert calamine.sheet_names == ["Cameras"]
    read = calamine.get_sheet_by_name("Cameras").to_python()
    assert [row[3] for row in read[1:5]] == HOSTILE_TEXT
    assert read[5][1] == "=1+1"
    assert read[1][4] == datetime.date(2020, 1, 1)


@pytest.mark.django_db
def test_file_problems_get_their_own_sheet(council):
    report = cameras_import(organisation=council, file=upload(b"", "c.csv"), filename="c.csv")
    workbook = openpyxl.load_workbook(io.BytesIO(problems_workbook(report=report, printed=PRINTED)))
    assert workbook.sheetnames == ["File problems"]
    assert [cell.value for cell in workbook["File problems"][2]] == [None, None, "The file is empty."]
