"""Sign-in throttling (django-axes) through the sign-in page, as a browser posts it, and its log lines."""

import json
import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from core.logs import JSONFormatter
from registry.choices import Role
from tests import factories

LOGIN = "/accounts/login/"
PASSWORD = "pw-12345"


@pytest.fixture
def member(council):
    return factories.user_with_role(council, Role.OFFICER, username="alice", password=PASSWORD)


def sign_in(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times: int, username: str = "alice", address: str = "10.0.0.1"):
    return [sign_in(client, username, "wrong", address) for _ in range(times)][-1]


def events(caplog, name: str) -> list[dict]:
    """The fields of each log line of the event ``name``, and its level."""
    return [
        {**record.fields, "level": record.levelno}
        for record in caplog.records
        if getattr(record, "event", None) == name
    ]


def test_the_right_password_signs_in_and_is_logged(client, member, caplog):
    caplog.set_level(logging.INFO)
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    [record] = events(caplog, "sign_in")
    assert record["username"] == "alice" and record["address"] == "10.0.0.1"


def test_a_wrong_password_is_refused_and_logged(client, member, caplog):
    caplog.set_level(logging.INFO)
    response = fail(client, 1)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    [record] = events(caplog, "sign_in.failed")
    assert (record["username"], record["address"], record["locked"]) == ("alice", "10.0.0.1", False)
    assert record["level"] == logging.WARNING


def test_five_failures_lock_the_account_and_the_page_says_until_when(client, member, settings, caplog):
    caplog.set_level(logging.INFO)
    assert fail(client, 4).status_code == 200  # four: still allowed to try
    response = fail(client, 1)
    assert response.status_code == 429
    assert response.templates[0].name == "registration/login.html"  # the GOV.UK sign-in page, not a bare 403
    content = response.content.decode()
    assert "This account is locked after too many failed sign-ins" in content
    until = timezone.localtime(AccessAttempt.objects.get(username="alice").attempt_time + timedelta(minutes=15))
    assert f"Try again after {until:%-I:%M}" in content
    assert response["Content-Security-Policy"]
    [lockout] = events(caplog, "sign_in.locked_out")
    assert (lockout["username"], lockout["address"]) == ("alice", "10.0.0.1")
    assert lockout["locked_until"] == (until).isoformat()


def test_the_right_password_during_the_lock_does_not_sign_in(client, member):
    fail(client, 5)
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "This account is locked" in response.content.decode()


def test_tries_during_the_lock_do_not_extend_it(client, member):
    fail(client, 5)
    locked_at = AccessAttempt.objects.get(username="alice").attempt_time
    fail(client, 3)
    assert AccessAttempt.objects.get(username="alice").attempt_time == locked_at


def test_the_lock_is_for_one_username_from_one_address(client, member, council):
    factories.user_with_role(council, Role.VIEWER, username="bob", password=PASSWORD)
    fail(client, 5)
    # The same username from another address, and another username from the same address, still sign in.
    assert sign_in(client, "alice", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert sign_in(client, "bob", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, member):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_the_limit_and_cool_off_come_from_the_settings(client, member, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    assert fail(client, 2).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=2))
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_an_admin_unlocks_with_the_command(client, member):
    fail(client, 5)
    call_command("axes_reset_username", "alice")
    assert sign_in(client, "alice", PASSWORD).status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, member):
    fail(client, 4)
    assert sign_in(client, "alice", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, 4).status_code == 200


def test_admins_see_the_lockouts_in_the_admin(client, member):
    fail(client, 5)
    client.force_login(factories.superuser())
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    assert "alice" in response.content.decode()


def test_the_json_formatter_writes_one_line_with_the_event_fields():
    record = logging.LogRecord("cctv.signin", logging.WARNING, __file__, 1, "sign_in.failed", None, None)
    record.event, record.fields = "sign_in.failed", {"username": "alice", "address": "10.0.0.1"}
    line = JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["event"] == "sign_in.failed" and entry["username"] == "alice" and entry["address"] == "10.0.0.1"
    assert entry["level"] == "WARNING" and entry["logger"] == "cctv.signin" and entry["time"]


def test_the_session_lasts_eight_hours_by_default(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
