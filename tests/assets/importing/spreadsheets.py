"""Build the files councils send, in memory: .xlsx via openpyxl (text kept as text) and .csv in any encoding."""

import csv
import io
import zipfile

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry; a string starting with "=" stays text unless it is a Formula."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append([value.text if isinstance(value, Formula) else value for value in row])
        for row in sheet.iter_rows():
            for cell, value in zip(row, rows[cell_row(row) - 1], strict=False):
                if isinstance(cell.value, str) and cell.value.startswith("=") and not isinstance(value, Formula):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_row(row) -> int:
    return row[0].row


class Formula:
    """A real formula cell (openpyxl writes it with no cached value)."""

    def __init__(self, text: str):
        self.text = text


def csv_bytes(rows: list[list], *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def rezip(content: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same workbook with some parts replaced or added: for hand-made hostile files."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = (replace or {}).get(entry.filename, source.read(entry.filename))
            target.writestr(entry.filename, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def with_cached_results(content: bytes, results: dict[str, str]) -> bytes:
    """Give formulas the cached results Excel would have saved (openpyxl saves none)."""
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    for formula, result in results.items():
        escaped = formula.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        for written in (formula, escaped):
            # openpyxl writes an empty value as <v /> with its own serialiser, <v></v> or <v/> with lxml's.
            for empty in ("<v />", "<v></v>", "<v/>"):
                sheet_xml = sheet_xml.replace(
                    f"><f>{written}</f>{empty}</c>", f' t="str"><f>{written}</f><v>{result}</v></c>'
                )
    return rezip(content, replace={"xl/worksheets/sheet1.xml": sheet_xml.encode()})


MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_rows(rows: list[list[str]]) -> str:
    """Rows 1, 2, ... as inline-string cells, the way openpyxl writes them."""
    return "".join(
        f'<row r="{number}">'
        + "".join(inline(f"{chr(ord('A') + index)}{number}", text) for index, text in enumerate(cells))
        + "</row>"
        for number, cells in enumerate(rows, start=1)
    )


def xlsx_with_sheet_data(sheet_data: str, *, dimension: str = "A1:B2", name: str = "Cameras") -> bytes:
    """A one-sheet workbook whose worksheet XML holds exactly ``sheet_data``: for cells no library would write."""
    worksheet = (
        f'<worksheet xmlns="{MAIN_NAMESPACE}"><dimension ref="{dimension}"/>'
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    return rezip(xlsx_bytes({name: [["x"]]}), replace={"xl/worksheets/sheet1.xml": worksheet.encode()})


def with_shared_strings(content: bytes, strings: list[str]) -> bytes:
    table = f'<sst xmlns="{MAIN_NAMESPACE}">' + "".join(f"<si><t>{text}</t></si>" for text in strings) + "</sst>"
    return rezip(content, add={"xl/sharedStrings.xml": table.encode()})
