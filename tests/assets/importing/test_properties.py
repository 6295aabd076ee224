"""Whatever is in the cells, or the file, the importer returns a report and never raises."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assets.importing import ImportReport, cameras_import
from tests.assets.importing.spreadsheets import csv_bytes, upload, xlsx_bytes

HEADER = [
    "Asset tag",
    "Site",
    "Make",
    "Installed",
    "On network?",
    "EOL",
    "Status",
    "Country",
    "Decommissioned",
    "Notes",
]
WORDS = st.sampled_from(
    ["Central Library", "HIKVISION", "Hik Vision", "31/12/2019", "yes", "n", "faulty", "decommissioned", "CN", "=1+1"]
)
TEXT = st.text(max_size=40).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
CELLS = st.one_of(
    st.none(),
    TEXT,
    WORDS,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), max_size=8)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def assert_report(organisation, content, name):
    report = cameras_import(organisation=organisation, file=upload(content, name), filename=name)
    assert isinstance(report, ImportReport)
    assert report.as_dict()["summary"]
    if report.errors:
        assert not report.written


@pytest.mark.django_db
@SETTINGS
@given(rows=ROWS)
def test_any_cells_in_a_workbook(library, rows):
    assert_report(library.organisation, xlsx_bytes({"Cameras": [HEADER, *rows]}), "cameras.xlsx")


@pytest.mark.django_db
@SETTINGS
@given(rows=ROWS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_cells_in_a_csv(library, rows, encoding):
    content = csv_bytes([HEADER, *[[("" if c is None else str(c)) for c in row] for row in rows]], encoding=encoding)
    assert_report(library.organisation, content, "cameras.csv")


@pytest.mark.django_db
@SETTINGS
@given(content=st.binary(max_size=2000), name=st.sampled_from(["c.xlsx", "c.csv", "c.xlsm", "c", "c.xls"]))
def test_any_bytes(council, content, name):
    assert_report(council, content, name)


@pytest.mark.django_db
@SETTINGS
@given(header=st.lists(st.one_of(TEXT, WORDS, st.none(), st.integers()), max_size=12), rows=ROWS)
def test_any_header(library, header, rows):
    assert_report(library.organisation, xlsx_bytes({"Cameras": [header, *rows]}), "cameras.xlsx")
