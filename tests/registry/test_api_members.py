"""/api/v1/organisations/{slug}/members/: for the organisation's administrators only, never across organisations."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from registry.models import Membership
from tests import factories
from tests.registry.members import link_in_last_email, set_password_through

MEMBERS = "/api/v1/organisations/demo-council/members/"


@pytest.fixture
def admin(council):
    return factories.user_with_role(council, "admin", username="council-admin")


@pytest.fixture
def admin_api(admin, api_client_for):
    return api_client_for(admin)


def test_an_administrator_lists_and_reads_the_members(admin_api, officer, other_officer):
    response = admin_api.get(MEMBERS)
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"username": "council-admin", "email": "", "role": "admin", "is_active": True},
        {"username": "officer", "email": "", "role": "officer", "is_active": True},
    ]
    member = admin_api.get(f"{MEMBERS}officer/")
    assert member.status_code == 200 and member["ETag"]
    assert member.json()["role"] == "officer"


@pytest.mark.parametrize("role", ["viewer", "officer", "foi"])
def test_other_roles_are_refused_reads_and_writes(council, officer, api_client_for, role):
    client = api_client_for(factories.user_with_role(council, role))
    assert client.get(MEMBERS).status_code == 403
    assert client.get(f"{MEMBERS}officer/").status_code == 403
    assert client.post(MEMBERS, {"username": "x", "email": "x@example.gov.uk", "role": "admin"}).status_code == 403
    assert client.patch(f"{MEMBERS}officer/", {"role": "admin"}).status_code == 403
    assert client.delete(f"{MEMBERS}officer/").status_code == 403
    assert Membership.objects.get(user=officer).role == "officer"


def test_anonymous_is_refused(council):
    assert APIClient().get(MEMBERS).status_code == 401


def test_another_organisation_and_its_members_are_not_found(admin_api, other_council, other_officer):
    assert admin_api.get("/api/v1/organisations/other-council/members/").status_code == 404
    assert admin_api.get(f"/api/v1/organisations/other-council/members/{other_officer.username}/").status_code == 404
    assert admin_api.get(f"{MEMBERS}{other_officer.username}/").status_code == 404
    assert admin_api.patch(f"{MEMBERS}{other_officer.username}/", {"role": "viewer"}).status_code == 404
    assert admin_api.delete(f"{MEMBERS}{other_officer.username}/").status_code == 404
    assert admin_api.get("/api/v1/organisations/no-such-council/members/").status_code == 404


def test_adding_a_new_member_emails_a_link_that_lets_them_sign_in(
    admin_api, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_api.post(
            MEMBERS, {"username": "a.jones", "email": "a.jones@example.gov.uk", "role": "foi"}, format="json"
        )
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "username": "a.jones",
        "email": "a.jones@example.gov.uk",
        "role": "foi",
        "is_active": True,
    }
    link = link_in_last_email("a.jones@example.gov.uk")
    assert link.startswith("http://testserver/accounts/reset/")
    set_password_through(client, link.removeprefix("http://testserver"), "correct-horse-battery-9")
    signed_in = client.post("/accounts/login/", {"username": "a.jones", "password": "correct-horse-battery-9"})
    assert signed_in.status_code == 302
    assert client.get("/foi/").status_code == 200
    # The link works once.
    assert "This link does not work" in client.get(link.removeprefix("http://testserver"), follow=True).text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "n", "email": "n@example.gov.uk", "role": "superhero"}, "role"),
        ({"username": "n", "email": "not an email", "role": "viewer"}, "email"),
        ({"username": "n", "role": "viewer"}, "email"),
        ({"username": "officer", "email": "o@example.gov.uk", "role": "viewer"}, "username"),
        ({"username": "bad/name!", "email": "n@example.gov.uk", "role": "viewer"}, "username"),
        ({"username": "x" * 151, "email": "n@example.gov.uk", "role": "viewer"}, "username"),
        ({"email": "n@example.gov.uk", "role": "viewer"}, "username"),
        ({"username": "n", "email": "n@example.gov.uk", "role": "viewer", "is_active": "maybe"}, "is_active"),
    ],
)
def test_bad_additions_are_400s_naming_the_field(admin_api, officer, body, field):
    response = admin_api.post(MEMBERS, body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert mail.outbox == []


def test_an_existing_user_of_the_register_joins_another_organisation(
    admin_api, other_officer, django_capture_on_commit_callbacks
):
    other_officer.email = "them@example.gov.uk"
    other_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_api.post(MEMBERS, {"username": other_officer.username, "role": "viewer"}, format="json")
    assert response.status_code == 201
    assert Membership.objects.filter(user=other_officer).count() == 2
    assert mail.outbox[0].to == ["them@example.gov.uk"]
    assert "/accounts/reset/" not in mail.outbox[0].body


def test_changing_a_members_role_and_deactivating_them(admin_api, officer):
    response = admin_api.patch(f"{MEMBERS}officer/", {"role": "viewer", "is_active": False}, format="json")
    assert response.status_code == 200
    assert response.json() == {"username": "officer", "email": "", "role": "viewer", "is_active": False}
    assert admin_api.patch(f"{MEMBERS}officer/", {"role": "boss"}, format="json").json().keys() == {"role"}
    assert admin_api.patch(f"{MEMBERS}officer/", {"email": "bad"}, format="json").json().keys() == {"email"}


def test_a_stale_if_match_saves_nothing(admin_api, officer):
    etag = admin_api.get(f"{MEMBERS}officer/")["ETag"]
    assert admin_api.patch(f"{MEMBERS}officer/", {"role": "foi"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = admin_api.patch(f"{MEMBERS}officer/", {"role": "viewer"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Membership.objects.get(user=officer).role == "foi"


def test_the_last_administrator_is_kept(admin_api, admin):
    for body, field in [({"role": "officer"}, "role"), ({"is_active": False}, "is_active")]:
        response = admin_api.patch(f"{MEMBERS}{admin.username}/", body, format="json")
        assert response.status_code == 400
        assert "last administrator" in response.json()[field][0]
    response = admin_api.delete(f"{MEMBERS}{admin.username}/")
    assert response.status_code == 400 and "role" in response.json()
    assert Membership.objects.get(user=admin).role == "admin"


def test_removing_a_member(admin_api, officer):
    assert admin_api.delete(f"{MEMBERS}officer/").status_code == 204
    assert admin_api.get(f"{MEMBERS}officer/").status_code == 404
    assert officer.__class__.objects.filter(pk=officer.pk).exists(), "the user stays, only the membership goes"


def test_usernames_with_dots_and_at_signs_are_addressable(admin_api, council):
    factories.user_with_role(council, "viewer", username="j.smith@council")
    assert admin_api.get(f"{MEMBERS}j.smith@council/").json()["username"] == "j.smith@council"


def test_a_member_of_several_organisations_keeps_their_email(admin_api, officer, other_council):
    factories.user_with_role(other_council, "viewer", username="officer")
    response = admin_api.patch(f"{MEMBERS}officer/", {"email": "takeover@example.com"}, format="json")
    assert response.status_code == 400 and "email" in response.json()


def test_put_is_not_offered(admin_api, officer):
    body = {"username": "officer", "email": "", "role": "viewer", "is_active": True}
    assert admin_api.put(f"{MEMBERS}officer/", body, format="json").status_code == 405
