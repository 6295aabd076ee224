"""The Python answers to the camera's check constraints agree with the database's, value for value."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.choices import CameraStatus
from assets.models import Camera
from core.constraints import NotUnderstood, condition_holds

DATES = st.one_of(st.none(), st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31)))
CHECKS = [constraint for constraint in Camera._meta.constraints if isinstance(constraint, CheckConstraint)]


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    install=DATES,
    end_of_life=DATES,
    decommissioned=DATES,
    status=st.sampled_from(CameraStatus.values),
    origin=st.sampled_from(["", "GB", "gb", "CN", "G", "GBR", "Gb", "ÉE"]),
)
def test_python_and_database_agree(install, end_of_life, decommissioned, status, origin):
    values = {
        "install_date": install,
        "end_of_life_date": end_of_life,
        "decommissioned_date": decommissioned,
        "status": status,
        "origin_country": origin,
    }
    camera = Camera(**values)
    # As the database would store them (a country code is upper-cased by its field).
    values = {name: Camera._meta.get_field(name).get_prep_value(getattr(camera, name)) for name in values}
    for constraint in CHECKS:
        try:
            constraint.validate(Camera, camera)  # the database's answer
            in_database = True
        except ValidationError:
            in_database = False
        try:
            in_python = condition_holds(condition=constraint.condition, values=values)
        except NotUnderstood:
            assert origin and not origin.isascii()  # left to the database, on purpose
            continue
        assert in_python == in_database, (constraint.name, values)


def test_unknown_shapes_are_left_to_the_database():
    from django.db.models import Q
    from django.db.models.functions import Now

    with pytest.raises(NotUnderstood):
        condition_holds(condition=Q(install_date__lte=Now()), values={"install_date": datetime.date(2020, 1, 1)})
    with pytest.raises(NotUnderstood):
        condition_holds(condition=Q(site__name="x"), values={"site": 1})
