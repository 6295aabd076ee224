"""Whatever the sheet's XML, a sheet the bounds check lets through is one calamine reads within the caps."""

import io
import zipfile
from unittest import mock

import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.importing import xlsx_bounds
from assets.importing.xlsx_bounds import SheetTooLarge, SheetUnreadable, sheet_check
from tests.assets.importing.spreadsheets import xlsx_with_sheet_data

ROWS, COLUMNS, CELLS = 6, 4, 20  # small caps, so random references land on both sides of them
LETTERS = ["A", "B", "C", "D", "E", "F", "a", "d", "e", "AA", "XFD"]
REFERENCES = st.builds(lambda column, row: f"{column}{row}", st.sampled_from(LETTERS), st.integers(1, 9))
VALUES = st.sampled_from(
    [
        "",
        "<v>1</v>",
        "<v></v>",
        "<v/>",
        "<is><t>x</t></is>",
        "<is><t></t></is>",
        "<f>1+1</f>",
        "<f>1+1</f><v>2</v>",
    ]
)
TYPES = st.sampled_from(["", ' t="n"', ' t="str"', ' t="inlineStr"', ' t="b"'])


@st.composite
def cell(draw) -> str:
    reference = draw(st.one_of(st.none(), REFERENCES))
    quote = draw(st.sampled_from(['"', "'"]))
    where = f" r={quote}{reference}{quote}" if reference else ""
    style = draw(st.sampled_from(["", ' s="0"']))
    attributes = (style + where) if draw(st.booleans()) else (where + style)
    value, kind = draw(VALUES), draw(TYPES)
    if value:
        return f"<c{attributes}{kind}>{value}</c>"
    return f"<c{attributes}{kind}/>"


@st.composite
def row(draw) -> str:
    number = draw(st.one_of(st.none(), st.integers(1, 9)))
    where = f' r="{number}"' if number else ""
    cells = draw(st.lists(cell(), max_size=6))
    return f"<row{where}>{''.join(cells)}</row>" if cells or draw(st.booleans()) else f"<row{where}/>"


SHEETS = st.lists(st.one_of(row(), cell()), max_size=8).map("".join)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheet_data=SHEETS, chunk=st.sampled_from([5, 23, 64 * 1024]))
def test_calamine_never_reads_beyond_what_the_check_allows(sheet_data, chunk, settings):
    settings.CCTV_IMPORT_MAX_ROWS = ROWS - 1
    settings.CCTV_IMPORT_MAX_COLUMNS = COLUMNS
    settings.CCTV_IMPORT_MAX_CELLS = CELLS
    content = xlsx_with_sheet_data(sheet_data)
    try:
        # Small blocks put tags across block boundaries.
        with mock.patch.object(xlsx_bounds, "CHUNK_BYTES", chunk):
            sheet_check(archive=zipfile.ZipFile(io.BytesIO(content)), name="Cameras")
    except (SheetTooLarge, SheetUnreadable):
        return
    try:
        read = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("Cameras")
    except Exception:  # calamine refuses it too
        return
    if read.end is None:
        return
    last_row, last_column = read.end[0] + 1, read.end[1] + 1
    assert last_row <= ROWS and last_column <= COLUMNS and last_row * last_column <= CELLS, (sheet_data, read.end)


CANONICAL_REFERENCES = st.builds(
    lambda column, row: f"{column}{row}",
    st.sampled_from(["A", "B", "D", "L", "Z", "AA", "GR", "XFD"]),
    st.integers(1, 12),
)
CANONICAL_CELLS = st.builds(lambda reference: f'<c r="{reference}"><v>1</v></c>', CANONICAL_REFERENCES)
CANONICAL_SHEETS = st.lists(
    st.builds(
        lambda number, cells: f'<row r="{number}">{"".join(cells)}</row>',
        st.integers(1, 12),
        st.lists(CANONICAL_CELLS, max_size=5),
    ),
    max_size=8,
).map("".join)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@settings(max_examples=150, deadline=None)
@given(sheet_data=st.one_of(SHEETS, CANONICAL_SHEETS), chunk=st.sampled_from([5, 23, 64 * 1024]))
def test_the_quick_scan_agrees_with_counting_every_cell(sheet_data, chunk):
    archive = zipfile.ZipFile(io.BytesIO(xlsx_with_sheet_data(sheet_data)))
    with mock.patch.object(xlsx_bounds, "CHUNK_BYTES", chunk):
        quick = xlsx_bounds._plain_reach(archive, "xl/worksheets/sheet1.xml", row_cap=10, column_cap=200)
        counted = xlsx_bounds._fast_reach(archive, "xl/worksheets/sheet1.xml")
    if quick is not None:
        assert counted is not None and (quick.rows, quick.columns) == (counted.rows, counted.columns), sheet_data
