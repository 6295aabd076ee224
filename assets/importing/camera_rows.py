"""The cameras sheet, row by row: parsed, its site and brand found, its camera built, compared with the register's
and validated like the edit form. A file repeats its sites, makes, dates and statuses: each is read once."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from assets.importing.columns import CAMERA_HEADINGS, REQUIRED_CAMERA_FIELDS, ColumnMap
from assets.importing.lookups import CategoryIndex, ManufacturerIndex, SiteIndex, StoredCameras
from assets.importing.report import ImportReport, RowChange
from assets.importing.rows import ImportPlan, cell, data_rows, header_columns, problems_recorded
from assets.importing.site_rows import row_site
from assets.importing.values import (
    display,
    is_blank,
    memoised,
    parse_bool,
    parse_country,
    parse_date,
    parse_status,
    parse_text,
)
from assets.importing.worked_out import (
    DERIVED_MARKER_OF,
    READ_ONLY,
    derived_value,
    take_marked_derived,
    warn_read_only_changed,
)
from assets.models import Camera
from assets.services import camera_build, camera_changes, camera_validate

PROGRESS_EVERY = 1000
CAMERA_PARSERS = {
    "manufacturer": None,  # resolved against the register, below
    "model": parse_text,
    "serial_number": parse_text,
    "origin_country": parse_country,
    "install_date": parse_date,
    "networked": parse_bool,
    "end_of_life_date": parse_date,
    "status": parse_status,
    "decommissioned_date": parse_date,
    "location_description": parse_text,
    "notes": parse_text,
    "restriction_override_reason": parse_text,
}


def plan_cameras(
    *, sheet, sites: SiteIndex, categories: CategoryIndex, plan: ImportPlan, report: ImportReport, progress, override_by
):
    header_number, header, rows = data_rows(sheet)
    columns = header_columns(sheet, header_number, header, CAMERA_HEADINGS, REQUIRED_CAMERA_FIELDS, report)
    if columns.problems:
        return
    manufacturers = ManufacturerIndex()
    stored = StoredCameras(sites=sites, manufacturers=manufacturers)
    parsers = _column_parsers(columns, manufacturers)
    tag_heading = columns.heading("asset_tag")
    markers_given = any(marker in columns.index_by_field for marker in DERIVED_MARKER_OF.values())
    read_only_given = any(name in columns.index_by_field for name in READ_ONLY)
    can_create_sites = "site_category" in columns.index_by_field
    failed_sites: dict[str, list] = {}
    site_of_cell: dict = {}
    tag_rows: dict[str, int] = {}
    answers: dict = {}
    read_only_warned: dict[str, int] = {}
    for number, cells in rows:
        report.rows += 1
        if progress is not None and report.rows % PROGRESS_EVERY == 0:
            progress(report.rows, sheet.total and sheet.total - header_number)
        problems: list[tuple[str, str, str]] = []
        tag = parse_text(cell(cells, columns, "asset_tag"))
        if not tag:
            problems.append((tag_heading, "", "No asset tag: every camera needs one."))
        elif tag in tag_rows:
            problems.append((tag_heading, tag, f"This asset tag is also on row {tag_rows[tag]}."))
        else:
            tag_rows[tag] = number
        site_cell = cell(cells, columns, "site")
        site = site_of_cell.get((type(site_cell), site_cell))
        if site is None:
            site = row_site(cells, columns, sites, categories, plan, can_create_sites, failed_sites, problems)
            if site is not None:
                site_of_cell[(type(site_cell), site_cell)] = site  # found again for every row naming it so
        fields = {"site": site} if site is not None else {}
        for name, index, parse in parsers:
            value = cells[index] if index < len(cells) else None
            try:
                fields[name] = parse(value)
            except ValueError as error:
                problems.append((columns.heading(name), display(value), str(error)))
        derived_as_given = take_marked_derived(fields, cells, columns) if markers_given else {}
        if site is not None and tag and not any(column == tag_heading for column, _, _ in problems):
            row = _CameraRow(tag, number, cells, columns, fields, derived_as_given, problems)
            current, camera = _plan_camera(row, stored, answers, plan, report, override_by)
            if camera is not None and read_only_given:
                warn_read_only_changed(report, read_only_warned, number, cells, columns, manufacturers, current, camera)
        problems_recorded(report, sheet, number, cells, problems)
    if progress is not None:
        progress(report.rows, report.rows)


def _column_parsers(columns: ColumnMap, manufacturers: ManufacturerIndex) -> list:
    """(field, column index, parser) of each camera field the file gives, in the order of its columns, so problems
    read left to right as in the spreadsheet. A parser of values a sheet repeats remembers its answers."""

    def manufacturer(value):
        return None if is_blank(value) else manufacturers.resolve(display(value))

    given = sorted((name for name in CAMERA_PARSERS if name in columns.index_by_field), key=columns.index_by_field.get)
    parsers = []
    for name in given:
        parser = CAMERA_PARSERS[name] or manufacturer
        parsers.append((name, columns.index_by_field[name], parser if parser is parse_text else memoised(parser)))
    return parsers


class _CameraRow:
    """One row's camera as the file gives it: its asset tag, parsed fields and where they came from."""

    __slots__ = ("cells", "columns", "derived_as_given", "fields", "number", "problems", "tag")

    def __init__(self, tag, number, cells, columns, fields, derived_as_given, problems) -> None:
        self.tag, self.number, self.cells, self.columns = tag, number, cells, columns
        self.fields, self.derived_as_given, self.problems = fields, derived_as_given, problems


def _plan_camera(row: _CameraRow, stored: StoredCameras, answers, plan, report, override_by) -> tuple:
    """Build, compare and validate one row's camera: the register's camera (None for a new one) and the camera as it
    would be written, or None if the row fails."""
    values = stored.values_by_tag.get(row.tag)
    current = None if values is None else stored.camera(values)
    try:
        camera = _camera_built(row, values, stored, answers, override_by)
        if current is not None:
            changed = camera_changes(before=current, after=camera)
            if not changed:
                if not row.problems:
                    report.unchanged += 1
                return current, camera
        else:
            changed = ()
        camera_validate(camera=camera, answers=answers, asset_tags_checked=True)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = row.columns.heading(field_name) if field_name != NON_FIELD_ERRORS else ""
            value = display(cell(row.cells, row.columns, field_name)) if column else ""
            row.problems.extend((column, value, message) for message in messages)
        return current, None
    if row.problems:
        return current, None
    if current is None:
        plan.created.append(camera)
        report.created += 1
        report.changes.append(RowChange(row=row.number, asset_tag=row.tag, action="create"))
    else:
        plan.updated.append(camera)
        report.updated += 1
        report.changes.append(RowChange(row=row.number, asset_tag=row.tag, action="update", fields=changed))
    return current, camera


def _camera_built(row: _CameraRow, values, stored: StoredCameras, answers, override_by) -> Camera:
    """The row's camera, with a value marked derived left to be derived; if the file's value is not what the
    register derives, the officer changed it, and it is built again as a recorded value."""
    camera = _camera_build(row.tag, values, stored, row.fields, answers, override_by)
    edited = {
        name: value for name, value in row.derived_as_given.items() if value and derived_value(camera, name) != value
    }
    if edited:
        camera = _camera_build(row.tag, values, stored, row.fields | edited, answers, override_by)
    return camera


def _camera_build(tag, values, stored: StoredCameras, fields, answers, override_by) -> Camera:
    if values is not None:
        return camera_build(camera=stored.camera(values), override_by=override_by, answers=answers, **fields)
    return camera_build(asset_tag=tag, override_by=override_by, answers=answers, **fields)
