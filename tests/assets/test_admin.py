"""The admin site writes through the services: it derives cameras as they do, and shows their refusals as
form errors."""

import datetime

import pytest

from assets.models import Camera, VendorRestriction
from registry.models import Organisation
from tests import factories


def manufacturer_form(manufacturer, **changes) -> dict:
    fields = {
        "name": manufacturer.name,
        "slug": manufacturer.slug,
        "country": manufacturer.country.code or "",
        "parent": manufacturer.parent_id or "",
        "parent_relation": manufacturer.parent_relation,
        "aliases": manufacturer.aliases,
        "confidence": manufacturer.confidence,
        "note": manufacturer.note,
    }
    return fields | changes


def organisation_form(organisation, **changes) -> dict:
    fields = {
        "name": organisation.name,
        "slug": organisation.slug,
        "jurisdiction": organisation.jurisdiction,
        "default_camera_lifespan_years": organisation.default_camera_lifespan_years,
        "foi_requester_retention_months": organisation.foi_requester_retention_months,
        "no_restricted_cameras_after": organisation.no_restricted_cameras_after or "",
        "followed_restrictions": sorted(organisation.adopted_restrictions.values_list("key", flat=True)),
    }
    return fields | changes


def test_a_manufacturers_new_country_is_the_origin_of_its_cameras(admin_client, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("bosch"))
    bosch = factories.manufacturer("bosch")
    response = admin_client.post(
        f"/admin/assets/manufacturer/{bosch.pk}/change/", manufacturer_form(bosch, country="GB")
    )
    assert response.status_code == 302, response.text
    camera.refresh_from_db()
    assert (camera.origin_country.code, camera.origin_country_source) == ("GB", "manufacturer")


def test_a_manufacturer_loop_is_a_form_error(admin_client, db):
    hikvision = factories.manufacturer("hikvision")
    ezviz = factories.manufacturer("ezviz")
    response = admin_client.post(
        f"/admin/assets/manufacturer/{hikvision.pk}/change/", manufacturer_form(hikvision, parent=ezviz.pk)
    )
    assert response.status_code == 200
    assert "that would make a loop" in response.text
    hikvision.refresh_from_db()
    assert hikvision.parent_id is None


def test_an_organisation_admin_changes_the_lifespan_and_end_of_life_is_estimated_again(client, council, library):
    estimated = factories.camera(library, install_date=datetime.date(2018, 3, 1))
    recorded = factories.camera(
        library, install_date=datetime.date(2018, 3, 1), end_of_life_date=datetime.date(2031, 1, 1)
    )
    client.force_login(factories.user_with_role(council, "admin"))
    response = client.post(
        f"/admin/registry/organisation/{council.pk}/change/",
        organisation_form(council, default_camera_lifespan_years=5),
    )
    assert response.status_code == 302, response.text
    estimated.refresh_from_db()
    recorded.refresh_from_db()
    assert estimated.end_of_life_date == datetime.date(2023, 3, 1)
    assert recorded.end_of_life_date == datetime.date(2031, 1, 1)


def test_following_a_restriction_in_the_admin_marks_the_cameras(client, council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    client.force_login(factories.user_with_role(council, "admin"))
    response = client.post(
        f"/admin/registry/organisation/{council.pk}/change/",
        organisation_form(council, followed_restrictions=["us-fcc-covered"]),
    )
    assert response.status_code == 302, response.text
    camera.refresh_from_db()
    assert camera.restricted is True


def test_a_superuser_adds_an_organisation_following_a_restriction(admin_client, db):
    response = admin_client.post(
        "/admin/registry/organisation/add/",
        {
            "name": "New Council",
            "slug": "new-council",
            "jurisdiction": "england-wales",
            "default_camera_lifespan_years": 8,
            "foi_requester_retention_months": 36,
            "followed_restrictions": ["uk-2022-nil"],
        },
    )
    assert response.status_code == 302, response.text
    organisation = Organisation.objects.get(slug="new-council")
    assert organisation.default_camera_lifespan_years == 8
    assert set(organisation.adopted_restrictions.values_list("key", flat=True)) == {"uk-2022-nil"}


def restriction_form(**fields) -> dict:
    return {"key": "", "basis": "", "manufacturer": "", "country": "", "date": "", "source": "", "note": ""} | fields


def test_an_organisations_own_restriction_marks_its_cameras_until_it_changes_or_goes(client, council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("bosch"))
    client.force_login(factories.user_with_role(council, "admin"))
    form = restriction_form(
        key="own-rule", basis="Council policy", manufacturer=camera.manufacturer_id, organisation=council.pk
    )
    response = client.post("/admin/assets/vendorrestriction/add/", form)
    assert response.status_code == 302, response.text
    camera.refresh_from_db()
    assert camera.restricted is True

    restriction = VendorRestriction.objects.get(key="own-rule")
    form["manufacturer"] = factories.manufacturer("axis-communications").pk
    response = client.post(f"/admin/assets/vendorrestriction/{restriction.pk}/change/", form)
    assert response.status_code == 302, response.text
    camera.refresh_from_db()
    assert camera.restricted is False

    form["manufacturer"] = camera.manufacturer_id
    client.post(f"/admin/assets/vendorrestriction/{restriction.pk}/change/", form)
    camera.refresh_from_db()
    assert camera.restricted is True
    client.post(f"/admin/assets/vendorrestriction/{restriction.pk}/delete/", {"post": "yes"})
    assert not VendorRestriction.objects.filter(pk=restriction.pk).exists()
    camera.refresh_from_db()
    assert camera.restricted is False


def test_a_superuser_makes_an_organisation_adopt_a_public_restriction(admin_client, council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    restriction = VendorRestriction.objects.get(key="uk-2022-nil", country="CN")
    form = restriction_form(key=restriction.key, basis=restriction.basis, country="CN", adopted_by=[council.pk])
    response = admin_client.post(f"/admin/assets/vendorrestriction/{restriction.pk}/change/", form)
    assert response.status_code == 302, response.text
    assert list(restriction.adopted_by.all()) == [council]
    camera.refresh_from_db()
    assert camera.restricted is True


@pytest.fixture
def with_policy(council):
    council.adopted_restrictions.set(VendorRestriction.objects.filter(key="uk-2022-nil"))
    council.no_restricted_cameras_after = datetime.date(2022, 11, 24)
    council.save()
    return council


def test_the_procurement_policy_refuses_a_camera_in_the_admin_as_a_form_error(client, with_policy, library):
    client.force_login(factories.user_with_role(with_policy, "officer"))
    response = client.post(
        "/admin/assets/camera/add/",
        {
            "site": library.pk,
            "asset_tag": "LIB-200",
            "manufacturer": factories.manufacturer("hikvision").pk,
            "install_date": "2023-06-01",
            "status": "operational",
        },
    )
    assert response.status_code == 200
    assert "an organisation admin may record an override with a reason" in response.text
    assert 'name="asset_tag" value="LIB-200"' in response.text
    assert not Camera.objects.filter(asset_tag="LIB-200").exists()


def test_saving_a_camera_unchanged_in_the_admin_keeps_its_derived_values(client, council, library):
    camera = factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    client.force_login(factories.user_with_role(council, "officer"))
    form = {
        "site": library.pk,
        "asset_tag": camera.asset_tag,
        "manufacturer": camera.manufacturer_id,
        "origin_country": "CN",
        "install_date": camera.install_date.isoformat(),
        "end_of_life_date": camera.end_of_life_date.isoformat(),
        "status": camera.status,
    }
    response = client.post(f"/admin/assets/camera/{camera.pk}/change/", form)
    assert response.status_code == 302, response.text
    camera.refresh_from_db()
    assert (camera.origin_country_source, camera.end_of_life_estimated) == ("manufacturer", True)
