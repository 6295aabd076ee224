"""One writer for every download: a report declares its columns, this turns its rows into .xlsx or .csv.

FOI responses, the camera list, the replacement plan, the counts workbook and the import's problem rows all
come through here. Dates are real dates shown the UK way, numbers are numbers, booleans are Yes/No, and
text is always text: a cell starting with = + - @ would otherwise run as a formula when the file is opened
(CSV injection), so .xlsx cells are typed as strings and .csv cells get a leading apostrophe."""

import csv
import dataclasses
import datetime
import io
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.printing import BOLD, PROSE, WRAPPED, Printed, line_count, row_points, setup_page, text_in_row_sized_parts

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INTEGER_FORMAT = "#,##0"
MONEY_FORMAT = '"£"#,##0.00'
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
MIN_WIDTH, MAX_WIDTH = 8, 80
SHEET_TITLE_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})
SPOOL_IN_MEMORY_UP_TO = 16 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """A column: its heading, how to read its value from a row (a key, or a function of the row), a width
    in characters (None: fitted to the content), and a number format for numbers in .xlsx (None: integers
    get INTEGER_FORMAT, other numbers General). Dates always get DATE_FORMAT."""

    heading: str
    value: str | Callable[[Any], Any]
    width: int | None = None
    number_format: str | None = None

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
    # Labelled text read like a letter (the FOI Response, Definitions) rather than a table: every cell aligns
    # left and top, and text too long for the tallest row goes on in the rows below it.
    prose: bool = False


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


def write_workbook(sheets: list[Sheet], target: IO[bytes] | None = None, *, printed: Printed) -> bytes | None:
    """Write ``sheets`` in order as .xlsx: to ``target`` if given, else return the bytes. Every sheet prints
    as ``core.printing`` sets out, its footer naming ``printed``'s council and document.

    Rows are read once. If every column of a sheet declares its width, its rows are streamed straight into
    the file and never held in memory; otherwise they are held so the widths can be fitted to the content."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet_title(sheet.title, taken)), sheet, printed)
    if target is not None:
        workbook.save(target)
        return None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(*, sheets: list[Sheet], filename: str, printed: Printed) -> FileResponse:
    """The workbook as a download, spooled to disk once large rather than built in memory."""
    spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_UP_TO)  # noqa: SIM115 (FileResponse closes it)
    write_workbook(sheets, target=spooled, printed=printed)
    spooled.seek(0)
    return FileResponse(spooled, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def xlsx_content_response(*, content: bytes, filename: str) -> HttpResponse:
    """A workbook already written (such as an issued FOI response, stored as it was sent) as a download."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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


def csv_lines(*, rows: Iterable, columns: list[Column]) -> Iterator[str]:
    """A .csv's text, line by line: a byte-order mark (so Excel reads the file as UTF-8), headings, then rows."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([column.heading for column in columns])
    for row in rows:
        yield writer.writerow([csv_safe(column.read(row)) for column in columns])


def csv_response(*, rows: Iterable, columns: list[Column], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows=rows, columns=columns), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass
class Download:
    """A download in one format, ready to stream or to write in the background: a .csv of ``columns`` and
    ``rows``, or an .xlsx of ``sheets`` printed as ``printed``. ``counted`` are the rows its progress counts (the
    .csv's, or the first sheet's): ``rows_count()`` says how many there are before any is read, and
    ``scope()`` the organisations it reads, as ids."""

    filename: str
    rows_count: Callable[[], int]
    scope: Callable[[], list[int]]
    columns: list[Column] = field(default_factory=list)
    rows: Iterable[Any] = ()
    sheets: list[Sheet] = field(default_factory=list)
    printed: Printed | None = None
    # Which rows the progress counts, when ``rows_count`` counts records that may take several rows each.
    counted: Callable[[Any], bool] | None = None

    @property
    def is_csv(self) -> bool:
        return self.filename.endswith(".csv")

    @property
    def content_type(self) -> str:
        return CSV_CONTENT_TYPE if self.is_csv else XLSX_CONTENT_TYPE


def download_response(download: Download) -> HttpResponse:
    """The download, streamed now."""
    if download.is_csv:
        return csv_response(rows=download.rows, columns=download.columns, filename=download.filename)
    return xlsx_response(sheets=download.sheets, filename=download.filename, printed=download.printed)


def download_write(download: Download, target: IO[bytes], *, progress: Callable[[int], None], every: int = 1000):
    """Write the download's file to ``target``, calling ``progress(rows written)`` every ``every`` rows and at the
    end: the same bytes ``download_response`` would have sent."""
    written = 0

    def counting(rows: Iterable) -> Iterator:
        nonlocal written
        for row in rows:
            yield row
            if download.counted is None or download.counted(row):
                written += 1
                if written % every == 0:
                    progress(written)

    if download.is_csv:
        for line in csv_lines(rows=counting(download.rows), columns=download.columns):
            target.write(line.encode("utf-8"))
    else:
        first, *others = download.sheets
        sheets = [dataclasses.replace(first, rows=counting(first.rows)), *others]
        write_workbook(sheets, target=target, printed=download.printed)
    progress(written)


def _write_sheet(worksheet, sheet: Sheet, printed: Printed) -> None:
    from openpyxl.utils import get_column_letter

    columns = sheet.columns
    values: Iterable[list[Any]] = ([column.read(row) for column in columns] for row in sheet.rows)
    if any(column.width is None for column in columns):
        values = list(values)
    widths = []
    for index, column in enumerate(columns):
        width = column.width
        if width is None:
            contents = [column.heading, *(row[index] for row in values), *_footer_column(sheet, index)]
            width = max(_display_width(value) for value in contents) + 2
        widths.append(max(MIN_WIDTH, min(MAX_WIDTH, width)))
        worksheet.column_dimensions[get_column_letter(index + 1)].width = widths[-1]
    setup_page(worksheet, printed=printed, widths=widths)
    if sheet.freeze_header:
        worksheet.freeze_panes = "A2"
    rows = _RowWriter(worksheet, widths, prose=sheet.prose)
    rows.append([column.heading for column in columns], bold=True)
    formats = [column.number_format for column in columns]
    for row in values:
        rows.append(row, formats=formats)
    for row in sheet.footer_rows:
        rows.append(row, formats=formats, bold=True)


class _RowWriter:
    """Appends rows to a write-only sheet, each as tall as its wrapped text; in prose, text taller than the
    tallest row continues in the rows below."""

    def __init__(self, worksheet, widths: list[float], *, prose: bool):
        self.worksheet, self.widths, self.prose = worksheet, widths, prose
        self.number = 0

    def append(self, values: list[Any], *, formats: list[str | None] = (), bold: bool = False) -> None:
        widths = self.widths + [MIN_WIDTH] * (len(values) - len(self.widths))
        for part in self._parts(values, widths) if self.prose else [values]:
            self.number += 1
            cells = [
                _cell(self.worksheet, value, number_format=number_format, bold=bold)
                for value, number_format in itertools.zip_longest(part, formats[: len(part)])
            ]
            lines = max(
                (_lines(cell.value, width, bold=bold) for cell, width in zip(cells, widths, strict=False)), default=1
            )
            if self.prose or lines > 1:
                for cell in cells:
                    cell.alignment = PROSE if self.prose else WRAPPED
            if lines > 1:
                self.worksheet.row_dimensions[self.number].height = row_points(lines)
            self.worksheet.append(cells)
            if lines > 1:  # written with the row: holding it for every row would defeat streaming
                del self.worksheet.row_dimensions[self.number]

    @staticmethod
    def _parts(values: list[Any], widths: list[float]) -> list[list[Any]]:
        split = [
            text_in_row_sized_parts(value, width) if isinstance(value, str) else [value]
            for value, width in zip(values, widths, strict=False)
        ]
        return [list(part) for part in itertools.zip_longest(*split)] or [values]


def _lines(value: Any, width: float, *, bold: bool) -> int:
    return line_count(value, width, bold=bold) if isinstance(value, str) else 1


def _footer_column(sheet: Sheet, index: int) -> list[Any]:
    return [row[index] for row in sheet.footer_rows if len(row) > index]


def _cell(worksheet, value: Any, *, number_format: str | None = None, bold: bool = False):
    """A write-only cell holding ``value`` with its proper type and format."""
    from openpyxl.cell import WriteOnlyCell

    cell_format = None
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        cell_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell_format = DATE_FORMAT
    elif isinstance(value, int | float | Decimal):
        cell_format = number_format or (INTEGER_FORMAT if isinstance(value, int) else None)
    elif value is not None:
        value = _text(str(value))
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if cell_format:
        cell.number_format = cell_format
    if bold:
        cell.font = BOLD
    return cell


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, bool):
        return 3
    if isinstance(value, int):
        return len(f"{value:,}") + 1  # a bold total is wider
    if isinstance(value, float | Decimal):
        return len(f"{value:,.2f}") + 2  # room for a currency sign
    return max((len(line) for line in str(value).splitlines()), default=0)
