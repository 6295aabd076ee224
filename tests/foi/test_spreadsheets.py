"""The shared .xlsx writer: types, formats, widths, safe text and sheet titles."""

import datetime

from foi.spreadsheets import Column, Sheet, sheet_title, write_workbook
from tests.foi.conftest import read_with_calamine, read_with_openpyxl


def test_values_keep_their_types_and_text_is_never_a_formula():
    rows = [
        {"name": "=1+2", "day": datetime.date(2024, 1, 2), "count": 1234, "flag": True},
        {"name": "@SUM(A1)", "day": None, "count": 0, "flag": False},
        {"name": "bad\x01char", "day": datetime.date(2024, 12, 25), "count": 7, "flag": None},
    ]
    columns = [Column("Name", "name"), Column("Day", "day"), Column("Count", "count", width=12), Column("Flag", "flag")]
    content = write_workbook([Sheet("Things", columns, rows, footer_rows=[["Total", None, 1241]])])
    sheet = read_with_openpyxl(content)["Things"]
    assert [cell.value for cell in sheet[2]] == ["=1+2", datetime.datetime(2024, 1, 2), 1234, "Yes"]
    assert sheet["A2"].data_type == "s" and sheet["A3"].data_type == "s"
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["C2"].number_format == "#,##0"
    assert sheet["A4"].value == "badchar"
    assert sheet["A1"].font.bold and sheet["A5"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 12
    assert read_with_calamine(content)["Things"][1] == ["=1+2", datetime.date(2024, 1, 2), 1234, "Yes"]


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("Question 1: where/why?", taken) == "Question 1 where why"
    assert sheet_title("question 1 where why", taken) == "question 1 where why (2)"
    assert len(sheet_title("x" * 40, taken)) == 31
