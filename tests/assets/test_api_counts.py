import pytest

from tests import factories

URL = "/api/v1/cameras/counts/"


def counts(client, query: str) -> dict:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.json()
    return response.json()


def test_without_group_by_the_total_alone(register, api_client_for, officer):
    assert counts(api_client_for(officer), "") == {"total": 5, "group_by": [], "groups": []}


def test_the_issue_shape_by_manufacturer(register, api_client_for, officer):
    answer = counts(api_client_for(officer), "group_by=manufacturer")
    assert answer["total"] == 5
    assert answer["group_by"] == ["manufacturer"]
    assert answer["groups"] == [
        {"manufacturer": "axis-communications", "manufacturer_label": "Axis Communications", "count": 1},
        {"manufacturer": "dahua", "manufacturer_label": "Dahua Technology", "count": 1},
        {"manufacturer": "ezviz", "manufacturer_label": "EZVIZ", "count": 1},
        {"manufacturer": "hikvision", "manufacturer_label": "Hikvision", "count": 1},
        {"manufacturer": None, "manufacturer_label": "Unknown", "count": 1},
    ]


def groups(client, query: str, dimension: str) -> dict:
    return {(g[dimension], g[f"{dimension}_label"]): g["count"] for g in counts(client, query)["groups"]}


def test_each_dimension(register, api_client_for, officer):
    client = api_client_for(officer)
    library, car_park = register["library"], register["car_park"]
    assert groups(client, "group_by=organisation", "organisation") == {("demo-council", "Demo Council"): 5}
    assert groups(client, "group_by=site", "site") == {
        (library.pk, "Central Library"): 2,
        (car_park.pk, "Market Car Park"): 3,
    }
    assert groups(client, "group_by=site_category", "site_category") == {
        ("library", "Library"): 2,
        ("car-park", "Car park"): 3,
    }
    assert groups(client, "group_by=vendor", "vendor") == {
        ("hikvision", "Hikvision"): 2,
        ("canon", "Canon"): 1,  # Axis is a Canon company
        ("dahua", "Dahua Technology"): 1,
        (None, "Unknown"): 1,
    }
    assert groups(client, "group_by=origin_country", "origin_country") == {
        ("CN", "China"): 2,
        ("SE", "Sweden"): 1,
        ("GB", "United Kingdom"): 1,
        (None, "Unknown"): 1,
    }
    assert groups(client, "group_by=networked", "networked") == {(True, "Networked"): 2, (False, "Not networked"): 3}
    assert groups(client, "group_by=status", "status") == {
        ("operational", "Operational"): 2,
        ("faulty", "Faulty"): 1,
        ("decommissioned", "Decommissioned"): 1,
        ("planned", "Planned"): 1,
    }
    assert groups(client, "group_by=install_year", "install_year") == {
        (2015, "2015"): 1,
        (2018, "2018"): 1,
        (2020, "2020"): 1,
        (2021, "2021"): 1,
        (None, "Unknown"): 1,
    }
    assert groups(client, "group_by=eol_year", "eol_year") == {
        (2023, "2023"): 1,
        (2025, "2025"): 1,
        (2028, "2028"): 1,
        (2030, "2030"): 1,
        (None, "Unknown"): 1,
    }


def test_filters_and_two_dimensions(register, api_client_for, officer):
    answer = counts(api_client_for(officer), "site_category=library&group_by=vendor,networked")
    assert answer["total"] == 2
    assert answer["groups"] == [  # equal counts: sorted by label
        {"vendor": "hikvision", "vendor_label": "Hikvision", "networked": True, "networked_label": "Networked",
         "count": 1},
        {"vendor": "hikvision", "vendor_label": "Hikvision", "networked": False, "networked_label": "Not networked",
         "count": 1},
    ]  # fmt: skip


def test_largest_groups_first(register, api_client_for, officer):
    answer = counts(api_client_for(officer), "group_by=site_category")
    assert [g["count"] for g in answer["groups"]] == [3, 2]


def test_counts_see_only_your_organisations(register, api_client_for, other_officer):
    assert counts(api_client_for(other_officer), "group_by=vendor")["total"] == 1
    superuser_total = counts(api_client_for(factories.superuser()), "")["total"]
    assert superuser_total == 6


def test_counts_are_one_aggregate_query(register, api_client_for, officer, django_assert_max_num_queries):
    client = api_client_for(officer)
    # token, the site category's slug, the register's versions (the cache key), the aggregate
    with django_assert_max_num_queries(4):
        client.get(f"{URL}?site_category=library&group_by=vendor,origin_country,install_year")
    # asked again: answered from the cache, without the aggregate
    with django_assert_max_num_queries(3):
        client.get(f"{URL}?site_category=library&group_by=vendor,origin_country,install_year")


@pytest.mark.parametrize(
    "group_by", ["colour", "vendor,colour", "vendor,vendor", "asset_tag", "site__organisation__name"]
)
def test_an_unknown_dimension_is_a_400_naming_group_by(register, api_client_for, officer, group_by):
    response = api_client_for(officer).get(f"{URL}?group_by={group_by}")
    assert response.status_code == 400
    assert list(response.json()) == ["group_by"]


def test_filter_and_dimension_errors_are_reported_together(register, api_client_for, officer):
    response = api_client_for(officer).get(f"{URL}?group_by=colour&networked=maybe")
    assert response.status_code == 400
    assert set(response.json()) == {"group_by", "networked"}


@pytest.mark.parametrize("role", ["viewer", "foi", "officer", "admin"])
def test_every_role_counts(council, register, api_client_for, role):
    assert counts(api_client_for(factories.user_with_role(council, role)), "")["total"] == 5
