"""camera_validate, which an import runs on every row, refuses exactly what full_clean refuses, with its messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.models import Camera
from assets.services import camera_validate
from tests import factories

TEXTS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", "x" * 50, "x" * 51, "x" * 101, "a\x00b", "two\nlines", "tab\there", "\x85", "£ é 漢字"]),
)
DATES = st.one_of(
    st.none(),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31)),
    st.just(datetime.date.today() + datetime.timedelta(days=1)),
)
CAMERAS = st.fixed_dictionaries(
    {
        "asset_tag": TEXTS,
        "model": TEXTS,
        "serial_number": TEXTS,
        # As camera_build leaves it: an upper-case code (full_clean reads "gb" or "GBR" as its Country, GB).
        "origin_country": st.sampled_from(["", "GB", "CN", "XX", "G"]),
        "install_date": DATES,
        "end_of_life_date": DATES,
        "decommissioned_date": DATES,
        "status": st.sampled_from(["operational", "faulty", "planned", "decommissioned", "broken", ""]),
        "networked": st.booleans(),
        "location_description": TEXTS,
        "notes": TEXTS,
        "restriction_override_reason": TEXTS,
    }
)
ANSWERS: dict = {}  # kept between examples, as an import keeps them between rows


def messages(check) -> dict:
    try:
        check()
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=CAMERAS)
def test_camera_validate_gives_full_cleans_messages(council, library, values):
    brand = factories.manufacturer("hikvision")
    cleaned, validated = (
        Camera(site=library, organisation=council, manufacturer=brand, vendor=brand, **values) for _ in range(2)
    )
    expected = messages(cleaned.full_clean)
    assert messages(lambda: camera_validate(camera=validated, answers=ANSWERS)) == expected
