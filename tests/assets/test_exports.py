"""assets/exports.py: the counts table written as a workbook, read back cell by cell."""

import io

from openpyxl import load_workbook

from assets.exports import counts_workbook
from core.printing import Printed

PRINTED = Printed(council="Demo Council", document="Test download")


def cells(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def read_with_openpyxl(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_the_counts_workbook_is_one_sheet_with_a_column_per_dimension_and_a_total():
    counts = {
        "total": 3,
        "group_by": ["site_category", "networked"],
        "groups": [
            {
                "site_category": "library",
                "site_category_label": "Library",
                "networked": True,
                "networked_label": "Networked",
                "count": 2,
            },
            {
                "site_category": "car-park",
                "site_category_label": "Car park",
                "networked": False,
                "networked_label": "Not networked",
                "count": 1,
            },
        ],
    }
    workbook = read_with_openpyxl(counts_workbook(counts=counts, title="Cameras by place", printed=PRINTED))
    assert workbook.sheetnames == ["Cameras by place"]
    assert cells(workbook["Cameras by place"]) == [
        ["Site category", "Networked", "Cameras"],
        ["Library", "Networked", 2],
        ["Car park", "Not networked", 1],
        ["Total", None, 3],
    ]
