"""The shortcuts for building and validating many records give what Django's own ways give."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.models import Camera
from core.bulk_build import record_new
from core.validation import fields_plainly_valid
from tests import factories

TEXTS = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", " ", "x" * 50, "x" * 51, "x" * 100, "x" * 101, "a\x00b", "line\nbreak", "tab\there", "\x85"]),
)
VALUES = st.one_of(
    st.none(),
    TEXTS,
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.dates(),
    st.datetimes(timezones=st.just(datetime.UTC)),
    st.floats(allow_nan=False),
)
EXCLUDED = {"site", "organisation", "manufacturer", "status", "origin_country", "origin_country_source"}
CHECKED = [field.name for field in Camera._meta.fields if field.name not in EXCLUDED]


@pytest.mark.django_db
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(CHECKED), value=VALUES)
def test_a_value_vouched_for_passes_clean_fields_unchanged(name, value):
    camera = Camera(asset_tag="A-1", install_date=datetime.date(2020, 1, 1))
    field = Camera._meta.get_field(name)
    camera.__dict__[field.attname] = value
    if not fields_plainly_valid(camera, exclude=set(EXCLUDED)):
        return
    camera.clean_fields(exclude=set(EXCLUDED))  # raises if the shortcut was wrong
    assert type(camera.__dict__[field.attname]) is type(value) and camera.__dict__[field.attname] == value


@pytest.mark.django_db
def test_values_it_cannot_vouch_for_are_left_to_clean_fields():
    refused = [
        ("asset_tag", ""),
        ("asset_tag", "x" * 51),
        ("notes", "a\x00b"),
        ("model", "a\nb"),
        ("install_date", datetime.datetime(2020, 1, 1)),
        ("networked", 1),
        ("vendor", 5),
    ]
    for name, value in refused:
        camera = Camera(asset_tag="A-1")
        camera.__dict__[Camera._meta.get_field(name).attname] = value
        assert not fields_plainly_valid(camera, exclude=set(EXCLUDED)), name
    camera = Camera(asset_tag="A-1", notes="tab\tand\nbreak")
    assert fields_plainly_valid(camera, exclude=set(EXCLUDED))
    with pytest.raises(ValidationError):
        camera.asset_tag = ""
        camera.clean_fields(exclude=set(EXCLUDED))


@pytest.mark.django_db
def test_a_record_built_from_a_blank_one_is_what_the_constructor_builds(council, library):
    fields = {
        "site": library,
        "asset_tag": "A-1",
        "manufacturer": factories.manufacturer("hikvision"),
        "model": "DS-2CD",
        "origin_country": "cn",
        "install_date": datetime.date(2020, 1, 1),
        "networked": True,
        "status": "faulty",
    }
    built, constructed = record_new(Camera, **fields), Camera(**fields)
    assert {name: value for name, value in vars(built).items() if name != "_state"} == {
        name: value for name, value in vars(constructed).items() if name != "_state"
    }
    assert vars(built._state) == vars(constructed._state)
    assert record_new(Camera).__dict__.keys() == Camera().__dict__.keys()
    with pytest.raises(TypeError):
        record_new(Camera, colour="red")
