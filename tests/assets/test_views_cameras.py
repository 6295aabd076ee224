import datetime
import re

import pytest

from assets.choices import CameraStatus, OriginCountrySource
from assets.models import Camera
from assets.services import camera_update
from registry.choices import Role
from tests import factories
from tests.pages import error_summary, form_data


@pytest.mark.django_db
class TestCameraList:
    def test_lists_only_the_users_cameras(self, officer_client, camera, other_camera):
        html = officer_client.get("/cameras/").content.decode()
        assert "LIB-001" in html
        assert "OTH-001" not in html
        assert "/cameras/import/" in html
        assert "Add a camera" in html

    def test_filters_by_status_boxes_and_search(self, officer_client, library):
        factories.camera(library, asset_tag="A-OK")
        factories.camera(library, asset_tag="B-BROKEN", status="faulty")
        factories.camera(
            library, asset_tag="C-GONE", status="decommissioned", decommissioned_date=datetime.date(2024, 1, 1)
        )
        response = officer_client.get("/cameras/?status=faulty&status=decommissioned")
        assert [c.asset_tag for c in response.context["object_list"]] == ["B-BROKEN", "C-GONE"]
        assert 'value="faulty" checked' in response.content.decode()
        response = officer_client.get("/cameras/?q=broken")
        assert [c.asset_tag for c in response.context["object_list"]] == ["B-BROKEN"]

    def test_sorts_by_a_column_and_marks_it(self, officer_client, library):
        factories.camera(library, asset_tag="A", model="Zeta")
        factories.camera(library, asset_tag="B", model="Alpha")
        response = officer_client.get("/cameras/?ordering=-model")
        assert [c.model for c in response.context["object_list"]] == ["Zeta", "Alpha"]
        html = response.content.decode()
        assert 'aria-sort="descending"' in html
        assert "ordering=model" in html

    def test_a_bad_filter_is_reported_not_ignored_silently(self, officer_client, camera):
        response = officer_client.get("/cameras/?installed_after=yesterday")
        assert "Installed on or after" in error_summary(response)

    def test_pages_with_govuk_pagination(self, officer_client, library):
        for number in range(55):
            factories.camera(library, asset_tag=f"P-{number:03d}")
        html = officer_client.get("/cameras/?q=P-").content.decode()
        assert 'class="govuk-pagination"' in html
        assert "q=P-&amp;page=2" in html
        second = officer_client.get("/cameras/?q=P-&page=2")
        assert len(second.context["object_list"]) == 5

    @pytest.mark.parametrize("count", [5, 50])
    def test_first_page_costs_a_fixed_number_of_queries(
        self, officer_client, library, count, django_assert_num_queries
    ):
        other_site = factories.site(library.organisation, name="Depot", category_slug="depot")
        for number in range(count):
            factories.camera(library if number % 2 else other_site, asset_tag=f"Q-{number:03d}")
        with django_assert_num_queries(CAMERA_LIST_QUERIES):
            response = officer_client.get("/cameras/")
        assert len(response.context["object_list"]) == count


# Session, user, memberships, count, page, and the filter form's choices (site categories, manufacturers, vendors).
CAMERA_LIST_QUERIES = 8


@pytest.mark.django_db
class TestCameraDetail:
    def test_shows_derived_values_as_derived(self, officer_client, camera):
        html = officer_client.get(f"/cameras/{camera.pk}/").content.decode()
        assert "Taken from the manufacturer" in html
        assert "Estimated from the install date" in html
        assert "Edit camera" in html
        assert "Decommission camera" in html

    @pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
    def test_readers_see_no_edit_controls(self, client, council, camera, role):
        client.force_login(factories.user_with_role(council, role))
        html = client.get(f"/cameras/{camera.pk}/").content.decode()
        assert "Edit camera" not in html
        assert "Decommission" not in html
        assert "Add a camera" not in client.get("/cameras/").content.decode()

    def test_another_organisations_camera_is_not_found(self, officer_client, other_camera):
        for url in ("/", "/edit/", "/decommission/"):
            assert officer_client.get(f"/cameras/{other_camera.pk}{url}").status_code == 404
        assert officer_client.post(f"/cameras/{other_camera.pk}/decommission/", {}).status_code == 404


@pytest.mark.django_db
class TestCameraCreate:
    def test_officer_adds_a_camera_through_the_services(self, officer_client, library):
        form = officer_client.get(f"/cameras/add/?site={library.pk}").context["form"]
        assert form["site"].value() == str(library.pk)
        data = form_data(
            form,
            asset_tag="LIB-NEW",
            manufacturer=str(factories.manufacturer("hikvision").pk),
            install_date=(3, 2, 2021),
            networked="on",
        )
        response = officer_client.post("/cameras/add/", data, follow=True)
        camera = Camera.objects.get(asset_tag="LIB-NEW")
        assert camera.organisation == library.organisation
        assert camera.origin_country == "CN"
        assert camera.origin_country_source == OriginCountrySource.MANUFACTURER
        assert camera.end_of_life_estimated
        assert camera.networked
        assert camera.history.first().history_change_reason == "Added in the web interface"
        assert "Camera LIB-NEW added." in response.content.decode()

    def test_site_choices_are_limited_to_organisations_the_user_edits(self, client, council, other_council, library):
        factories.site(other_council, name="Not Mine")
        user = factories.user_with_role(council, Role.OFFICER)
        client.force_login(user)
        sites = client.get("/cameras/add/").context["form"].fields["site"].queryset
        assert list(sites) == [library]

    def test_errors_name_the_fields_and_keep_every_typed_value(self, officer_client, library, camera):
        data = {
            "site": library.pk,
            "asset_tag": camera.asset_tag,
            "status": "operational",
            "model": '=HYPERLINK("x")',
            "install_date_day": "31",
            "install_date_month": "2",
            "install_date_year": "2021",
            "end_of_life_date_day": "4",
            "end_of_life_date_year": "2030",
            "notes": "Typed & kept",
        }
        response = officer_client.post("/cameras/add/", data)
        summary = error_summary(response)
        assert "Install date must be a real date" in summary
        assert "End of life date must include a month" in summary
        assert 'href="#id_install_date_0"' in summary
        html = response.content.decode()
        assert 'name="install_date_day" value="31"' in html
        assert 'name="end_of_life_date_year" value="2030"' in html
        assert "=HYPERLINK(&quot;x&quot;)" in html
        assert "Typed &amp; kept" in html
        assert not Camera.objects.filter(notes="Typed & kept").exists()

    def test_asset_tag_must_be_unique_in_the_organisation(self, officer_client, library, camera):
        data = {"site": library.pk, "asset_tag": camera.asset_tag, "status": "operational"}
        assert "already has a camera with this asset tag" in error_summary(officer_client.post("/cameras/add/", data))

    def test_missing_answers_are_named(self, officer_client):
        summary = error_summary(officer_client.post("/cameras/add/", {}))
        assert "Select the site the camera is at" in summary
        assert "Enter the asset tag" in summary

    @pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
    def test_readers_are_forbidden(self, client, council, library, camera, role):
        client.force_login(factories.user_with_role(council, role))
        data = {"site": library.pk, "asset_tag": "NOPE", "status": "operational"}
        assert client.get("/cameras/add/").status_code == 403
        assert client.post("/cameras/add/", data).status_code == 403
        assert client.post(f"/cameras/{camera.pk}/edit/", data).status_code == 403
        decommission = {
            "decommissioned_date_day": "1",
            "decommissioned_date_month": "1",
            "decommissioned_date_year": "2025",
        }
        assert client.post(f"/cameras/{camera.pk}/decommission/", decommission).status_code == 403
        camera.refresh_from_db()
        assert camera.status == CameraStatus.OPERATIONAL
        assert not Camera.objects.filter(asset_tag="NOPE").exists()


@pytest.mark.django_db
class TestCameraEdit:
    def test_a_derived_origin_and_end_of_life_open_blank_and_stay_derived(self, officer_client, camera):
        response = officer_client.get(f"/cameras/{camera.pk}/edit/")
        form = response.context["form"]
        assert form["origin_country"].value() == ""
        assert form["end_of_life_date"].value() is None
        html = response.content.decode()
        assert "Now China, taken from the manufacturer Hikvision." in html
        assert "Now estimated as 15 January 2030." in html
        officer_client.post(f"/cameras/{camera.pk}/edit/", form_data(form, model="New model"))
        camera.refresh_from_db()
        assert camera.model == "New model"
        assert camera.origin_country_source == OriginCountrySource.MANUFACTURER
        assert camera.end_of_life_estimated

    def test_a_recorded_origin_is_kept(self, officer_client, camera):
        form = officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]
        officer_client.post(f"/cameras/{camera.pk}/edit/", form_data(form, origin_country="GB"))
        camera.refresh_from_db()
        assert (camera.origin_country, camera.origin_country_source) == ("GB", OriginCountrySource.RECORDED)
        assert officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]["origin_country"].value() == "GB"

    def test_choosing_the_value_that_was_derived_records_it(self, officer_client, camera):
        """The form opens a derived origin and end of life blank: a value chosen there is the officer's record,
        even the one the register had derived (an API client echoing a read leaves it derived instead)."""
        form = officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]
        chosen = form_data(form, origin_country="CN")
        chosen.update({"end_of_life_date_day": "15", "end_of_life_date_month": "1", "end_of_life_date_year": "2030"})
        officer_client.post(f"/cameras/{camera.pk}/edit/", chosen)
        camera.refresh_from_db()
        assert (camera.origin_country, camera.origin_country_source) == ("CN", OriginCountrySource.RECORDED)
        assert (camera.end_of_life_date, camera.end_of_life_estimated) == (datetime.date(2030, 1, 15), False)

    def test_a_change_made_since_the_form_opened_is_not_overwritten(self, officer_client, camera):
        form = officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]
        camera_update(camera=Camera.objects.get(pk=camera.pk), notes="A colleague's note")
        response = officer_client.post(f"/cameras/{camera.pk}/edit/", form_data(form, notes="My note"))
        assert "Someone else changed this camera" in error_summary(response)
        assert "My note" in response.content.decode()
        camera.refresh_from_db()
        assert camera.notes == "A colleague's note"

    def test_the_page_shows_the_saved_camera_while_the_form_shows_what_was_typed(self, officer_client, camera):
        form = officer_client.get(f"/cameras/{camera.pk}/edit/").context["form"]
        response = officer_client.post(f"/cameras/{camera.pk}/edit/", form_data(form, asset_tag=""))
        assert "Enter the asset tag" in error_summary(response)
        assert '<h1 class="govuk-heading-l">Edit camera LIB-001</h1>' in response.content.decode()


@pytest.mark.django_db
class TestCameraDecommission:
    def test_asks_for_the_date(self, officer_client, camera):
        response = officer_client.post(f"/cameras/{camera.pk}/decommission/", {})
        assert "Enter the date the camera was decommissioned" in error_summary(response)
        camera.refresh_from_db()
        assert camera.status == CameraStatus.OPERATIONAL

    def test_decommissions_with_the_date(self, officer_client, camera):
        data = {"decommissioned_date_day": "2", "decommissioned_date_month": "3", "decommissioned_date_year": "2025"}
        response = officer_client.post(f"/cameras/{camera.pk}/decommission/", data, follow=True)
        camera.refresh_from_db()
        assert camera.status == CameraStatus.DECOMMISSIONED
        assert camera.decommissioned_date == datetime.date(2025, 3, 2)
        assert "Camera LIB-001 decommissioned." in response.content.decode()

    def test_a_date_before_the_install_is_an_error(self, officer_client, camera):
        data = {"decommissioned_date_day": "2", "decommissioned_date_month": "3", "decommissioned_date_year": "2019"}
        response = officer_client.post(f"/cameras/{camera.pk}/decommission/", data)
        assert "cannot be before the install date" in error_summary(response)


@pytest.mark.django_db
def test_list_of_one_sites_cameras_names_the_site(officer_client, library, camera):
    other = factories.site(library.organisation, name="Depot")
    factories.camera(other, asset_tag="DEP-1")
    response = officer_client.get(f"/cameras/?site={library.pk}")
    assert [c.asset_tag for c in response.context["object_list"]] == ["LIB-001"]
    assert "Only cameras at" in response.content.decode()
    assert response.context["filtered_site"] == library


@pytest.mark.parametrize("url", ["/cameras/add/", "/cameras/", "/sites/add/"])
@pytest.mark.django_db
def test_every_form_control_has_a_design_system_class(officer_client, url):
    html = officer_client.get(url).content.decode()
    controls = re.findall(r"<(?:select|textarea|input(?![^>]*type=\"(?:hidden|checkbox)\"))[^>]*>", html)
    assert controls
    unstyled = [control for control in controls if 'class="govuk-' not in control]
    assert unstyled == []
