"""The procurement policy seen through the camera form: refusals on the form, overrides kept on edits."""

import datetime

import pytest

from assets.models import Camera
from assets.services import organisation_follow_restrictions
from registry.choices import Role
from tests import factories
from tests.pages import error_summary, form_data

AFTER_POLICY = datetime.date(2023, 6, 1)


def new_camera(library, **changes) -> dict:
    data = {"site": library.pk, "asset_tag": "NEW-1", "status": "operational"}
    data |= {"manufacturer": factories.manufacturer("hikvision").pk, "install_date_day": "1"}
    data |= {"install_date_month": "6", "install_date_year": "2023"}
    return data | changes


@pytest.mark.django_db
class TestProcurementPolicyOnTheForm:
    def test_a_restricted_camera_is_refused_at_the_manufacturer(self, officer_client, with_policy, library):
        summary = error_summary(officer_client.post("/cameras/add/", new_camera(library)))
        assert "Hikvision is restricted by" in summary
        assert 'href="#id_manufacturer"' in summary
        assert not Camera.objects.filter(asset_tag="NEW-1").exists()

    def test_an_officer_cannot_override(self, officer_client, with_policy, library):
        data = new_camera(library, restriction_override_reason="Because")
        summary = error_summary(officer_client.post("/cameras/add/", data))
        assert "Only an organisation admin can override" in summary

    def test_an_admin_overrides_and_an_officer_then_edits_the_notes(self, client, with_policy, library):
        client.force_login(factories.user_with_role(with_policy, Role.ADMIN, username="admin"))
        data = new_camera(library, restriction_override_reason="Like-for-like replacement")
        client.post("/cameras/add/", data)
        camera = Camera.objects.get(asset_tag="NEW-1")
        assert camera.restricted and camera.restriction_override_by.username == "admin"

        client.force_login(factories.user_with_role(with_policy, Role.OFFICER, username="officer"))
        html = client.get(f"/cameras/{camera.pk}/").content.decode()
        assert "Like-for-like replacement" in html
        form = client.get(f"/cameras/{camera.pk}/edit/").context["form"]
        response = client.post(f"/cameras/{camera.pk}/edit/", form_data(form, notes="Lens cleaned"))
        assert response.status_code == 302, error_summary(response)
        camera.refresh_from_db()
        assert camera.notes == "Lens cleaned"
        assert camera.restriction_override_reason == "Like-for-like replacement"

    def test_an_officer_sees_no_override_section(self, officer_client, with_policy, library, camera):
        for url in ("/cameras/add/", f"/cameras/{camera.pk}/edit/"):
            html = officer_client.get(url).content.decode()
            assert "Override the procurement policy" not in html
            assert "restriction_override_reason" not in html

    def test_an_admin_sees_the_override_section(self, client, with_policy, library, camera):
        client.force_login(factories.user_with_role(with_policy, Role.ADMIN, username="admin"))
        for url in ("/cameras/add/", f"/cameras/{camera.pk}/edit/"):
            html = client.get(url).content.decode()
            assert "Override the procurement policy" in html
            assert 'name="restriction_override_reason"' in html

    @pytest.mark.parametrize("manufacturer", ["hikvision", "bosch"])
    def test_an_officers_crafted_override_is_refused_and_not_stored(
        self, officer_client, with_policy, library, manufacturer
    ):
        # A Bosch camera is not restricted: the policy never asks for an override, yet the reason was stored.
        data = new_camera(library, manufacturer=factories.manufacturer(manufacturer).pk)
        response = officer_client.post("/cameras/add/", data | {"restriction_override_reason": "I say so"})
        assert response.status_code == 200
        assert "Only an organisation admin can override the procurement policy." in error_summary(response)
        assert 'name="restriction_override_reason"' not in response.content.decode()
        assert not Camera.objects.filter(asset_tag="NEW-1").exists()

    def test_an_officers_crafted_override_on_an_edit_is_refused(self, client, with_policy, library):
        client.force_login(factories.user_with_role(with_policy, Role.ADMIN, username="admin"))
        client.post("/cameras/add/", new_camera(library, restriction_override_reason="Like-for-like replacement"))
        camera = Camera.objects.get(asset_tag="NEW-1")
        client.force_login(factories.user_with_role(with_policy, Role.OFFICER, username="officer"))
        form = client.get(f"/cameras/{camera.pk}/edit/").context["form"]
        for reason in ("Changed by an officer", ""):
            data = form_data(form, notes="Lens cleaned") | {"restriction_override_reason": reason}
            response = client.post(f"/cameras/{camera.pk}/edit/", data)
            if reason:
                assert "Only an organisation admin can override" in error_summary(response)
            else:
                assert response.status_code == 302, error_summary(response)  # a blank one is simply not there
            camera.refresh_from_db()
            assert camera.restriction_override_reason == "Like-for-like replacement"
            assert camera.restriction_override_by.username == "admin"

    def test_an_admin_elsewhere_cannot_override_here(self, client, with_policy, other_council, library):
        factories.user_with_role(other_council, Role.ADMIN, username="admin-elsewhere")
        client.force_login(factories.user_with_role(with_policy, Role.OFFICER, username="admin-elsewhere"))
        response = client.get("/cameras/add/")
        assert response.status_code == 200, response
        assert "Override the procurement policy" in response.content.decode()  # for the council they administer
        data = new_camera(library, manufacturer=factories.manufacturer("bosch").pk, restriction_override_reason="Hm")
        response = client.post("/cameras/add/", data)
        assert "Only an organisation admin can override" in error_summary(response)
        assert 'href="#id_restriction_override_reason"' in error_summary(response)
        assert not Camera.objects.filter(asset_tag="NEW-1").exists()

    def test_the_list_filters_and_tags_restricted_cameras(self, officer_client, library):
        factories.camera(library, asset_tag="BOSCH", manufacturer=factories.manufacturer("bosch"))
        factories.camera(library, asset_tag="HIK")
        organisation_follow_restrictions(organisation=library.organisation, keys=["uk-2022-nil"])
        response = officer_client.get("/cameras/?restricted=true")
        assert [c.asset_tag for c in response.context["object_list"]] == ["HIK"]
        assert "govuk-tag--red" in response.content.decode()
