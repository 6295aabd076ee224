"""The camera list's, the replacement plan's and the counts' downloads, their columns in the order officers read
them (each camera column declared once, in ``assets.vocabulary.CAMERA_COLUMNS``).

Every column declares its width, so a download of the whole register is streamed, never held in memory."""

import datetime
from typing import Any

from assets.replacement import PRIORITIES
from assets.selectors import camera_is_past_end_of_life
from assets.vocabulary import camera_columns, dimension_heading
from core.printing import Printed
from core.spreadsheets import MONEY_FORMAT, Column, Sheet, write_workbook

CAMERA_LIST_COLUMNS = camera_columns(
    "asset_tag",
    "organisation",
    "site",
    "site_category",
    "manufacturer",
    "vendor",
    "model",
    "serial_number",
    "origin_country",
    "origin_country_source",
    "networked",
    "restricted",
    "status",
    "install_date",
    "end_of_life_date",
    "end_of_life_estimated",
    "decommissioned_date",
    "location_description",
    "notes",
)


# The plan's own columns, about each camera's place in the plan rather than the camera.
REPLACEMENT_PLAN_OWN_HEADINGS = ("Priority", "Why", "Past end of life", "Unit cost")


def replacement_plan_columns(*, today: datetime.date) -> list[Column]:
    """The replacement plan's download: cameras from ``replacement_plan_cameras``, most urgent first."""
    priority, why, past_end_of_life, unit_cost = REPLACEMENT_PLAN_OWN_HEADINGS
    return [
        Column(priority, lambda c: c.priority, 9),
        Column(why, lambda c: PRIORITIES[c.priority], 28),
        *camera_columns(
            "asset_tag",
            "organisation",
            "site",
            "site_category",
            "sensitive",
            "networked",
            "manufacturer",
            "vendor",
            "model",
            "status",
            "install_date",
            "end_of_life_date",
            "end_of_life_estimated",
        ),
        Column(past_end_of_life, lambda c: camera_is_past_end_of_life(camera=c, today=today), 11),
        Column(unit_cost, lambda c: c.unit_cost, 12, MONEY_FORMAT),
    ]


REPLACEMENT_BY_YEAR_TITLE = "By end-of-life year"
# The replacement plan's second sheet: rows of ``replacement_plan_summary``'s ``by_year``, as on the page.
REPLACEMENT_BY_YEAR_COLUMNS = [
    Column("End-of-life year", lambda year: year["year"] or "No end-of-life date", 20, "0"),
    Column("Restricted", "restricted_count", 12),
    Column("Other", "other_count", 12),
    Column("Budget", "budget", 15, MONEY_FORMAT),
    Column("Restricted with no unit cost", "uncosted_count", 15),
]


def replacement_by_year_sheet(*, summary: dict) -> Sheet:
    """Cameras in place or planned by end-of-life year, the budget to replace the restricted ones, and a total."""
    by_year = summary["by_year"]
    total = [
        "Total",
        sum(year["restricted_count"] for year in by_year),
        sum(year["other_count"] for year in by_year),
        summary["headline"]["budget"],
        sum(year["uncosted_count"] for year in by_year),
    ]
    return Sheet(REPLACEMENT_BY_YEAR_TITLE, REPLACEMENT_BY_YEAR_COLUMNS, by_year, footer_rows=[total])


def counts_sheet(*, title: str, dimension_headings: list[str], groups: list[dict[str, Any]], total: int) -> Sheet:
    """A heading per dimension and Cameras, a row per group (``{"labels", "count"}``), and a Total row."""
    columns = [
        Column(heading, lambda group, index=index: group["labels"][index])
        for index, heading in enumerate(dimension_headings)
    ]
    columns.append(Column("Cameras", "count"))
    if dimension_headings:
        total_row = ["Total", *([None] * (len(dimension_headings) - 1)), total]
    else:
        columns.insert(0, Column("Scope", lambda group: "All cameras matching the question"))
        groups = [{"count": total}]
        total_row = ["Total", total]
    return Sheet(title, columns, groups, footer_rows=[total_row])


def counts_workbook(*, counts: dict[str, Any], printed: Printed, title: str = "Camera counts") -> bytes:
    """The counts endpoint's table (``camera_counts``' answer) as a one-sheet workbook."""
    dimensions = counts["group_by"]
    groups = [
        {"count": group["count"], "labels": [group[f"{name}_label"] for name in dimensions]}
        for group in counts["groups"]
    ]
    sheet = counts_sheet(
        title=title,
        dimension_headings=[dimension_heading(name) for name in dimensions],
        groups=groups,
        total=counts["total"],
    )
    return write_workbook([sheet], printed=printed)
