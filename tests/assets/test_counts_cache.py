"""Cached camera counts: every write a count reads is visible in the very next answer, and an answer is only ever
shared between users who see the same organisations."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from assets import selectors, services
from assets.filtersets import CameraFilterSet
from assets.selectors import cameras_for_user
from registry import services as registry_services
from registry.choices import Role
from registry.models import Membership, SiteCategory
from tests import factories

QUESTIONS = [
    "group_by=status",
    "group_by=site",
    "group_by=site_category",
    "group_by=vendor,networked",
    "group_by=organisation",
    "group_by=restricted",
    "group_by=eol_year",
    "site_category=library&group_by=manufacturer",
]


def uncached(user, query: str) -> dict:
    """The same question answered straight from the database."""
    from django.http import QueryDict

    parameters = QueryDict(query)
    filterset = CameraFilterSet(
        parameters, queryset=cameras_for_user(user=user), request=mock.Mock(user=user), other_parameters={"group_by"}
    )
    return selectors.camera_counts_for_query(filterset=filterset, group_by=parameters.get("group_by"))


def ask_everything(client) -> dict:
    answers = {}
    for query in QUESTIONS:
        answer = client.get(f"/api/v1/cameras/counts/?{query}")
        assert answer.status_code == 200, answer.content
        answers[query] = answer.json()
    return answers


@pytest.fixture
def register(council, library, other_council):
    car_park = factories.site(council, name="Market Car Park", category_slug="car-park")
    cameras = [
        factories.camera(library, asset_tag="LIB-1"),
        factories.camera(library, asset_tag="LIB-2", manufacturer=factories.manufacturer("bosch"), networked=True),
        factories.camera(car_park, asset_tag="CP-1", manufacturer=factories.manufacturer("dahua"), status="faulty"),
    ]
    factories.camera(factories.site(other_council, name="Their Library"), asset_tag="THEIRS")
    return {"car_park": car_park, "cameras": cameras}


def write_camera_create(council, library, register):
    factories.camera(library, asset_tag="NEW-1", networked=True)


def write_camera_update(council, library, register):
    services.camera_update(camera=register["cameras"][0], networked=True, manufacturer=factories.manufacturer("bosch"))


def write_camera_move_site(council, library, register):
    services.camera_update(camera=register["cameras"][0], site=register["car_park"])


def write_camera_decommission(council, library, register):
    services.camera_decommission(camera=register["cameras"][1], decommissioned_date=datetime.date(2025, 1, 2))


def write_camera_delete(council, library, register):
    services.camera_delete(camera=register["cameras"][2])


def write_cameras_bulk(council, library, register):
    created = [services.camera_build(site=library, asset_tag=f"BULK-{number}", status="planned") for number in range(3)]
    updated = services.camera_build(camera=register["cameras"][0], status="faulty")
    services.cameras_bulk_write(created=created, updated=[updated], reason="Imported from test.xlsx")


def write_cameras_bulk_created_only(council, library, register):
    """A first import only creates: on PostgreSQL its cameras go in by COPY, and the register's version still moves."""
    created = [services.camera_build(site=library, asset_tag=f"NEW-{number}", networked=True) for number in range(3)]
    services.cameras_bulk_write(created=created, updated=[], reason="Imported from first.xlsx")


def write_site_update(council, library, register):
    registry_services.site_update(site=library, name="Renamed Library", category=factories.category("park"))


def write_site_create(council, library, register):
    factories.camera(factories.site(council, name="New Depot", category_slug="depot"), asset_tag="DEP-1")


def write_site_category_update(council, library, register):
    registry_services.site_category_update(category=SiteCategory.objects.get(slug="library"), name="Public libraries")


def write_manufacturer_update(council, library, register):
    services.manufacturer_update(manufacturer=factories.manufacturer("bosch"), name="Bosch, renamed")


def write_organisation_settings(council, library, register):
    services.organisation_settings_update(organisation=council, name="Renamed Council", default_camera_lifespan_years=3)


def write_restriction_create(council, library, register):
    services.restriction_create(
        organisation=council, basis="Council rule", manufacturer=factories.manufacturer("dahua")
    )


def write_restrictions_followed(council, library, register):
    services.organisation_follow_restrictions(organisation=council, keys=selectors.public_restriction_keys())


WRITES = [
    write_camera_create,
    write_camera_update,
    write_camera_move_site,
    write_camera_decommission,
    write_camera_delete,
    write_cameras_bulk,
    write_cameras_bulk_created_only,
    write_site_update,
    write_site_create,
    write_site_category_update,
    write_manufacturer_update,
    write_organisation_settings,
    write_restriction_create,
    write_restrictions_followed,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__.removeprefix("write_") for write in WRITES])
def test_a_write_is_in_the_next_counts_answer(write, council, library, register, officer, api_client_for):
    client = api_client_for(officer)
    before = ask_everything(client)
    assert ask_everything(client) == before  # answered from the cache now
    write(council, library, register)
    after = ask_everything(client)
    assert after != before, "the write should change some answer"
    assert after == {query: uncached(officer, query) for query in QUESTIONS}


def test_the_counts_workbook_reads_the_same_fresh_answers(council, library, register, officer, api_client_for):
    client = api_client_for(officer)
    first = client.get("/api/v1/cameras/counts.xlsx?group_by=status")
    factories.camera(library, asset_tag="NEW-2", status="planned")
    second = client.get("/api/v1/cameras/counts.xlsx?group_by=status")
    assert first.status_code == second.status_code == 200
    assert first.content != second.content


def test_a_repeated_question_is_answered_without_counting_again(register, officer, api_client_for):
    client = api_client_for(officer)
    with mock.patch.object(selectors, "camera_counts", wraps=selectors.camera_counts) as counted:
        for _ in range(3):
            assert client.get("/api/v1/cameras/counts/?group_by=status").status_code == 200
        client.get("/api/v1/cameras/counts/?group_by=status&networked=true")
        client.get("/api/v1/cameras/counts/?group_by=networked")
    assert counted.call_count == 3


def test_answers_are_shared_only_between_users_seeing_the_same_organisations(
    council, other_council, register, officer, other_officer, api_client_for
):
    colleague = factories.user_with_role(council, Role.VIEWER)
    root = factories.superuser()
    query = "/api/v1/cameras/counts/?group_by=organisation"
    totals = {}
    for name, user in [("officer", officer), ("other", other_officer), ("colleague", colleague), ("root", root)]:
        totals[name] = api_client_for(user).get(query).json()["total"]
    assert totals == {"officer": 3, "other": 1, "colleague": 3, "root": 4}

    with mock.patch.object(selectors, "camera_counts", wraps=selectors.camera_counts) as counted:
        for user in (officer, colleague, other_officer, root):
            api_client_for(user).get(query)
    assert counted.call_count == 0  # each scope's answer was cached once and reused by the same scope only


def test_a_change_of_membership_changes_what_a_user_counts(council, other_council, register, officer, api_client_for):
    client = api_client_for(officer)
    assert client.get("/api/v1/cameras/counts/").json()["total"] == 3
    registry_services.membership_create(user=officer, organisation=other_council, role=Role.VIEWER)
    assert client.get("/api/v1/cameras/counts/").json()["total"] == 4
    Membership.objects.filter(user=officer, organisation=council).update(is_active=False)
    assert client.get("/api/v1/cameras/counts/").json()["total"] == 1
    get_user_model().objects.filter(pk=officer.pk).update(is_superuser=True)
    assert client.get("/api/v1/cameras/counts/").json()["total"] == 4


def test_a_filter_error_is_never_cached(register, officer, api_client_for):
    client = api_client_for(officer)
    assert client.get("/api/v1/cameras/counts/?manufacturer=nobody").status_code == 400
    assert client.get("/api/v1/cameras/counts/?manufacturer=nobody").status_code == 400
    assert client.get("/api/v1/cameras/counts/?manufacturer=bosch").json()["total"] == 1
