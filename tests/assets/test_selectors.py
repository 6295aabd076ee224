import datetime

import pytest
from django.core.exceptions import ValidationError

from assets.filtersets import CameraFilterSet
from assets.selectors import camera_counts, cameras_for_user, parse_group_by
from tests import factories


@pytest.fixture
def register(council, library, other_council):
    car_park = factories.site(council, name="Car Park", category_slug="car-park")
    factories.camera(library, manufacturer=factories.manufacturer("hikvision"))
    factories.camera(library, manufacturer=factories.manufacturer("ezviz"))
    factories.camera(library, manufacturer=None, networked=True)
    factories.camera(car_park, manufacturer=factories.manufacturer("bosch"), networked=True)
    factories.camera(factories.site(other_council), manufacturer=factories.manufacturer("hikvision"))
    return council


def test_counts_by_vendor_count_a_subsidiary_under_its_parent(register, django_assert_num_queries):
    cameras = cameras_for_user(user=factories.user_with_role(register, "viewer"))
    with django_assert_num_queries(1):
        counts = camera_counts(cameras=cameras.filter(site__category__slug="library"), group_by=["vendor"])
    assert counts == {
        "total": 3,
        "group_by": ["vendor"],
        "groups": [
            {"vendor": "hikvision", "vendor_label": "Hikvision", "count": 2},
            {"vendor": None, "vendor_label": "Unknown", "count": 1},
        ],
    }


def test_counts_by_two_dimensions_label_both(register):
    cameras = cameras_for_user(user=factories.user_with_role(register, "viewer"))
    counts = camera_counts(cameras=cameras, group_by=["origin_country", "networked"])
    assert counts["total"] == 4
    assert counts["groups"][0] == {
        "origin_country": "CN",
        "origin_country_label": "China",
        "networked": False,
        "networked_label": "Not networked",
        "count": 2,
    }
    assert {"origin_country": None, "origin_country_label": "Unknown", "networked": True} | {
        "networked_label": "Networked",
        "count": 1,
    } in counts["groups"]


def test_counts_by_year_and_site(register, library):
    cameras = cameras_for_user(user=factories.user_with_role(register, "viewer"))
    counts = camera_counts(cameras=cameras.filter(site=library), group_by=["site", "install_year", "eol_year"])
    assert counts["groups"] == [
        {
            "site": library.pk,
            "site_label": "Central Library",
            "install_year": 2020,
            "install_year_label": "2020",
            "eol_year": 2030,
            "eol_year_label": "2030",
            "count": 3,
        }
    ]


def test_total_without_group_by(register):
    cameras = cameras_for_user(user=factories.user_with_role(register, "viewer"))
    assert camera_counts(cameras=cameras, group_by=[]) == {"total": 4, "group_by": [], "groups": []}


@pytest.mark.parametrize(
    ("raw", "message"),
    [("vendor,colour", "Unknown dimension 'colour'"), ("vendor,vendor", "only once")],
)
def test_parse_group_by_names_the_problem(raw, message):
    with pytest.raises(ValidationError) as error:
        parse_group_by(raw)
    assert message in error.value.message_dict["group_by"][0]


def test_parse_group_by_accepts_spaces_and_lists():
    assert parse_group_by(" vendor , networked ") == ["vendor", "networked"]
    assert parse_group_by(["status"]) == ["status"]
    assert parse_group_by("") == []


def test_superuser_sees_every_organisation(register):
    assert cameras_for_user(user=factories.superuser()).count() == 5


def test_as_at_counts_cameras_in_service_on_that_day(library):
    factories.camera(library, install_date=datetime.date(2019, 1, 1))
    factories.camera(
        library,
        install_date=datetime.date(2019, 1, 1),
        status="decommissioned",
        decommissioned_date=datetime.date(2021, 6, 1),
    )
    factories.camera(library, install_date=datetime.date(2022, 1, 1))
    factories.camera(library, install_date=None, status="planned")
    cameras = library.cameras.all()

    def in_service(day: str) -> int:
        filters = CameraFilterSet({"as_at": day}, queryset=cameras)
        assert filters.is_valid()
        return filters.qs.count()

    assert in_service("2018-12-31") == 0
    assert in_service("2019-01-01") == 2
    assert in_service("2021-05-31") == 2
    assert in_service("2021-06-01") == 1
    assert in_service("2022-01-01") == 2


def test_filterset_names_every_bad_value(library):
    filters = CameraFilterSet(
        {
            "site_category": "nope",
            "networked": "maybe",
            "status": "operational,bogus",
            "origin_country": "zz",
            "ordering": "colour",
            "installed_after": "31/02/2020",
            "manufacturer": "acme",
        },
        queryset=library.cameras.all(),
    )
    assert not filters.is_valid()
    assert filters.errors["site_category"] == ["No site category has the slug 'nope'."]
    assert filters.errors["manufacturer"] == ["No manufacturer has the slug 'acme'."]
    assert filters.errors["networked"] == ["Enter true or false, not 'maybe'."]
    assert "bogus" in filters.errors["status"][0]
    assert "'ZZ' is not an ISO 3166-1 alpha-2" in filters.errors["origin_country"][0]
    assert set(filters.errors) == {
        "site_category",
        "networked",
        "status",
        "origin_country",
        "ordering",
        "installed_after",
        "manufacturer",
    }
