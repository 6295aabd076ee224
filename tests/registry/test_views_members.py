"""The members pages (/members/), password reset on the register's own layout, and the admin's last-admin rule."""

import pytest
from django.core import mail

from registry.models import Membership
from registry.services import membership_add
from tests import factories
from tests.pages import error_summary, form_data, signs_in
from tests.registry.members import link_in_last_email, set_password_through


@pytest.fixture
def admin(council):
    return factories.user_with_role(council, "admin", username="council-admin")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def membership_of(user, organisation=None) -> Membership:
    return Membership.objects.get(user=user, **({"organisation": organisation} if organisation else {}))


def test_an_administrator_sees_their_members_and_the_menu_item(admin_client, officer, other_officer):
    page = admin_client.get("/members/")
    assert page.status_code == 200
    assert "council-admin" in page.text and "officer" in page.text
    assert other_officer.username not in page.text
    assert 'href="/members/"' in page.text
    assert 'href="/organisations/demo-council/settings/"' in page.text


@pytest.mark.parametrize("role", ["viewer", "officer", "foi"])
def test_other_roles_are_forbidden_and_see_no_menu_item(client, council, officer, role):
    client.force_login(factories.user_with_role(council, role))
    assert 'href="/members/"' not in client.get("/").text
    membership = membership_of(officer)
    assert client.get("/members/").status_code == 403
    assert client.get("/members/add/").status_code == 403
    assert client.get(f"/members/{membership.pk}/edit/").status_code == 403
    assert client.post(f"/members/{membership.pk}/edit/", {"role": "admin"}).status_code == 403
    assert client.post(f"/members/{membership.pk}/remove/").status_code == 403
    assert membership_of(officer).role == "officer"


def test_signing_in_is_needed(client, council):
    assert client.get("/members/").status_code == 302


def test_another_organisations_member_is_not_found(admin_client, other_officer):
    membership = membership_of(other_officer)
    assert admin_client.get(f"/members/{membership.pk}/edit/").status_code == 404
    assert admin_client.post(f"/members/{membership.pk}/remove/").status_code == 404


def test_adding_a_member_sends_the_link(admin_client, council, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/members/add/",
            {"organisation": council.pk, "username": "newbie", "email": "newbie@example.gov.uk", "role": "viewer"},
            follow=True,
        )
    assert "newbie added to Demo Council" in response.text
    assert Membership.objects.get(user__username="newbie", organisation=council).role == "viewer"
    assert link_in_last_email("newbie@example.gov.uk").startswith("http://testserver/accounts/reset/")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"role": "chief"}, "Select a valid choice"),
        ({"email": "nope"}, "Enter a valid email address"),
        ({"username": "officer"}, "already a member of Demo Council"),
        ({"username": ""}, "Enter the username"),
    ],
)
def test_bad_additions_are_shown_at_the_field(admin_client, council, officer, changes, message):
    body = {"organisation": council.pk, "username": "newbie", "email": "n@example.gov.uk", "role": "viewer"} | changes
    response = admin_client.post("/members/add/", body)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert mail.outbox == []


def test_changing_a_member(admin_client, officer):
    membership = membership_of(officer)
    form = admin_client.get(f"/members/{membership.pk}/edit/").context["form"]
    response = admin_client.post(f"/members/{membership.pk}/edit/", form_data(form, role="foi", is_active=False))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.is_active) == ("foi", False)


def test_the_last_administrator_cannot_demote_or_remove_themselves(admin_client, admin):
    membership = membership_of(admin)
    form = admin_client.get(f"/members/{membership.pk}/edit/").context["form"]
    response = admin_client.post(f"/members/{membership.pk}/edit/", form_data(form, role="viewer"))
    assert "last administrator of Demo Council" in error_summary(response)
    form = admin_client.get(f"/members/{membership.pk}/remove/").context["form"]
    response = admin_client.post(f"/members/{membership.pk}/remove/", form_data(form))
    assert "last administrator of Demo Council" in error_summary(response)
    assert membership_of(admin).role == "admin"


def test_removing_a_member(admin_client, officer):
    membership = membership_of(officer)
    form = admin_client.get(f"/members/{membership.pk}/remove/").context["form"]
    response = admin_client.post(f"/members/{membership.pk}/remove/", form_data(form), follow=True)
    assert "officer removed from Demo Council" in response.text
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_sign_in_page_links_to_a_password_reset_on_the_registers_layout(client, officer):
    officer.email = "officer@example.gov.uk"
    officer.save()
    assert 'href="/accounts/password_reset/"' in client.get("/accounts/login/").text
    page = client.get("/accounts/password_reset/")
    assert "govuk-template" in page.text and "Reset your password" in page.text
    response = client.post("/accounts/password_reset/", {"email": "OFFICER@example.gov.uk"}, follow=True)
    assert "Check your email" in response.text
    link = link_in_last_email("officer@example.gov.uk")
    done = set_password_through(client, link.removeprefix("http://testserver"), "brand-new-secret-77")
    assert "Your password is set" in done.text
    assert signs_in(client, "officer", "brand-new-secret-77")


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, officer):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.gov.uk"}, follow=True)
    assert "Check your email" in response.text
    assert mail.outbox == []


def test_a_member_who_never_set_a_password_can_still_ask_for_a_link(client, council):
    membership_add(
        organisation=council, username="invited", email="invited@example.gov.uk", role="viewer", site_url="http://x/"
    )  # its own email is never sent: the test does not run on-commit callbacks
    assert mail.outbox == []
    client.post("/accounts/password_reset/", {"email": "invited@example.gov.uk"})
    set_password_through(
        client, link_in_last_email("invited@example.gov.uk").removeprefix("http://testserver"), "pw-x-123456"
    )
    assert signs_in(client, "invited", "pw-x-123456")


class TestDjangoAdmin:
    def test_the_last_administrator_cannot_be_demoted_there(self, admin_client, admin, council):
        membership = membership_of(admin)
        url = f"/admin/registry/membership/{membership.pk}/change/"
        body = {"user": admin.pk, "organisation": council.pk, "role": "viewer", "is_active": "on"}
        response = admin_client.post(url, body)
        assert response.status_code == 200
        assert "last administrator of Demo Council" in response.text
        assert membership_of(admin).role == "admin"

    def test_the_last_administrator_cannot_be_deleted_there(self, admin_client, admin):
        membership = membership_of(admin)
        response = admin_client.post(
            f"/admin/registry/membership/{membership.pk}/delete/", {"post": "yes"}, follow=True
        )
        assert response.status_code == 200
        assert "last administrator of Demo Council" in response.text
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_nor_among_selected_members(self, admin_client, admin, officer):
        ids = [membership_of(admin).pk, membership_of(officer).pk]
        response = admin_client.post(
            "/admin/registry/membership/",
            {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
            follow=True,
        )
        assert "last administrator of Demo Council" in response.text
        assert Membership.objects.filter(pk__in=ids).count() == 2, "nothing is deleted when one is refused"
