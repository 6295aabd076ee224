"""The one permission policy: each role's actions, asked directly and through Django's has_perm."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from registry.choices import Role
from registry.policy import Action, organisations_where_user_may, user_may
from registry.rules import PERMISSIONS
from tests import factories

# Written out again here, not read from the policy, so a change to the table has to be a deliberate one.
EXPECTED = {
    Role.VIEWER: {Action.VIEW},
    Role.FOI: {Action.VIEW, Action.MANAGE_FOI, Action.VIEW_CHANGES},
    Role.OFFICER: {Action.VIEW, Action.ADD, Action.CHANGE},
    Role.ADMIN: set(Action),
}

# One permission name per action, as the views, the API and the services ask them.
NAME_FOR = {
    Action.VIEW: "registry.view_site",
    Action.ADD: "assets.add_camera",
    Action.CHANGE: "registry.change_site",
    Action.DELETE: "assets.delete_camera",
    Action.MANAGE_FOI: "foi.manage_foirequest",
    Action.OVERRIDE_PROCUREMENT_POLICY: "assets.override_procurement_policy",
    Action.MANAGE_MEMBERS: "registry.manage_members",
    Action.CHANGE_SETTINGS: "registry.change_organisation",
    Action.VIEW_CHANGES: "registry.view_changes",
}

ROLE_ACTION = [(role, action) for role in EXPECTED for action in Action]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action"), ROLE_ACTION)
def test_each_role_may_do_its_actions_in_its_own_organisation(council, library, role, action):
    user = factories.user_with_role(council, role)
    allowed = action in EXPECTED[role]
    assert user_may(user=user, action=action, record=council) is allowed
    assert user_may(user=user, action=action, record=library) is allowed
    assert user_may(user=user, action=action) is allowed
    assert user.has_perm(NAME_FOR[action], library) is allowed
    assert list(organisations_where_user_may(user=user, action=action)) == ([council] if allowed else [])


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action"), ROLE_ACTION)
def test_no_role_reaches_another_organisation(council, other_council, role, action):
    user = factories.user_with_role(council, role)
    elsewhere = factories.site(other_council)
    assert user_may(user=user, action=action, record=other_council) is False
    assert user_may(user=user, action=action, record=elsewhere) is False
    assert user.has_perm(NAME_FOR[action], elsewhere) is False


@pytest.mark.django_db
def test_a_role_counts_only_in_the_organisation_that_gave_it(council, other_council, library):
    user = factories.user_with_role(council, Role.VIEWER, username="two-hats")
    factories.user_with_role(other_council, Role.ADMIN, username="two-hats")
    user.refresh_from_db()
    elsewhere = factories.site(other_council)
    assert not user.has_perm("registry.change_site", library)
    assert user.has_perm("assets.delete_camera", elsewhere)
    assert list(organisations_where_user_may(user=user, action=Action.CHANGE)) == [other_council]
    assert set(organisations_where_user_may(user=user, action=Action.VIEW)) == {council, other_council}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(Action))
def test_a_superuser_may_do_everything_everywhere(council, other_council, action):
    root = factories.superuser()
    elsewhere = factories.site(other_council)
    assert user_may(user=root, action=action, record=elsewhere)
    assert user_may(user=root, action=action)
    assert root.has_perm(NAME_FOR[action], elsewhere)
    assert set(organisations_where_user_may(user=root, action=action)) == {council, other_council}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(Action))
def test_an_inactive_user_may_do_nothing(council, library, action):
    user = factories.user_with_role(council, Role.ADMIN)
    user.is_active = False
    user.save()
    assert not user_may(user=user, action=action, record=library)
    assert not user.has_perm(NAME_FOR[action], library)
    assert not organisations_where_user_may(user=user, action=action).exists()


@pytest.mark.django_db
def test_an_inactive_superuser_may_do_nothing(library):
    root = factories.superuser()
    root.is_active = False
    root.save()
    assert not root.has_perm("registry.change_site", library)
    assert not user_may(user=root, action=Action.VIEW, record=library)


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(Action))
def test_an_anonymous_user_may_do_nothing(library, action):
    anonymous = AnonymousUser()
    assert not user_may(user=anonymous, action=action, record=library)
    assert not anonymous.has_perm(NAME_FOR[action], library)
    assert not organisations_where_user_may(user=anonymous, action=action).exists()


@pytest.mark.django_db
def test_asking_about_many_records_reads_the_memberships_once(council, django_assert_num_queries):
    user = factories.user_with_role(council, Role.OFFICER)
    sites = [factories.site(council) for _ in range(5)]
    with django_assert_num_queries(1):
        for site in sites:
            assert user.has_perm("registry.change_site", site)
            assert not user.has_perm("registry.delete_site", site)


def test_every_permission_name_is_registered_for_an_action():
    assert set(NAME_FOR.values()) <= set(PERMISSIONS)
    for name, action in PERMISSIONS.items():
        assert rules.perm_exists(name), name
        assert action in Action


@pytest.mark.django_db
def test_the_api_refuses_a_role_in_its_own_words_before_reading_the_body(council, library, api_client_for):
    viewer = api_client_for(factories.user_with_role(council, Role.VIEWER))
    officer = api_client_for(factories.user_with_role(council, Role.OFFICER))
    edit_denied = "Your role does not allow changes here: officers and administrators edit the register."
    delete_denied = "Only an administrator of the organisation may delete; decommission a camera instead."
    foi_denied = "Only the organisation's FOI officers and administrators can change FOI requests."
    refusals = [
        (viewer.post("/api/v1/sites/", {"name": ""}, format="json"), edit_denied),
        (viewer.patch(f"/api/v1/sites/{library.pk}/", {"category": "nowhere"}, format="json"), edit_denied),
        (officer.delete(f"/api/v1/sites/{library.pk}/"), delete_denied),
        (officer.post("/api/v1/foi/requests/", {}, format="json"), foi_denied),
    ]
    for response, words in refusals:
        assert (response.status_code, response.json()) == (403, {"detail": words})


@pytest.mark.django_db
def test_the_api_checks_the_organisation_named_in_the_body(council, other_council, api_client_for):
    user = factories.user_with_role(council, Role.OFFICER, username="mixed")
    factories.user_with_role(other_council, Role.VIEWER, username="mixed")
    response = api_client_for(user).post(
        "/api/v1/sites/", {"name": "Depot", "category": "depot", "organisation": "other-council"}, format="json"
    )
    assert (response.status_code, response.json()["detail"]) == (
        403,
        "Your role does not allow changes here: officers and administrators edit the register.",
    )
