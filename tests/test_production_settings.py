"""The production configuration (README, "Production"): `check --deploy` finds nothing to warn about, and the
settings a security review reads come from the environment. Run in a subprocess, as the server starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-key-that-is-long-and-random-" + "x9Q2v7Lm4Rt8Wz1Kp6Yb3Nc5Hd0Jf" * 2,
    "ALLOWED_HOSTS": "register.example.gov.uk",
}


def manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    # Only what the server would have: nothing of the test run's own environment (CCTV_TESTING, the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE) leaks in.
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION, **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def production_settings(*names: str, **environment: str) -> dict:
    values = f"{{name: getattr(settings, name) for name in {names!r}}}"
    code = f"import json; from django.conf import settings; print(json.dumps({values}, default=str))"
    result = manage("shell", "-v", "0", "-c", code, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_prints_no_warning_with_the_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_warns_when_the_configuration_is_weakened():
    # The test above could not pass by the check finding nothing at all: without HSTS it warns.
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_production_sends_hsts_for_a_year_and_secure_cookies():
    values = production_settings(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_AGE",
    )
    assert values == {
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_AGE": 8 * 60 * 60,
    }


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SESSION_COOKIE_AGE": "1800"}, {"SESSION_COOKIE_AGE": 1800}),
        ({"AXES_FAILURE_LIMIT": "3", "AXES_COOLOFF": "30"}, {"AXES_FAILURE_LIMIT": 3, "AXES_COOLOFF_TIME": "0:30:00"}),
        ({"SECURE_COOKIES": "false"}, {"SESSION_COOKIE_SECURE": False, "SECURE_HSTS_SECONDS": 0}),
        ({"PUBLIC_API_DOCS": "1"}, {"PUBLIC_API_DOCS": True}),
    ],
)
def test_the_environment_sets_them(environment, expected):
    assert production_settings(*expected, **environment) == expected


def test_throttle_rates_come_from_the_environment():
    values = production_settings(
        "REST_FRAMEWORK", API_THROTTLE_USER="10/second", API_THROTTLE_ANON="5/hour", API_THROTTLE_PUBLIC="7/minute"
    )
    rates = {"user": "10/second", "anon": "5/hour", "public": "7/minute"}
    assert values["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == rates
