import datetime

import pytest
from django.utils import timezone

from tests import factories


@pytest.mark.django_db
class TestDashboard:
    def test_counts_only_the_users_cameras(self, officer_client, library, other_council):
        park = factories.site(library.organisation, name="Park", category_slug="park")
        factories.camera(library, networked=True)
        factories.camera(library, manufacturer=factories.manufacturer("axis-communications"))
        factories.camera(park, status="faulty")
        factories.camera(park, status="planned", install_date=None)
        factories.camera(factories.site(other_council), networked=True)
        context = officer_client.get("/").context
        assert (context["operational"], context["faulty"], context["in_service"], context["networked"]) == (2, 1, 3, 1)
        categories = {bar.label: bar.count for bar in context["charts"][0].bars}
        assert categories == {"Library": 2, "Park": 1}
        countries = {bar.label: bar.count for bar in context["charts"][1].bars}
        assert countries == {"China": 2, "Sweden": 1}

    def test_end_of_life_within_a_year(self, officer_client, library):
        soon = timezone.localdate() + datetime.timedelta(days=100)
        factories.camera(library, end_of_life_date=soon)
        factories.camera(library, end_of_life_date=soon + datetime.timedelta(days=400))
        response = officer_client.get("/")
        assert response.context["ending_count"] == 1
        assert "eol_before=" in response.context["ending_link"]

    def test_charts_are_accessible_svg_with_a_table(self, officer_client, library):
        factories.camera(library)
        html = officer_client.get("/").content.decode()
        assert 'role="img"' in html
        assert '<title id="chart-vendor-title">' in html
        assert "Cameras in service by vendor (ultimate parent company), as a table" in html
        assert "/cameras/?status=operational,faulty&amp;vendor=hikvision" in html

    def test_header_names_the_organisation(self, officer_client):
        assert "Demo Council" in officer_client.get("/").content.decode()

    def test_needs_sign_in(self, client):
        assert client.get("/")["Location"] == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_manufacturers_count_only_the_users_cameras(officer_client, library, other_council):
    factories.camera(library)
    factories.camera(factories.site(other_council))
    response = officer_client.get("/manufacturers/?in_use=1")
    rows = {m.name: m.camera_count for m in response.context["object_list"]}
    assert rows == {"Hikvision": 1}
    html = response.content.decode()
    assert "China" in html
    everything = officer_client.get("/manufacturers/").context["paginator"].count
    assert everything > 10
