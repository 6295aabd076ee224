import datetime

import pytest

from assets.services import organisation_follow_restrictions
from tests import factories


@pytest.fixture
def register(council, other_council, library):
    """Five cameras in two sites of the council, and one of another council's that must never show."""
    car_park = factories.site(council, name="Market Car Park", category_slug="car-park")
    cameras = {
        "A": factories.camera(library, asset_tag="A", install_date=datetime.date(2018, 1, 10), networked=True),
        "B": factories.camera(
            library,
            asset_tag="B",
            manufacturer=factories.manufacturer("ezviz"),
            install_date=datetime.date(2020, 6, 1),
            status="faulty",
        ),
        "C": factories.camera(
            car_park,
            asset_tag="C",
            manufacturer=factories.manufacturer("axis-communications"),
            install_date=datetime.date(2015, 3, 1),
            networked=True,
            status="decommissioned",
            decommissioned_date=datetime.date(2022, 1, 1),
        ),
        "D": factories.camera(car_park, asset_tag="D", manufacturer=None, install_date=None, status="planned"),
        "E": factories.camera(
            car_park,
            asset_tag="E",
            manufacturer=factories.manufacturer("dahua"),
            origin_country="GB",
            install_date=datetime.date(2021, 1, 1),
            end_of_life_date=datetime.date(2023, 1, 1),
        ),
    }
    factories.camera(factories.site(other_council, name="Their Library"), asset_tag="THEIRS")
    return {"library": library, "car_park": car_park, "cameras": cameras}


@pytest.fixture
def follows_uk_statement(council):
    organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"])
    return council


@pytest.fixture
def with_policy(follows_uk_statement):
    follows_uk_statement.no_restricted_cameras_after = datetime.date(2022, 11, 24)
    follows_uk_statement.save()
    return follows_uk_statement
