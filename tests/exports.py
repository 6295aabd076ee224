"""Helpers for the large-download tests: fetch a download directly and through its background job, and compare the
two files cell by cell."""

import io
import re

from django.test import Client
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

JOB_PAGE = re.compile(r"^/exports/([0-9a-f-]{36})/$")


def direct(client: Client, url: str, params: dict):
    """The download streamed in its request (as under CCTV_EXPORT_BACKGROUND_ROWS)."""
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response, b"".join(response.streaming_content)


def through_a_job(client: Client, url: str, params: dict):
    """The download asked for past the threshold: a redirect to its job page, which offers the file once written."""
    response = client.get(url, params)
    assert response.status_code == 302, response.content[:500]
    assert JOB_PAGE.match(response["Location"]), response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your download is ready" in html and ">Download</a>" in html
    assert 'http-equiv="refresh"' not in html  # nothing left to wait for
    file = client.get(f"{response['Location']}file")
    assert file.status_code == 200
    return file, file.content


def openpyxl_cells(content: bytes) -> dict:
    """Every sheet's every cell: value, type and number format, with each sheet's print settings."""
    workbook = load_workbook(io.BytesIO(content))
    sheets = {}
    for sheet in workbook.worksheets:
        cells = [[(cell.value, cell.data_type, cell.number_format) for cell in row] for row in sheet.iter_rows()]
        printing = (
            sheet.oddFooter.left.text,
            sheet.oddFooter.center.text,
            sheet.oddFooter.right.text,
            sheet.oddHeader.center.text,
            sheet.print_title_rows,
            sheet.page_setup.orientation,
            sheet.freeze_panes,
            {key: dimension.width for key, dimension in sheet.column_dimensions.items()},
        )
        sheets[sheet.title] = (cells, printing)
    return sheets


def calamine_cells(content: bytes) -> dict:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def assert_same_file(direct_response, direct_content: bytes, job_response, job_content: bytes) -> None:
    """The job's file is the direct download's: same name and type, same bytes for a .csv, same cells for an .xlsx
    (its bytes differ only in the zip's timestamps)."""
    assert job_response["Content-Type"] == direct_response["Content-Type"]
    assert job_response["Content-Disposition"] == direct_response["Content-Disposition"]
    if direct_response["Content-Disposition"].endswith('.csv"'):
        assert job_content == direct_content
        return
    assert openpyxl_cells(job_content) == openpyxl_cells(direct_content)
    assert calamine_cells(job_content) == calamine_cells(direct_content)
