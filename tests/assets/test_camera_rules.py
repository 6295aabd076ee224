"""Every camera rule: the invalid case is refused naming the field; the valid boundary is accepted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assets.models import Camera
from tests import factories

INSTALLED = datetime.date(2020, 1, 15)


def fields_in_error(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def test_end_of_life_before_install_is_refused(library):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, install_date=INSTALLED, end_of_life_date=INSTALLED - datetime.timedelta(days=1))
    assert fields_in_error(error.value) == {"end_of_life_date"}
    assert "cannot be before the install date" in error.value.message_dict["end_of_life_date"][0]


def test_end_of_life_on_install_day_is_accepted(library):
    camera = factories.camera(library, install_date=INSTALLED, end_of_life_date=INSTALLED)
    assert camera.end_of_life_date == INSTALLED
    assert camera.end_of_life_estimated is False


def test_decommissioned_before_install_is_refused(library):
    with pytest.raises(ValidationError) as error:
        factories.camera(
            library,
            status="decommissioned",
            install_date=INSTALLED,
            decommissioned_date=INSTALLED - datetime.timedelta(days=1),
        )
    assert fields_in_error(error.value) == {"decommissioned_date"}
    assert "cannot be before the install date" in error.value.message_dict["decommissioned_date"][0]


def test_decommissioned_on_install_day_is_accepted(library):
    camera = factories.camera(library, status="decommissioned", install_date=INSTALLED, decommissioned_date=INSTALLED)
    assert camera.status == "decommissioned"


def test_decommissioned_camera_needs_a_decommissioned_date(library):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, status="decommissioned")
    assert fields_in_error(error.value) == {"decommissioned_date"}
    assert "needs a decommissioned date" in error.value.message_dict["decommissioned_date"][0]


@pytest.mark.parametrize("status", ["planned", "operational", "faulty"])
def test_only_a_decommissioned_camera_has_a_decommissioned_date(library, status):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, status=status, install_date=INSTALLED, decommissioned_date=datetime.date(2021, 1, 1))
    assert fields_in_error(error.value) == {"decommissioned_date"}


@pytest.mark.parametrize("status", ["operational", "faulty"])
def test_camera_in_service_cannot_be_installed_in_the_future(library, status):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        factories.camera(library, status=status, install_date=tomorrow)
    assert fields_in_error(error.value) == {"install_date"}
    assert "in the future" in error.value.message_dict["install_date"][0]


@pytest.mark.parametrize("status", ["operational", "faulty"])
def test_camera_in_service_installed_today_is_accepted(library, status):
    camera = factories.camera(library, status=status, install_date=timezone.localdate())
    assert camera.pk


def test_planned_camera_may_have_a_future_install_date(library):
    next_year = timezone.localdate() + datetime.timedelta(days=365)
    camera = factories.camera(library, status="planned", install_date=next_year)
    assert camera.install_date == next_year


@pytest.mark.parametrize("code", ["XX", "UK", "C", "CHN", "12"])
def test_origin_country_must_be_an_iso_alpha2_code(library, code):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, origin_country=code)
    assert fields_in_error(error.value) == {"origin_country"}


@pytest.mark.parametrize(("typed", "stored"), [("GB", "GB"), ("se", "SE"), ("CN", "CN")])
def test_origin_country_accepts_a_real_code_in_any_case(library, typed, stored):
    camera = factories.camera(library, origin_country=typed)
    assert camera.origin_country.code == stored
    assert camera.origin_country_source == "recorded"


def test_asset_tag_is_unique_within_the_organisation(council, library):
    factories.camera(library, asset_tag="LIB-001")
    other_site = factories.site(council, name="Depot", category_slug="depot")
    with pytest.raises(ValidationError) as error:
        factories.camera(other_site, asset_tag="LIB-001")
    assert error.value.message_dict == {"asset_tag": ["This organisation already has a camera with this asset tag."]}


def test_two_organisations_may_both_have_the_same_asset_tag(library, other_council):
    factories.camera(library, asset_tag="LIB-001")
    elsewhere = factories.camera(factories.site(other_council), asset_tag="LIB-001")
    assert elsewhere.organisation == other_council
    assert Camera.objects.filter(asset_tag="LIB-001").count() == 2


def test_camera_site_must_belong_to_the_camera_organisation(library, other_council):
    camera = factories.camera(library)
    camera.site = factories.site(other_council)
    with pytest.raises(ValidationError) as error:
        camera.full_clean()
    assert "site" in error.value.message_dict


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("end_of_life_date", datetime.date(2019, 1, 1)),
        ("decommissioned_date", datetime.date(2021, 1, 1)),
        ("origin_country", "cn"),
    ],
)
def test_database_constraints_hold_without_model_validation(library, column, value):
    camera = factories.camera(library, install_date=INSTALLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Camera.objects.filter(pk=camera.pk).update(**{column: value})


def test_database_refuses_a_duplicate_asset_tag(library):
    camera = factories.camera(library, asset_tag="LIB-001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Camera.objects.create(organisation=camera.organisation, site=library, asset_tag="LIB-001", status="operational")
