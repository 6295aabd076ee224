"""The columns of the camera list's download, in the order officers read them."""

from registry.spreadsheets import Column

CAMERA_LIST_COLUMNS = [
    Column("Asset tag", lambda c: c.asset_tag),
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
