"""Hostile files read in a child process, whose peak memory (max RSS) is measured: a refusal, never a dead worker."""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.assets.importing.spreadsheets import header_rows, inline, xlsx_with_sheet_data

ROOT = Path(__file__).resolve().parents[3]
PEAK_LIMIT_MB = 300
# The reader alone, with the default caps: what a web worker runs on an upload before any row is checked.
CHILD = """
import json, sys, time
import django
django.setup()
from assets.importing.readers import ImportFileError, sheets_read
content = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    for sheet in sheets_read(content=content, filename=sys.argv[2]):
        for _ in sheet.rows:
            pass
    message = ""
except ImportFileError as error:
    message = str(error)
print(json.dumps({"message": message, "seconds": time.perf_counter() - started}))
"""


def openpyxl_file(path: Path, far_cell: str) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cameras"
    sheet.append(["Asset tag", "Site"])
    sheet.append(["CAM-1", "Central Library"])
    sheet[far_cell] = "x"
    workbook.save(path)


def read_in_child(path: Path) -> tuple[dict, float]:
    """The child's report and its own peak RSS in MB, from wait4 (so no other child of the test run counts)."""

    def cap_address_space():  # a regression fails this test instead of the machine
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))

    env = os.environ | {"PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), path.name],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=cap_address_space,
    ) as child:
        stdout, stderr = child.stdout.read(), child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, stderr.decode()[-2000:]
    return json.loads(stdout.decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024


@pytest.mark.parametrize(
    ("far_cell", "message_start"),
    [
        ("XFD1048576", 'The sheet "Cameras" has a cell at XFD1048576, beyond the 100,000 rows and 200 columns'),
        ("ZZ100000", 'The sheet "Cameras" has a cell at ZZ100000, beyond the 100,000 rows and 200 columns'),
        ("GR100001", 'The sheet "Cameras" has cells from A1 to GR100001, 20,000,200 cells in all'),
    ],
)
def test_a_far_cell_is_refused_in_little_memory(tmp_path, far_cell, message_start):
    path = tmp_path / "cameras.xlsx"
    openpyxl_file(path, far_cell)
    assert path.stat().st_size < 6000

    report, peak_mb = read_in_child(path)

    assert report["message"].startswith(message_start)
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB"


def test_cells_without_references_are_placed_and_refused_in_little_memory(tmp_path):
    path = tmp_path / "cameras.xlsx"
    rows = header_rows([["Asset tag", "Site"]]) + '<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
    path.write_bytes(xlsx_with_sheet_data(rows))

    report, peak_mb = read_in_child(path)

    assert report["message"].startswith('The sheet "Cameras" has a cell at A1048576')
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB"


def test_a_one_line_csv_of_a_million_commas(tmp_path):
    path = tmp_path / "cameras.csv"
    path.write_bytes(b"Asset tag,Site" + b"," * (10 * 1024 * 1024 - 100))

    report, peak_mb = read_in_child(path)

    assert report["message"].startswith("Row 1 of the file has 10,485,")
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB"


def test_a_sparse_sheet_within_the_caps_is_read_in_little_memory(tmp_path):
    path = tmp_path / "cameras.xlsx"
    sparse = "".join(f'<row r="{n}">{inline(f"B{n}", "x")}</row>' for n in range(1000, 100_001, 1000))
    path.write_bytes(xlsx_with_sheet_data(header_rows([["Asset tag", "Site"]]) + sparse))

    report, peak_mb = read_in_child(path)

    assert report["message"] == ""
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB"
