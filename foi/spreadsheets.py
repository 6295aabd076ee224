"""One .xlsx writer for every export: a sheet declares its columns, the writer does the rest.

Dates are written as dates with a number format, numbers as numbers, booleans as Yes/No, and every
string as text: openpyxl would otherwise turn text starting with "=" into a formula (see NOTES.md), and a
spreadsheet sent to the public must never run anything."""

import datetime
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INTEGER_FORMAT = "#,##0"
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
MIN_WIDTH, MAX_WIDTH = 8, 80
SHEET_TITLE_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """A column: its heading, how to read its value from a row (a key, or a function of the row), and
    optionally a fixed width in characters (otherwise fitted to the content)."""

    heading: str
    value: str | Callable[[Any], Any]
    width: int | None = None

    def read(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        if isinstance(row, Mapping):
            return row.get(self.value)
        return getattr(row, self.value)


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: Iterable[Any]
    # Rows written after the data in bold, already as lists of cell values (such as a "Total" row).
    footer_rows: list[list[Any]] = field(default_factory=list)
    freeze_header: bool = True
    wrap_text: bool = False


def sheet_title(title: str, taken: set[str]) -> str:
    """A title Excel accepts (31 characters, none of []:*?/\\), unique in the workbook ignoring case."""
    base = " ".join(title.translate(SHEET_TITLE_FORBIDDEN).split()).strip("'")[:31] or "Sheet"
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def _cell(worksheet, value: Any, *, bold: bool = False, wrap: bool = False):
    """A write-only cell holding ``value`` with its proper type and format."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    number_format = None
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif isinstance(value, int):
        number_format = INTEGER_FORMAT
    elif value is not None and not isinstance(value, float):
        value = _text(str(value))
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_workbook(sheets: list[Sheet]) -> bytes:
    """The .xlsx bytes of ``sheets``, in order. Rows are read once; widths not declared are fitted to
    the content, so a very large export should declare every column's width."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.title, taken))
        needs_fitting = any(column.width is None for column in sheet.columns)
        rows = list(sheet.rows) if needs_fitting else sheet.rows
        values = ([column.read(row) for column in sheet.columns] for row in rows)
        if needs_fitting:
            values = list(values)
        for index, column in enumerate(sheet.columns, start=1):
            width = column.width
            if width is None:
                contents = [column.heading, *(row[index - 1] for row in values), *_footer_column(sheet, index)]
                width = max(_display_width(value) for value in contents) + 2
            worksheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
        if sheet.freeze_header:
            worksheet.freeze_panes = "A2"
        worksheet.append([_cell(worksheet, column.heading, bold=True) for column in sheet.columns])
        for row in values:
            worksheet.append([_cell(worksheet, value, wrap=sheet.wrap_text) for value in row])
        for row in sheet.footer_rows:
            worksheet.append([_cell(worksheet, value, bold=True) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _footer_column(sheet: Sheet, index: int) -> list[Any]:
    return [row[index - 1] for row in sheet.footer_rows if len(row) >= index]


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
