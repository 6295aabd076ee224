"""One writer for every download: a report declares its columns, this turns its rows into .xlsx or .csv.

Text is always written as text. A cell that starts with = + - @ would otherwise run as a formula when the
file is opened (CSV injection), so .xlsx cells are typed as strings and .csv cells get a leading apostrophe."""

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[Any], Any]
    width: int = 15


def csv_safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


class _Echo:
    def write(self, value):
        return value


def csv_response(*, rows: Iterable, columns: list[Column], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so Excel reads the file as UTF-8
        yield writer.writerow([column.heading for column in columns])
        for row in rows:
            yield writer.writerow([csv_safe(column.value(row)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(*, rows: Iterable, columns: list[Column], filename: str, sheet_title: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value, *, font=None):
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # openpyxl turns "=..." into a formula unless told it is a string
        elif isinstance(value, datetime.date):
            written.number_format = DATE_FORMAT
        if font:
            written.font = font
        return written

    sheet.append([cell(column.heading, font=bold) for column in columns])
    for row in rows:
        sheet.append([cell(column.value(row)) for column in columns])

    spooled = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(spooled)
    spooled.seek(0)
    return FileResponse(
        spooled,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
