"""Which column holds what: headings matched ignoring case, spaces and punctuation, with the usual variants."""

from dataclasses import dataclass, field

from assets.exports import REPLACEMENT_PLAN_OWN_HEADINGS
from assets.importing.problems import PROBLEMS_HEADING, ROW_HEADING
from assets.vocabulary import CAMERA_COLUMNS, squash

# Field -> the headings people give it. Compared squashed: "On network?" and "on-network" are the same.
CAMERA_HEADINGS: dict[str, tuple[str, ...]] = {
    "asset_tag": (
        "Asset tag",
        "Asset no",
        "Asset number",
        "Asset ID",
        "Asset",
        "Asset ref",
        "Tag",
        "Camera ID",
        "Camera no",
        "Camera number",
        "Camera ref",
        "Camera reference",
    ),
    "site": ("Site", "Site name", "Building", "Premises", "Property"),
    "site_category": ("Site category", "Site type", "Category", "Type of site"),
    "site_address": ("Site address", "Address"),
    "site_postcode": ("Site postcode", "Postcode", "Post code"),
    "site_ward": ("Site ward", "Ward"),
    "manufacturer": ("Manufacturer", "Make", "Brand", "Maker", "Mfr", "Camera make", "Camera manufacturer"),
    "model": ("Model", "Model no", "Model number", "Camera model"),
    "serial_number": ("Serial number", "Serial no", "Serial", "S/N", "SN"),
    "origin_country": ("Country of origin", "Origin country", "Origin", "Country", "Made in"),
    "install_date": (
        "Install date",
        "Installed",
        "Installation date",
        "Date installed",
        "Installed on",
        "Date of installation",
        "Fitted",
        "Date fitted",
    ),
    "networked": ("Networked", "On network?", "On network", "Network connected", "Connected to network", "Network"),
    "end_of_life_date": (
        "End of life",
        "End of life date",
        "EOL",
        "EOL date",
        "Replacement due",
        "Replacement date",
        "Due for replacement",
        "Replace by",
    ),
    "status": ("Status", "Camera status", "State"),
    "decommissioned_date": (
        "Decommissioned",
        "Decommissioned date",
        "Decommissioned on",
        "Date decommissioned",
        "Date removed",
        "Removed on",
    ),
    "location_description": ("Location", "Location description", "Camera location", "Position", "Where", "Description"),
    "notes": ("Notes", "Note", "Comments", "Comment", "Remarks"),
    "restriction_override_reason": (
        "Override reason",
        "Restriction override reason",
        "Policy override reason",
        "Procurement policy override",
    ),
}

# What the register's own downloads add beside the values: whether a value was derived (read to keep it derived),
# and values the register works out, which the import never writes (a changed one is a warning on its row).
DERIVED_MARKERS = ("origin_country_source", "end_of_life_estimated")
READ_ONLY_FIELDS = ("organisation", "vendor", "restricted", "sensitive")
CAMERA_HEADINGS |= {name: (CAMERA_COLUMNS[name].heading,) for name in (*DERIVED_MARKERS, *READ_ONLY_FIELDS)}

# Columns of the downloads that are about the list rather than a camera: recognised, and passed over in silence.
IGNORED_HEADINGS = (*REPLACEMENT_PLAN_OWN_HEADINGS, ROW_HEADING, PROBLEMS_HEADING)

SITE_HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("Site", "Site name", "Name", "Building", "Premises", "Property"),
    "category": ("Category", "Site category", "Site type", "Type", "Type of site"),
    "address": ("Address", "Site address"),
    "postcode": ("Postcode", "Post code", "Site postcode"),
    "ward": ("Ward", "Site ward"),
    "notes": ("Notes", "Note", "Comments", "Comment", "Remarks"),
}

# What a missing required column is called in the message, and what the file may call it.
REQUIRED_CAMERA_FIELDS = ("asset_tag", "site")
REQUIRED_SITE_FIELDS = ("name", "category")


@dataclass
class ColumnMap:
    """Where each known field is (column index) and what the file calls it."""

    index_by_field: dict[str, int] = field(default_factory=dict)
    heading_by_field: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def heading(self, field_name: str) -> str:
        return self.heading_by_field.get(field_name, "")


def _lookup(headings: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {squash(heading): field_name for field_name, variants in headings.items() for heading in variants}


CAMERA_LOOKUP = _lookup(CAMERA_HEADINGS)
SITE_LOOKUP = _lookup(SITE_HEADINGS)
IGNORED = frozenset(squash(heading) for heading in IGNORED_HEADINGS)


def columns_match(*, header: list, headings: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> ColumnMap:
    """Match a header row to fields. Unknown headings are listed, not fatal; a field given twice or a
    required field missing is a problem."""
    lookup = CAMERA_LOOKUP if headings is CAMERA_HEADINGS else SITE_LOOKUP if headings is SITE_HEADINGS else None
    lookup = lookup or _lookup(headings)
    columns = ColumnMap()
    for index, cell in enumerate(header):
        heading = "" if cell is None else str(cell).strip()
        if not heading:
            continue
        field_name = lookup.get(squash(heading))
        if field_name is None and squash(heading) in IGNORED:
            continue
        if field_name is None:
            columns.unknown.append(heading)
        elif field_name in columns.index_by_field:
            columns.problems.append(
                f'Columns "{columns.heading_by_field[field_name]}" and "{heading}" both give the '
                f"{headings[field_name][0].lower()}: keep one."
            )
        else:
            columns.index_by_field[field_name] = index
            columns.heading_by_field[field_name] = heading
    for field_name in required:
        if field_name not in columns.index_by_field:
            variants = ", ".join(f'"{variant}"' for variant in headings[field_name][:4])
            columns.problems.append(f"No {headings[field_name][0].lower()} column: add one headed {variants}.")
    return columns
