import datetime

import pytest
from django.core.exceptions import ValidationError

from assets.importing import cameras_import
from assets.models import Camera, Manufacturer, VendorRestriction
from assets.services import camera_update, manufacturer_update, organisation_follow_restrictions, restriction_create
from tests import factories
from tests.assets.importing.spreadsheets import csv_bytes, upload

AFTER_POLICY = datetime.date(2023, 6, 1)


def test_public_bases_ship_with_the_register(db):
    assert VendorRestriction.objects.filter(key="uk-2022-nil", country="CN").exists()
    fcc = set(VendorRestriction.objects.filter(key="us-fcc-covered").values_list("manufacturer__slug", flat=True))
    assert fcc == {"hikvision", "dahua", "hytera", "huawei", "zte"}


def test_nothing_is_restricted_until_the_organisation_follows_a_restriction(library):
    assert factories.camera(library, manufacturer=factories.manufacturer("hikvision")).restricted is False


@pytest.mark.parametrize(
    ("brand", "restricted"),
    [("hikvision", True), ("ezviz", True), ("hilook", True), ("amcrest", True), ("bosch", False), ("canon", False)],
)
def test_country_rule_catches_brands_through_their_parents(follows_uk_statement, library, brand, restricted):
    camera = factories.camera(library, manufacturer=factories.manufacturer(brand))
    assert camera.restricted is restricted


def test_manufacturer_rule_covers_brands_below_it(council, library):
    organisation_follow_restrictions(organisation=council, keys=["us-fcc-covered"])
    assert factories.camera(library, manufacturer=factories.manufacturer("imou")).restricted is True
    assert factories.camera(library, manufacturer=factories.manufacturer("uniview")).restricted is False


@pytest.mark.parametrize(("installed", "restricted"), [(datetime.date(2020, 1, 1), True), (AFTER_POLICY, False)])
def test_lorex_is_restricted_only_while_dahua_owned_it(council, library, installed, restricted):
    organisation_follow_restrictions(organisation=council, keys=["us-fcc-covered"])
    camera = factories.camera(library, manufacturer=factories.manufacturer("lorex"), install_date=installed)
    assert camera.restricted is restricted


def test_adopting_a_restriction_marks_existing_cameras(council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("ezviz"))
    assert organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"]) == 1
    camera.refresh_from_db()
    assert camera.restricted is True
    organisation_follow_restrictions(organisation=council, keys=[])
    camera.refresh_from_db()
    assert camera.restricted is False


def test_following_an_unknown_basis_is_refused(council):
    with pytest.raises(ValidationError) as error:
        organisation_follow_restrictions(organisation=council, keys=["no-such-basis"])
    assert "no-such-basis" in error.value.message_dict["restrictions"][0]


def test_an_organisations_own_rule_applies_to_it_alone(council, library, other_council):
    ours = factories.camera(library, manufacturer=factories.manufacturer("uniview"))
    theirs = factories.camera(factories.site(other_council), manufacturer=factories.manufacturer("uniview"))
    restriction_create(organisation=council, basis="Council cabinet decision 2024/17", manufacturer=ours.manufacturer)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.restricted, theirs.restricted) == (True, False)


@pytest.mark.parametrize(
    "fields",
    [{}, {"manufacturer": "hikvision", "country": "CN"}],
    ids=["neither", "both"],
)
def test_a_restriction_names_a_manufacturer_or_a_country(council, fields):
    if "manufacturer" in fields:
        fields["manufacturer"] = Manufacturer.objects.get(slug=fields["manufacturer"])
    with pytest.raises(ValidationError) as error:
        restriction_create(organisation=council, basis="Our rule", **fields)
    assert error.value.message_dict["manufacturer"] == [
        "A restriction names either a manufacturer or a country, not both or neither."
    ]
    assert not VendorRestriction.objects.filter(organisation=council).exists()


def test_policy_refuses_a_new_restricted_camera_naming_the_restriction(with_policy, library):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, manufacturer=factories.manufacturer("hiwatch"), install_date=AFTER_POLICY)
    message = error.value.message_dict["manufacturer"][0]
    assert "HiWatch is restricted by UK government written ministerial statement" in message
    assert "vendors based in China" in message
    assert "after 24 November 2022" in message
    assert not Camera.objects.exists()


def test_policy_allows_restricted_cameras_installed_before_its_date(with_policy, library):
    camera = factories.camera(
        library, manufacturer=factories.manufacturer("hikvision"), install_date=datetime.date(2022, 11, 24)
    )
    assert camera.restricted


def test_policy_allows_unrestricted_cameras(with_policy, library):
    assert factories.camera(library, manufacturer=factories.manufacturer("bosch"), install_date=AFTER_POLICY).pk


def test_admin_override_with_a_reason_is_accepted_and_kept_in_history(with_policy, library):
    admin = factories.user_with_role(with_policy, "admin")
    camera = factories.camera(
        library,
        manufacturer=factories.manufacturer("hikvision"),
        install_date=AFTER_POLICY,
        restriction_override_reason="Like-for-like replacement under the existing maintenance contract",
        override_by=admin,
    )
    assert camera.restriction_override_by == admin
    assert "Procurement policy overridden: Like-for-like" in camera.history.first().history_change_reason


def test_override_by_an_officer_is_refused(with_policy, library):
    officer = factories.user_with_role(with_policy, "officer")
    with pytest.raises(ValidationError) as error:
        factories.camera(
            library,
            manufacturer=factories.manufacturer("hikvision"),
            install_date=AFTER_POLICY,
            restriction_override_reason="Because",
            override_by=officer,
        )
    assert error.value.message_dict == {
        "restriction_override_reason": ["Only an organisation admin can override the procurement policy."]
    }


def test_override_without_a_reason_is_refused(with_policy, library):
    admin = factories.user_with_role(with_policy, "admin")
    with pytest.raises(ValidationError) as error:
        factories.camera(
            library,
            manufacturer=factories.manufacturer("hikvision"),
            install_date=AFTER_POLICY,
            restriction_override_reason="   ",
            override_by=admin,
        )
    assert "an organisation admin may record an override with a reason" in error.value.message_dict["manufacturer"][0]


def test_changing_an_existing_camera_to_a_restricted_brand_is_refused(with_policy, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("bosch"), install_date=AFTER_POLICY)
    with pytest.raises(ValidationError) as error:
        camera_update(camera=camera, manufacturer=factories.manufacturer("dahua"))
    assert "Dahua Technology is restricted" in error.value.message_dict["manufacturer"][0]
    assert Camera.objects.get(pk=camera.pk).manufacturer.slug == "bosch"


def test_editing_notes_of_an_older_restricted_camera_is_allowed(with_policy, library):
    camera = factories.camera(
        library, manufacturer=factories.manufacturer("hikvision"), install_date=datetime.date(2019, 1, 1)
    )
    camera_update(camera=camera, notes="Lens cleaned")
    assert Camera.objects.get(pk=camera.pk).notes == "Lens cleaned"


# A country rule covers a camera whose recorded origin is that country, whatever its brand (issue 10).


@pytest.mark.parametrize("brand", [None, "axis-communications"], ids=["unknown-brand", "known-brand"])
def test_country_rule_covers_a_camera_recorded_as_made_there(follows_uk_statement, library, brand):
    manufacturer = factories.manufacturer(brand) if brand else None
    camera = factories.camera(library, manufacturer=manufacturer, origin_country="CN")
    assert camera.restricted is True
    assert factories.camera(library, manufacturer=manufacturer, origin_country="GB").restricted is False


def test_policy_refuses_an_unknown_brand_made_in_a_restricted_country_naming_the_origin(with_policy, library):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, manufacturer=None, origin_country="CN", install_date=AFTER_POLICY)
    assert set(error.value.message_dict) == {"origin_country"}
    message = error.value.message_dict["origin_country"][0]
    assert message.startswith("A camera made in China is restricted by UK government written ministerial statement")
    assert "(vendors based in China)" in message
    assert "after 24 November 2022" in message
    assert not Camera.objects.exists()


def test_policy_override_by_an_admin_covers_a_camera_restricted_by_origin(with_policy, library):
    admin = factories.user_with_role(with_policy, "admin")
    camera = factories.camera(
        library,
        manufacturer=None,
        origin_country="CN",
        install_date=AFTER_POLICY,
        restriction_override_reason="Donated by the police",
        override_by=admin,
    )
    assert (camera.restricted, camera.restriction_override_by) == (True, admin)


def test_changing_the_recorded_origin_to_a_restricted_country_is_refused(with_policy, library):
    camera = factories.camera(library, manufacturer=None, install_date=AFTER_POLICY)
    with pytest.raises(ValidationError) as error:
        camera_update(camera=camera, origin_country="cn")
    assert "A camera made in China is restricted" in error.value.message_dict["origin_country"][0]
    assert Camera.objects.get(pk=camera.pk).origin_country == ""


def test_adopting_a_country_rule_marks_cameras_recorded_as_made_there(council, library):
    camera = factories.camera(library, manufacturer=None, origin_country="CN")
    assert camera.restricted is False
    assert organisation_follow_restrictions(organisation=council, keys=["uk-2022-nil"]) == 1
    camera.refresh_from_db()
    assert camera.restricted is True


def test_an_organisations_own_country_rule_covers_the_recorded_origin(council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("bosch"), origin_country="RU")
    restriction_create(organisation=council, basis="Council sanctions policy", country="RU")
    camera.refresh_from_db()
    assert camera.restricted is True


# Owner and maker links both count for restrictions; vendor follows owners only.


def test_a_maker_link_counts_for_a_manufacturer_rule(council, library):
    organisation_follow_restrictions(organisation=council, keys=["us-fcc-covered"])
    camera = factories.camera(library, manufacturer=factories.manufacturer("amcrest"))
    assert (camera.restricted, camera.vendor.slug) == (True, "amcrest")


def test_policy_refuses_a_brand_made_by_a_restricted_company(with_policy, library):
    with pytest.raises(ValidationError) as error:
        factories.camera(library, manufacturer=factories.manufacturer("amcrest"), install_date=AFTER_POLICY)
    assert "Amcrest is restricted by UK government" in error.value.message_dict["manufacturer"][0]


def test_turning_an_owner_into_a_maker_keeps_the_restriction_and_moves_the_vendor(follows_uk_statement, library):
    acme = Manufacturer.objects.create(name="Acme", slug="acme", country="GB", parent=factories.manufacturer("dahua"))
    camera = factories.camera(library, manufacturer=acme)
    assert (camera.vendor.slug, camera.restricted) == ("dahua", True)
    manufacturer_update(manufacturer=acme, parent_relation="maker")
    camera.refresh_from_db()
    assert (camera.vendor.slug, camera.restricted) == ("acme", True)
    manufacturer_update(manufacturer=acme, parent=None)
    camera.refresh_from_db()
    assert (camera.vendor.slug, camera.restricted) == ("acme", False)


def test_the_maker_of_a_brands_owner_counts_for_restrictions(follows_uk_statement, library):
    maker = Manufacturer.objects.create(name="Acme", slug="acme", country="US", parent=factories.manufacturer("dahua"))
    maker.parent_relation = "maker"
    maker.save()
    brand = Manufacturer.objects.create(name="Acme Home", slug="acme-home", country="US", parent=maker)
    camera = factories.camera(library, manufacturer=brand)
    assert (camera.vendor.slug, camera.restricted) == ("acme", True)


def test_the_importer_applies_the_origin_and_maker_rules(with_policy, library):
    rows = [
        ["Asset tag", "Site", "Make", "Origin country", "Installed"],
        ["OLD-CN", "Central Library", "", "China", "01/01/2020"],
        ["OLD-AM", "Central Library", "Amcrest", "", "01/01/2020"],
        ["NEW-CN", "Central Library", "", "CN", "01/06/2023"],
        ["NEW-AM", "Central Library", "Amcrest", "", "01/06/2023"],
    ]
    report = cameras_import(organisation=with_policy, file=upload(csv_bytes(rows), "c.csv"), filename="c.csv")
    problems = {(problem.row, problem.column): problem.message for problem in report.errors}
    assert set(problems) == {(4, "Origin country"), (5, "Make")}
    assert problems[(4, "Origin country")].startswith("A camera made in China is restricted by UK government")
    assert problems[(5, "Make")].startswith("Amcrest is restricted by UK government")
    report = cameras_import(organisation=with_policy, file=upload(csv_bytes(rows[:3]), "c.csv"), filename="c.csv")
    assert report.written, report.errors
    cameras = {camera.asset_tag: camera for camera in Camera.objects.select_related("vendor")}
    assert (cameras["OLD-CN"].restricted, cameras["OLD-CN"].vendor) == (True, None)
    assert (cameras["OLD-AM"].restricted, cameras["OLD-AM"].vendor.slug) == (True, "amcrest")
