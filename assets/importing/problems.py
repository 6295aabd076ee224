"""The rows that failed, as a workbook the officer can fix and upload again: each with a "Problems" column."""

import datetime
import io
import re

from assets.importing.report import ImportReport

SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def problems_workbook(*, report: ImportReport) -> bytes:
    """An .xlsx of every row with a problem, cells as they were read plus "Problems". Every string is
    written as text, so a value such as ``=HYPERLINK(...)`` or ``+44...`` never becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    messages: dict[tuple[str, int | None], list[str]] = {}
    for problem in report.errors:
        label = f"{problem.column}: {problem.message}" if problem.column else problem.message
        messages.setdefault((problem.sheet, problem.row), []).append(label)

    def row_cells(sheet, values: list) -> list:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value if _writable(value) else str(value))
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        return cells

    used_titles: set[str] = set()
    for sheet_name, rows in report.problem_rows.items():
        sheet = workbook.create_sheet(_title(sheet_name, used_titles))
        header = [("" if value is None else str(value)) for value in report.headers.get(sheet_name, [])]
        width = max([len(header)] + [len(values) for values in rows.values()])
        sheet.append(row_cells(sheet, ["Row"] + header + [""] * (width - len(header)) + ["Problems"]))
        for number, values in sorted(rows.items()):
            padded = list(values) + [None] * (width - len(values))
            sheet.append(row_cells(sheet, [number] + padded + ["\n".join(messages.get((sheet_name, number), []))]))
    general = [
        (problem.sheet, problem.row, problem.message)
        for problem in report.errors
        if problem.row is None or problem.row not in report.problem_rows.get(problem.sheet, {})
    ]
    if general or not report.problem_rows:
        sheet = workbook.create_sheet(_title("File problems", used_titles))
        sheet.append(row_cells(sheet, ["Sheet", "Row", "Problems"]))
        for sheet_name, number, message in general:
            sheet.append(row_cells(sheet, [sheet_name, number, message]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _writable(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool | datetime.date | datetime.datetime)


def _title(name: str, used: set[str]) -> str:
    title = SHEET_TITLE_FORBIDDEN.sub("_", name).strip("'")[:31] or "Sheet"
    candidate, number = title, 2
    while candidate.lower() in used:
        candidate = f"{title[:28]} {number}"
        number += 1
    used.add(candidate.lower())
    return candidate
