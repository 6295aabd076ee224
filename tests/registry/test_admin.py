"""The admin site shows each member only their own organisation, and applies their role."""

from decimal import Decimal

import pytest

from assets.models import Camera
from registry.models import Membership, ReplacementUnitCost, SiteCategory
from tests import factories


@pytest.fixture
def cameras(library, other_council):
    ours = factories.camera(library, asset_tag="OURS-001")
    theirs = factories.camera(factories.site(other_council, name="Their Library"), asset_tag="THEIRS-001")
    return ours, theirs


def test_officer_sees_only_their_organisations_cameras(client, council, cameras):
    client.force_login(factories.user_with_role(council, "officer"))
    page = client.get("/admin/assets/camera/")
    assert page.status_code == 200
    assert "OURS-001" in page.text
    assert "THEIRS-001" not in page.text
    assert "Other Council" not in page.text, "the organisation list filter must not name other councils"


def test_another_organisations_camera_cannot_be_opened(client, council, cameras):
    client.force_login(factories.user_with_role(council, "admin"))
    theirs = cameras[1]
    page = client.get(f"/admin/assets/camera/{theirs.pk}/change/", follow=True)
    assert "THEIRS-001" not in page.text
    assert "doesn’t exist" in page.text


def test_viewer_can_read_but_not_change(client, council, cameras):
    client.force_login(factories.user_with_role(council, "viewer"))
    ours = cameras[0]
    assert client.get(f"/admin/assets/camera/{ours.pk}/change/").status_code == 200
    response = client.post(f"/admin/assets/camera/{ours.pk}/change/", {"asset_tag": "CHANGED"})
    assert response.status_code == 403
    assert client.get("/admin/assets/camera/add/").status_code == 403
    ours.refresh_from_db()
    assert ours.asset_tag == "OURS-001"


def test_officer_cannot_delete_but_admin_can(client, council, cameras):
    ours = cameras[0]
    client.force_login(factories.user_with_role(council, "officer"))
    assert client.post(f"/admin/assets/camera/{ours.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(factories.user_with_role(council, "admin"))
    client.post(f"/admin/assets/camera/{ours.pk}/delete/", {"post": "yes"})
    assert not Camera.objects.filter(pk=ours.pk).exists()


def test_officer_adds_a_camera_through_the_services(client, council, library, other_council):
    client.force_login(factories.user_with_role(council, "officer"))
    form = client.get("/admin/assets/camera/add/")
    assert "Their Library" not in form.text
    response = client.post(
        "/admin/assets/camera/add/",
        {
            "site": library.pk,
            "asset_tag": "LIB-100",
            "manufacturer": factories.manufacturer("ezviz").pk,
            "install_date": "2021-04-01",
            "status": "operational",
        },
    )
    assert response.status_code == 302, response.text
    camera = Camera.objects.get(asset_tag="LIB-100")
    assert camera.organisation == council
    assert camera.vendor.slug == "hikvision"
    assert camera.end_of_life_estimated
    assert camera.history.first().history_change_reason == "Edited in the admin site"


def test_admin_form_names_the_asset_tag_when_it_is_taken(client, council, library, cameras):
    client.force_login(factories.user_with_role(council, "officer"))
    response = client.post(
        "/admin/assets/camera/add/", {"site": library.pk, "asset_tag": "OURS-001", "status": "operational"}
    )
    assert response.status_code == 200
    assert "This organisation already has a camera with this asset tag." in response.text


def test_member_reads_manufacturers_but_only_a_superuser_changes_them(client, council):
    hikvision = factories.manufacturer("hikvision")
    client.force_login(factories.user_with_role(council, "admin"))
    assert client.get("/admin/assets/manufacturer/").status_code == 200
    assert client.post(f"/admin/assets/manufacturer/{hikvision.pk}/change/", {"name": "X"}).status_code == 403
    client.force_login(factories.superuser())
    assert client.get(f"/admin/assets/manufacturer/{hikvision.pk}/change/").status_code == 200


@pytest.mark.parametrize("path", ["registry/site", "registry/membership", "assets/vendorrestriction", "foi/foirequest"])
def test_list_filters_never_name_another_council(client, council, other_council, cameras, path):
    factories.user_with_role(other_council, "viewer")
    client.force_login(factories.user_with_role(council, "admin"))
    page = client.get(f"/admin/{path}/")
    assert page.status_code == 200
    assert "Other Council" not in page.text


def test_organisation_admin_sees_only_their_own_organisation(client, council, other_council):
    client.force_login(factories.user_with_role(council, "admin"))
    page = client.get("/admin/registry/organisation/")
    assert "Demo Council" in page.text
    assert "Other Council" not in page.text


def test_membership_form_offers_only_users_of_the_admins_organisation(client, council, other_council):
    factories.user_with_role(other_council, "viewer", username="stranger")
    factories.user_with_role(council, "viewer", username="colleague")
    client.force_login(factories.user_with_role(council, "admin"))
    page = client.get("/admin/registry/membership/add/")
    assert "colleague" in page.text
    assert "stranger" not in page.text
    assert "Other Council" not in page.text


def test_every_model_is_in_the_admin(admin_client):
    for path in [
        "registry/organisation",
        "registry/membership",
        "registry/sitecategory",
        "registry/site",
        "assets/manufacturer",
        "assets/camera",
    ]:
        assert admin_client.get(f"/admin/{path}/?q=a").status_code == 200, path


def test_the_site_admin_saves_through_the_service(admin_client, library):
    form = {"organisation": library.organisation_id, "name": library.name, "category": library.category_id}
    response = admin_client.post(f"/admin/registry/site/{library.pk}/change/", form | {"postcode": "sw1a 1aa"})
    assert response.status_code == 302, response.text
    library.refresh_from_db()
    assert library.postcode == "SW1A 1AA"


def test_the_site_admin_refuses_to_move_a_site_to_another_organisation(admin_client, library, other_council):
    form = {"organisation": other_council.pk, "name": library.name, "category": library.category_id}
    response = admin_client.post(f"/admin/registry/site/{library.pk}/change/", form)
    assert response.status_code == 200
    assert "A site cannot move to another organisation." in response.text
    library.refresh_from_db()
    assert library.organisation.name == "Demo Council"


def test_an_organisation_admin_changes_a_role_and_sets_a_unit_cost_through_the_services(client, council):
    colleague = factories.user_with_role(council, "viewer", username="colleague")
    client.force_login(factories.user_with_role(council, "admin"))
    membership = Membership.objects.get(user=colleague)
    form = {"user": colleague.pk, "organisation": council.pk, "role": "officer"}
    response = client.post(f"/admin/registry/membership/{membership.pk}/change/", form)
    assert response.status_code == 302, response.text
    membership.refresh_from_db()
    assert membership.role == "officer"

    form = {"organisation": council.pk, "category": factories.category().pk, "unit_cost": "850.00"}
    response = client.post("/admin/registry/replacementunitcost/add/", form)
    assert response.status_code == 302, response.text
    assert ReplacementUnitCost.objects.get(organisation=council).unit_cost == Decimal("850.00")
    response = client.post("/admin/registry/replacementunitcost/add/", form)
    assert response.status_code == 200
    assert "This organisation already has a unit cost for this site category." in response.text


def test_a_superuser_adds_and_renames_a_site_category(admin_client, db):
    response = admin_client.post("/admin/registry/sitecategory/add/", {"slug": "vehicle-depot", "name": "Depot"})
    assert response.status_code == 302, response.text
    depot = SiteCategory.objects.get(slug="vehicle-depot")
    response = admin_client.post(
        f"/admin/registry/sitecategory/{depot.pk}/change/", {"slug": "vehicle-depot", "name": "Vehicle depot"}
    )
    assert response.status_code == 302, response.text
    depot.refresh_from_db()
    assert depot.name == "Vehicle depot"
