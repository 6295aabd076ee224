"""Issue 10: a filter is never a 500 and never a wrong total, on every endpoint that takes the camera filters."""

import pytest

from registry.models import Site
from tests import factories

# Every endpoint that reads the camera filters from its query string.
FILTERED = ["/api/v1/cameras/", "/api/v1/cameras/counts/", "/api/v1/cameras/counts.xlsx", "/api/v1/replacement-plan/"]

PERCENT_VALUES = ["%", "%s", "%(value)s", "100%", "%%", "%d%"]
FILTERS_WITH_VALUES = [
    "site",
    "site_category",
    "organisation",
    "manufacturer",
    "vendor",
    "origin_country",
    "networked",
    "restricted",
    "status",
    "installed_after",
    "installed_before",
    "eol_after",
    "eol_before",
    "as_at",
    "ordering",
]


@pytest.mark.parametrize("url", FILTERED)
@pytest.mark.parametrize("name", FILTERS_WITH_VALUES)
def test_a_percent_in_a_filter_is_a_400_naming_it(register, api_client_for, officer, url, name):
    client = api_client_for(officer)
    for value in PERCENT_VALUES:
        response = client.get(url, {name: value})
        assert response.status_code == 400, (url, name, value, response.status_code)
        assert response["Content-Type"] == "application/json"
        assert list(response.json()) == [name], response.json()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"origin_country": "%"},
            "origin_country",
            "'%' is not an ISO 3166-1 alpha-2 country code (such as GB or CN).",
        ),
        ({"networked": "%"}, "networked", "Enter true or false, not '%'."),
        ({"restricted": "%(value)s"}, "restricted", "Enter true or false, not '%(value)s'."),
        ({"site_category": "%"}, "site_category", "No site category has the slug '%'."),
        ({"manufacturer": "100%"}, "manufacturer", "No manufacturer has the slug '100%'."),
        ({"organisation": "%s"}, "organisation", "You have no organisation with the slug '%s'."),
    ],
)
def test_messages_quote_the_value_as_typed(register, api_client_for, officer, query, field, message):
    for url in FILTERED:
        response = api_client_for(officer).get(url, query)
        assert response.json() == {field: [message]}, url


def test_a_percent_in_the_search_is_just_text(register, api_client_for, officer):
    for url in FILTERED:
        assert api_client_for(officer).get(url, {"q": "%"}).status_code == 200, url


@pytest.mark.parametrize("url", FILTERED)
def test_a_misspelt_filter_is_a_400_naming_it_not_the_whole_register(register, api_client_for, officer, url):
    response = api_client_for(officer).get(url, {"site_catgory": "library"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    message = response.json()["site_catgory"][0]
    assert message.startswith("Unknown filter. Choose from: site, site_category, organisation, ")
    assert list(response.json()) == ["site_catgory"]


def test_the_accepted_list_names_each_endpoints_own_parameters(register, api_client_for, officer):
    client = api_client_for(officer)
    listing = client.get("/api/v1/cameras/", {"colour": "red"}).json()["colour"][0]
    assert listing.endswith(", ordering, format, limit, offset.")
    counts = client.get("/api/v1/cameras/counts/", {"colour": "red"}).json()["colour"][0]
    assert counts.endswith(", ordering, format, group_by.")
    workbook = client.get("/api/v1/cameras/counts.xlsx", {"colour": "red"}).json()["colour"][0]
    assert workbook.endswith(", ordering, format, group_by.")
    plan = client.get("/api/v1/replacement-plan/", {"colour": "red"}).json()["colour"][0]
    assert plan.endswith(", ordering, format, limit, offset.")


def test_unknown_parameters_and_bad_values_are_reported_together(register, api_client_for, officer):
    response = api_client_for(officer).get("/api/v1/cameras/counts/", {"colour": "red", "networked": "maybe"})
    assert set(response.json()) == {"colour", "networked"}


def test_each_endpoints_own_parameters_are_accepted(register, api_client_for, officer):
    client = api_client_for(officer)
    assert client.get("/api/v1/cameras/", {"limit": 2, "offset": 1, "format": "json"}).status_code == 200
    assert client.get("/api/v1/cameras/counts/", {"group_by": "vendor", "format": "json"}).status_code == 200
    assert client.get("/api/v1/cameras/counts.xlsx", {"group_by": "vendor", "format": "xlsx"}).status_code == 200
    assert client.get("/api/v1/replacement-plan/", {"limit": 5, "offset": 0}).status_code == 200
    # group_by belongs to the counts, not to the list
    assert list(client.get("/api/v1/cameras/", {"group_by": "vendor"}).json()) == ["group_by"]
    assert list(client.get("/api/v1/cameras/counts/", {"limit": "5"}).json()) == ["limit"]


def test_the_misspelt_filter_of_the_issue(register, api_client_for, officer):
    client = api_client_for(officer)
    assert client.get("/api/v1/cameras/counts/", {"site_category": "library"}).json()["total"] == 2
    assert client.get("/api/v1/cameras/counts/", {"site_catgory": "library"}).status_code == 400


@pytest.mark.parametrize("url", FILTERED)
def test_a_site_of_another_organisation_or_none_is_a_400_on_site(register, api_client_for, officer, url):
    theirs = Site.objects.get(name="Their Library")
    client = api_client_for(officer)
    for site_id in (theirs.pk, 999999):
        response = client.get(url, {"site": site_id})
        assert response.status_code == 400, (url, site_id)
        assert response.json() == {"site": [f"No site with id {site_id} in your organisations."]}
    assert client.get(url, {"site": register["library"].pk}).status_code == 200


def test_a_superuser_filters_by_any_site(register, api_client_for):
    theirs = Site.objects.get(name="Their Library")
    rows = api_client_for(factories.superuser()).get("/api/v1/cameras/", {"site": theirs.pk}).json()["results"]
    assert [row["asset_tag"] for row in rows] == ["THEIRS"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"offset": "null"}, "offset"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"offset": ""}, "offset"),
        ({"offset": "99999999999999999999999999"}, "offset"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "%"}, "limit"),
        ({"limit": "1e3"}, "limit"),
    ],
)
@pytest.mark.parametrize("url", ["/api/v1/cameras/", "/api/v1/sites/", "/api/v1/replacement-plan/"])
def test_a_bad_limit_or_offset_is_a_400_naming_it(register, api_client_for, officer, url, query, field):
    response = api_client_for(officer).get(url, query)
    assert response.status_code == 400, (url, query, response.content)
    assert list(response.json()) == [field]
    assert response.json()[field][0].endswith(", not '" + query[field] + "'.")


def test_a_limit_above_the_cap_lists_the_cap(register, api_client_for, officer):
    response = api_client_for(officer).get("/api/v1/cameras/", {"limit": "5000", "offset": "0"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 5
