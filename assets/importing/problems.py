"""The rows that failed, as a workbook the officer can fix and upload again: each with a "Problems" column."""

from assets.importing.report import ImportReport
from core.printing import Printed
from core.spreadsheets import Column, Sheet, write_workbook

# Cells as they were read: a number such as a phone number or a row number is shown without separators.
AS_READ = "General"
# The columns the workbook adds around the rows, which an upload of the fixed workbook passes over.
ROW_HEADING = "Row"
PROBLEMS_HEADING = "Problems"
FILE_PROBLEMS_TITLE = "File problems"


def problems_workbook(*, report: ImportReport, printed: Printed) -> bytes:
    """An .xlsx of every row with a problem, cells as they were read plus "Problems". Every string is
    written as text, so a value such as ``=HYPERLINK(...)`` or ``+44...`` never becomes a formula."""
    messages: dict[tuple[str, int | None], list[str]] = {}
    for problem in report.errors:
        label = f"{problem.column}: {problem.message}" if problem.column else problem.message
        messages.setdefault((problem.sheet, problem.row), []).append(label)
    sheets = [
        _problem_rows_sheet(report, sheet_name, rows, messages) for sheet_name, rows in report.problem_rows.items()
    ]
    general = [
        (problem.sheet, problem.row, problem.message)
        for problem in report.errors
        if problem.row is None or problem.row not in report.problem_rows.get(problem.sheet, {})
    ]
    if general or not report.problem_rows:
        columns = [_column("Sheet", 0), _column(ROW_HEADING, 1), _column(PROBLEMS_HEADING, 2)]
        sheets.append(Sheet(FILE_PROBLEMS_TITLE, columns, general))
    return write_workbook(sheets, printed=printed)


def _problem_rows_sheet(report: ImportReport, sheet_name: str, rows: dict[int, list], messages: dict) -> Sheet:
    """Row number, the cells of the row padded to the widest row, then the row's problems on separate lines."""
    header = [("" if value is None else str(value)) for value in report.headers.get(sheet_name, [])]
    width = max([len(header)] + [len(values) for values in rows.values()])
    headings = [ROW_HEADING] + header + [""] * (width - len(header)) + [PROBLEMS_HEADING]
    table = [
        [number] + list(values) + [None] * (width - len(values)) + ["\n".join(messages.get((sheet_name, number), []))]
        for number, values in sorted(rows.items())
    ]
    return Sheet(sheet_name, [_column(heading, index) for index, heading in enumerate(headings)], table)


def _column(heading: str, index: int) -> Column:
    return Column(heading, lambda row: row[index], number_format=AS_READ)
