"""Every row checked before anything is written: parsed, looked up, built and validated like the edit form."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from assets.choices import OriginCountrySource
from assets.exports import REPLACEMENT_BY_YEAR_TITLE
from assets.importing.columns import (
    CAMERA_HEADINGS,
    REQUIRED_CAMERA_FIELDS,
    REQUIRED_SITE_FIELDS,
    SITE_HEADINGS,
    ColumnMap,
    columns_match,
)
from assets.importing.lookups import CategoryIndex, ManufacturerIndex, SiteIndex
from assets.importing.problems import FILE_PROBLEMS_TITLE
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
from core.bulk_read import records_read
from core.changes import record_copy
from registry.models import Organisation, Site
from registry.services import site_build

Progress = Callable[[int, int | None], None]  # rows checked, rows in all (None if not known)
PROGRESS_EVERY = 1000
CAMERA_SHEET_NAMES = {"cameras", "camera", "cctv", "cctvcameras", "register", "cameraregister"}
SITES_SHEET_NAME = "sites"
# The sheets the register's own downloads add beside the cameras: passed over without a warning.
DOWNLOADS_OTHER_SHEETS = {REPLACEMENT_BY_YEAR_TITLE, FILE_PROBLEMS_TITLE}

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
        if sheet is not camera_sheet and sheet.name not in DOWNLOADS_OTHER_SHEETS:
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
    for camera in records_read(Camera.objects.filter(organisation=organisation)):
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
    read_only_warned: dict[str, int] = {}
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
        derived_as_given = _take_marked_derived(fields, cells, columns)
        if site is not None and tag and not any(column == columns.heading("asset_tag") for column, _, _ in problems):
            camera = _plan_camera(
                tag, fields, derived_as_given, cells, columns, existing, answers, plan, report, number, problems,
                override_by,
            )  # fmt: skip
            if camera is not None:
                _warn_read_only_changed(
                    report, read_only_warned, number, cells, columns, manufacturers, existing.get(tag), camera
                )
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


def _plan_camera(
    tag, fields, derived_as_given, cells, columns, existing, answers, plan, report, number, problems, override_by
) -> Camera | None:
    """Build, compare and validate one row's camera; the camera as it would be written, or None if the row fails."""
    current = existing.get(tag)
    try:
        camera = _camera_built(tag, current, fields, derived_as_given, override_by)
        if current is not None:
            changed = camera_changes(before=current, after=camera)
            if not changed:
                if not problems:
                    report.unchanged += 1
                return camera
        else:
            changed = ()
        camera_validate(camera=camera, answers=answers, asset_tags_checked=True)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = columns.heading(field_name) if field_name != NON_FIELD_ERRORS else ""
            value = display(_cell(cells, columns, field_name)) if column else ""
            problems.extend((column, value, message) for message in messages)
        return None
    if problems:
        return None
    if current is None:
        plan.created.append(camera)
        report.created += 1
        report.changes.append(RowChange(row=number, asset_tag=tag, action="create"))
    else:
        plan.updated.append(camera)
        report.updated += 1
        report.changes.append(RowChange(row=number, asset_tag=tag, action="update", fields=changed))
    return camera


def _camera_built(tag, current, fields, derived_as_given, override_by) -> Camera:
    """The row's camera, with a value marked derived left to be derived; if the file's value is not what the
    register derives, the officer changed it, and it is built again as a recorded value."""
    camera = _camera_build(tag, current, fields, override_by)
    edited = {
        name: value for name, value in derived_as_given.items() if value and _derived_value(camera, name) != value
    }
    if edited:
        camera = _camera_build(tag, current, fields | edited, override_by)
    return camera


def _camera_build(tag, current, fields, override_by) -> Camera:
    if current is not None:
        return camera_build(camera=record_copy(current), override_by=override_by, **fields)
    return camera_build(asset_tag=tag, override_by=override_by, **fields)


def _derived_value(camera: Camera, name: str):
    return camera.origin_country.code if name == "origin_country" else getattr(camera, name)


# The marker column beside each value the register may derive, and whether its cell says "derived".
DERIVED_MARKER_OF = {"origin_country": "origin_country_source", "end_of_life_date": "end_of_life_estimated"}
ORIGIN_DERIVED_WORDS = frozenset(
    squash(word)
    for source in (OriginCountrySource.MANUFACTURER, OriginCountrySource.UNKNOWN)
    for word in (source.value, source.label)
)


def _marked_derived(name: str, cell) -> bool:
    if is_blank(cell):
        return False
    if name == "origin_country":
        return squash(str(cell)) in ORIGIN_DERIVED_WORDS
    try:
        return parse_bool(cell)
    except ValueError:
        return False


def _take_marked_derived(fields: dict, cells: list, columns: ColumnMap) -> dict:
    """For each value its marker column says the register derived (a download's "Taken from the manufacturer",
    "End of life estimated: Yes"), ask for it to be derived again, and return the value the file gave, so that a
    changed one can still be recorded."""
    given = {}
    for name, marker in DERIVED_MARKER_OF.items():
        if name in fields and _marked_derived(name, _cell(cells, columns, marker)):
            given[name] = fields[name]
            fields[name] = "" if name == "origin_country" else None
    return given


def _name(manufacturer) -> str:
    return manufacturer.name if manufacturer is not None else ""


# The columns the register works out, what the cell is compared with, and what to do instead of editing it.
READ_ONLY = {
    "organisation": (
        lambda camera, cell, manufacturers: squash(camera.organisation.name) == squash(parse_text(cell)),
        "Organisation is the one you import into; a camera cannot move to another organisation here.",
    ),
    "vendor": (
        lambda camera, cell, manufacturers: (
            squash(_name(manufacturers.by_id.get(camera.vendor_id))) == squash(parse_text(cell))
        ),
        "Vendor is worked out from the manufacturer; change the manufacturer instead.",
    ),
    "restricted": (
        lambda camera, cell, manufacturers: camera.restricted == parse_bool(cell),
        "Restricted vendor is worked out from the manufacturer and the restrictions you follow; change the "
        "manufacturer instead.",
    ),
    "sensitive": (
        lambda camera, cell, manufacturers: camera.site.sensitive == parse_bool(cell),
        "Whether a site is sensitive is set on the site's page, not by an import.",
    ),
}
READ_ONLY_WARNINGS_EACH = 20  # per column: past these, one line counts the rest


def _warn_read_only_changed(report, warned, number, cells, columns, manufacturers, current, camera) -> None:
    """A warning for each worked-out value the file changed (from both the register's value and the one the row
    now gives): it is not written, and the warning names the row and says what to change instead."""
    for name, (holds, advice) in READ_ONLY.items():
        if name not in columns.index_by_field:
            continue
        cell = _cell(cells, columns, name)
        try:
            unchanged = any(holds(state, cell, manufacturers) for state in (current, camera) if state is not None)
        except ValueError:
            unchanged = False
        if unchanged:
            continue
        heading = columns.heading(name)
        warned[name] = warned.get(name, 0) + 1
        if warned[name] <= READ_ONLY_WARNINGS_EACH:
            report.warnings.append(f'Row {number}: "{display(cell)}" under {heading} was not read. {advice}')
        elif warned[name] == READ_ONLY_WARNINGS_EACH + 1:
            report.warnings.append(f"Further rows change {heading}; none of them was read either.")
