"""The way a council keeps its register: download the camera list, edit it in a spreadsheet, upload it back.
An untouched download changes nothing; an edited cell changes exactly that field of that camera."""

import csv
import datetime
import io

import openpyxl
import pytest

from assets.choices import OriginCountrySource
from assets.importing import cameras_import
from assets.importing.problems import problems_workbook
from assets.models import Camera
from core.printing import Printed
from registry.models import Site
from tests import factories
from tests.assets.importing.spreadsheets import csv_bytes, upload

PRINTED = Printed(council="Demo Council", document="Test download")

FORMATS = ["xlsx", "csv"]


@pytest.fixture
def round_trip_register(council, library, follows_uk_statement):
    """Derived and recorded values, a formula-like site name, a decommissioned camera, an unknown manufacturer."""
    formula_site = factories.site(council, name="=SUM(1,2)", category_slug="car-park")
    cameras = {
        "derived": factories.camera(
            library, asset_tag="LIB-1", install_date=datetime.date(2020, 1, 15), serial_number="00123"
        ),
        "recorded": factories.camera(
            library,
            asset_tag="LIB-2",
            origin_country="GB",
            end_of_life_date=datetime.date(2031, 5, 1),
            networked=True,
            location_description="+44 desk, front door",
            notes="@reception",
        ),
        "decommissioned": factories.camera(
            formula_site,
            asset_tag="-7",
            manufacturer=factories.manufacturer("bosch"),
            status="decommissioned",
            decommissioned_date=datetime.date(2024, 3, 1),
        ),
        "unknown_maker": factories.camera(formula_site, asset_tag="CP-2", manufacturer=None, install_date=None),
    }
    assert cameras["derived"].origin_country_source == OriginCountrySource.MANUFACTURER
    assert cameras["derived"].end_of_life_estimated
    assert cameras["recorded"].origin_country_source == OriginCountrySource.RECORDED
    return cameras


def download(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of(content: bytes, kind: str) -> list[list]:
    if kind == "csv":
        return [list(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def edited(content: bytes, kind: str, *, asset_tag: str, heading: str, value) -> bytes:
    """The downloaded file with one cell changed, saved as a spreadsheet program would save it."""
    if kind == "csv":
        rows = rows_of(content, kind)
        rows[[row[0] for row in rows].index(asset_tag)][rows[0].index(heading)] = value
        return csv_bytes(rows)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == asset_tag:
            row[header.index(heading)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_back(council, officer, content: bytes, filename: str):
    return cameras_import(organisation=council, file=upload(content, filename), filename=filename, user=officer)


def history_rows() -> int:
    return Camera.history.count()


@pytest.mark.parametrize("kind", FORMATS)
def test_an_untouched_download_changes_nothing(council, officer, officer_client, round_trip_register, kind):
    content = download(officer_client, f"/cameras/download.{kind}")
    before = history_rows()
    sites = set(Site.objects.values_list("name", flat=True))
    report = import_back(council, officer, content, f"cameras.{kind}")
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert report.warnings == []
    assert report.sites_created == 0
    assert history_rows() == before
    assert set(Site.objects.values_list("name", flat=True)) == sites  # no "'=SUM(1,2)"
    derived = Camera.objects.get(asset_tag="LIB-1")
    assert derived.origin_country_source == OriginCountrySource.MANUFACTURER
    assert derived.end_of_life_estimated


@pytest.mark.parametrize("kind", FORMATS)
def test_a_filtered_download_comes_back_unchanged_too(council, officer, officer_client, round_trip_register, kind):
    content = download(officer_client, f"/cameras/download.{kind}?site_category=library&networked=false")
    report = import_back(council, officer, content, f"library.{kind}")
    assert (report.errors, report.warnings) == ([], [])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


@pytest.mark.parametrize("kind", FORMATS)
def test_one_edited_cell_updates_that_field_of_that_camera(council, officer, officer_client, round_trip_register, kind):
    content = edited(
        download(officer_client, f"/cameras/download.{kind}"), kind, asset_tag="LIB-1", heading="Model", value="X9"
    )
    before = history_rows()
    report = import_back(council, officer, content, f"cameras.{kind}")
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert [(change.asset_tag, change.fields) for change in report.changes] == [("LIB-1", ("model",))]
    assert history_rows() == before + 1
    camera = Camera.objects.get(asset_tag="LIB-1")
    latest = camera.history.first()
    assert (camera.model, latest.history_change_reason) == ("X9", f"Imported from cameras.{kind}")
    assert [change.field for change in latest.diff_against(latest.prev_record).changes] == ["model"]
    assert camera.origin_country_source == OriginCountrySource.MANUFACTURER
    assert camera.end_of_life_estimated


@pytest.mark.parametrize("kind", FORMATS)
def test_a_derived_value_changed_in_the_file_is_recorded(council, officer, officer_client, round_trip_register, kind):
    content = download(officer_client, f"/cameras/download.{kind}")
    content = edited(content, kind, asset_tag="LIB-1", heading="Origin country", value="Germany")
    report = import_back(council, officer, content, f"cameras.{kind}")
    assert report.errors == []
    assert [(change.asset_tag, change.fields) for change in report.changes] == [
        ("LIB-1", ("origin_country", "origin_country_source"))
    ]
    camera = Camera.objects.get(asset_tag="LIB-1")
    assert (camera.origin_country.code, camera.origin_country_source) == ("DE", OriginCountrySource.RECORDED)
    assert camera.end_of_life_estimated


def test_an_estimated_end_of_life_changed_in_the_file_is_recorded(
    council, officer, officer_client, round_trip_register
):
    content = download(officer_client, "/cameras/download.xlsx")
    content = edited(content, "xlsx", asset_tag="LIB-1", heading="End of life date", value=datetime.date(2027, 4, 1))
    report = import_back(council, officer, content, "cameras.xlsx")
    assert [(change.asset_tag, change.fields) for change in report.changes] == [
        ("LIB-1", ("end_of_life_date", "end_of_life_estimated"))
    ]
    camera = Camera.objects.get(asset_tag="LIB-1")
    assert (camera.end_of_life_date, camera.end_of_life_estimated) == (datetime.date(2027, 4, 1), False)


@pytest.mark.parametrize("kind", FORMATS)
def test_a_changed_worked_out_value_is_a_warning_on_its_row(
    council, officer, officer_client, round_trip_register, kind
):
    content = download(officer_client, f"/cameras/download.{kind}")
    row = [row[0] for row in rows_of(content, kind)].index("LIB-2") + 1
    content = edited(content, kind, asset_tag="LIB-2", heading="Vendor", value="Bosch")
    report = import_back(council, officer, content, f"cameras.{kind}")
    assert report.errors == []
    assert (report.updated, report.unchanged) == (0, 4)
    assert report.warnings == [
        f'Row {row}: "Bosch" under Vendor was not read. Vendor is worked out from the manufacturer; change the '
        "manufacturer instead."
    ]
    assert Camera.objects.get(asset_tag="LIB-2").vendor.slug == "hikvision"


def test_a_new_manufacturer_with_its_new_vendor_is_no_warning(council, officer, officer_client, round_trip_register):
    content = download(officer_client, "/cameras/download.csv")
    content = edited(content, "csv", asset_tag="LIB-2", heading="Manufacturer", value="Bosch")
    content = edited(content, "csv", asset_tag="LIB-2", heading="Vendor", value="bosch security systems")
    report = import_back(council, officer, content, "cameras.csv")
    assert (report.errors, report.warnings) == ([], [])
    assert Camera.objects.get(asset_tag="LIB-2").vendor.slug == "bosch"


def test_the_guard_quote_is_removed_and_no_other(council, officer, library):
    header = ["Asset tag", "Site", "Site category", "Model", "Notes"]
    rows = [
        header,
        ["N-1", "'=SUM(1,2)", "Car park", "'+A", "'@home"],
        ["N-2", "Central Library", "", "'quoted", "'-"],
        ["N-3", "Central Library", "", "it's", "''=x"],
    ]
    report = import_back(council, officer, csv_bytes(rows), "new.csv")
    assert report.errors == []
    assert report.new_sites == ["=SUM(1,2)"]
    models = dict(Camera.objects.values_list("asset_tag", "model"))
    notes = dict(Camera.objects.values_list("asset_tag", "notes"))
    assert (models["N-1"], notes["N-1"]) == ("+A", "@home")
    assert (models["N-2"], notes["N-2"]) == ("'quoted", "-")
    assert (models["N-3"], notes["N-3"]) == ("it's", "''=x")


@pytest.mark.parametrize("kind", FORMATS)
def test_the_replacement_plan_download_comes_back_unchanged(
    council, officer, officer_client, round_trip_register, kind
):
    content = download(officer_client, f"/replacement/download.{kind}")
    assert len(rows_of(content, kind)) > 1  # the Hikvision cameras are restricted under the UK statement
    report = import_back(council, officer, content, f"plan.{kind}")
    assert (report.errors, report.warnings) == ([], [])
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == len(rows_of(content, kind)) - 1


def test_the_problem_rows_workbook_fixed_and_uploaded_creates_the_rows(council, officer, library):
    header = ["Asset tag", "Site", "Manufacturer", "Install date"]
    rows = [header, ["OK-1", "Central Library", "Bosch", "01/02/2021"], ["BAD-1", "Central Library", "Acme", ""]]
    failed = import_back(council, officer, csv_bytes(rows), "first.csv")
    assert [problem.row for problem in failed.errors] == [3]
    workbook = openpyxl.load_workbook(io.BytesIO(problems_workbook(report=failed, printed=PRINTED)))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == ["Row", *header, "Problems"]
    sheet.cell(row=2, column=4).value = "Bosch"  # the Manufacturer of the failed row
    buffer = io.BytesIO()
    workbook.save(buffer)
    fixed = import_back(council, officer, buffer.getvalue(), "fixed.xlsx")
    assert (fixed.errors, fixed.warnings) == ([], [])
    assert (fixed.created, fixed.updated) == (1, 0)
    assert Camera.objects.get(asset_tag="BAD-1").manufacturer.slug == "bosch"
