import pytest

from registry.choices import Role
from registry.models import Site
from registry.services import site_update
from tests import factories
from tests.pages import error_summary, form_data


@pytest.mark.django_db
class TestSiteList:
    def test_needs_sign_in(self, client):
        response = client.get("/sites/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_lists_own_sites_with_camera_counts(self, officer_client, library, other_council):
        factories.camera(library)
        factories.camera(library, status="planned", install_date=None)
        factories.site(other_council, name="Other Depot")
        response = officer_client.get("/sites/")
        html = response.content.decode()
        assert "Central Library" in html
        assert "Other Depot" not in html
        row = next(site for site in response.context["object_list"] if site.pk == library.pk)
        assert (row.camera_count, row.in_service_count) == (2, 1)
        assert "Add a site" in html

    def test_viewer_sees_no_add_button(self, viewer_client, library):
        assert "Add a site" not in viewer_client.get("/sites/").content.decode()


@pytest.mark.django_db
class TestSiteDetail:
    def test_shows_its_cameras_and_edit_buttons_to_an_officer(self, officer_client, library):
        factories.camera(library, asset_tag="LIB-777")
        html = officer_client.get(f"/sites/{library.pk}/").content.decode()
        assert "LIB-777" in html
        assert "Edit site" in html
        assert f"/cameras/add/?site={library.pk}" in html

    @pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
    def test_readers_see_no_edit_controls(self, client, council, library, role):
        client.force_login(factories.user_with_role(council, role))
        html = client.get(f"/sites/{library.pk}/").content.decode()
        assert "Edit site" not in html
        assert "Add a camera" not in html

    def test_another_organisations_site_is_not_found(self, officer_client, other_council):
        other = factories.site(other_council)
        assert officer_client.get(f"/sites/{other.pk}/").status_code == 404
        assert officer_client.get(f"/sites/{other.pk}/edit/").status_code == 404
        assert officer_client.post(f"/sites/{other.pk}/edit/", {"name": "Taken over"}).status_code == 404


@pytest.mark.django_db
class TestSiteCreate:
    def test_officer_adds_a_site_in_their_only_organisation(self, officer_client, council):
        form = officer_client.get("/sites/add/").context["form"]
        assert form.fields["organisation"].widget.is_hidden
        data = form_data(form, name="Town Hall", category=str(factories.category("office").pk))
        data["postcode"] = "db1 1aa"
        data["sensitive"] = "on"
        response = officer_client.post("/sites/add/", data, follow=True)
        site = Site.objects.get(name="Town Hall")
        assert site.organisation == council
        assert site.postcode == "DB1 1AA"
        assert site.sensitive
        assert response.redirect_chain[-1][0] == f"/sites/{site.pk}/"
        assert "Site Town Hall added." in response.content.decode()

    def test_a_member_of_two_organisations_chooses_among_those_they_edit(self, client, council, other_council):
        factories.user_with_role(council, Role.OFFICER, username="two-hats")
        factories.user_with_role(other_council, Role.OFFICER, username="two-hats")
        third = factories.organisation(name="Third Council")
        user = factories.user_with_role(third, Role.VIEWER, username="two-hats")
        client.force_login(user)
        response = client.get("/sites/add/")
        assert response.status_code == 200, response
        field = response.context["form"].fields["organisation"]
        assert not field.widget.is_hidden
        assert set(field.queryset) == {council, other_council}
        response = client.post(
            "/sites/add/", {"organisation": third.pk, "name": "Sneaky", "category": factories.category().pk}
        )
        assert "Select a valid choice" in error_summary(response)
        assert not Site.objects.filter(name="Sneaky").exists()

    def test_errors_name_the_field_and_keep_what_was_typed(self, officer_client, council):
        response = officer_client.post("/sites/add/", {"organisation": council.pk, "name": "", "ward": "Northgate"})
        summary = error_summary(response)
        assert "Enter the site&#x27;s name" in summary
        assert "Select the site&#x27;s category" in summary
        assert 'href="#id_name"' in summary
        html = response.content.decode()
        assert 'value="Northgate"' in html
        assert "govuk-input--error" in html
        assert html.count("<title>Error: ") == 1

    def test_duplicate_name_is_an_error_on_the_name(self, officer_client, council, library):
        response = officer_client.post(
            "/sites/add/", {"organisation": council.pk, "name": library.name, "category": library.category_id}
        )
        assert "already has a site with this name" in error_summary(response)

    @pytest.mark.parametrize("role", [Role.VIEWER, Role.FOI])
    def test_readers_are_forbidden(self, client, council, library, role):
        client.force_login(factories.user_with_role(council, role))
        assert client.get("/sites/add/").status_code == 403
        assert client.post("/sites/add/", {"name": "X", "category": library.category_id}).status_code == 403
        assert client.post(f"/sites/{library.pk}/edit/", {"name": "X"}).status_code == 403
        assert not Site.objects.filter(name="X").exists()


@pytest.mark.django_db
class TestSiteEdit:
    def test_officer_edits_a_site(self, officer_client, library):
        form = officer_client.get(f"/sites/{library.pk}/edit/").context["form"]
        assert "organisation" not in form.fields
        response = officer_client.post(f"/sites/{library.pk}/edit/", form_data(form, ward="Riverside"), follow=True)
        library.refresh_from_db()
        assert library.ward == "Riverside"
        assert "Site Central Library saved." in response.content.decode()

    def test_a_change_made_since_the_form_opened_is_not_overwritten(self, officer_client, library):
        form = officer_client.get(f"/sites/{library.pk}/edit/").context["form"]
        site_update(site=Site.objects.get(pk=library.pk), ward="Changed by a colleague")
        response = officer_client.post(f"/sites/{library.pk}/edit/", form_data(form, ward="Mine"))
        assert response.status_code == 200
        assert "Someone else changed this site" in error_summary(response)
        assert 'value="Mine"' in response.content.decode()
        library.refresh_from_db()
        assert library.ward == "Changed by a colleague"


@pytest.fixture
def sites(council, library):
    library.ward, library.postcode = "Northgate", "DB1 1AA"
    library.save()
    factories.site(council, name="Market Car Park", category_slug="car-park", ward="Southgate")
    factories.site(council, name="Civic Centre", category_slug="office", ward="Northgate", sensitive=True)
    factories.camera(library)
    factories.camera(library)
    return Site.objects.filter(organisation=council)


@pytest.mark.django_db
class TestSiteListFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", ["Central Library", "Civic Centre", "Market Car Park"]),
            ("category=office", ["Civic Centre"]),
            ("ward=northgate", ["Central Library", "Civic Centre"]),
            ("sensitive=true", ["Civic Centre"]),
            ("q=db11aa", ["Central Library"]),
            ("ordering=-camera_count", ["Central Library", "Civic Centre", "Market Car Park"]),
            ("ordering=-name", ["Market Car Park", "Civic Centre", "Central Library"]),
            ("ordering=category", ["Market Car Park", "Central Library", "Civic Centre"]),
        ],
    )
    def test_filters_and_orders_through_the_site_filterset(self, officer_client, sites, query, expected):
        response = officer_client.get(f"/sites/?{query}")
        assert error_summary(response) == ""
        assert [site.name for site in response.context["object_list"]] == expected

    def test_a_misspelt_filter_is_an_error_and_no_sites(self, officer_client, sites):
        response = officer_client.get("/sites/?catgory=office")
        assert "catgory: Unknown filter. Choose from: category, ward, sensitive, organisation, q, ordering, page." in (
            error_summary(response)
        )
        assert list(response.context["object_list"]) == []

    def test_another_organisation_is_an_error(self, officer_client, sites, other_council):
        factories.site(other_council, name="Their Library")
        response = officer_client.get("/sites/?organisation=other-council")
        assert "You have no organisation with the slug &#x27;other-council&#x27;." in error_summary(response)
        assert "Their Library" not in response.content.decode()

    def test_the_summary_line_and_sortable_headings(self, officer_client, sites):
        html = officer_client.get("/sites/?category=office&ordering=name").content.decode()
        assert "Filtered by: <strong>Category</strong> Office — " in html
        assert 'aria-sort="ascending"' in html
        assert "1 site matches the filters" in html
