"""Issue 10 on the pages: a misspelt or bad filter never changes a total silently, and the camera list's filters
fold away under a summary line (the sites page's filters are tested in tests/registry/test_views.py)."""

import datetime
import re

import pytest

from tests import factories
from tests.pages import error_summary


@pytest.fixture
def cameras(library):
    depot = factories.site(library.organisation, name="Depot", category_slug="depot")
    factories.camera(library, asset_tag="LIB-1", networked=True)
    factories.camera(library, asset_tag="LIB-2")
    factories.camera(depot, asset_tag="DEP-1", manufacturer=factories.manufacturer("axis-communications"))
    return depot


@pytest.mark.django_db
class TestCameraListFilters:
    def test_a_misspelt_filter_is_an_error_and_no_total(self, officer_client, cameras):
        response = officer_client.get("/cameras/?site_catgory=library")
        summary = error_summary(response)
        assert "site_catgory: Unknown filter. Choose from: site, site_category, " in summary
        assert summary.count("<li>") == 1
        html = response.content.decode()
        assert "3 cameras" not in html
        assert "No cameras are listed until the filters are corrected." in html
        assert list(response.context["object_list"]) == []
        assert "<title>Error: Cameras" in html
        assert re.search(r'<details class="govuk-details app-filter-details" id="filters" open>', html)

    def test_a_bad_value_hides_the_total_too_and_links_to_its_box(self, officer_client, cameras):
        response = officer_client.get("/cameras/?site_category=library&networked=maybe")
        summary = error_summary(response)
        assert "Networked: Enter true or false, not &#x27;maybe&#x27;." in summary
        assert 'href="#id_networked"' in summary
        assert list(response.context["object_list"]) == []

    def test_a_percent_is_quoted_not_a_server_error(self, officer_client, cameras):
        for name in ("origin_country", "networked", "restricted", "site_category", "site", "as_at", "ordering"):
            response = officer_client.get("/cameras/", {name: "%(value)s%"})
            assert response.status_code == 200, name
            assert error_summary(response), name

    def test_another_organisations_site_is_an_error(self, officer_client, cameras, other_council):
        theirs = factories.site(other_council, name="Their Library")
        factories.camera(theirs, asset_tag="THEIRS")
        response = officer_client.get(f"/cameras/?site={theirs.pk}")
        assert f"No site with id {theirs.pk} in your organisations." in error_summary(response)
        assert "THEIRS" not in response.content.decode()

    def test_the_page_parameter_is_accepted(self, officer_client, cameras):
        response = officer_client.get("/cameras/?page=1&ordering=asset_tag")
        assert error_summary(response) == ""
        assert [c.asset_tag for c in response.context["object_list"]] == ["DEP-1", "LIB-1", "LIB-2"]

    def test_the_active_filters_are_summed_up_in_one_line(self, officer_client, cameras):
        response = officer_client.get(
            "/cameras/?site_category=library&networked=false&status=operational&status=faulty&as_at=2024-03-31"
        )
        html = response.content.decode()
        line = re.search(r'<p class="govuk-body app-filter-summary" id="filter-summary">(.*?)</p>', html).group(1)
        text = re.sub(r"<[^>]+>", "", line)
        assert text.startswith(
            "Filtered by: Site category Library; Networked No; Status (comma-separated) Operational or Faulty; "
            "In service on (date) 31 March 2024 — Clear filters"
        )
        assert '<span class="govuk-details__summary-text">Change filters</span>' in html
        assert re.search(r'<details class="govuk-details app-filter-details" id="filters">', html)  # closed
        assert [c.asset_tag for c in response.context["object_list"]] == ["LIB-2"]

    def test_without_filters_no_summary_line(self, officer_client, cameras):
        html = officer_client.get("/cameras/").content.decode()
        assert "Filtered by:" not in html
        assert '<span class="govuk-details__summary-text">Filter cameras</span>' in html

    def test_there_is_an_as_at_box(self, officer_client, library):
        factories.camera(library, asset_tag="OLD", install_date=datetime.date(2010, 1, 1))
        factories.camera(library, asset_tag="NEW", install_date=datetime.date(2025, 1, 1))
        response = officer_client.get("/cameras/?as_at=2020-06-30")
        html = response.content.decode()
        assert '<label class="govuk-label govuk-label--s" for="id_as_at">In service on (date)</label>' in html
        assert re.search(r'<input type="text" name="as_at" value="2020-06-30"[^>]*id="id_as_at"', html)
        assert [c.asset_tag for c in response.context["object_list"]] == ["OLD"]

    def test_the_country_filter_shows_names(self, officer_client, cameras):
        html = officer_client.get("/cameras/?origin_country=cn").content.decode()
        assert '<option value="CN" selected>China (CN)</option>' in html
        assert '<option value="GB">United Kingdom (GB)</option>' in html
        assert '<option value="" >Any</option>' in html or '<option value="">Any</option>' in html
        assert "<strong>Origin country</strong> China (CN)" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/cameras/download.csv", "/cameras/download.xlsx"])
class TestCameraDownloads:
    def test_a_misspelt_filter_is_a_400_naming_it(self, officer_client, cameras, url):
        response = officer_client.get(url, {"site_catgory": "library"})
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        text = response.content.decode()
        assert "site_catgory: Unknown filter. Choose from: site, site_category, " in text

    def test_a_bad_value_is_a_400_quoting_it(self, officer_client, cameras, url):
        response = officer_client.get(url, {"origin_country": "%"})
        assert response.status_code == 400
        assert "origin_country: '%' is not an ISO 3166-1 alpha-2 country code" in response.content.decode()

    def test_the_page_parameter_belongs_to_the_page(self, officer_client, cameras, url):
        assert officer_client.get(url, {"page": "2"}).status_code == 400
        assert officer_client.get(url, {"site_category": "library"}).status_code == 200


@pytest.mark.django_db
class TestReplacementPlanFilters:
    def test_a_misspelt_filter_shows_no_figures(self, officer_client, cameras):
        response = officer_client.get("/replacement/?site_catgory=library")
        summary = error_summary(response)
        assert "site_catgory: Unknown filter. Choose from: " in summary
        html = response.content.decode()
        assert "The plan is not shown until the filters in this page's address are corrected." in html
        assert "restricted cameras in place or planned" not in html

    @pytest.mark.parametrize("url", ["/replacement/download.csv", "/replacement/download.xlsx"])
    def test_downloads_answer_400(self, officer_client, cameras, url):
        response = officer_client.get(url, {"site_catgory": "library"})
        assert response.status_code == 400
        assert "site_catgory: Unknown filter." in response.content.decode()
        assert officer_client.get(url, {"site": "999999"}).status_code == 400
