"""The member services: adding (with the email), changing, removing, and the organisation's last administrator."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from registry.models import Membership
from registry.policy import Action, user_may
from registry.services import membership_add, membership_delete, membership_update
from tests import factories
from tests.pages import signs_in
from tests.registry.members import link_in_last_email, set_password_through

SITE = "https://register.example.gov.uk/"


@pytest.fixture
def admin(council):
    return factories.user_with_role(council, "admin", username="council-admin")


def membership_of(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def test_a_new_member_is_emailed_a_link_that_sets_their_password(
    client, council, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add(
            organisation=council, username="j.smith", email="j.smith@example.gov.uk", role="officer", site_url=SITE
        )
    user = membership.user
    assert not user.has_usable_password()
    assert (membership.role, membership.is_active, user.email) == ("officer", True, "j.smith@example.gov.uk")
    assert len(mail.outbox) == 1
    assert "Demo Council" in mail.outbox[0].subject
    link = link_in_last_email("j.smith@example.gov.uk")
    assert link.startswith("https://register.example.gov.uk/accounts/reset/")
    set_password_through(client, link.removeprefix("https://register.example.gov.uk"), "a-long-new-password-42")
    assert signs_in(client, "j.smith", "a-long-new-password-42")


def test_nothing_is_emailed_when_the_addition_is_rolled_back(council, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        membership_add(organisation=council, username="x", email="x@example.gov.uk", role="chief", site_url=SITE)
    assert callbacks == [] and mail.outbox == []
    assert not get_user_model().objects.filter(username="x").exists()


def test_an_existing_user_joins_with_their_own_password_and_is_told(
    council, other_council, django_capture_on_commit_callbacks
):
    theirs = factories.user_with_role(other_council, "officer", username="shared", password="their-own-pw-1")
    theirs.email = "shared@example.gov.uk"
    theirs.save()
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add(organisation=council, username="shared", email="", role="viewer", site_url=SITE)
    assert membership.user == theirs
    theirs.refresh_from_db()
    assert theirs.check_password("their-own-pw-1")
    assert "added you" in mail.outbox[0].body and "/accounts/reset/" not in mail.outbox[0].body


def test_an_existing_user_keeps_their_email(council, other_council):
    factories.user_with_role(other_council, "officer", username="shared")
    with pytest.raises(ValidationError) as error:
        membership_add(
            organisation=council, username="shared", email="mine@example.gov.uk", role="viewer", site_url=SITE
        )
    assert list(error.value.message_dict) == ["email"]


@pytest.mark.parametrize(
    ("username", "email", "role", "field"),
    [
        ("officer", "o@example.gov.uk", "viewer", "username"),  # already a member here
        ("new person", "n@example.gov.uk", "viewer", "username"),  # a space is not allowed
        ("newbie", "not-an-email", "viewer", "email"),
        ("newbie", "", "viewer", "email"),  # a new user needs somewhere to receive the link
        ("newbie", "n@example.gov.uk", "chief", "role"),
    ],
)
def test_bad_additions_are_refused_at_the_field(council, officer, username, email, role, field):
    with pytest.raises(ValidationError) as error:
        membership_add(organisation=council, username=username, email=email, role=role, site_url=SITE)
    assert field in error.value.message_dict


def test_the_last_administrator_can_be_neither_demoted_deactivated_moved_nor_removed(council, other_council, admin):
    membership = membership_of(admin, council)
    for changes, field in [
        ({"role": "officer"}, "role"),
        ({"is_active": False}, "is_active"),
        ({"organisation": other_council}, "organisation"),
    ]:
        with pytest.raises(ValidationError) as error:
            membership_update(membership=membership, **changes)
        assert field in error.value.message_dict, changes
        assert "last administrator" in error.value.message_dict[field][0]
        membership.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        membership_delete(membership=membership)
    assert "role" in error.value.message_dict
    membership.refresh_from_db()
    assert (membership.role, membership.is_active, membership.organisation) == ("admin", True, council)


def test_an_inactive_administrator_does_not_count(council, admin):
    second = membership_of(factories.user_with_role(council, "admin"), council)
    membership_update(membership=second, is_active=False)
    with pytest.raises(ValidationError):
        membership_update(membership=membership_of(admin, council), role="viewer")


def test_with_another_administrator_one_can_step_down(council, admin):
    factories.user_with_role(council, "admin")
    saved = membership_update(membership=membership_of(admin, council), role="viewer")
    assert saved.changed == ("role",)
    membership_delete(membership=membership_of(admin, council))
    assert not Membership.objects.filter(user=admin).exists()


def test_other_members_come_and_go_freely(council, admin, officer):
    membership = membership_of(officer, council)
    assert membership_update(membership=membership, role="admin").changed == ("role",)
    membership_delete(membership=membership)


def test_a_deactivated_member_may_do_nothing_there_but_keeps_other_organisations(council, other_council, officer):
    factories.user_with_role(council, "admin")
    membership_set_elsewhere = factories.user_with_role(other_council, "officer", username=officer.username)
    assert membership_set_elsewhere == officer
    membership_update(membership=membership_of(officer, council), is_active=False)
    officer = get_user_model().objects.get(pk=officer.pk)  # a fresh user: the policy caches memberships on it
    assert not user_may(user=officer, action=Action.VIEW, record=council)
    assert user_may(user=officer, action=Action.CHANGE, record=other_council)
    assert officer.is_active


def test_email_changes_only_for_a_member_of_this_organisation_alone(council, other_council, officer):
    membership = membership_of(officer, council)
    assert membership_update(membership=membership, email="new@example.gov.uk").changed[-1] == "email"
    officer.refresh_from_db()
    assert officer.email == "new@example.gov.uk"
    factories.user_with_role(other_council, "viewer", username=officer.username)
    with pytest.raises(ValidationError) as error:
        membership_update(membership=membership_of(officer, council), email="takeover@example.com")
    assert "email" in error.value.message_dict
    officer.refresh_from_db()
    assert officer.email == "new@example.gov.uk"


def test_every_member_change_is_in_the_history(council, admin, officer):
    membership = membership_of(officer, council)
    pk = membership.pk
    membership_update(membership=membership, role="viewer", reason="Moved to reception")
    membership_delete(membership=membership)
    history = Membership.history.filter(id=pk).order_by("history_date")
    assert [(entry.history_type, entry.role) for entry in history] == [
        ("+", "officer"),
        ("~", "viewer"),
        ("-", "viewer"),
    ]
    assert history[1].history_change_reason == "Moved to reception"
