"""Sites in the file: the "Sites" sheet, and a camera row's site, found in the register or added by the file."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from assets.importing.columns import REQUIRED_SITE_FIELDS, SITE_HEADINGS
from assets.importing.lookups import CategoryIndex, SiteIndex
from assets.importing.rows import ImportPlan, cell, data_rows, header_columns, problems_recorded
from assets.importing.values import display, parse_text, squash
from registry.models import Site
from registry.services import site_build

# A site's fields, and the camera-sheet column that can give each.
SITE_FIELDS_ON_CAMERA_SHEET = {
    "name": "site",
    "category": "site_category",
    "address": "site_address",
    "postcode": "site_postcode",
    "ward": "site_ward",
}


def plan_sites(*, sheet, sites: SiteIndex, categories: CategoryIndex, plan: ImportPlan, report) -> None:
    header_number, header, rows = data_rows(sheet)
    columns = header_columns(sheet, header_number, header, SITE_HEADINGS, REQUIRED_SITE_FIELDS, report)
    if columns.problems:
        return
    named_on: dict[str, int] = {}
    for number, cells in rows:
        problems: list[tuple[str, str, str]] = []
        name = parse_text(cell(cells, columns, "name"))
        if not name:
            problems.append((columns.heading("name"), "", "No site name."))
        elif squash(name) in named_on:
            problems.append((columns.heading("name"), name, f"This site is also on row {named_on[squash(name)]}."))
        elif sites.find(name) is None:
            named_on[squash(name)] = number
            site_columns = {field_name: field_name for field_name in SITE_FIELDS_ON_CAMERA_SHEET} | {"notes": "notes"}
            plan_new_site(name, cells, columns, site_columns, sites, categories, plan, problems)
        else:
            named_on[squash(name)] = number
        problems_recorded(report, sheet, number, cells, problems)


def plan_new_site(name, cells, columns, site_columns, sites, categories, plan, problems) -> Site | None:
    """Build and validate a site the file adds; a problem is recorded against the column that gave the value."""
    category_text = parse_text(cell(cells, columns, site_columns["category"]))
    try:
        category = categories.resolve(category_text)
    except ValueError as error:
        problems.append((columns.heading(site_columns["category"]), category_text, str(error)))
        return None
    fields = {
        field_name: parse_text(cell(cells, columns, column))
        for field_name, column in site_columns.items()
        if field_name not in {"name", "category"} and column in columns.index_by_field
    }
    site = site_build(organisation=sites.organisation, name=name, category=category, **fields)
    try:
        site.full_clean()
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = columns.heading(site_columns.get(field_name, "")) if field_name != NON_FIELD_ERRORS else ""
            value = display(cell(cells, columns, site_columns.get(field_name, ""))) if column else ""
            problems.extend((column, value, message) for message in messages)
        return None
    sites.add_new(site)
    plan.new_sites.append(site)
    return site


def row_site(cells, columns, sites, categories, plan, can_create_sites, failed_sites, problems) -> Site | None:
    """A camera row's site: found in the register or among the sites the file adds, or added for this row."""
    name = parse_text(cell(cells, columns, "site"))
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
    category_text = parse_text(cell(cells, columns, "site_category")) if can_create_sites else ""
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
    site = plan_new_site(name, cells, columns, SITE_FIELDS_ON_CAMERA_SHEET, sites, categories, plan, site_problems)
    if site is None:
        failed_sites[key] = site_problems
        problems.extend(site_problems)
    return site
