"""Every row checked before anything is written: parsed, looked up, built and validated like the edit form."""

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from assets.importing.columns import (
    CAMERA_HEADINGS,
    REQUIRED_CAMERA_FIELDS,
    REQUIRED_SITE_FIELDS,
    SITE_HEADINGS,
    ColumnMap,
    columns_match,
)
from assets.importing.lookups import CategoryIndex, ManufacturerIndex, SiteIndex
from assets.importing.readers import ImportFileError, Sheet
from assets.importing.report import ImportReport, RowChange
from assets.importing.values import (
    display,
    is_blank,
    parse_bool,
    parse_country,
    parse_date,
    parse_status,
    parse_text,
    squash,
)
from assets.models import Camera
from assets.services import camera_build, camera_changes, camera_validate
from registry.models import Organisation, Site
from registry.services import site_build

Progress = Callable[[int, int | None], None]  # rows checked, rows in all (None if not known)
PROGRESS_EVERY = 1000
CAMERA_SHEET_NAMES = {"cameras", "camera", "cctv", "cctvcameras", "register", "cameraregister"}
SITES_SHEET_NAME = "sites"

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
# A site's fields, and the camera-sheet column that can give each.
SITE_FIELDS_ON_CAMERA_SHEET = {
    "name": "site",
    "category": "site_category",
    "address": "site_address",
    "postcode": "site_postcode",
    "ward": "site_ward",
}


@dataclass
class ImportPlan:
    created: list[Camera] = field(default_factory=list)
    updated: list[Camera] = field(default_factory=list)
    new_sites: list[Site] = field(default_factory=list)


def max_rows() -> int:
    return getattr(settings, "CCTV_IMPORT_MAX_ROWS", 100_000)


def import_plan(
    *,
    organisation: Organisation,
    sheets: list[Sheet],
    report: ImportReport,
    progress: Progress | None = None,
    user=None,
) -> ImportPlan:
    """Check every row of the file, recording each problem in ``report``; the plan is what would be written.
    ``user`` is who imports: an override of the procurement policy in the file counts only from an admin."""
    camera_sheet, sites_sheet = _choose_sheets(sheets, report)
    plan = ImportPlan()
    sites = SiteIndex(organisation=organisation)
    categories = CategoryIndex()
    if sites_sheet is not None:
        _plan_sites(sheet=sites_sheet, sites=sites, categories=categories, plan=plan, report=report)
    _plan_cameras(
        sheet=camera_sheet,
        sites=sites,
        categories=categories,
        plan=plan,
        report=report,
        progress=progress,
        override_by=user,
    )
    report.sites_created = len(plan.new_sites)
    report.new_sites = [site.name for site in plan.new_sites]
    return plan


def _choose_sheets(sheets: list[Sheet], report: ImportReport) -> tuple[Sheet, Sheet | None]:
    sites_sheet = next((sheet for sheet in sheets if squash(sheet.name) == SITES_SHEET_NAME), None)
    others = [sheet for sheet in sheets if sheet is not sites_sheet]
    camera_sheet = next((sheet for sheet in others if squash(sheet.name) in CAMERA_SHEET_NAMES), None)
    camera_sheet = camera_sheet or (others[0] if others else None)
    if camera_sheet is None:
        raise ImportFileError('The workbook has no sheet of cameras, only one named "Sites".')
    for sheet in others:
        if sheet is not camera_sheet:
            report.warnings.append(f'Sheet "{sheet.name}" was not read: only the cameras sheet and "Sites" are.')
    return camera_sheet, sites_sheet


def _data_rows(sheet: Sheet) -> tuple[int, list, Iterator[tuple[int, list]]]:
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


def _columns(sheet: Sheet, header_number: int, header: list, headings, required, report: ImportReport) -> ColumnMap:
    columns = columns_match(header=header, headings=headings, required=required)
    for heading in columns.unknown:
        report.warnings.append(f'Column "{heading}" on sheet "{sheet.name}" is not one the importer knows; ignored.')
    for message in columns.problems:
        report.problem(sheet=sheet.name, row=header_number, message=message)
    report.headers[sheet.name] = header
    return columns


def _cell(cells: list, columns: ColumnMap, field_name: str):
    index = columns.index_by_field.get(field_name)
    return cells[index] if index is not None and index < len(cells) else None


def _plan_sites(*, sheet, sites: SiteIndex, categories: CategoryIndex, plan: ImportPlan, report: ImportReport) -> None:
    header_number, header, rows = _data_rows(sheet)
    columns = _columns(sheet, header_number, header, SITE_HEADINGS, REQUIRED_SITE_FIELDS, report)
    if columns.problems:
        return
    named_on: dict[str, int] = {}
    for number, cells in rows:
        problems: list[tuple[str, str, str]] = []
        name = parse_text(_cell(cells, columns, "name"))
        if not name:
            problems.append((columns.heading("name"), "", "No site name."))
        elif squash(name) in named_on:
            problems.append((columns.heading("name"), name, f"This site is also on row {named_on[squash(name)]}."))
        elif sites.find(name) is None:
            named_on[squash(name)] = number
            site_columns = {field_name: field_name for field_name in SITE_FIELDS_ON_CAMERA_SHEET} | {"notes": "notes"}
            _plan_new_site(name, cells, columns, site_columns, sites, categories, plan, problems)
        else:
            named_on[squash(name)] = number
        _record(report, sheet, number, cells, problems)


def _plan_new_site(name, cells, columns, site_columns, sites, categories, plan, problems) -> Site | None:
    """Build and validate a site the file adds; a problem is recorded against the column that gave the value."""
    category_text = parse_text(_cell(cells, columns, site_columns["category"]))
    try:
        category = categories.resolve(category_text)
    except ValueError as error:
        problems.append((columns.heading(site_columns["category"]), category_text, str(error)))
        return None
    fields = {
        field_name: parse_text(_cell(cells, columns, column))
        for field_name, column in site_columns.items()
        if field_name not in {"name", "category"} and column in columns.index_by_field
    }
    site = site_build(organisation=sites.organisation, name=name, category=category, **fields)
    try:
        site.full_clean()
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = columns.heading(site_columns.get(field_name, "")) if field_name != NON_FIELD_ERRORS else ""
            value = display(_cell(cells, columns, site_columns.get(field_name, ""))) if column else ""
            problems.extend((column, value, message) for message in messages)
        return None
    sites.add_new(site)
    plan.new_sites.append(site)
    return site


def _record(report: ImportReport, sheet: Sheet, number: int, cells: list, problems) -> None:
    if problems:
        for column, value, message in problems:
            report.problem(sheet=sheet.name, row=number, column=column, value=value, message=message)
        report.problem_rows.setdefault(sheet.name, {})[number] = list(cells)


def _existing_cameras(*, organisation: Organisation, sites: SiteIndex, manufacturers: ManufacturerIndex) -> dict:
    """The organisation's cameras by asset tag, with their site and brand attached from memory."""
    cameras = {}
    for camera in Camera.objects.filter(organisation=organisation).iterator(chunk_size=5000):
        camera._state.fields_cache["site"] = sites.by_id[camera.site_id]
        camera._state.fields_cache["manufacturer"] = manufacturers.by_id.get(camera.manufacturer_id)
        camera._state.fields_cache["organisation"] = organisation
        cameras[camera.asset_tag] = camera
    return cameras


def _plan_cameras(
    *, sheet, sites: SiteIndex, categories: CategoryIndex, plan: ImportPlan, report: ImportReport, progress, override_by
):
    header_number, header, rows = _data_rows(sheet)
    columns = _columns(sheet, header_number, header, CAMERA_HEADINGS, REQUIRED_CAMERA_FIELDS, report)
    if columns.problems:
        return
    manufacturers = ManufacturerIndex()
    existing = _existing_cameras(organisation=sites.organisation, sites=sites, manufacturers=manufacturers)
    # In the order of the columns, so problems read left to right as in the spreadsheet.
    present = sorted(
        (name for name in CAMERA_PARSERS if name in columns.index_by_field), key=columns.index_by_field.get
    )
    can_create_sites = "site_category" in columns.index_by_field
    failed_sites: dict[str, list] = {}
    tag_rows: dict[str, int] = {}
    answers: dict = {}
    for number, cells in rows:
        report.rows += 1
        if progress is not None and report.rows % PROGRESS_EVERY == 0:
            progress(report.rows, sheet.total and sheet.total - header_number)
        problems: list[tuple[str, str, str]] = []
        tag = parse_text(_cell(cells, columns, "asset_tag"))
        if not tag:
            problems.append((columns.heading("asset_tag"), "", "No asset tag: every camera needs one."))
        elif tag in tag_rows:
            problems.append((columns.heading("asset_tag"), tag, f"This asset tag is also on row {tag_rows[tag]}."))
        else:
            tag_rows[tag] = number
        site = _row_site(cells, columns, sites, categories, plan, can_create_sites, failed_sites, problems)
        fields = {"site": site} if site is not None else {}
        for name in present:
            raw = _cell(cells, columns, name)
            try:
                if name == "manufacturer":
                    fields[name] = None if is_blank(raw) else manufacturers.resolve(display(raw))
                else:
                    fields[name] = CAMERA_PARSERS[name](raw)
            except ValueError as error:
                problems.append((columns.heading(name), display(raw), str(error)))
        if site is not None and tag and not any(column == columns.heading("asset_tag") for column, _, _ in problems):
            _plan_camera(tag, fields, cells, columns, existing, answers, plan, report, number, problems, override_by)
        _record(report, sheet, number, cells, problems)
    if progress is not None:
        progress(report.rows, report.rows)


def _row_site(cells, columns, sites, categories, plan, can_create_sites, failed_sites, problems) -> Site | None:
    name = parse_text(_cell(cells, columns, "site"))
    if not name:
        problems.append((columns.heading("site"), "", "No site: every camera needs one."))
        return None
    site = sites.find(name)
    if site is not None:
        return site
    key = squash(name)
    if key in failed_sites:
        problems.extend(failed_sites[key])
        return None
    category_text = parse_text(_cell(cells, columns, "site_category")) if can_create_sites else ""
    if not category_text:
        problems.append(
            (
                columns.heading("site"),
                name,
                f'No site called "{name}" in {sites.organisation.name}: check the spelling, or give a site '
                'category (a "Site category" column or a "Sites" sheet) so the import can create it.',
            )
        )
        return None
    site_problems: list = []
    site = _plan_new_site(name, cells, columns, SITE_FIELDS_ON_CAMERA_SHEET, sites, categories, plan, site_problems)
    if site is None:
        failed_sites[key] = site_problems
        problems.extend(site_problems)
    return site


def _plan_camera(tag, fields, cells, columns, existing, answers, plan, report, number, problems, override_by) -> None:
    current = existing.get(tag)
    try:
        if current is not None:
            camera = camera_build(camera=copy.copy(current), override_by=override_by, **fields)
            changed = camera_changes(before=current, after=camera)
            if not changed:
                if not problems:
                    report.unchanged += 1
                return
        else:
            camera = camera_build(asset_tag=tag, override_by=override_by, **fields)
            changed = ()
        camera_validate(camera=camera, answers=answers, asset_tags_checked=True)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = columns.heading(field_name) if field_name != NON_FIELD_ERRORS else ""
            value = display(_cell(cells, columns, field_name)) if column else ""
            problems.extend((column, value, message) for message in messages)
        return
    if problems:
        return
    if current is None:
        plan.created.append(camera)
        report.created += 1
        report.changes.append(RowChange(row=number, asset_tag=tag, action="create"))
    else:
        plan.updated.append(camera)
        report.updated += 1
        report.changes.append(RowChange(row=number, asset_tag=tag, action="update", fields=changed))
