"""The columns of the camera list's and the replacement plan's downloads, in the order officers read them.

Every column declares its width, so a download of the whole register is streamed, never held in memory."""

import datetime

from assets.replacement import PRIORITIES
from core.spreadsheets import MONEY_FORMAT, Column, Sheet

CAMERA_LIST_COLUMNS = [
    Column("Asset tag", lambda c: c.asset_tag, 15),
    Column("Organisation", lambda c: c.organisation.name, 25),
    Column("Site", lambda c: c.site.name, 30),
    Column("Site category", lambda c: c.site.category.name, 20),
    Column("Manufacturer", lambda c: c.manufacturer.name if c.manufacturer else "", 20),
    Column("Vendor", lambda c: c.vendor.name if c.vendor else "", 20),
    Column("Model", lambda c: c.model, 20),
    Column("Serial number", lambda c: c.serial_number, 20),
    Column("Origin country", lambda c: c.origin_country.name if c.origin_country else "", 20),
    Column("Origin country from", lambda c: c.get_origin_country_source_display(), 25),
    Column("Networked", lambda c: c.networked, 11),
    Column("Restricted vendor", lambda c: c.restricted, 11),
    Column("Status", lambda c: c.get_status_display(), 15),
    Column("Install date", lambda c: c.install_date, 13),
    Column("End of life date", lambda c: c.end_of_life_date, 15),
    Column("End of life estimated", lambda c: c.end_of_life_estimated if c.end_of_life_date else None, 12),
    Column("Decommissioned date", lambda c: c.decommissioned_date, 15),
    Column("Location", lambda c: c.location_description, 40),
    Column("Notes", lambda c: c.notes, 40),
]


def replacement_plan_columns(*, today: datetime.date) -> list[Column]:
    """The replacement plan's download: cameras from ``replacement_plan_cameras``, most urgent first."""
    return [
        Column("Priority", lambda c: c.priority, 9),
        Column("Why", lambda c: PRIORITIES[c.priority], 28),
        Column("Asset tag", lambda c: c.asset_tag, 15),
        Column("Organisation", lambda c: c.organisation.name, 25),
        Column("Site", lambda c: c.site.name, 30),
        Column("Site category", lambda c: c.site.category.name, 20),
        Column("Sensitive site", lambda c: c.site.sensitive, 11),
        Column("Networked", lambda c: c.networked, 11),
        Column("Manufacturer", lambda c: c.manufacturer.name if c.manufacturer else "", 20),
        Column("Vendor", lambda c: c.vendor.name if c.vendor else "", 20),
        Column("Model", lambda c: c.model, 20),
        Column("Status", lambda c: c.get_status_display(), 15),
        Column("Install date", lambda c: c.install_date, 13),
        Column("End of life date", lambda c: c.end_of_life_date, 15),
        Column("End of life estimated", lambda c: c.end_of_life_estimated if c.end_of_life_date else None, 12),
        Column("Past end of life", lambda c: c.end_of_life_date < today if c.end_of_life_date else None, 11),
        Column("Unit cost", lambda c: c.unit_cost, 12, MONEY_FORMAT),
    ]


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
    return Sheet("By end-of-life year", REPLACEMENT_BY_YEAR_COLUMNS, by_year, footer_rows=[total])
