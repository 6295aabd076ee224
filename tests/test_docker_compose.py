"""docker-compose.yml, read as Compose reads it with an empty .env: no insecure default survives."""

import re
from pathlib import Path

import pytest
import yaml

from config.settings import env_bool

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<kind>:-|:\?)(?P<rest>[^}]*))?\}")


class Required(Exception):
    pass


def interpolate(value: str) -> str:
    """``${X:-default}`` gives the default and ``${X:?message}`` refuses, as Compose does when X is unset."""

    def one(match: re.Match) -> str:
        if match["kind"] == ":?":
            raise Required(match["name"])
        return match["rest"] or ""

    return VARIABLE.sub(one, str(value))


@pytest.fixture
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_cookies_are_secure_unless_the_env_file_says_otherwise(services, monkeypatch):
    monkeypatch.setenv("SECURE_COOKIES", interpolate(services["app"]["environment"]["SECURE_COOKIES"]))
    assert env_bool("SECURE_COOKIES") is True


def test_debug_is_off_and_cannot_be_switched_on_from_the_env_file(services, monkeypatch):
    debug = services["app"]["environment"]["DEBUG"]
    assert "$" not in str(debug)
    monkeypatch.setenv("DEBUG", str(debug))
    assert env_bool("DEBUG") is False


@pytest.mark.parametrize(
    ("service", "variable"),
    [("app", "SECRET_KEY"), ("app", "DATABASE_URL"), ("db", "POSTGRES_PASSWORD")],
)
def test_secrets_have_no_published_default(services, service, variable):
    with pytest.raises(Required):
        interpolate(services[service]["environment"][variable])


def test_the_database_is_not_published_on_the_host(services):
    assert "ports" not in services["db"]


@pytest.mark.parametrize("service", ["app", "worker", "beat", "migrate"])
def test_every_process_of_the_app_has_the_same_secrets_database_and_broker(services, service):
    environment = services[service]["environment"]
    assert environment == services["app"]["environment"]
    with pytest.raises(Required):
        interpolate(environment["SECRET_KEY"])
    assert interpolate(environment["CELERY_BROKER_URL"]).startswith("redis://redis:6379/")
    assert interpolate(environment["CACHE_URL"]).startswith("redis://redis:6379/")


def test_two_app_replicas_are_reached_only_through_nginx(services):
    assert services["app"]["deploy"]["replicas"] == 2
    assert "ports" not in services["app"]  # a replica's port on the host would bypass the load balancer
    assert services["nginx"]["ports"] == ["8000:8000"]
    mounted = {volume.split(":")[1]: volume.split(":")[0] for volume in services["nginx"]["volumes"]}
    config = (COMPOSE.parent / mounted["/etc/nginx/conf.d/default.conf"]).resolve().read_text()
    assert "server app:8000" in config and "proxy_pass http://cctv_app;" in config
    assert "proxy_set_header X-Forwarded-Proto" in config  # the app's SECURE_PROXY_SSL_HEADER reads it
    # An import (CCTV_IMPORT_MAX_BYTES, 10 MB) must reach the app, not be refused by nginx's 1 MB default.
    assert re.search(r"client_max_body_size 1[1-9]m;", config)


def test_the_replicas_never_migrate_themselves_at_once(services):
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    for service in ("app", "worker"):
        assert services[service]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "migrate" not in " ".join(services[service]["command"])


def test_a_worker_and_beat_run_the_celery_app(services):
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert "ports" not in services["redis"]
