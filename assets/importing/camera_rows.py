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
    planner = _CameraRows(columns, sites=sites, categories=categories, plan=plan, report=report, user=override_by)
    for number, cells in rows:
        report.rows += 1
        if progress is not None and report.rows % PROGRESS_EVERY == 0:
            progress(report.rows, sheet.total and sheet.total - header_number)
        problems: list[tuple[str, str, str]] = []
        planner.plan_row(number, cells, problems)
        problems_recorded(report, sheet, number, cells, problems)
    if progress is not None:
        progress(report.rows, report.rows)


class _CameraRows:
    """What planning one row of the cameras sheet needs from the rows before it and the register."""

    def __init__(self, columns: ColumnMap, *, sites, categories, plan: ImportPlan, report: ImportReport, user):
        self.columns, self.sites, self.categories, self.plan, self.report = columns, sites, categories, plan, report
        self.override_by = user  # an override of the procurement policy in the file counts only from an admin
        self.manufacturers = ManufacturerIndex()
        self.stored = StoredCameras(sites=sites, manufacturers=self.manufacturers)
        self.parsers = _column_parsers(columns, self.manufacturers)
        self.tag_index, self.site_index = columns.index_by_field["asset_tag"], columns.index_by_field["site"]
        self.tag_heading = columns.heading("asset_tag")
        self.markers_given = any(marker in columns.index_by_field for marker in DERIVED_MARKER_OF.values())
        self.read_only_given = any(name in columns.index_by_field for name in READ_ONLY)
        self.can_create_sites = "site_category" in columns.index_by_field
        self.failed_sites: dict[str, list] = {}
        self.site_of_cell: dict = {}
        self.tag_rows: dict[str, int] = {}
        self.answers: dict = {}  # kept between rows by camera_build and camera_validate
        self.read_only_warned: dict[str, int] = {}

    def plan_row(self, number: int, cells: list, problems: list) -> None:
        columns = self.columns
        tag = parse_text(cells[self.tag_index] if self.tag_index < len(cells) else None)
        if not tag:
            problems.append((self.tag_heading, "", "No asset tag: every camera needs one."))
        elif tag in self.tag_rows:
            problems.append((self.tag_heading, tag, f"This asset tag is also on row {self.tag_rows[tag]}."))
        else:
            self.tag_rows[tag] = number
        site = self._site(cells, problems)
        fields = {"site": site} if site is not None else {}
        for name, index, parse in self.parsers:
            value = cells[index] if index < len(cells) else None
            try:
                fields[name] = parse(value)
            except ValueError as error:
                problems.append((columns.heading(name), display(value), str(error)))
        derived_as_given = take_marked_derived(fields, cells, columns) if self.markers_given else {}
        if site is None or not tag or any(column == self.tag_heading for column, _, _ in problems):
            return
        current, camera = self._camera(tag, number, cells, fields, derived_as_given, problems)
        if camera is not None and self.read_only_given:
            warn_read_only_changed(
                self.report, self.read_only_warned, number, cells, columns, self.manufacturers, current, camera
            )

    def _site(self, cells: list, problems: list):
        value = cells[self.site_index] if self.site_index < len(cells) else None
        site = self.site_of_cell.get((type(value), value))
        if site is None:
            site = row_site(
                cells, self.columns, self.sites, self.categories, self.plan, self.can_create_sites, self.failed_sites,
                problems,
            )  # fmt: skip
            if site is not None:
                self.site_of_cell[(type(value), value)] = site  # found again for every row naming it so
        return site

    def _camera(self, tag, number, cells, fields, derived_as_given, problems) -> tuple:
        """Build, compare and validate one row's camera: the register's camera (None for a new one) and the camera
        as it would be written, or None if the row fails."""
        report = self.report
        values = self.stored.values_by_tag.get(tag)
        current = None if values is None else self.stored.camera(values)
        try:
            camera = self._built(tag, values, fields, derived_as_given)
            if current is not None:
                changed = camera_changes(before=current, after=camera)
                if not changed:
                    if not problems:
                        report.unchanged += 1
                    return current, camera
            else:
                changed = ()
            camera_validate(camera=camera, answers=self.answers, asset_tags_checked=True)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                column = self.columns.heading(field_name) if field_name != NON_FIELD_ERRORS else ""
                value = display(cell(cells, self.columns, field_name)) if column else ""
                problems.extend((column, value, message) for message in messages)
            return current, None
        if problems:
            return current, None
        if current is None:
            self.plan.created.append(camera)
            report.created += 1
            report.changes.append(RowChange(row=number, asset_tag=tag, action="create"))
        else:
            self.plan.updated.append(camera)
            report.updated += 1
            report.changes.append(RowChange(row=number, asset_tag=tag, action="update", fields=changed))
        return current, camera

    def _built(self, tag, values, fields, derived_as_given) -> Camera:
        """The row's camera, with a value marked derived left to be derived; if the file's value is not what the
        register derives, the officer changed it, and it is built again as a recorded value."""
        camera = self._build(tag, values, fields)
        edited = {
            name: value for name, value in derived_as_given.items() if value and derived_value(camera, name) != value
        }
        if edited:
            camera = self._build(tag, values, fields | edited)
        return camera

    def _build(self, tag, values, fields) -> Camera:
        if values is not None:
            camera = self.stored.camera(values)
            return camera_build(camera=camera, override_by=self.override_by, answers=self.answers, **fields)
        return camera_build(asset_tag=tag, override_by=self.override_by, answers=self.answers, **fields)


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
