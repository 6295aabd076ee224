"""Spreadsheets in, rows of raw cell values out, after checking the file is what it claims and safe to open."""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings

from assets.importing.xlsx_bounds import (
    SheetTooLarge,
    SheetUnreadable,
    column_letters,
    max_columns,
    shared_strings_check,
    sheet_check,
)
from core.spreadsheets import FORMULA_TRIGGERS

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every password-protected workbook
ZIP_SIGNATURE = b"PK\x03\x04"
MACRO_CONTENT_TYPE = b"macroEnabled"
# An XML part that declares a DTD could define entities (the "billion laughs"); Excel never writes one.
DTD_PATTERN = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
DTD_SCAN_BYTES = 64 * 1024
CSV_DELIMITERS = ",;\t"


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, for the officer."""


@dataclass
class Sheet:
    name: str
    rows: Iterator[tuple[int, list]]  # (row number as the spreadsheet shows it, cell values)
    total: int | None = None  # rows in the sheet, header included, once known (an .xlsx sheet: once read)
    whole_file: bool = False  # a .csv: the sheet is the file


def max_bytes() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_unpacked_bytes() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_UNPACKED_BYTES", 30 * max_bytes())


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def file_read(*, file, filename: str) -> bytes:
    """The upload's bytes, refusing one bigger than the configured cap without reading it all."""
    limit = max_bytes()
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ImportFileError(f"The file is {_megabytes(size)}; the most this register accepts is {_megabytes(limit)}.")
    if hasattr(file, "seek"):
        file.seek(0)
    content = file.read(limit + 1)
    if len(content) > limit:
        raise ImportFileError(f"The file is bigger than {_megabytes(limit)}, the most this register accepts.")
    if not content:
        raise ImportFileError("The file is empty.")
    return content


def sheets_read(*, content: bytes, filename: str) -> list[Sheet]:
    """Every sheet in the file, by kind: .xlsx (checked first) or .csv."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in {"xlsm", "xltm", "xlam"}:
        raise ImportFileError("Macro-enabled workbooks (.xlsm) are not accepted: save it as .xlsx and try again.")
    if content.startswith(OLE_SIGNATURE):
        raise ImportFileError(
            "This is a password-protected workbook or an old Excel 97-2003 (.xls) file, which cannot be read: "
            "remove the password and save it as .xlsx or .csv."
        )
    if extension == "csv":
        if content.startswith(ZIP_SIGNATURE):
            raise ImportFileError("This file is named .csv but is an Excel workbook: rename it .xlsx.")
        return [Sheet(name=filename, rows=_csv_rows(content), total=content.count(b"\n") + 1, whole_file=True)]
    if extension in {"xlsx", "xltx"}:
        if not content.startswith(ZIP_SIGNATURE):
            raise ImportFileError(
                "This file is named .xlsx but is not an Excel workbook: open it in Excel and save it as .xlsx or .csv."
            )
        _check_workbook_archive(content)
        return _xlsx_sheets(content)
    if extension == "xls":
        raise ImportFileError("Old Excel 97-2003 (.xls) files cannot be read: save it as .xlsx or .csv.")
    raise ImportFileError("Only .xlsx and .csv files can be imported.")


ROW_START = re.compile(rb"<row[ \t\r\n/>]")
ESTIMATE_BLOCK_BYTES = 1024 * 1024


def rows_estimate(*, content: bytes, filename: str) -> int:
    """About how many rows the file holds, counted without parsing it, to decide where it is imported; 0 when the
    file is not one the importer could read (it is then refused at once, with its reason)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "csv":
        return content.count(b"\n")
    if extension not in {"xlsx", "xltx"} or not content.startswith(ZIP_SIGNATURE):
        return 0
    budget = max_unpacked_bytes()  # a zip bomb is refused by the import itself; here it only ends the count
    rows = 0
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for entry in archive.infolist():
                if not (entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")):
                    continue
                count = 0
                with archive.open(entry) as part:
                    # A row tag cut in two by a block's end goes uncounted: an estimate.
                    while budget > 0 and (block := part.read(ESTIMATE_BLOCK_BYTES)):
                        budget -= len(block)
                        count += len(ROW_START.findall(block))
                rows = max(rows, count)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError):
        return 0
    return rows


def _check_workbook_archive(content: bytes) -> None:
    """Refuse macros, zip bombs and XML entity declarations before any XML parser sees the file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportFileError("The workbook is damaged and cannot be opened: save it again from Excel.") from error
    with archive:
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
            raise ImportFileError("This file is a zip archive, not an Excel workbook.")
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise ImportFileError("Macro-enabled workbooks are not accepted: save it as .xlsx without macros.")
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > max_unpacked_bytes():
            raise ImportFileError(
                f"The workbook unpacks to {_megabytes(unpacked)}, more than the {_megabytes(max_unpacked_bytes())} "
                "allowed: it may be a zip bomb. Save it again, or split it."
            )
        try:
            for entry in entries:
                if not entry.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(entry) as part:
                    head = part.read(DTD_SCAN_BYTES)
                if DTD_PATTERN.search(head):
                    raise ImportFileError("The workbook contains XML entity declarations, which are not accepted.")
                if entry.filename == "[Content_Types].xml" and MACRO_CONTENT_TYPE in head:
                    raise ImportFileError("Macro-enabled workbooks are not accepted: save it as .xlsx without macros.")
            shared_strings_check(archive=archive)
        except SheetTooLarge as error:
            raise ImportFileError(str(error)) from error
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError) as error:
            raise ImportFileError("The workbook is damaged and cannot be opened: save it again from Excel.") from error


def _reader_failed(error: BaseException) -> bool:
    """An error from the spreadsheet library, including a Rust panic inside calamine (not an Exception)."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


def _xlsx_sheets(content: bytes) -> list[Sheet]:
    # calamine reads cached formula results and never evaluates; it does not expand DTD entities either.
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = list(workbook.sheet_names)
    except python_calamine.PasswordError as error:
        raise ImportFileError("The workbook is password-protected: remove the password and try again.") from error
    except BaseException as error:
        if not _reader_failed(error):
            raise
        raise ImportFileError("The workbook is damaged and cannot be opened: save it again from Excel.") from error
    archive = zipfile.ZipFile(io.BytesIO(content))
    sheets = []
    for name in names:
        sheet = Sheet(name=name, rows=iter(()))
        sheet.rows = _xlsx_rows(workbook, archive, sheet)
        sheets.append(sheet)
    return sheets


def _xlsx_rows(workbook, archive: zipfile.ZipFile, sheet: Sheet) -> Iterator[tuple[int, list]]:
    """The sheet's rows, read only when asked for, and only once its XML shows calamine's grid will be small."""
    try:
        sheet_check(archive=archive, name=sheet.name)
    except SheetTooLarge as error:
        raise ImportFileError(str(error)) from error
    except (SheetUnreadable, zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError) as error:
        raise ImportFileError(f'The sheet "{sheet.name}" is damaged and cannot be read.') from error
    try:
        loaded = workbook.get_sheet_by_name(sheet.name)
        sheet.total = loaded.end[0] + 1 if loaded.end else 0
        # iter_rows starts at the sheet's first row, so row numbers match Excel's.
        yield from enumerate(loaded.iter_rows(), start=1)
    except BaseException as error:
        if not _reader_failed(error) or isinstance(error, ImportFileError | GeneratorExit):
            raise
        raise ImportFileError(f'The sheet "{sheet.name}" is damaged and cannot be read.') from error


def _csv_text(content: bytes) -> str:
    if b"\x00" in content[:8192]:
        raise ImportFileError("This is not a text .csv file (it may be a spreadsheet renamed .csv).")
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's "CSV" on a UK Windows PC is Windows-1252 (its £ is byte A3).
        return content.decode("cp1252", errors="replace")


def _without_formula_guard(cell: str) -> str:
    """The register's own downloads put ``'`` before a cell that a spreadsheet would run as a formula (``'=SUM``):
    that guard is not part of the value. Any other ``'`` is."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


def _csv_rows(content: bytes) -> Iterator[tuple[int, list]]:
    text = _csv_text(content)
    # The separator is the one the header line uses most: Excel in some locales saves with semicolons.
    first_line = text[:8192].split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=lambda candidate: (first_line.count(candidate), candidate == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    limit = max_columns()
    try:
        for number, cells in enumerate(reader, start=1):
            if len(cells) > limit:
                raise ImportFileError(
                    f"Row {number:,} of the file has {len(cells):,} columns, more than the {limit:,} "
                    f"(up to {column_letters(limit)}) this register reads. "
                    "Delete the columns beyond your data, save and try again."
                )
            yield number, [_without_formula_guard(cell) for cell in cells]
    except csv.Error as error:
        raise ImportFileError(f"The CSV file cannot be read after row {reader.line_num}: {error}.") from error
