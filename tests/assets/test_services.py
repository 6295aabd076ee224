import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from assets.models import Camera, Manufacturer
from assets.services import (
    camera_decommission,
    camera_update,
    cameras_refresh_derived,
    estimate_end_of_life,
    manufacturer_update,
    organisation_follow_restrictions,
    organisation_settings_update,
    restriction_create,
    restriction_delete,
    restriction_update,
)
from assets.vendors import manufacturer_chain_on, manufacturer_vendor_on
from registry.services import site_update
from tests import factories


def test_blank_origin_country_takes_the_manufacturers(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    assert camera.origin_country.code == "CN"
    assert camera.origin_country_source == "manufacturer"


def test_recorded_origin_country_wins_over_the_manufacturers(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"), origin_country="GB")
    assert camera.origin_country.code == "GB"
    assert camera.origin_country_source == "recorded"


def test_unknown_manufacturer_leaves_origin_unknown(library):
    camera = factories.camera(library, manufacturer=None)
    assert camera.origin_country.code is None or camera.origin_country == ""
    assert camera.origin_country_source == "unknown"
    assert camera.vendor is None


def test_changing_manufacturer_rederives_a_derived_origin_but_keeps_a_recorded_one(library):
    derived = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    recorded = factories.camera(library, manufacturer=factories.manufacturer("hikvision"), origin_country="VN")
    bosch = factories.manufacturer("bosch")
    camera_update(camera=derived, manufacturer=bosch)
    camera_update(camera=recorded, manufacturer=bosch)
    assert (derived.origin_country.code, derived.origin_country_source) == ("DE", "manufacturer")
    assert (recorded.origin_country.code, recorded.origin_country_source) == ("VN", "recorded")


def test_blanking_a_recorded_origin_goes_back_to_the_manufacturers(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("bosch"), origin_country="VN")
    camera_update(camera=camera, origin_country="")
    assert (camera.origin_country.code, camera.origin_country_source) == ("DE", "manufacturer")


def test_end_of_life_is_estimated_from_the_organisation_lifespan(council, library):
    council.default_camera_lifespan_years = 7
    council.save()
    library.refresh_from_db()
    camera = factories.camera(library, install_date=datetime.date(2018, 3, 1))
    assert camera.end_of_life_date == datetime.date(2025, 3, 1)
    assert camera.end_of_life_estimated is True


def test_recorded_end_of_life_is_not_estimated_and_survives_an_install_date_change(library):
    camera = factories.camera(
        library, install_date=datetime.date(2018, 3, 1), end_of_life_date=datetime.date(2030, 1, 1)
    )
    camera_update(camera=camera, install_date=datetime.date(2019, 1, 1))
    assert camera.end_of_life_date == datetime.date(2030, 1, 1)
    assert camera.end_of_life_estimated is False


def test_estimated_end_of_life_follows_the_install_date(library):
    camera = factories.camera(library, install_date=datetime.date(2018, 3, 1))
    camera_update(camera=camera, install_date=datetime.date(2019, 6, 30))
    assert camera.end_of_life_date == datetime.date(2029, 6, 30)


def test_no_install_date_means_no_estimate(library):
    camera = factories.camera(library, install_date=None)
    assert camera.end_of_life_date is None
    assert camera.end_of_life_estimated is False


def test_estimate_from_29_february_lands_on_28_february():
    assert estimate_end_of_life(install_date=datetime.date(2020, 2, 29), lifespan_years=10) == datetime.date(
        2030, 2, 28
    )


def test_subsidiary_brand_counts_under_its_parent(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("ezviz"))
    assert camera.vendor.slug == "hikvision"


@pytest.mark.django_db
def test_axis_counts_under_canon_since_2015_only():
    axis = factories.manufacturer("axis-communications")
    assert manufacturer_vendor_on(manufacturer=axis, day=datetime.date(2014, 12, 31)).slug == "axis-communications"
    assert manufacturer_vendor_on(manufacturer=axis, day=datetime.date(2015, 1, 1)).slug == "canon"


@pytest.mark.parametrize(
    ("installed", "vendor"),
    [
        (datetime.date(2017, 12, 31), "lorex"),
        (datetime.date(2018, 1, 1), "dahua"),
        (datetime.date(2022, 11, 23), "dahua"),
        (datetime.date(2022, 11, 24), "lorex"),
    ],
)
def test_lorex_vendor_depends_on_the_install_date(library, installed, vendor):
    camera = factories.camera(library, manufacturer=factories.manufacturer("lorex"), install_date=installed)
    assert camera.vendor.slug == vendor


@pytest.mark.django_db
def test_reference_manufacturers_are_loaded_with_countries_parents_and_aliases():
    assert Manufacturer.objects.count() >= 40
    hikvision = Manufacturer.objects.get(slug="hikvision")
    assert hikvision.country.code == "CN"
    assert "Hik Vision" in hikvision.alias_list
    assert {brand.slug for brand in hikvision.brands.all()} == {"ezviz", "hilook", "hiwatch"}
    assert Manufacturer.objects.get(slug="amcrest").parent.slug == "dahua"


@pytest.mark.django_db
def test_a_parent_chain_that_would_loop_is_refused():
    hikvision = Manufacturer.objects.get(slug="hikvision")
    hikvision.parent = Manufacturer.objects.get(slug="ezviz")
    with pytest.raises(ValidationError) as error:
        hikvision.full_clean()
    assert "loop" in error.value.message_dict["parent"][0]


@pytest.mark.django_db
def test_a_manufacturer_cannot_be_its_own_parent():
    hikvision = Manufacturer.objects.get(slug="hikvision")
    hikvision.parent = hikvision
    with pytest.raises(ValidationError) as error:
        hikvision.full_clean()
    assert set(error.value.message_dict) == {"parent"}


def test_refresh_after_an_ownership_change_recomputes_vendors(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("imou"))
    assert camera.vendor.slug == "dahua"
    imou = factories.manufacturer("imou")
    imou.parent = None
    imou.save()
    assert cameras_refresh_derived(manufacturers=[imou]) == 1
    camera.refresh_from_db()
    assert camera.vendor.slug == "imou"


def test_refresh_after_a_lifespan_change_reestimates_only_estimates(council, library):
    estimated = factories.camera(library, install_date=datetime.date(2018, 3, 1))
    recorded = factories.camera(
        library, install_date=datetime.date(2018, 3, 1), end_of_life_date=datetime.date(2031, 1, 1)
    )
    council.default_camera_lifespan_years = 5
    council.save()
    assert cameras_refresh_derived(organisation=council) == 1
    estimated.refresh_from_db()
    recorded.refresh_from_db()
    assert estimated.end_of_life_date == datetime.date(2023, 3, 1)
    assert recorded.end_of_life_date == datetime.date(2031, 1, 1)


def test_decommission_sets_status_and_date_and_records_history(library):
    camera = factories.camera(library)
    camera_decommission(camera=camera, decommissioned_date=datetime.date(2024, 5, 1))
    camera.refresh_from_db()
    assert (camera.status, camera.decommissioned_date) == ("decommissioned", datetime.date(2024, 5, 1))
    latest = camera.history.first()
    assert latest.history_change_reason == "Decommissioned"
    assert camera.history.count() == 2


def test_a_failed_update_writes_nothing(library):
    camera = factories.camera(library, install_date=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        camera_update(camera=Camera.objects.get(pk=camera.pk), end_of_life_date=datetime.date(2019, 1, 1))
    camera.refresh_from_db()
    assert camera.end_of_life_estimated is True
    assert camera.history.count() == 1


def test_unknown_input_field_is_a_programming_error(library):
    with pytest.raises(TypeError, match="vendor"):
        factories.camera(library, vendor=factories.manufacturer("hikvision"))


@pytest.mark.django_db
def test_reference_data_records_amcrest_as_made_by_dahua_and_the_rest_as_owned():
    relations = dict(Manufacturer.objects.filter(parent__isnull=False).values_list("slug", "parent_relation"))
    assert relations.pop("amcrest") == "maker"
    assert set(relations.values()) == {"owner"}
    assert Manufacturer.objects.get(slug="hikvision").parent_relation == "owner"  # the default, with no parent


def test_a_brand_made_by_another_company_is_its_own_vendor(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("amcrest"))
    assert camera.vendor.slug == "amcrest"


@pytest.mark.django_db
def test_vendor_follows_owner_links_only_but_the_chain_follows_makers_too():
    amcrest = factories.manufacturer("amcrest")
    owner = Manufacturer.objects.create(name="Amcrest Holdings", slug="amcrest-holdings", country="US")
    day = datetime.date(2024, 1, 1)
    assert [m.slug for m in manufacturer_chain_on(manufacturer=amcrest, day=day)] == ["amcrest", "dahua"]
    assert manufacturer_vendor_on(manufacturer=amcrest, day=day).slug == "amcrest"
    brand = Manufacturer.objects.create(name="Amcrest Pro", slug="amcrest-pro", parent=amcrest)
    assert manufacturer_vendor_on(manufacturer=brand, day=day).slug == "amcrest"
    assert [m.slug for m in manufacturer_chain_on(manufacturer=brand, day=day)] == ["amcrest-pro", "amcrest", "dahua"]
    assert owner.slug == manufacturer_vendor_on(manufacturer=owner, day=day).slug


def test_the_migration_moves_stored_vendors_off_a_maker_and_marks_cameras_by_origin(council, library):
    """What 0006 does to a register stored under the old reading (every parent an owner)."""
    organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"])
    amcrest = factories.camera(library, manufacturer=factories.manufacturer("amcrest"))
    made_in_china = factories.camera(library, manufacturer=None, origin_country="CN")
    ezviz = factories.camera(library, manufacturer=factories.manufacturer("ezviz"))
    Manufacturer.objects.filter(slug="amcrest").update(parent_relation="owner")
    Camera.objects.filter(pk=amcrest.pk).update(vendor=factories.manufacturer("dahua"))
    Camera.objects.filter(pk=made_in_china.pk).update(restricted=False)

    migration = importlib.import_module("assets.migrations.0006_manufacturer_parent_relation")
    migration.record_makers(django_apps, None)

    assert factories.manufacturer("amcrest").parent_relation == "maker"
    assert Camera.objects.get(pk=amcrest.pk).vendor.slug == "amcrest"
    assert Camera.objects.get(pk=made_in_china.pk).restricted is True
    assert Camera.objects.get(pk=ezviz.pk).vendor.slug == "hikvision"


def test_cameras_refresh_derived_marks_a_camera_restricted_by_its_recorded_origin(council, library):
    organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"])
    camera = factories.camera(library, manufacturer=None, origin_country="CN")
    Camera.objects.filter(pk=camera.pk).update(restricted=False)
    assert cameras_refresh_derived(organisation=council) == 1
    camera.refresh_from_db()
    assert camera.restricted is True


# What changed: each update service compares what it is given with what is stored, and says what it changed.


def test_camera_update_with_nothing_new_changes_nothing(library):
    camera = factories.camera(library, notes="Lens cleaned")
    saved = camera_update(camera=camera, notes="Lens cleaned", site=library, status="operational")
    assert saved.record is camera
    assert saved.changed == ()


def test_camera_update_names_the_one_field_changed(library):
    camera = factories.camera(library)
    assert camera_update(camera=camera, notes="Lens cleaned").changed == ("notes",)


def test_camera_update_names_the_derived_fields_that_followed(library):
    camera = factories.camera(library, install_date=datetime.date(2020, 1, 15))
    saved = camera_update(camera=camera, install_date=datetime.date(2021, 1, 15))
    assert saved.changed == ("install_date", "end_of_life_date")
    assert camera.end_of_life_date == datetime.date(2031, 1, 15)


def test_camera_update_keeps_derived_values_sent_back_as_read(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    saved = camera_update(camera=camera, origin_country="CN", end_of_life_date=camera.end_of_life_date)
    assert saved.changed == ()
    assert (camera.origin_country_source, camera.end_of_life_estimated) == ("manufacturer", True)
    assert camera_update(camera=camera, origin_country="GB").changed == ("origin_country", "origin_country_source")


def test_camera_update_names_a_recorded_origin_given_back_to_the_manufacturer(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"), origin_country="CN")
    assert camera_update(camera=camera, origin_country="").changed == ("origin_country_source",)


def test_manufacturer_update_names_what_changed_and_rederives_cameras_only_for_a_link_or_country(library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("bosch"))
    bosch = factories.manufacturer("bosch")
    assert manufacturer_update(manufacturer=bosch, note="Checked").changed == ("note",)
    assert manufacturer_update(manufacturer=bosch, note="Checked").changed == ()
    assert manufacturer_update(manufacturer=bosch, country="GB").changed == ("country",)
    camera.refresh_from_db()
    assert (camera.origin_country.code, camera.origin_country_source) == ("GB", "manufacturer")


def test_organisation_settings_update_reestimates_end_of_life_when_the_lifespan_changes(council, library):
    camera = factories.camera(library, install_date=datetime.date(2018, 3, 1))
    assert organisation_settings_update(organisation=council, name=council.name).changed == ()
    saved = organisation_settings_update(organisation=council, default_camera_lifespan_years=5)
    assert saved.changed == ("default_camera_lifespan_years",)
    camera.refresh_from_db()
    assert camera.end_of_life_date == datetime.date(2023, 3, 1)


def test_organisation_settings_update_follows_restrictions_and_marks_cameras(council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    saved = organisation_settings_update(organisation=council, followed_restrictions=["uk-2022-nil"])
    assert saved.changed == ("followed_restrictions",)
    camera.refresh_from_db()
    assert camera.restricted is True
    assert organisation_settings_update(organisation=council, followed_restrictions=["uk-2022-nil"]).changed == ()


def test_restriction_update_and_delete_mark_the_followers_cameras_again(council, other_council, library):
    ours = factories.camera(library, manufacturer=factories.manufacturer("bosch"))
    theirs = factories.camera(factories.site(other_council), manufacturer=factories.manufacturer("bosch"))
    restriction = restriction_create(organisation=council, basis="Our own rule", manufacturer=ours.manufacturer)
    ours.refresh_from_db()
    assert ours.restricted is True
    saved = restriction_update(restriction=restriction, adopted_by=[other_council])
    assert saved.changed == ("adopted_by",)
    theirs.refresh_from_db()
    assert theirs.restricted is True
    assert restriction_update(restriction=restriction, adopted_by=[other_council], note="").changed == ()
    restriction_delete(restriction=restriction)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.restricted, theirs.restricted) == (False, False)


def test_site_update_names_what_changed(library):
    assert site_update(site=library, ward="Riverside").changed == ("ward",)
    assert site_update(site=library, ward="Riverside").changed == ()
