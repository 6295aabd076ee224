"""camera_build with answers kept between cameras (as an import keeps them) derives what it derives without."""

import datetime

import pytest

from assets.importing.lookups import ManufacturerIndex
from assets.services import camera_build, organisation_follow_restrictions
from assets.vendors import manufacturer_chain_changes

DERIVED = ("organisation_id", "vendor_id", "origin_country", "origin_country_source", "restricted", "end_of_life_date")


@pytest.mark.django_db
def test_derived_values_kept_between_cameras_are_those_worked_out_for_each(council, library):
    organisation_follow_restrictions(organisation=council, keys=["us-fcc-covered"])
    manufacturers = [*ManufacturerIndex().by_id.values(), None]
    answers: dict = {}
    days = {datetime.date(2010, 1, 1), datetime.date(2024, 6, 30)}
    for manufacturer in manufacturers[:-1]:
        for change in manufacturer_chain_changes(manufacturer=manufacturer):
            days |= {change - datetime.timedelta(days=1), change, change + datetime.timedelta(days=1)}
    assert len(days) > 6  # the reference data has owners and makers that changed
    restricted = set()
    for manufacturer in manufacturers:
        for day in sorted(days):
            for origin in ("", "CN", "SE"):
                fields = {"site": library, "manufacturer": manufacturer, "install_date": day, "origin_country": origin}
                kept = camera_build(asset_tag="K", answers=answers, **fields)
                worked_out = camera_build(asset_tag="W", **fields)
                restricted.add(worked_out.restricted)
                assert [getattr(kept, name) for name in DERIVED] == [getattr(worked_out, name) for name in DERIVED], (
                    manufacturer,
                    day,
                    origin,
                )
    assert restricted == {True, False}
