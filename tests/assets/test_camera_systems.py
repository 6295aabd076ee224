"""A camera's surveillance camera system: its site's default when none is given, its own organisation's only, a
camera filter and a count dimension."""

import pytest
from django.core.exceptions import ValidationError

from assets.services import camera_create, camera_update
from assets.vocabulary import COUNT_DIMENSIONS
from registry.choices import Role
from registry.services import site_update
from registry.system_services import system_create, system_update
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_cctv(council):
    return system_create(organisation=council, name="Library CCTV")


@pytest.fixture
def town_centre(council):
    return system_create(organisation=council, name="Town centre public space CCTV")


def test_a_new_camera_joins_its_sites_default_system_unless_given_one(library, library_cctv, town_centre):
    site_update(site=library, default_system=library_cctv)
    library.refresh_from_db()
    assert factories.camera(library).system == library_cctv
    assert factories.camera(library, system=town_centre).system == town_centre
    assert factories.camera(library, system=None).system is None
    # An existing camera keeps its system when its site's default changes.
    camera = factories.camera(library)
    site_update(site=library, default_system=town_centre)
    camera.refresh_from_db()
    assert camera.system == library_cctv


def test_a_camera_joins_only_its_own_organisations_system(library, other_council, library_cctv):
    theirs = system_create(organisation=other_council, name="Their CCTV")
    with pytest.raises(ValidationError) as error:
        factories.camera(library, system=theirs)
    assert error.value.message_dict == {
        "system": ["The system belongs to another organisation: choose one of the camera's."]
    }
    camera = factories.camera(library, system=library_cctv)
    with pytest.raises(ValidationError):
        camera_update(camera=camera, system=theirs)
    camera.refresh_from_db()
    # Moved to another organisation's site, it cannot keep its system either.
    their_site = factories.site(other_council, name="Depot")
    with pytest.raises(ValidationError) as error:
        camera_update(camera=camera, site=their_site)
    assert list(error.value.message_dict) == ["system"]
    assert camera_update(camera=camera, site=their_site, system=theirs).record.system == theirs


def test_a_change_of_system_is_in_the_cameras_history(library, library_cctv, town_centre):
    camera = camera_create(site=library, asset_tag="LIB-9", system=library_cctv)
    saved = camera_update(camera=camera, system=town_centre, reason="Moved to the town centre scheme")
    assert saved.changed == ("system",)
    assert camera.history.first().history_change_reason == "Moved to the town centre scheme"


def test_the_api_reads_and_writes_a_cameras_system(library, library_cctv, town_centre, api_client_for, officer):
    site_update(site=library, default_system=library_cctv)
    client = api_client_for(officer)
    created = client.post("/api/v1/cameras/", {"site": library.pk, "asset_tag": "A-1"}, format="json").json()
    assert (created["system"], created["system_name"]) == (library_cctv.pk, "Library CCTV")
    none = client.post("/api/v1/cameras/", {"site": library.pk, "asset_tag": "A-2", "system": None}, format="json")
    assert none.json()["system"] is None and none.json()["system_name"] is None
    moved = client.patch(f"/api/v1/cameras/{created['id']}/", {"system": town_centre.pk}, format="json")
    assert moved.status_code == 200 and moved.json()["system"] == town_centre.pk
    bad = client.patch(f"/api/v1/cameras/{created['id']}/", {"system": "library"}, format="json")
    assert bad.status_code == 400 and list(bad.json()) == ["system"]


def test_a_site_names_its_default_system_in_the_api(library, library_cctv, api_client_for, officer):
    client = api_client_for(officer)
    response = client.patch(f"/api/v1/sites/{library.pk}/", {"default_system": library_cctv.pk}, format="json")
    assert response.status_code == 200 and response.json()["default_system"] == library_cctv.pk
    response = client.patch(f"/api/v1/sites/{library.pk}/", {"default_system": None}, format="json")
    assert response.json()["default_system"] is None


def test_the_system_filter(library, library_cctv, town_centre, api_client_for, viewer, other_council):
    in_library = factories.camera(library, asset_tag="L-1", system=library_cctv)
    factories.camera(library, asset_tag="T-1", system=town_centre)
    loose = factories.camera(library, asset_tag="N-1")
    theirs = system_create(organisation=other_council, name="Their CCTV")
    client = api_client_for(viewer)

    def tags(query: str) -> list[str]:
        response = client.get(f"/api/v1/cameras/?{query}")
        assert response.status_code == 200, response.json()
        return [camera["asset_tag"] for camera in response.json()["results"]]

    assert tags(f"system={library_cctv.pk}") == [in_library.asset_tag]
    assert tags("system=none") == [loose.asset_tag]
    assert tags("system=NONE") == [loose.asset_tag]
    for value, message in (
        (theirs.pk, f"No system with id {theirs.pk} in your organisations."),
        ("library", "Enter a system's id (a whole number) or none, not 'library'."),
        ("1.5", "Enter a system's id (a whole number) or none, not '1.5'."),
        ("9" * 30, f"Enter a system's id (a whole number) or none, not '{'9' * 30}'."),
        ("%00", "Null characters are not allowed."),
    ):
        response = client.get(f"/api/v1/cameras/?system={value}")
        assert response.status_code == 400, value
        assert response.json() == {"system": [message]}


def test_counts_by_system_are_labelled_with_the_systems_name(library, library_cctv, town_centre, api_client_for):
    factories.camera(library, system=library_cctv)
    factories.camera(library, system=library_cctv)
    factories.camera(library, system=town_centre)
    factories.camera(library)
    client = api_client_for(factories.user_with_role(library.organisation, Role.VIEWER))
    response = client.get("/api/v1/cameras/counts/?group_by=system")
    assert response.status_code == 200
    assert response.json() == {
        "total": 4,
        "group_by": ["system"],
        "groups": [
            {"system": library_cctv.pk, "system_label": "Library CCTV", "count": 2},
            {"system": town_centre.pk, "system_label": "Town centre public space CCTV", "count": 1},
            {"system": None, "system_label": "Unknown", "count": 1},
        ],
    }
    filtered = client.get(f"/api/v1/cameras/counts/?system={library_cctv.pk}&group_by=system").json()
    assert filtered["total"] == 2
    dimension = COUNT_DIMENSIONS["system"]
    assert dimension.group_phrase("Library CCTV", past=False) == "belong to the Library CCTV system"


def test_a_counts_answer_is_not_stale_after_a_system_is_renamed(library, library_cctv, api_client_for, viewer):
    factories.camera(library, system=library_cctv)
    client = api_client_for(viewer)
    assert client.get("/api/v1/cameras/counts/?group_by=system").json()["groups"][0]["system_label"] == "Library CCTV"
    system_update(system=library_cctv, name="Libraries CCTV")
    assert client.get("/api/v1/cameras/counts/?group_by=system").json()["groups"][0]["system_label"] == (
        "Libraries CCTV"
    )


def test_the_camera_form_offers_the_users_own_systems(library, library_cctv, other_council, officer_client, officer):
    system_create(organisation=other_council, name="Their CCTV")
    site_update(site=library, default_system=library_cctv)
    page = officer_client.get("/cameras/add/").content.decode()
    assert "Library CCTV" in page and "Their CCTV" not in page
    assert "The site&#x27;s default system" in page
    response = officer_client.post(
        "/cameras/add/", {"site": library.pk, "asset_tag": "F-1", "status": "operational", "system": ""}
    )
    assert response.status_code == 302
    camera = library.cameras.get(asset_tag="F-1")
    assert camera.system == library_cctv
    detail = officer_client.get(camera.get_absolute_url()).content.decode()
    assert f'href="/systems/{library_cctv.pk}/">Library CCTV</a>' in detail
    edit = officer_client.get(f"/cameras/{camera.pk}/edit/").content.decode()
    assert "Not in a system" in edit
