import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from registry.models import Membership, Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_add_organisation_creates_it_with_its_jurisdiction(capsys):
    call_command("add_organisation", "highland", "Highland Council", "--jurisdiction", "scotland")
    organisation = Organisation.objects.get(slug="highland")
    assert (organisation.name, organisation.jurisdiction) == ("Highland Council", "scotland")
    assert organisation.default_camera_lifespan_years == 10
    assert "Created Highland Council" in capsys.readouterr().out


def test_add_organisation_defaults_to_england_and_wales():
    call_command("add_organisation", "leeds", "Leeds City Council")
    assert Organisation.objects.get(slug="leeds").jurisdiction == "england-wales"


def test_add_organisation_refuses_a_duplicate_slug():
    call_command("add_organisation", "leeds", "Leeds City Council")
    with pytest.raises(CommandError, match="'leeds' already exists"):
        call_command("add_organisation", "leeds", "Another")
    assert Organisation.objects.count() == 1


def test_add_organisation_refuses_an_invalid_slug():
    with pytest.raises(CommandError, match="slug"):
        call_command("add_organisation", "not a slug!", "Bad")
    assert not Organisation.objects.exists()


def test_add_organisation_refuses_an_unknown_jurisdiction():
    with pytest.raises(CommandError, match="jurisdiction"):
        call_command("add_organisation", "x", "X", "--jurisdiction", "wales-only")


def test_add_member_creates_the_user_with_the_password_from_the_environment(monkeypatch):
    council = factories.organisation(slug="leeds")
    monkeypatch.setenv("CCTV_PASSWORD", "s3cret-pass")
    call_command("add_member", "alice", "leeds", "officer")
    alice = get_user_model().objects.get(username="alice")
    assert alice.check_password("s3cret-pass")
    assert alice.is_staff and not alice.is_superuser
    assert Membership.objects.get(user=alice, organisation=council).role == "officer"


def test_add_member_without_a_password_gives_an_unusable_one(monkeypatch):
    factories.organisation(slug="leeds")
    monkeypatch.delenv("CCTV_PASSWORD", raising=False)
    call_command("add_member", "bob", "leeds", "viewer")
    assert not get_user_model().objects.get(username="bob").has_usable_password()


def test_add_member_is_idempotent_and_changes_the_role(monkeypatch):
    factories.organisation(slug="leeds")
    monkeypatch.setenv("CCTV_PASSWORD", "first-pass")
    call_command("add_member", "alice", "leeds", "viewer")
    monkeypatch.delenv("CCTV_PASSWORD")
    call_command("add_member", "alice", "leeds", "viewer")
    call_command("add_member", "alice", "leeds", "admin")
    alice = get_user_model().objects.get(username="alice")
    assert alice.check_password("first-pass"), "re-running without a password keeps the existing one"
    assert list(Membership.objects.filter(user=alice).values_list("role", flat=True)) == ["admin"]


def test_add_member_cannot_demote_the_last_administrator():
    factories.organisation(slug="leeds")
    call_command("add_member", "alice", "leeds", "admin")
    with pytest.raises(CommandError, match="last administrator"):
        call_command("add_member", "alice", "leeds", "viewer")
    assert Membership.objects.get(user__username="alice").role == "admin"


def test_add_member_refuses_an_unknown_role():
    factories.organisation(slug="leeds")
    with pytest.raises(CommandError, match="Unknown role 'boss'"):
        call_command("add_member", "alice", "leeds", "boss")
    assert not get_user_model().objects.filter(username="alice").exists()


def test_add_member_refuses_an_unknown_organisation():
    with pytest.raises(CommandError, match="No organisation with slug 'nowhere'"):
        call_command("add_member", "alice", "nowhere", "viewer")


def test_add_member_refuses_an_invalid_username():
    factories.organisation(slug="leeds")
    with pytest.raises(CommandError, match="Username 'a b'"):
        call_command("add_member", "a b", "leeds", "viewer")


def test_drf_create_token_works_for_a_member():
    council = factories.organisation(slug="leeds")
    factories.user_with_role(council, "viewer", username="api-client")
    call_command("drf_create_token", "api-client")
    from rest_framework.authtoken.models import Token

    assert Token.objects.filter(user__username="api-client").exists()
