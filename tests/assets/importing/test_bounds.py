"""A sheet is measured by the cells that hold values, never by the range it claims or the furthest one addressed."""

import io

import openpyxl
import pytest

from assets.importing import cameras_import, xlsx_bounds
from assets.models import Camera
from tests.assets.importing.spreadsheets import (
    csv_bytes,
    header_rows,
    inline,
    rezip,
    upload,
    with_shared_strings,
    xlsx_bytes,
    xlsx_with_sheet_data,
)
from tests.assets.importing.test_hostile import only_problem

CAMERAS = [["Asset tag", "Site"], ["CAM-1", "Central Library"]]
FIRST_ROWS = header_rows(CAMERAS)


def too_far(cell: str, rows: str = "100,000") -> str:
    return (
        f'The sheet "Cameras" has a cell at {cell}, beyond the {rows} rows and 200 columns (up to GR) this register '
        "reads. Delete the rows and columns beyond your data (split a longer list into several files), "
        "save and try again."
    )


def far_row(number: int, cells: str) -> str:
    return f'<row r="{number}">{cells}</row>'


def imports(organisation, content: bytes, name: str = "cameras.xlsx"):
    report = cameras_import(organisation=organisation, file=upload(content, name), filename=name)
    assert report.errors == []
    return report


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("XFD1048576", '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'),
        ("ZZ100000", '<c r="ZZ100000"><v>1</v></c>'),
        ("GS1", '<c r="GS1" t="inlineStr"><is><t>x</t></is></c>'),
        ("A100002", '<c r="A100002" t="inlineStr"><is><t>x</t></is></c>'),
        ("ZZ100000", '<c r="ZZ100000" t="s"><v>0</v></c>'),  # a shared string
        ("ZZ100000", '<c r="ZZ100000" t="inlineStr"><is><t></t></is></c>'),  # empty text still sizes the grid
        ("ZZ100000", '<c r="ZZ100000" t="str"><v></v></c>'),
        ("ZZ100000", '<c r="zz100000"><v>1</v></c>'),  # calamine reads lower case too
    ],
)
def test_a_value_beyond_the_caps_is_refused_by_name(council, library, cell, value):
    row = "".join(ch for ch in cell if ch.isdigit())
    content = with_shared_strings(xlsx_with_sheet_data(FIRST_ROWS + far_row(int(row), value)), ["far"])
    assert only_problem(council, content) == too_far(cell)


@pytest.mark.django_db
def test_the_openpyxl_file_from_the_issue(council, library):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cameras"
    for row in CAMERAS:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 6000
    assert only_problem(council, buffer.getvalue()) == too_far("XFD1048576")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "far_away",
    [
        '<c r="XFD1048576" s="1"/>',  # formatted but empty, as Excel leaves a cell whose value was deleted
        '<c r="XFD1048576" s="1"></c>',
        '<c r="XFD1048576"><v></v></c>',
        '<c r="XFD1048576"><f>1+1</f></c>',  # a formula with no saved result: calamine reads nothing
    ],
)
def test_empty_cells_far_away_do_not_count(council, library, far_away):
    report = imports(council, xlsx_with_sheet_data(FIRST_ROWS + far_row(1048576, far_away)))
    assert report.created == 1


@pytest.mark.django_db
def test_rows_without_cells_and_a_bogus_dimension_do_not_count(council, library):
    rows = '<row r="1048576"/><row r="99999" s="2"></row>'
    content = xlsx_with_sheet_data(FIRST_ROWS + rows, dimension="A1:XFD1048576")
    assert imports(council, content).created == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "last",
    [
        far_row(100001, inline("A100001", "CAM-2") + inline("B100001", "Central Library")),
        far_row(2, inline("GR2", "a note in the last column")),
    ],
)
def test_the_last_row_and_column_the_caps_allow(council, library, last):
    assert imports(council, xlsx_with_sheet_data(FIRST_ROWS + last)).created >= 1


@pytest.mark.django_db
def test_a_cell_in_every_thousandth_row_is_read(council, library):
    sparse = "".join(
        far_row(n, inline(f"A{n}", f"CAM-{n}") + inline(f"B{n}", "Central Library")) for n in range(1000, 100_001, 1000)
    )
    report = imports(council, xlsx_with_sheet_data(FIRST_ROWS + sparse))
    assert (report.created, report.rows) == (101, 101)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("far_away", "cell"),
    [
        # Cells without "r" follow the cell before them, rows without "r" the row before.
        ('<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>', "A1048576"),
        ('<row r="9"><c r="GR9"><v>1</v></c><c><v>2</v></c></row>', "GS9"),
        ('<row r="100001"/><row><c><v>1</v></c></row>', "A100002"),
        ('<row r="100001"></row><c><v>1</v></c>', "A100002"),
        # Not as Excel writes it, but as calamine reads it.
        ("<row r='9'><c r='ZZ9'><v>1</v></c></row>", "ZZ9"),
        ('<row r="9"><c s="1" r="ZZ9"><v>1</v></c></row>', "ZZ9"),
        ('<row r="9"><c foo=">" r="ZZ9"><v>1</v></c></row>', "ZZ9"),
        ('<row r="9"><c\tr="ZZ9"><v>1</v></c></row>', "ZZ9"),
        ('<row r="9"><c r = "ZZ9"><v>1</v></c></row>', "ZZ9"),
        ('<row r="9"><x:c xmlns:x="urn:x" r="ZZ9"><x:v>1</x:v></x:c></row>', "ZZ9"),
        ('<row r="9"><c r="A00009"/><c r="ZZ9"><v>1</v></c></row>', "ZZ9"),
        ('<row r="9"><c r="ZZZZZ9"><v>1</v></c></row>', "ZZZZZ9"),
        ('<row r="9"><c r="A99999999999"><v>1</v></c></row>', "A99999999999"),
    ],
)
def test_cells_placed_as_calamine_places_them(council, library, far_away, cell):
    content = xlsx_with_sheet_data(FIRST_ROWS + far_away)
    assert only_problem(council, content) == too_far(cell)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "damaged",
    [
        '<row r="9"><c r="A9" r="ZZ9"><v>1</v></c></row>',  # calamine would take the second
        '<row r="9"><c r="A9"><c r="ZZ9"><v>1</v></c></c></row>',
        '<row r="9"><c r="9"><v>1</v></c></row>',
        '<row r="9"><c r="A9"><v>1</v></c><c r="ZZ9"><v>1</v></row>',
    ],
)
def test_cells_calamine_might_misplace_are_a_damaged_sheet(council, library, damaged):
    content = xlsx_with_sheet_data(FIRST_ROWS + damaged)
    assert only_problem(council, content) == 'The sheet "Cameras" is damaged and cannot be read.'


@pytest.mark.django_db
def test_a_sheet_spanning_too_many_cells(council, library, settings):
    settings.CCTV_IMPORT_MAX_CELLS = 5000
    far = inline("A1000", "CAM-2") + inline("B1000", "Central Library") + inline("J1000", "x")
    content = xlsx_with_sheet_data(FIRST_ROWS + far_row(1000, far))
    assert only_problem(council, content) == (
        'The sheet "Cameras" has cells from A1 to J1000, 10,000 cells in all: more than the 5,000 this register '
        "reads. Delete the rows and columns beyond your data, or split the sheet, save and try again."
    )
    settings.CCTV_IMPORT_MAX_CELLS = 10_000
    assert imports(council, content).created == 2


@pytest.mark.django_db
def test_only_the_sheets_read_are_measured(council, library):
    content = xlsx_bytes({"Cameras": CAMERAS, "Notes": [["x"]]})
    far = header_rows([["note"]]) + far_row(1048576, inline("XFD1048576", "x"))
    content = rezip(
        content,
        replace={
            "xl/worksheets/sheet2.xml": (
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f"<sheetData>{far}</sheetData></worksheet>"
            ).encode()
        },
    )
    report = imports(council, content)
    assert report.created == 1
    assert report.warnings == ['Sheet "Notes" was not read: only the cameras sheet and "Sites" are.']


@pytest.mark.django_db
def test_too_many_shared_strings(council, library, settings):
    settings.CCTV_IMPORT_MAX_CELLS = 100
    content = with_shared_strings(xlsx_bytes({"Cameras": CAMERAS}), [f"text {n}" for n in range(101)])
    assert only_problem(council, content) == (
        "The workbook holds more than 100 different pieces of text, more than its sheets could use: it may be "
        "damaged. Save it again from Excel, or save it as .csv."
    )


@pytest.mark.django_db
def test_a_csv_row_with_too_many_columns(council, library):
    one_line = b"Asset tag,Site" + b"," * 1_000_000
    assert only_problem(council, one_line, "cameras.csv") == (
        "Row 1 of the file has 1,000,002 columns, more than the 200 (up to GR) this register reads. "
        "Delete the columns beyond your data, save and try again."
    )
    wide = [["Asset tag", "Site"] + [""] * 198, ["CAM-1", "Central Library"] + [""] * 199]
    assert only_problem(council, csv_bytes(wide), "cameras.csv").startswith("Row 2 of the file has 201 columns")
    wide[1].pop()
    assert imports(council, csv_bytes(wide), "cameras.csv").created == 1


@pytest.mark.django_db
def test_a_sheet_read_is_read_once_with_its_row_count(council, library):
    progress = []
    rows = [["Asset tag", "Site"]] + [[f"CAM-{n}", "Central Library"] for n in range(2500)]
    content = xlsx_bytes({"Cameras": rows})
    report = cameras_import(
        organisation=council,
        file=upload(content, "c.xlsx"),
        filename="c.xlsx",
        dry_run=True,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert report.created == 2500
    assert progress == [(1000, 2500), (2000, 2500), (2500, 2500)]
    assert not Camera.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [5, 23, 64])
def test_tags_cut_between_blocks_are_still_seen(council, library, monkeypatch, chunk):
    monkeypatch.setattr(xlsx_bounds, "CHUNK_BYTES", chunk)
    long_tag = '<row r="9"><c r="A9" s="1" t="inlineStr" cm="1" vm="1" ph="1" x="' + "y" * 80 + '" r="ZZ9">'
    for sheet_data, message in [
        (FIRST_ROWS + far_row(100002, inline("A100002", "x")), too_far("A100002")),
        (FIRST_ROWS + long_tag + "<is><t>x</t></is></c></row>", 'The sheet "Cameras" is damaged and cannot be read.'),
        (FIRST_ROWS + '<row r="9"><c r="GR9"><v>1</v></c><c><v>2</v></c></row>', too_far("GS9")),
    ]:
        assert only_problem(council, xlsx_with_sheet_data(sheet_data)) == message
    assert imports(council, xlsx_with_sheet_data(FIRST_ROWS)).created == 1
