"""A sheet's rows as the planner walks them: the header and the data rows below it, a row's cell for a field, and
a row's problems recorded in the report."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings

from assets.importing.columns import ColumnMap, columns_match
from assets.importing.readers import ImportFileError, Sheet
from assets.importing.report import ImportReport
from assets.importing.values import is_blank
from assets.models import Camera
from registry.models import Site

Progress = Callable[[int, int | None], None]  # rows checked, rows in all (None if not known)


@dataclass
class ImportPlan:
    created: list[Camera] = field(default_factory=list)
    updated: list[Camera] = field(default_factory=list)
    new_sites: list[Site] = field(default_factory=list)


def max_rows() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_ROWS", 100_000)


def data_rows(sheet: Sheet) -> tuple[int, list, Iterator[tuple[int, list]]]:
    """The header (the first row with anything in it) and the rows below it, blank ones skipped."""
    rows = ((number, cells) for number, cells in sheet.rows if not all(is_blank(cell) for cell in cells))
    first = next(rows, None)
    if first is None:
        raise ImportFileError("The file is empty." if sheet.whole_file else f'The sheet "{sheet.name}" is empty.')
    header_number, header = first
    limit = max_rows()

    def capped() -> Iterator[tuple[int, list]]:
        for count, row in enumerate(rows, start=1):
            if count > limit:
                raise ImportFileError(f"The file has more than {limit:,} rows, the most one import takes: split it.")
            yield row

    return header_number, list(header), capped()


def header_columns(
    sheet: Sheet, header_number: int, header: list, headings, required, report: ImportReport
) -> ColumnMap:
    columns = columns_match(header=header, headings=headings, required=required)
    for heading in columns.unknown:
        report.warnings.append(f'Column "{heading}" on sheet "{sheet.name}" is not one the importer knows; ignored.')
    for message in columns.problems:
        report.problem(sheet=sheet.name, row=header_number, message=message)
    report.headers[sheet.name] = header
    return columns


def cell(cells: list, columns: ColumnMap, field_name: str):
    index = columns.index_by_field.get(field_name)
    return cells[index] if index is not None and index < len(cells) else None


def problems_recorded(report: ImportReport, sheet: Sheet, number: int, cells: list, problems) -> None:
    if problems:
        for column, value, message in problems:
            report.problem(sheet=sheet.name, row=number, column=column, value=value, message=message)
        report.problem_rows.setdefault(sheet.name, {})[number] = list(cells)
