"""The one spreadsheet writer: types, formats, widths, safe text, sheet titles, streaming and the responses."""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from core.printing import Printed
from core.spreadsheets import (
    MONEY_FORMAT,
    Column,
    Sheet,
    csv_response,
    sheet_title,
    write_workbook,
    xlsx_response,
)

PRINTED = Printed(council="Demo Council", document="Test download")
FORMULA_LOOKALIKES = ["=1+2", "+44 20 7946 0000", "-2", "@SUM(A1)", '=HYPERLINK("http://evil.example","x")']


def read_with_openpyxl(content: bytes):
    return load_workbook(io.BytesIO(content))


def read_with_calamine(content: bytes) -> dict[str, list[list]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def test_values_keep_their_types_and_text_is_never_a_formula():
    rows = [
        {"name": "=1+2", "day": datetime.date(2024, 1, 2), "count": 1234, "flag": True},
        {"name": "@SUM(A1)", "day": None, "count": 0, "flag": False},
        {"name": "bad\x01char", "day": datetime.date(2024, 12, 25), "count": 7, "flag": None},
    ]
    columns = [Column("Name", "name"), Column("Day", "day"), Column("Count", "count", width=12), Column("Flag", "flag")]
    content = write_workbook([Sheet("Things", columns, rows, footer_rows=[["Total", None, 1241]])], printed=PRINTED)
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


def test_money_datetimes_long_text_and_declared_number_formats():
    issued = datetime.datetime(2024, 6, 3, 14, 30, tzinfo=datetime.UTC)
    rows = [{"cost": Decimal("450.00"), "year": 2030, "issued": issued, "notes": "x" * 40_000}]
    columns = [
        Column("Cost", "cost", 12, MONEY_FORMAT),
        Column("Year", "year", 8, "0"),
        Column("Issued", "issued", 16),
        Column("Notes", "notes", 40),
    ]
    sheet = read_with_openpyxl(write_workbook([Sheet("Money", columns, rows)], printed=PRINTED))["Money"]
    cost, year, issued_cell, notes = sheet[2]
    assert (cost.value, cost.data_type, cost.number_format) == (450, "n", MONEY_FORMAT)
    assert (year.value, year.number_format) == (2030, "0")
    assert issued_cell.value == datetime.datetime(2024, 6, 3, 15, 30)  # shown in UK time: BST in June
    assert issued_cell.number_format == "dd/mm/yyyy hh:mm"
    assert len(notes.value) == 32_767


def cells(content: bytes, title: str) -> list[list[tuple]]:
    sheet = read_with_openpyxl(content)[title]
    return [[(cell.value, cell.data_type, cell.number_format, cell.font.bold) for cell in row] for row in sheet]


def mixed_rows() -> list[dict]:
    return [
        {"text": text, "day": datetime.date(2024, 1, index + 1), "count": index * 1000, "cost": Decimal("9.99")}
        for index, text in enumerate([*FORMULA_LOOKALIKES, "plain", None])
    ]


def mixed_columns(width: int | None) -> list[Column]:
    return [
        Column("Text", "text", width),
        Column("Day", lambda row: row["day"], width),
        Column("Count", "count", width),
        Column("Cost", "cost", width, MONEY_FORMAT),
    ]


def test_the_streamed_and_the_fitted_paths_write_the_same_cells():
    footer = [["Total", None, 21_000, Decimal("69.93")]]
    streamed = write_workbook(
        [Sheet("Rows", mixed_columns(15), iter(mixed_rows()), footer_rows=footer)], printed=PRINTED
    )
    fitted = write_workbook([Sheet("Rows", mixed_columns(None), mixed_rows(), footer_rows=footer)], printed=PRINTED)
    assert cells(streamed, "Rows") == cells(fitted, "Rows")
    assert read_with_calamine(streamed) == read_with_calamine(fitted)
    assert read_with_openpyxl(streamed)["Rows"].column_dimensions["A"].width == 15
    assert read_with_openpyxl(fitted)["Rows"].column_dimensions["A"].width == len(FORMULA_LOOKALIKES[-1]) + 2


def test_a_streamed_sheet_reads_each_row_once_and_never_holds_them():
    read = []

    def rows():
        for row in mixed_rows():
            read.append(row)
            yield row

    generator = rows()
    write_workbook([Sheet("Rows", mixed_columns(15), generator)], printed=PRINTED)
    assert len(read) == len(mixed_rows())
    assert list(generator) == []


def test_formula_lookalikes_are_text_in_both_paths():
    for width in (15, None):
        content = write_workbook([Sheet("Rows", mixed_columns(width), mixed_rows())], printed=PRINTED)
        column = [row[0] for row in cells(content, "Rows")[1 : len(FORMULA_LOOKALIKES) + 1]]
        assert [value for value, *_ in column] == FORMULA_LOOKALIKES
        assert {data_type for _, data_type, *_ in column} == {"s"}
        assert [row[0] for row in read_with_calamine(content)["Rows"][1:6]] == FORMULA_LOOKALIKES


def test_write_workbook_writes_to_a_target_and_keeps_the_sheets_in_order():
    target = io.BytesIO()
    sheets = [Sheet("First", mixed_columns(15), mixed_rows()), Sheet("first", [Column("A", "a", 5)], [{"a": 1}])]
    assert write_workbook(sheets, target=target, printed=PRINTED) is None
    assert read_with_openpyxl(target.getvalue()).sheetnames == ["First", "first (2)"]


def test_xlsx_response_streams_a_download():
    response = xlsx_response(
        sheets=[Sheet("Rows", mixed_columns(15), mixed_rows())], filename="rows.xlsx", printed=PRINTED
    )
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="rows.xlsx"'
    assert read_with_calamine(b"".join(response.streaming_content))["Rows"][1][0] == "=1+2"


def test_csv_response_marks_formula_lookalikes_and_writes_yes_no():
    rows = [
        {"text": text, "flag": index % 2 == 0, "day": datetime.date(2024, 1, 2)}
        for index, text in enumerate(FORMULA_LOOKALIKES)
    ]
    columns = [Column("Text", "text"), Column("Flag", lambda row: row["flag"]), Column("Day", "day")]
    response = csv_response(rows=rows, columns=columns, filename="rows.csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert read[0] == ["Text", "Flag", "Day"]
    assert [row[0] for row in read[1:]] == [f"'{text}" for text in FORMULA_LOOKALIKES]
    assert [row[1] for row in read[1:3]] == ["Yes", "No"]
    assert read[1][2] == "2024-01-02"
